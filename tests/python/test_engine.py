"""kefu.Engine: events in, notifications out, queries, errors, lifetime."""

import datetime as dt
import json
import threading

import pytest

import kefu

from conftest import REFERENCE_POLICY, cst

CREATED = {"id": "e-1", "type": "order.created", "at": "2026-03-02T09:15:00+08:00",
           "order": "WB123", "attrs": {"tier": "C"}}


def test_ingest_then_advance_emits_warnings_and_the_breach(engine):
    assert engine.ingest(CREATED) is kefu.Outcome.ACCEPTED
    notes = engine.advance(cst(2026, 3, 2, 10, 15))
    assert [(n["kind"], n["seq"], n["sla"]) for n in notes] == [
        ("warning", 1, "order.confirm"), ("warning", 2, "order.confirm"),
        ("breach", 3, "order.confirm")]
    assert notes[0] == {
        "kind": "warning", "seq": 1, "at": "2026-03-02T09:45:00+08:00",
        "sla": "order.confirm", "entity": "order", "key": "WB123",
        "due": "2026-03-02T10:15:00+08:00", "fraction": 0.5}
    assert dt.datetime.fromisoformat(notes[2]["at"]) == cst(2026, 3, 2, 10, 15)
    # Nothing new, and the clock never goes back.
    assert engine.advance(cst(2026, 3, 2, 10, 15)) == []
    assert engine.advance(cst(2026, 3, 2, 9, 0)) == []


def test_events_as_text_bytes_or_mappings_with_datetimes(engine):
    event = dict(CREATED, at=cst(2026, 3, 2, 9, 15))
    assert engine.ingest(event) is kefu.Outcome.ACCEPTED
    # The same event again, however written, is a duplicate.
    assert engine.ingest(json.dumps(CREATED)) is kefu.Outcome.DUPLICATE
    assert engine.ingest(json.dumps(CREATED).encode()) is kefu.Outcome.DUPLICATE
    utc = dict(CREATED, at=dt.datetime(2026, 3, 2, 1, 15, tzinfo=dt.timezone.utc))
    assert engine.ingest(utc) is kefu.Outcome.DUPLICATE


def test_a_naive_datetime_in_an_event_is_refused(engine):
    with pytest.raises(kefu.InvalidArgumentError, match="naive"):
        engine.ingest(dict(CREATED, at=dt.datetime(2026, 3, 2, 9, 15)))
    with pytest.raises(kefu.InvalidArgumentError, match="naive"):
        engine.advance(dt.datetime(2026, 3, 2, 9, 15))


def test_refusals_carry_code_path_event_and_entity(engine):
    engine.ingest(CREATED)
    with pytest.raises(kefu.InvalidArgumentError, match="byte"):
        engine.ingest("{not json")
    with pytest.raises(kefu.InvalidArgumentError) as e:
        engine.ingest({"id": "e-5", "type": "order.confirmed",
                       "at": "2026-03-02T09:20:00", "order": "WB123"})
    assert (e.value.path, e.value.event, e.value.entity) == \
        ("/at", "e-5", "order:WB123")
    with pytest.raises(kefu.InvalidArgumentError) as e:
        engine.ingest({"id": "e-4", "type": "order.bogus",
                       "at": "2026-03-02T09:20:00+08:00", "order": "WB123"})
    assert e.value.path == "/type"
    with pytest.raises(kefu.RefusedError, match="state created") as e:
        engine.ingest({"id": "e-2", "type": "order.signed",
                       "at": "2026-03-02T09:20:00+08:00", "order": "WB123"})
    assert e.value.code == kefu.Code.EREFUSED and e.value.event == "e-2"
    with pytest.raises(kefu.RefusedError):  # the same id, other content
        engine.ingest(dict(CREATED, attrs={"tier": "B"}))
    with pytest.raises(kefu.NotFoundError) as e:
        engine.ingest({"id": "e-3", "type": "order.confirmed",
                       "at": "2026-03-02T09:20:00+08:00", "order": "WB999"})
    assert e.value.entity == "order:WB999"


def test_ingest_batch_reports_per_line(engine):
    lines = [CREATED, "", CREATED,
             {"id": "e-2", "type": "order.signed",
              "at": "2026-03-02T09:20:00+08:00", "order": "WB123"},
             "{not json",
             json.dumps({"id": "e-3", "type": "order.confirmed",
                         "at": "2026-03-02T09:20:00+08:00", "order": "WB123"},
                        indent=2)]  # pretty-printed: still one line
    result = engine.ingest_batch(lines)
    assert (result.accepted, result.duplicates, result.refused) == (2, 1, 2)
    assert [(r["line"], r["result"]) for r in result.results] == [
        (1, "ok"), (3, "duplicate"), (4, "refused"), (5, "refused"), (6, "ok")]
    refused = result.results[2]
    assert refused["code"] == kefu.Code.EREFUSED
    assert (refused["event"], refused["entity"]) == ("e-2", "order:WB123")
    assert result.results[3]["path"] is None


