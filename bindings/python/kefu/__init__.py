"""kefu: customer-service SLA rules for logistics, from Python.

A package over kefu's C ABI (``libkefu.so``, ``capi/kefu.h``) through cffi.
docs/python.md is the guide; in short::

    import datetime as dt
    import kefu

    CST = dt.timezone(dt.timedelta(hours=8))
    policy = kefu.Policy.from_file("examples/policies/reference.json")
    office = policy.calendar("office")
    office.add(dt.datetime(2026, 3, 2, 9, tzinfo=CST), "3wd")
    # datetime(2026, 3, 5, 10, 0, tzinfo=timezone.utc): 18:00 in +08:00

    engine = kefu.Engine(policy)
    engine.ingest('{"id":"e-1","type":"order.created",'
                  '"at":"2026-03-02T09:15:00+08:00","order":"WB123"}')
    engine.advance(dt.datetime(2026, 3, 2, 10, 15, tzinfo=CST))  # [dict, ...]

Instants go in as aware datetimes (a naive one is refused) and come out as
aware UTC datetimes; the array calls take numpy.int64 Unix seconds.
Failures raise :class:`kefu.Error` subclasses carrying the C error's code,
message, JSON pointer, event id and entity.
"""

from ._ffi import LIBRARY_PATH as library_path
from ._ffi import lib as _lib
from .calendar import Calendar
from .engine import BatchResult, Engine, Outcome
from .errors import (ClosedError, Code, Error, InternalError,
                     InvalidArgumentError, NotFoundError, OutOfRangeError,
                     PolicyError, RefusedError, VersionError)
from .policy import Policy
from .store import Store, Sync

__version__ = "0.1.0"


def version_number():
    """The loaded library's version, MAJOR * 10000 + MINOR * 100 + PATCH."""
    return _lib.kefu_version_number()


def abi_version():
    """The loaded library's ABI major version (its SONAME number)."""
    return _lib.kefu_abi_version()


__all__ = [
    "BatchResult", "Calendar", "ClosedError", "Code", "Engine", "Error",
    "InternalError", "InvalidArgumentError", "NotFoundError", "Outcome",
    "OutOfRangeError", "Policy", "PolicyError", "RefusedError", "Store",
    "Sync", "VersionError", "abi_version", "library_path", "version_number",
]
