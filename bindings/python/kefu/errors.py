"""kefu's errors as Python exceptions.

Every failing C call returns a negative ``kefu_error`` code and leaves the
details in the calling thread's last error; :func:`check` turns both into
one exception of the class for that code, all under :class:`Error`::

    try:
        calendar.add(start, "3 days")
    except kefu.InvalidArgumentError as e:
        e.code, e.message, e.path   # Code.EINVALID, "...", ""

Classes that describe a bad value also derive from ``ValueError`` (and
``NotFoundError`` from ``LookupError``), so generic handlers catch them too.
"""

import enum

from ._ffi import ffi, lib


class Code(enum.IntEnum):
    """``enum kefu_error`` (capi/kefu.h): append-only, never renumbered."""

    OK = lib.KEFU_OK
    ERROR = lib.KEFU_ERROR
    EINVALID = lib.KEFU_EINVALID
    EPOLICY = lib.KEFU_EPOLICY
    ERANGE = lib.KEFU_ERANGE
    ENOTFOUND = lib.KEFU_ENOTFOUND
    EREFUSED = lib.KEFU_EREFUSED
    EVERSION = lib.KEFU_EVERSION
    ENULL = lib.KEFU_ENULL


class Error(Exception):
    """A kefu error: what went wrong and where.

    Attributes:
      code: the :class:`Code` (an int; a code newer than this package stays
        a plain int).
      message: the library's message.
      path: the RFC 6901 JSON pointer of the value concerned ("/at",
        "/sla/1/target", "/3" for element 3 of an array call), or "".
      event: the id of the event concerned ("e-7"), or "".
      entity: the entity concerned ("order:WB123"), or "".
    """

    default_code = Code.ERROR

    def __init__(self, message, *, code=None, path="", event="", entity=""):
        super().__init__(message)
        self.code = self.default_code if code is None else code
        self.message = message
        self.path = path
        self.event = event
        self.entity = entity

    def __str__(self):
        where = []
        if self.path and self.path not in self.message:
            where.append(f"at {self.path}")
        if self.event and self.event not in self.message:
            where.append(f"event {self.event}")
        if self.entity and self.entity not in self.message:
            where.append(self.entity)
        return f"{self.message} ({', '.join(where)})" if where else self.message

    def __repr__(self):
        return f"{type(self).__name__}({self.message!r}, code={int(self.code)})"


class InternalError(Error):
    """KEFU_ERROR: an internal error or out of memory."""


class InvalidArgumentError(Error, ValueError):
    """KEFU_EINVALID: malformed input (a spec, an instant, an event)."""

    default_code = Code.EINVALID


class PolicyError(Error, ValueError):
    """KEFU_EPOLICY: the policy document is malformed or inconsistent."""

    default_code = Code.EPOLICY


class OutOfRangeError(Error, ValueError):
    """KEFU_ERANGE: the answer needs data the calendar does not have."""

    default_code = Code.ERANGE


class NotFoundError(Error, LookupError):
    """KEFU_ENOTFOUND: no such calendar, entity or file."""

    default_code = Code.ENOTFOUND


class RefusedError(Error):
    """KEFU_EREFUSED: a well-formed event the engine cannot accept."""

    default_code = Code.EREFUSED


class VersionError(Error):
    """KEFU_EVERSION: an options struct of a version the library lacks."""

    default_code = Code.EVERSION


class ClosedError(Error, ValueError):
    """KEFU_ENULL: a handle was missing; from Python, a closed object."""

    default_code = Code.ENULL


_BY_CODE = {
    Code.ERROR: InternalError,
    Code.EINVALID: InvalidArgumentError,
    Code.EPOLICY: PolicyError,
    Code.ERANGE: OutOfRangeError,
    Code.ENOTFOUND: NotFoundError,
    Code.EREFUSED: RefusedError,
    Code.EVERSION: VersionError,
    Code.ENULL: ClosedError,
}


def _last(accessor):
    length = ffi.new("size_t*")
    text = accessor(length)
    return ffi.unpack(text, length[0]).decode("utf-8", "replace")


def last_error(rc):
    """The exception for status ``rc`` from this thread's last error.

    Call it right after the failing call: the next status-returning kefu
    call on this thread replaces the last error.
    """
    try:
        code = Code(rc)
    except ValueError:
        code = rc
    return _BY_CODE.get(code, Error)(
        _last(lib.kefu_last_error_message),
        code=code,
        path=_last(lib.kefu_last_error_path),
        event=_last(lib.kefu_last_error_event),
        entity=_last(lib.kefu_last_error_entity))


def check(rc):
    """Raises the :class:`Error` for a failed call's status; 0 passes."""
    if rc != lib.KEFU_OK:
        raise last_error(rc)