def test_ingest_batch_takes_jsonl_and_can_skip_the_report(engine):
    jsonl = json.dumps(CREATED) + "\r\n" + json.dumps(dict(CREATED, id="e-9",
                                                            order="WB9"))
    result = engine.ingest_batch(jsonl, report=False)
    assert result == kefu.BatchResult(2, 0, 0, None)
    assert engine.ingest_batch([]).results == []


def test_timers_of_and_due_before(engine):
    engine.ingest(CREATED)
    timers = engine.timers_of("order:WB123")
    confirm = timers[0]
    assert confirm["sla"] == "order.confirm" and confirm["state"] == "running"
    assert confirm["due_unix"] == 1772417700
    assert dt.datetime.fromisoformat(confirm["due"]) == cst(2026, 3, 2, 10, 15)
    due = engine.due_before(cst(2026, 3, 2, 10, 16))
    assert [t["sla"] for t in due] == ["order.confirm"]
    assert engine.due_before(cst(2026, 3, 2, 10, 0)) == []
    with pytest.raises(kefu.NotFoundError):
        engine.timers_of("order:WB999")
    with pytest.raises(kefu.InvalidArgumentError):
        engine.timers_of("parcel:WB123")


def test_explain_is_the_cli_json(engine):
    engine.ingest(CREATED)
    why = engine.explain("order:WB123")
    assert why["entity"] == "order" and why["key"] == "WB123"
    assert why["timers"]


def test_load_policy_swaps_the_policy_for_new_timers(engine):
    with kefu.Policy.from_file(REFERENCE_POLICY) as newer:
        engine.load_policy(newer)
        assert engine.policy is newer
        engine.ingest(CREATED)
    assert engine.timers_of("order:WB123")  # the engine kept what it needs


def test_migrate_moves_open_timers_to_the_new_version(engine):
    engine.ingest(CREATED)  # 09:15, order.confirm due 10:15 (1h)
    lax = kefu.Policy.from_json(
        {"version": "lax-1", "sla": [{"id": "order.confirm", "entity": "order",
                                      "start": "order.created", "stop": "order.confirmed",
                                      "target": "4h", "calendar": "24x7"}]})
    with lax:
        engine.load_policy(lax)
        report = engine.migrate()
    assert report["to_version"] == "lax-1"
    [confirm] = [c for c in report["changes"] if c["sla"] == "order.confirm"]
    assert confirm["what"] == "retargeted"
    assert confirm["from_version"] == "cn-logistics-2026.1"
    assert (confirm["due_before"], confirm["due_after"]) == (
        "2026-03-02T10:15:00+08:00", "2026-03-02T13:15:00+08:00")
    # lax-1 has no other order targets: the order's other open timers stop.
    assert all(c["what"] == "stopped" for c in report["changes"] if c is not confirm)
    assert report["examined"] == len(report["changes"]) + report["unchanged"]
    timers = {t["sla"]: t for t in engine.timers_of("order:WB123")}
    assert timers["order.confirm"]["policy_version"] == "lax-1"
    assert engine.migrate() == {"to_version": "lax-1", "examined": 0, "unchanged": 0,
                                "changes": []}


def test_closed_engine_raises(policy):
    engine = kefu.Engine(policy)
    engine.close()
    engine.close()
    assert repr(engine) == "<kefu.Engine closed>"
    with pytest.raises(kefu.ClosedError, match="Engine is closed"):
        engine.ingest(CREATED)
    with pytest.raises(kefu.ClosedError):
        engine.advance(cst(2026, 3, 2, 10))


def test_wrong_argument_types(engine, policy):
    with pytest.raises(TypeError, match="kefu.Policy"):
        kefu.Engine("reference.json")
    with pytest.raises(TypeError, match="kefu.Policy"):
        engine.load_policy(None)
    with pytest.raises(TypeError):
        engine.ingest(42)


