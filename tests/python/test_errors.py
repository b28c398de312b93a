"""kefu.errors: codes to classes, what an error carries and prints."""

import pytest

import kefu
from kefu import errors


@pytest.mark.parametrize("code, cls, builtin", [
    (kefu.Code.ERROR, kefu.InternalError, None),
    (kefu.Code.EINVALID, kefu.InvalidArgumentError, ValueError),
    (kefu.Code.EPOLICY, kefu.PolicyError, ValueError),
    (kefu.Code.ERANGE, kefu.OutOfRangeError, ValueError),
    (kefu.Code.ENOTFOUND, kefu.NotFoundError, LookupError),
    (kefu.Code.EREFUSED, kefu.RefusedError, None),
    (kefu.Code.EVERSION, kefu.VersionError, None),
    (kefu.Code.ENULL, kefu.ClosedError, ValueError),
])
def test_each_code_has_its_class(code, cls, builtin):
    error = errors.last_error(int(code))
    assert type(error) is cls and isinstance(error, kefu.Error)
    assert error.code == code
    if builtin is not None:
        assert isinstance(error, builtin)
    assert cls("x").code == code  # raised from Python, the same code


def test_check_passes_ok_and_raises_the_last_error(policy):
    errors.check(kefu.Code.OK)
    from kefu._ffi import ffi, lib
    out = ffi.new("kefu_calendar**")
    rc = lib.kefu_calendar_get(out, policy._ptr(), b"nope", 4)
    with pytest.raises(kefu.NotFoundError, match='no calendar "nope"'):
        errors.check(rc)


def test_an_unknown_future_code_is_a_plain_error():
    error = errors.last_error(-99)
    assert type(error) is kefu.Error and error.code == -99


def test_the_version_check_of_options_structs():
    from kefu._ffi import ffi, lib
    options = ffi.new("kefu_engine_options*")
    with pytest.raises(kefu.VersionError):
        errors.check(lib.kefu_engine_options_init(options, 999))


def test_str_adds_the_location_the_message_lacks():
    e = kefu.RefusedError("too late", path="/at", event="e-1",
                          entity="order:WB1")
    assert str(e) == "too late (at /at, event e-1, order:WB1)"
    assert str(kefu.Error("order:WB1 is gone", entity="order:WB1")) == \
        "order:WB1 is gone"
    assert repr(e) == "RefusedError('too late', code=-6)"
