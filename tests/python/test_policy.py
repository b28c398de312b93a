"""kefu.Policy: loading, errors with their JSON pointer, lifetime."""

import gc
import json

import pytest

import kefu

from conftest import REFERENCE_POLICY


def test_loads_a_file_and_reports_its_version(policy):
    assert policy.version == "cn-logistics-2026.1"
    assert repr(policy) == "<kefu.Policy 'cn-logistics-2026.1'>"


def test_loads_text_bytes_and_mappings():
    text = REFERENCE_POLICY.read_text(encoding="utf-8")
    for document in (text, text.encode(), json.loads(text)):
        with kefu.Policy.from_json(document) as p:
            assert p.version == "cn-logistics-2026.1"


def test_accepts_a_path_object(policy):
    with kefu.Policy.from_file(REFERENCE_POLICY) as p:  # a pathlib.Path
        assert p.version == policy.version


def test_an_invalid_policy_names_the_json_pointer():
    with pytest.raises(kefu.PolicyError) as e:
        kefu.Policy.from_json({"version": 1})
    assert e.value.code == kefu.Code.EPOLICY
    assert e.value.path == "/version"
    assert "version" in e.value.message
    assert isinstance(e.value, ValueError)


def test_a_syntax_error_gives_the_byte_offset():
    with pytest.raises(kefu.PolicyError, match="byte"):
        kefu.Policy.from_json('{"version": ')


def test_a_missing_file_is_not_found(tmp_path):
    with pytest.raises(kefu.NotFoundError) as e:
        kefu.Policy.from_file(tmp_path / "nope.json")
    assert e.value.code == kefu.Code.ENOTFOUND
    assert isinstance(e.value, LookupError)


def test_is_built_by_its_factories_only():
    with pytest.raises(TypeError, match="from_file"):
        kefu.Policy()


def test_close_is_idempotent_and_use_after_close_raises():
    p = kefu.Policy.from_file(REFERENCE_POLICY)
    p.close()
    p.close()
    assert p.closed
    assert repr(p) == "<kefu.Policy closed>"
    with pytest.raises(kefu.ClosedError, match="Policy is closed"):
        p.version
    with pytest.raises(kefu.ClosedError):
        p.calendar("office")
    with pytest.raises(kefu.ClosedError):
        with p:
            pass


def test_children_keep_working_after_the_policy_is_closed_or_collected():
    p = kefu.Policy.from_file(REFERENCE_POLICY)
    office = p.calendar("office")
    engine = kefu.Engine(p)
    assert office.policy is p and engine.policy is p  # the parent stays
    p.close()
    del p
    gc.collect()
    monday = 1772413200  # 2026-03-02T09:00:00+08:00
    assert office.elapsed_many([monday], [monday + 3600]).tolist() == [3600]
    engine.close()
    office.close()


def test_many_policies_come_and_go_without_leaking_handles():
    # The __del__ backstop frees what was never closed.
    for _ in range(200):
        kefu.Policy.from_file(REFERENCE_POLICY).calendar("24x7")
    gc.collect()
