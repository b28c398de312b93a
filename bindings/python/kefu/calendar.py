"""Calendar: one business calendar of a policy, and deadline arithmetic.

Example::

    office = policy.calendar("office")
    start = datetime(2026, 3, 2, 9, 0, tzinfo=timezone(timedelta(hours=8)))
    office.add(start, "3wd")        # 2026-03-05 10:00:00+00:00 (18:00 +08:00)
    office.add(start, {"at": "17:00"})
    office.elapsed(start, start + timedelta(hours=5))  # timedelta(hours=3.5)

    starts = numpy.array([...], dtype=numpy.int64)   # Unix seconds
    dues = office.add_many(starts, "3wd")            # one call into C

Specs are written as ``kefu due --duration`` takes them: "30m", "4h",
"3wd", "15d", "1mo", or a JSON object (a str or a Mapping) such as
{"at": "17:00"} or {"day_of_month": 15, "months_after": 1, "at": "16:00"}.

Thread safety: a Calendar is immutable; any number of threads may use one
at once (the array calls release the GIL while C works), but close() must
not race with another call on it.
"""

import datetime as _dt

from . import _convert
from ._ffi import ffi, lib
from ._handle import Handle
from .errors import Error, check, last_error
from .policy import Policy


class Calendar(Handle):
    """A business calendar (``kefu_calendar``) of a :class:`Policy`."""

    @staticmethod
    def _release(handle):
        lib.kefu_calendar_free(handle)

    def __init__(self, policy, name="24x7"):
        if not isinstance(policy, Policy):
            raise TypeError(f"policy: expected kefu.Policy, got "
                            f"{type(policy).__name__}")
        data = _convert.utf8(name, "name")
        out = ffi.new("kefu_calendar**")
        check(lib.kefu_calendar_get(out, policy._ptr(), data, len(data)))
        self._handle = out[0]
        self.name = name
        # The C handle would outlive the policy; the Python parent stays
        # reachable anyway, so `calendar.policy` always answers.
        self.policy = policy

    def add(self, start, spec):
        """The due instant of ``spec`` counted from ``start`` (an aware
        datetime), as an aware UTC datetime.

        Raises :class:`kefu.InvalidArgumentError` (a malformed spec, a naive
        datetime) or :class:`kefu.OutOfRangeError` (a year the calendar's
        holiday data does not cover).
        """
        t = _convert.to_unix(start, "start")
        data = _convert.spec_bytes(spec)
        due = ffi.new("int64_t*")
        check(lib.kefu_calendar_add(due, self._ptr(), t, data, len(data)))
        return _convert.from_unix(due[0])

    def elapsed(self, a, b):
        """The open time of the calendar in [a, b) as a timedelta, negative
        when b is before a.
        """
        ta = _convert.to_unix(a, "a")
        tb = _convert.to_unix(b, "b")
        seconds = ffi.new("int64_t*")
        check(lib.kefu_calendar_elapsed(seconds, self._ptr(), ta, tb))
        return _dt.timedelta(seconds=seconds[0])

    def add_many(self, starts, spec, *, out=None):
        """``add`` over an array, in one call into C (the spec parsed once).

        ``starts``: a numpy.int64 array of Unix seconds (a sequence of ints
        is converted; other dtypes are refused). Returns a new int64 array
        of the same shape, or fills ``out`` (int64, C-contiguous, same
        shape; may be ``starts`` itself) and returns it.

        On the first failing element ``i`` it raises the error of ``add``
        with ``e.index == i`` and ``e.path == "/i"``; ``out[:i]`` then hold
        their dues and the rest is untouched.
        """
        starts = _convert.int64_array(starts, "starts")
        result = _convert.out_array(out, starts.shape, "out")
        data = _convert.spec_bytes(spec)
        rc = lib.kefu_calendar_add_many(
            ffi.from_buffer("int64_t[]", result, require_writable=True),
            self._ptr(), ffi.from_buffer("int64_t[]", starts), starts.size,
            data, len(data))
        _check_element(rc)
        return result

    def elapsed_many(self, a, b, *, out=None):
        """``elapsed`` over arrays of equal shape, in one call into C:
        open seconds in [a[i], b[i]) as a new int64 array (or in ``out``,
        which may be ``a`` or ``b``). Failures as :meth:`add_many`.
        """
        a = _convert.int64_array(a, "a")
        b = _convert.int64_array(b, "b")
        if a.shape != b.shape:
            raise ValueError(f"a and b differ in shape: {a.shape} and {b.shape}")
        result = _convert.out_array(out, a.shape, "out")
        rc = lib.kefu_calendar_elapsed_many(
            ffi.from_buffer("int64_t[]", result, require_writable=True),
            self._ptr(), ffi.from_buffer("int64_t[]", a),
            ffi.from_buffer("int64_t[]", b), a.size)
        _check_element(rc)
        return result

    def __repr__(self):
        state = " closed" if self.closed else ""
        return f"<kefu.Calendar {self.name!r}{state}>"


def _check_element(rc):
    """check() for the array calls: the error also says which element."""
    if rc == lib.KEFU_OK:
        return
    error: Error = last_error(rc)
    error.index = None
    if error.path[1:].isdigit():
        error.index = int(error.path[1:])  # the C path is "/i"
    raise error
