"""Values across the boundary: instants, strings in and out, JSON, arrays.

kefu's instants are whole Unix seconds. A naive ``datetime`` is civil time
(a wall clock in no particular zone), not an instant, so it is refused
rather than guessed at; results come back as aware UTC datetimes.
"""

import datetime as _dt
import json
import os
from collections.abc import Mapping

from ._ffi import ffi, lib
from .errors import InvalidArgumentError, check

_EPOCH = _dt.datetime(1970, 1, 1, tzinfo=_dt.timezone.utc)
_SECOND = _dt.timedelta(seconds=1)


def to_unix(value, what="instant"):
    """An aware datetime as Unix seconds (sub-second part floored)."""
    if not isinstance(value, _dt.datetime):
        raise TypeError(
            f"{what}: expected an aware datetime.datetime, got "
            f"{type(value).__name__}")
    if value.utcoffset() is None:
        raise InvalidArgumentError(
            f"{what}: naive datetime {value.isoformat()} has no UTC offset: "
            "it is a wall-clock time, not an instant; give it a tzinfo, e.g. "
            "value.replace(tzinfo=datetime.timezone(datetime.timedelta("
            "hours=8)))")
    return (value - _EPOCH) // _SECOND


def from_unix(seconds):
    """Unix seconds as an aware UTC datetime."""
    return _dt.datetime.fromtimestamp(seconds, _dt.timezone.utc)


def utf8(text, what):
    """str (encoded as UTF-8) or bytes-like, as bytes."""
    if isinstance(text, str):
        return text.encode("utf-8")
    if isinstance(text, (bytes, bytearray, memoryview)):
        return bytes(text)
    raise TypeError(f"{what}: expected str or bytes, got {type(text).__name__}")


def date_bytes(value, what="date"):
    """A civil date as "YYYY-MM-DD" bytes: a ``datetime.date`` or that text.

    A ``datetime.datetime`` is refused although it is a ``date``: its own
    date may not be the day the caller means in another calendar's zone, so
    the caller says which with ``.date()`` (or ``.astimezone(tz).date()``).
    """
    if isinstance(value, _dt.datetime):
        raise TypeError(
            f"{what}: expected a datetime.date or a 'YYYY-MM-DD' string, got "
            f"a datetime ({value.isoformat()}); pass its .date(), taken in "
            "the zone you mean")
    if isinstance(value, _dt.date):
        return value.isoformat().encode("ascii")
    if isinstance(value, str):
        return value.encode("utf-8")
    raise TypeError(f"{what}: expected a datetime.date or a 'YYYY-MM-DD' "
                    f"string, got {type(value).__name__}")


def path_bytes(path):
    return os.fsencode(path)


def _json_default(value):
    if isinstance(value, _dt.datetime):
        to_unix(value, "event instant")  # refuses a naive one
        value = value.replace(microsecond=0)
        if value.utcoffset() % _dt.timedelta(minutes=1):
            value = value.astimezone(_dt.timezone.utc)
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def json_bytes(value, what):
    """A JSON document: text as is, or a Mapping serialized.

    Aware datetimes inside a Mapping become ISO 8601 instants.
    """
    if isinstance(value, Mapping):
        return json.dumps(value, default=_json_default, ensure_ascii=False,
                          separators=(",", ":")).encode("utf-8")
    return utf8(value, what)


def spec_bytes(spec):
    """A due spec: "3wd" or a JSON object such as {"at": "17:00"}."""
    if type(spec) is str:  # the common case first: a Mapping check is slow
        return spec.encode("utf-8")
    if isinstance(spec, Mapping):
        return json_bytes(spec, "spec")
    return utf8(spec, "spec")


def take_string(call, *args):
    """Calls a kefu function whose first two parameters are (char** out,
    size_t* out_len) and returns the string, freed with kefu_free.
    """
    out = ffi.new("char**")
    length = ffi.new("size_t*")
    rc = call(out, length, *args)
    try:
        check(rc)
        return ffi.unpack(out[0], length[0]).decode("utf-8")
    finally:
        lib.kefu_free(out[0])  # NULL after a failure: a no-op


def numpy():
    """numpy, imported on first use: only the array calls need it."""
    import numpy as np  # noqa: PLC0415 (deferred on purpose)

    return np


def int64_array(values, what):
    """``values`` as a C-contiguous numpy.int64 array (no copy if it is one).

    Only int64 arrays (or Python sequences of ints) are taken: casting
    floats or datetime64 values would hide a unit mistake.
    """
    np = numpy()
    if isinstance(values, np.ndarray):
        if values.dtype != np.int64:
            hint = ""
            if np.issubdtype(values.dtype, np.datetime64):
                hint = (" (for datetime64 use "
                        "values.astype('datetime64[s]').view('int64'))")
            raise TypeError(
                f"{what}: expected a numpy.int64 array of Unix seconds, got "
                f"dtype {values.dtype}{hint}")
        return np.ascontiguousarray(values)
    return np.ascontiguousarray(np.asarray(values, dtype=np.int64))


def out_array(out, shape, what):
    """A caller's output array, checked: int64, C-contiguous, writable."""
    np = numpy()
    if out is None:
        return np.empty(shape, dtype=np.int64)
    if not isinstance(out, np.ndarray) or out.dtype != np.int64:
        raise TypeError(f"{what}: expected a numpy.int64 array")
    if out.shape != shape:
        raise ValueError(f"{what}: shape {out.shape}, expected {shape}")
    if not out.flags.c_contiguous or not out.flags.writeable:
        raise ValueError(f"{what}: must be C-contiguous and writable")
    return out