def test_threads_may_share_an_engine(engine):
    def work(start):
        for i in range(start, start + 200):
            engine.ingest(dict(CREATED, id=f"e-{i}", order=f"WB{i}"))

    threads = [threading.Thread(target=work, args=(k * 1000,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    notes = engine.advance(cst(2026, 3, 2, 10, 15))
    assert sum(n["kind"] == "breach" for n in notes) == 800


def test_kpis_count_what_happened(engine):
    # October 2026: WB1 confirmed in 30 minutes, WB2 in 90 (ORD-1's hour
    # missed): order response 1 of 2, below the policy's 95%.
    for event in [
            {"id": "k-1", "type": "order.created", "at": "2026-10-12T10:00:00+08:00",
             "order": "WB1", "attrs": {"tier": "C"}},
            {"id": "k-2", "type": "order.confirmed", "at": "2026-10-12T10:30:00+08:00",
             "order": "WB1"},
            {"id": "k-3", "type": "order.created", "at": "2026-10-12T11:00:00+08:00",
             "order": "WB2", "attrs": {"tier": "C"}},
            {"id": "k-4", "type": "order.confirmed", "at": "2026-10-12T12:30:00+08:00",
             "order": "WB2"}]:
        engine.ingest(event)
    engine.advance(cst(2026, 11, 2, 0, 0))
    kpis = engine.kpis()
    assert kpis["policy"] == "cn-logistics-2026.1"
    october = next(m for m in kpis["months"] if m["month"] == "2026-10")
    response = october["tiers"]["all"]["order_response"]
    assert (response["numerator"], response["denominator"]) == (1, 2)
    assert response["value"] == 0.5
    assert response["missed"] is True
    assert october["tiers"]["C"]["order_response"]["denominator"] == 2


def test_kpis_of_a_fresh_engine_have_no_months(engine):
    assert engine.kpis()["months"] == []


# Claims, compensation and insurance: the story of tests/capi/capi_test.c,
# its figures those of the ReferencePolicy CL-3, CL-6, CMP-1 and INS-2
# tests. Order WB5008 is uninsured with freight 200.00; claim CL-6001 is for
# 700.00 (the first approval band: clerk, then supervisor), with a loss of
# 1000.00 and a 300.00 deduction agreed at delivery; WB-D1 is insured with
# us for 15 000.00, created at 00:10 on 2 November (+08:00).
CLAIM_STORY = [
    {"id": "o-3", "type": "order.created", "at": cst(2026, 11, 2, 0, 10),
     "order": "WB-D1", "customer": "C1",
     "attrs": {"insured": True, "insured_value_cents": 1500000}},
    {"id": "o-1", "type": "order.created", "at": cst(2026, 11, 2, 9, 0),
     "order": "WB5008", "customer": "C900", "attrs": {"freight_cents": 20000}},
    {"id": "o-2", "type": "order.confirmed", "at": cst(2026, 11, 2, 9, 10),
     "order": "WB5008"},
    {"id": "c-1", "type": "claim.created", "at": cst(2026, 11, 2, 10, 0),
     "claim": "CL-6001", "order": "WB5008",
     "attrs": {"deduction_cents": 30000, "loss_cents": 100000,
               "amount_cents": 70000}},
    {"id": "c-2", "type": "claim.investigation_started",
     "at": cst(2026, 11, 2, 10, 30), "claim": "CL-6001"},
    {"id": "c-3", "type": "claim.liability_determined",
     "at": cst(2026, 11, 2, 11, 0), "claim": "CL-6001"},
    {"id": "c-4", "type": "claim.reported", "at": cst(2026, 11, 3, 17, 0),
     "claim": "CL-6001"},
    {"id": "c-5", "type": "claim.signed_off", "at": cst(2026, 11, 3, 17, 30),
     "claim": "CL-6001",
     "attrs": {"role": "claims_clerk", "opinion": "approve"}},
    {"id": "c-10", "type": "claim.created", "at": cst(2026, 11, 3, 10, 0),
     "claim": "CL-6002", "order": "WB5008", "attrs": {"amount_cents": 10000}},
]

# The supervisor disagrees (CL-3), the arbitration approves, 300.00 paid.
CLAIM_STORY_END = [
    {"id": "c-6", "type": "claim.signed_off", "at": cst(2026, 11, 4, 9, 0),
     "claim": "CL-6001",
     "attrs": {"role": "cs_supervisor", "opinion": "reject"}},
    {"id": "c-7", "type": "claim.arbitrated", "at": cst(2026, 11, 4, 10, 0),
     "claim": "CL-6001", "attrs": {"decision": "approve"}},
    {"id": "c-8", "type": "claim.approved", "at": cst(2026, 11, 4, 11, 0),
     "claim": "CL-6001"},
    {"id": "c-9", "type": "claim.paid", "at": cst(2026, 11, 5, 10, 0),
     "claim": "CL-6001", "attrs": {"amount_cents": 30000}},
]


@pytest.fixture
def claims(engine):
    assert engine.ingest_batch(CLAIM_STORY).accepted == len(CLAIM_STORY)
    return engine


def test_claim_shows_the_sign_off_chain(claims):
    claim = claims.claim("CL-6001")
    assert claim["state"] == "signing"
    assert (claim["order"], claim["amount_cents"], claim["major"]) == \
        ("WB5008", 70000, False)
    assert claim["band"] == {"index": 1, "up_to_cents": 500000,
                             "roles": ["claims_clerk", "cs_supervisor"]}
    assert claim["signoffs"] == [
        {"role": "claims_clerk", "opinion": "approve", "event": "c-5"}]
    assert claim["next_role"] == "cs_supervisor"
    assert claim["decision"] is None

    assert claims.ingest_batch(CLAIM_STORY_END).accepted == 4
    paid = claims.claim("CL-6001")
    assert paid["state"] == "paid"
    assert paid["next_role"] is None
    assert (paid["disagreement"], paid["awaiting_arbitration"]) == (True, False)
    assert (paid["arbitration"], paid["decision"]) == ("approve", "approve")
    assert paid["paid_cents"] == 30000
    # Every key is there at every stage, None where there is no value.
    filed = claims.claim("CL-6002")
    assert filed.keys() == paid.keys()
    assert (filed["state"], filed["band"], filed["signoffs"]) == \
        ("filed", None, [])


def test_compensation_explains_its_arithmetic(claims):
    assert claims.compensation("CL-6001") == {
        "claim": "CL-6001", "basis": "uninsured", "cap_cents": 60000,
        "before_deduction_cents": 60000, "deduction_cents": 30000,
        "amount_cents": 30000,
        "steps": ["loss 1000.00",
                  "uninsured: cap 3 x freight 200.00 = 600.00; "
                  "min(loss, cap) = 600.00",
                  "less the deduction agreed at delivery 300.00: 300.00",
                  "pay 300.00"]}


def test_insurance_and_the_daily_insured_list(claims):
    assert claims.insurance("WB-D1") == {
        "order": "WB-D1", "insured": True, "reason": "insured_with_us",
        "never_insurable": False, "category": None, "value_cents": 1500000,
        "value_attribute": "insured_value_cents", "tracked": True,
        "tracking_reason": "insured_value_cents 1500000 > 1000000"}
    assert claims.insurance("WB5008")["insured"] is False
    listed = claims.insured_cargo_list(dt.date(2026, 11, 2))
    assert [o["order"] for o in listed] == ["WB-D1"]
    assert listed[0]["customer"] == "C1"
    assert dt.datetime.fromisoformat(listed[0]["created"]) == \
        cst(2026, 11, 2, 0, 10)
    assert listed[0]["created_unix"] == 1793549400
    assert claims.insured_cargo_list("2026-11-02") == listed
    assert claims.insured_cargo_list("2026-11-03") == []


def test_claim_query_errors(claims):
    with pytest.raises(kefu.NotFoundError) as e:
        claims.claim("CL-404")
    assert e.value.entity == "claim:CL-404"
    assert e.value.message == "claim:CL-404 does not exist"
    with pytest.raises(kefu.InvalidArgumentError, match="claim is empty"):
        claims.claim("")
    with pytest.raises(kefu.NotFoundError):
        claims.compensation("CL-404")
    with pytest.raises(kefu.InvalidArgumentError,
                       match="claim:CL-6002: no loss_cents") as e:
        claims.compensation("CL-6002")
    assert e.value.entity == "claim:CL-6002"
    with pytest.raises(kefu.NotFoundError) as e:
        claims.insurance("WB-404")
    assert e.value.entity == "order:WB-404"
    with pytest.raises(TypeError):
        claims.claim(6001)


def test_insured_cargo_list_date_errors(claims):
    with pytest.raises(kefu.InvalidArgumentError,
                       match="month 13 does not exist"):
        claims.insured_cargo_list("2026-13-01")
    with pytest.raises(kefu.InvalidArgumentError, match="day 31"):
        claims.insured_cargo_list("2026-11-31")
    with pytest.raises(kefu.InvalidArgumentError, match="YYYY-MM-DD"):
        claims.insured_cargo_list("2 November 2026")
    with pytest.raises(kefu.InvalidArgumentError):
        claims.insured_cargo_list("")
    # A datetime is a date in Python, but whose day? The caller says.
    with pytest.raises(TypeError, match=r"\.date\(\)"):
        claims.insured_cargo_list(cst(2026, 11, 2, 9, 0))
    with pytest.raises(TypeError):
        claims.insured_cargo_list(20261102)
