"""kefu.Store: journaled batches, the outbox, snapshots, reopening."""

import json

import pytest

import kefu

from conftest import REFERENCE_POLICY, cst
from test_engine import CLAIM_STORY, claims  # noqa: F401 (claims: a fixture)

EVENTS = [
    {"id": "e-1", "type": "order.created", "at": "2026-03-02T09:00:00+08:00",
     "order": "WB1", "attrs": {"tier": "C"}},
    {"id": "e-2", "type": "order.confirmed", "at": "2026-03-02T10:30:00+08:00",
     "order": "WB1"},
    {"id": "e-3", "type": "order.signed", "at": "2026-03-02T10:31:00+08:00",
     "order": "WB1"},
]


@pytest.fixture
def policy_text():
    return REFERENCE_POLICY.read_text()


def test_batch_outbox_ack_and_reopen(tmp_path, policy_text):
    path = tmp_path / "kefu.db"
    with kefu.Store(path, policy_text, synchronous=kefu.Sync.NORMAL) as store:
        result, released = store.ingest_batch(EVENTS, replay=True)
        assert (result.accepted, result.duplicates, result.refused) == (2, 0, 1)
        assert result.results[2]["result"] == "refused"
        assert [(n["kind"], n["seq"]) for n in released] == [
            ("warning", 1), ("warning", 2), ("breach", 3)]
        assert store.pending() == released
        store.ack(2)
        assert [n["seq"] for n in store.pending()] == [3]
        with pytest.raises(kefu.InvalidArgumentError):
            store.ack(9)
        assert store.snapshot() > 0
        assert store.advance(cst(2026, 3, 2, 12, 0)) == []
        assert store.timers_of("order:WB1")[0]["state"] == "stopped"
        before = store.state_json()
    # Reopened without the policy: the same state, the same outbox.
    with kefu.Store(path) as store:
        assert store.state_json() == before
        assert store.state()["entities"][0]["key"] == "WB1"
        assert [n["seq"] for n in store.pending()] == [3]
        # Already journaled: the same events again are duplicates.
        result, released = store.ingest_batch(
            "\n".join(json.dumps(e) for e in EVENTS[:2]))
        assert (result.accepted, result.duplicates) == (0, 2)
        assert released == []


def test_new_store_needs_a_policy_and_errors_carry_the_cause(tmp_path, policy_text):
    with pytest.raises(kefu.NotFoundError):
        kefu.Store(tmp_path / "new.db")
    with pytest.raises(kefu.PolicyError):
        kefu.Store(tmp_path / "bad.db", "{}")
    not_a_store = tmp_path / "text.db"
    not_a_store.write_text("this is no database, just text that is long enough\n" * 4)
    with pytest.raises(kefu.InvalidArgumentError) as e:
        kefu.Store(not_a_store, policy_text)
    assert "file is not a database" in str(e.value)
    store = kefu.Store(tmp_path / "closed.db", policy_text)
    store.close()
    with pytest.raises(kefu.ClosedError):
        store.pending()


def test_migrate_is_journaled(tmp_path, policy_text):
    path = tmp_path / "kefu.db"
    # The confirmation target cut from 1h to 45m in a second version.
    tighter = policy_text.replace(
        '"version": "cn-logistics-2026.1"', '"version": "cn-logistics-2026.2"').replace(
        '"target": "1h", "calendar": "cn-24x7", "warn_at": [0.5, 0.8]',
        '"target": "45m", "calendar": "cn-24x7", "warn_at": [0.5, 0.8]')
    assert tighter.count("cn-logistics-2026.2") == 1 and '"45m"' in tighter
    with kefu.Store(path, policy_text) as store:
        store.ingest_batch(EVENTS[:1])
        store.load_policy(tighter)
        report = store.migrate()
        assert report["to_version"] == "cn-logistics-2026.2"
        [confirm] = [c for c in report["changes"] if c["sla"] == "order.confirm"]
        assert confirm["what"] == "retargeted"
        assert confirm["due_before"] == "2026-03-02T10:00:00+08:00"
        assert confirm["due_after"] == "2026-03-02T09:45:00+08:00"
        before = store.state_json()
    with kefu.Store(path) as store:
        assert store.state_json() == before
        assert store.migrate()["examined"] == 0


def test_claim_queries_answer_as_the_engines(tmp_path, policy_text, claims):
    # `claims` (test_engine.py's fixture) is an engine that took the claim
    # story; a store that journals the same story answers the same after
    # a reopen.
    path = tmp_path / "kefu.db"
    with kefu.Store(path, policy_text) as store:
        result, _ = store.ingest_batch(CLAIM_STORY)
        assert result.accepted == len(CLAIM_STORY)
    with kefu.Store(path) as store:
        assert store.claim("CL-6001") == claims.claim("CL-6001")
        assert store.claim("CL-6001")["next_role"] == "cs_supervisor"
        assert store.compensation("CL-6001") == claims.compensation("CL-6001")
        assert store.insurance("WB-D1") == claims.insurance("WB-D1")
        assert store.insured_cargo_list("2026-11-02") == claims.insured_cargo_list("2026-11-02")
        with pytest.raises(kefu.NotFoundError) as e:
            store.claim("CL-404")
        assert e.value.entity == "claim:CL-404"
