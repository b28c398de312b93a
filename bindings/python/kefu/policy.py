"""Policy: a company's rules, parsed, validated and compiled.

Example::

    with kefu.Policy.from_file("examples/policies/reference.json") as policy:
        policy.version                 # "cn-logistics-2026.1"
        office = policy.calendar("office")

Thread safety: a Policy is immutable and may be used from any number of
threads at once; close() must not race with another call on it.
Calendars and engines made from a policy keep it alive (and the C library
lets them outlive its close()).
"""

from . import _convert
from ._ffi import ffi, lib
from ._handle import Handle
from .errors import check


class Policy(Handle):
    """A compiled policy (``kefu_policy``). Build one with
    :meth:`from_file` or :meth:`from_json`.
    """

    @staticmethod
    def _release(handle):
        lib.kefu_policy_free(handle)

    def __init__(self, _handle=None):
        if _handle is None:
            raise TypeError(
                "use kefu.Policy.from_file(path) or kefu.Policy.from_json(doc)")
        self._handle = _handle

    @classmethod
    def from_json(cls, document):
        """Parses a policy document: str, bytes, or a Mapping.

        Raises :class:`kefu.PolicyError` naming the JSON pointer of the
        first error (a syntax error gives its byte offset in the message).
        """
        data = _convert.json_bytes(document, "policy document")
        out = ffi.new("kefu_policy**")
        check(lib.kefu_policy_load(out, data, len(data)))
        return cls(out[0])

    @classmethod
    def from_file(cls, path):
        """Loads the policy file at ``path`` (str or os.PathLike).

        Raises :class:`kefu.NotFoundError` when there is no such file,
        :class:`kefu.PolicyError` as :meth:`from_json`.
        """
        data = _convert.path_bytes(path)
        out = ffi.new("kefu_policy**")
        check(lib.kefu_policy_load_file(out, data, len(data)))
        return cls(out[0])

    @property
    def version(self):
        """The document's "version" string."""
        return _convert.take_string(lib.kefu_policy_version, self._ptr())

    def calendar(self, name):
        """The business calendar ``name`` ("office"; "24x7" always exists)."""
        from .calendar import Calendar  # noqa: PLC0415 (import cycle)

        return Calendar(self, name)

    def __repr__(self):
        if self.closed:
            return "<kefu.Policy closed>"
        return f"<kefu.Policy {self.version!r}>"
