// The claims, insurance and compensation rules of DOMAIN.md (CL-1 .. CL-7,
// INS-1, INS-2, CMP-1) under the bundled reference policy,
// examples/policies/reference.json: one test per rule ID, each a short story
// of events whose notifications or query results were worked out by hand
// from DESIGN.md's contracts and the policy entries, never copied from the
// engine's output. docs/rules.md says which entries encode each rule.
//
// Dates are in November 2026, which has no statutory holiday: Monday 2
// November to Friday 6, Monday 9 to Friday 13 and so on are office days
// (08:30-12:00 and 13:30-18:00, 8 open hours a day, +08:00). A claim needs
// an order; each story creates and confirms one within ten minutes, so the
// order's own order.confirm timer stays quiet.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "engine/rule_story.h"
#include "kefu/domain/compensation.h"
#include "kefu/policy/vocabulary.h"

namespace kefu::engine {
namespace {

using policy::EntityKind;

// An order created at 09:00 and confirmed at 09:10 on 2 November, with the
// given attributes (a JSON object's members, without braces).
std::string Order(const std::string& key, const std::string& attrs) {
  return R"({"id":")" + key + R"(-c","type":"order.created","at":"2026-11-02T09:00:00+08:00","order":")" +
         key + R"(","customer":"C900","attrs":{)" + attrs + "}}\n" + R"({"id":")" + key +
         R"(-k","type":"order.confirmed","at":"2026-11-02T09:10:00+08:00","order":")" + key +
         "\"}\n";
}

// Ingests one event directly (the story's feed requires acceptance) and
// returns the status, for the refusals.
Status Ingest(RuleStory& story, const std::string& line) {
  Result<IngestOutcome> r = story.engine().ingest_json(line);
  return r.status();
}

// A claim's path from investigation to payment, all on one day `date`
// (YYYY-MM-DD) from `hour` (HH) on, five minutes apart: investigation
// started, liability determined, reported, signed by the two roles of the
// first band (amounts up to 500000), approved, paid. Ids are key-p1..p7.
std::string QuickPath(const std::string& key, const std::string& date, const std::string& hour) {
  const char* steps[][2] = {
      {"investigation_started", ""},
      {"liability_determined", ""},
      {"reported", ""},
      {"signed_off", R"(,"attrs":{"role":"claims_clerk","opinion":"approve"})"},
      {"signed_off", R"(,"attrs":{"role":"cs_supervisor","opinion":"approve"})"},
      {"approved", ""},
      {"paid", ""},
  };
  std::string out;
  for (int i = 0; i < 7; ++i) {
    out += R"({"id":")" + key + "-p" + std::to_string(i + 1) + R"(","type":"claim.)" + steps[i][0] +
           R"(","at":")" + date + "T" + hour + ":" + (i < 2 ? "0" : "") +
           std::to_string(5 * i) + R"(:00+08:00","claim":")" + key + "\"" + steps[i][1] + "}\n";
  }
  return out;
}

// The claim's timer of `sla`: ended, on time (KPI-2: stopped before due).
const TimerView* TimerOf(const std::vector<TimerView>& timers, const char* sla) {
  for (const TimerView& t : timers)
    if (t.sla == sla) return &t;
  return nullptr;
}

// CL-1: claim.complete, 7 working days of `office` from claim.created to
// claim.paid or claim.rejected, warning at 0.5; claim.investigation, 3
// working days from claim.investigation_started to
// claim.liability_determined. A claim filed Monday 2 November 10:00 is due
// Wednesday 11 November 18:00 (the 7th office day after the 2nd). Open time
// to then: 6.5 h on the 2nd plus 7 x 8 h = 62.5 h; half of it, 31.25 h,
// falls on Friday 6 November at 09:15 (6.5 + 3 x 8 = 30.5 h by Thursday's
// close, 0.75 h more from 08:30). The investigation started Monday 11:00 is
// due Thursday 5 November 18:00 and is met at 17:00. Paid on the 12th: a
// breach at the due. A second claim, rejected on the 10th, is on time: its
// timer history says so (what KPI-2's claim timeliness counts).
TEST(ReferencePolicy, CL1ClaimCompletesWithinSevenWorkingDays) {
  RuleStory story;
  story.feed(Order("WB5001", R"("freight_cents":20000)"));
  story.feed(R"~(
    {"id":"cl1-1","type":"claim.created","at":"2026-11-02T10:00:00+08:00","claim":"CL-1001","order":"WB5001","attrs":{"amount_cents":300000,"loss_cents":300000}}
    {"id":"cl1-2","type":"claim.created","at":"2026-11-02T10:00:00+08:00","claim":"CL-1002","order":"WB5001","attrs":{"amount_cents":100000,"loss_cents":100000}}
    {"id":"cl1-3","type":"claim.investigation_started","at":"2026-11-02T11:00:00+08:00","claim":"CL-1001"}
    {"id":"cl1-4","type":"claim.investigation_started","at":"2026-11-02T11:00:00+08:00","claim":"CL-1002"}
    {"id":"cl1-5","type":"claim.liability_determined","at":"2026-11-05T17:00:00+08:00","claim":"CL-1001"}
    {"id":"cl1-6","type":"claim.liability_determined","at":"2026-11-05T17:00:00+08:00","claim":"CL-1002"}
    {"id":"cl1-7","type":"claim.reported","at":"2026-11-06T10:00:00+08:00","claim":"CL-1001"}
    {"id":"cl1-8","type":"claim.reported","at":"2026-11-06T10:00:00+08:00","claim":"CL-1002"}
    {"id":"cl1-9","type":"claim.signed_off","at":"2026-11-06T11:00:00+08:00","claim":"CL-1001","attrs":{"role":"claims_clerk","opinion":"approve"}}
    {"id":"cl1-10","type":"claim.signed_off","at":"2026-11-06T11:00:00+08:00","claim":"CL-1002","attrs":{"role":"claims_clerk","opinion":"reject"}}
    {"id":"cl1-11","type":"claim.signed_off","at":"2026-11-09T10:00:00+08:00","claim":"CL-1001","attrs":{"role":"cs_supervisor","opinion":"approve"}}
    {"id":"cl1-12","type":"claim.signed_off","at":"2026-11-09T10:00:00+08:00","claim":"CL-1002","attrs":{"role":"cs_supervisor","opinion":"reject"}}
    {"id":"cl1-13","type":"claim.approved","at":"2026-11-09T11:00:00+08:00","claim":"CL-1001"}
    {"id":"cl1-14","type":"claim.rejected","at":"2026-11-10T09:00:00+08:00","claim":"CL-1002"}
    {"id":"cl1-15","type":"claim.paid","at":"2026-11-12T10:00:00+08:00","claim":"CL-1001","attrs":{"amount_cents":60000}}
  )~");
  story.advance_to("2026-11-20T00:00:00+08:00");
  EXPECT_EQ(story.text(), Lines({
      R"({"kind":"warning","seq":1,"at":"2026-11-06T09:15:00+08:00","sla":"claim.complete","entity":"claim","key":"CL-1001","due":"2026-11-11T18:00:00+08:00","fraction":0.5})",
      R"({"kind":"warning","seq":2,"at":"2026-11-06T09:15:00+08:00","sla":"claim.complete","entity":"claim","key":"CL-1002","due":"2026-11-11T18:00:00+08:00","fraction":0.5})",
      R"({"kind":"breach","seq":3,"at":"2026-11-11T18:00:00+08:00","sla":"claim.complete","entity":"claim","key":"CL-1001","due":"2026-11-11T18:00:00+08:00"})",
  }));

  // The timer history is what claim timeliness needs: stopped, and whether
  // before its due.
  Result<std::vector<TimerView>> late = story.engine().timers_of(EntityKind::kClaim, "CL-1001");
  Result<std::vector<TimerView>> on_time = story.engine().timers_of(EntityKind::kClaim, "CL-1002");
  ASSERT_TRUE(late.ok() && on_time.ok());
  const TimerView* l = TimerOf(*late, "claim.complete");
  const TimerView* o = TimerOf(*on_time, "claim.complete");
  ASSERT_TRUE(l && o);
  EXPECT_EQ(l->state, "stopped");
  EXPECT_TRUE(l->breached);
  EXPECT_EQ(time::format_instant(*l->ended, l->offset), "2026-11-12T10:00:00+08:00");
  EXPECT_EQ(o->state, "stopped");
  EXPECT_FALSE(o->breached);
  EXPECT_EQ(time::format_instant(*o->ended, o->offset), "2026-11-10T09:00:00+08:00");
  EXPECT_LE(*o->ended, o->due);
  EXPECT_EQ(story.engine().claim("CL-1001")->state, "paid");
  EXPECT_EQ(story.engine().claim("CL-1002")->state, "rejected");
}

// CL-2: a claim above major_claim_above_cents (5000000, 50 000 yuan) is
// major; claim.major_negotiation then gives CS one office day to start the
// negotiation (claim.negotiation_started). Exactly 5000000 is not above: no
// timer. A claim of 6000000 filed Monday 10:00 is due Tuesday 18:00 and
// breaches. The first claim raised to 5000001 on Tuesday 09:00 becomes
// major then, is due Wednesday 18:00 and is met at 17:00. A major claim's
// report goes to the unbounded band, where the unit head signs last.
TEST(ReferencePolicy, CL2MajorClaimAboveThreshold) {
  RuleStory story;
  story.feed(Order("WB5002", R"("freight_cents":20000)"));
  story.feed(R"~(
    {"id":"cl2-1","type":"claim.created","at":"2026-11-02T10:00:00+08:00","claim":"CL-2001","order":"WB5002","attrs":{"amount_cents":5000000}}
    {"id":"cl2-2","type":"claim.created","at":"2026-11-02T10:00:00+08:00","claim":"CL-2002","order":"WB5002","attrs":{"amount_cents":6000000}}
  )~");
  EXPECT_FALSE(story.engine().claim("CL-2001")->major);
  EXPECT_TRUE(story.engine().claim("CL-2002")->major);
  story.feed(R"~(
    {"id":"cl2-3","type":"claim.updated","at":"2026-11-03T09:00:00+08:00","claim":"CL-2001","attrs":{"amount_cents":5000001}}
    {"id":"cl2-4","type":"claim.negotiation_started","at":"2026-11-04T17:00:00+08:00","claim":"CL-2001"}
    {"id":"cl2-5","type":"claim.investigation_started","at":"2026-11-04T17:10:00+08:00","claim":"CL-2002"}
    {"id":"cl2-6","type":"claim.liability_determined","at":"2026-11-04T17:20:00+08:00","claim":"CL-2002"}
    {"id":"cl2-7","type":"claim.reported","at":"2026-11-04T17:30:00+08:00","claim":"CL-2002"}
  )~");
  story.advance_to("2026-11-05T00:00:00+08:00");
  EXPECT_EQ(story.text(), Lines({
      R"({"kind":"breach","seq":1,"at":"2026-11-03T18:00:00+08:00","sla":"claim.major_negotiation","entity":"claim","key":"CL-2002","due":"2026-11-03T18:00:00+08:00"})",
  }));
  EXPECT_TRUE(story.engine().claim("CL-2001")->major);
  Result<ClaimView> major = story.engine().claim("CL-2002");
  ASSERT_TRUE(major.ok() && major->claim.chain);
  EXPECT_EQ(major->claim.chain->band_index(), 2u);
  EXPECT_EQ(major->claim.chain->roles(),
            (std::vector<std::string>{"claims_clerk", "cs_supervisor", "branch_manager", "unit_head"}));
}

// CL-3: an amount of 800000 selects the second band (claims clerk, CS
// supervisor, branch manager, in that order). The clerk approves, the
// supervisor rejects: the opinions disagree, signing stops, and
// claim.arbitration (3 office days from that claim.signed_off, Monday
// 11:00) is due Thursday 5 November 18:00. One claim is arbitrated at the
// due itself (on time); the other is not and breaches. The next expected
// role is visible in the claim query and in explain.
TEST(ReferencePolicy, CL3ArbitrationWithinThreeWorkingDays) {
  RuleStory story;
  story.feed(Order("WB5003", R"("freight_cents":20000)"));
  for (const char* key : {"CL-3001", "CL-3002"}) {
    const std::string k = key;
    story.feed(R"({"id":")" + k + R"(-1","type":"claim.created","at":"2026-11-02T09:20:00+08:00","claim":")" + k + R"(","order":"WB5003","attrs":{"amount_cents":800000}})" "\n" +
               R"({"id":")" + k + R"(-2","type":"claim.investigation_started","at":"2026-11-02T09:30:00+08:00","claim":")" + k + "\"}\n" +
               R"({"id":")" + k + R"(-3","type":"claim.liability_determined","at":"2026-11-02T09:40:00+08:00","claim":")" + k + "\"}\n" +
               R"({"id":")" + k + R"(-4","type":"claim.reported","at":"2026-11-02T10:00:00+08:00","claim":")" + k + "\"}\n" +
               R"({"id":")" + k + R"(-5","type":"claim.signed_off","at":"2026-11-02T10:30:00+08:00","claim":")" + k + R"(","attrs":{"role":"claims_clerk","opinion":"approve"}})" "\n");
  }
  Result<ClaimView> before = story.engine().claim("CL-3001");
  ASSERT_TRUE(before.ok() && before->claim.chain);
  EXPECT_EQ(before->claim.chain->band_index(), 1u);
  EXPECT_EQ(before->claim.chain->next_role(), std::optional<std::string_view>("cs_supervisor"));
  Result<std::string> explained = story.engine().explain(EntityKind::kClaim, "CL-3001");
  ASSERT_TRUE(explained.ok());
  nlohmann::json ex = nlohmann::json::parse(*explained);
  EXPECT_EQ(ex["claim"]["next_role"], "cs_supervisor");
  EXPECT_EQ(ex["claim"]["band"]["index"], 2);
  EXPECT_EQ(ex["claim"]["band"]["up_to_cents"], 5000000);
  EXPECT_EQ(ex["attrs"]["next_signoff_role"], "cs_supervisor");

  story.feed(R"~(
    {"id":"cl3-1","type":"claim.signed_off","at":"2026-11-02T11:00:00+08:00","claim":"CL-3001","attrs":{"role":"cs_supervisor","opinion":"reject"}}
    {"id":"cl3-2","type":"claim.signed_off","at":"2026-11-02T11:00:00+08:00","claim":"CL-3002","attrs":{"role":"cs_supervisor","opinion":"reject"}}
  )~");
  Result<ClaimView> disputed = story.engine().claim("CL-3001");
  EXPECT_TRUE(disputed->claim.chain->awaiting_arbitration());
  EXPECT_EQ(disputed->claim.chain->next_role(), std::nullopt);
  // While the claim waits for arbitration, nobody else signs, and it can be
  // neither approved nor rejected.
  Status s = Ingest(story, R"({"id":"cl3-x","type":"claim.signed_off","at":"2026-11-02T12:00:00+08:00","claim":"CL-3001","attrs":{"role":"branch_manager","opinion":"approve"}})");
  EXPECT_EQ(s.code(), StatusCode::kRefused);
  EXPECT_NE(s.message().find("awaits arbitration"), std::string::npos) << s.message();
  EXPECT_EQ(Ingest(story, R"({"id":"cl3-y","type":"claim.approved","at":"2026-11-02T12:00:00+08:00","claim":"CL-3001"})").code(),
            StatusCode::kRefused);

  story.feed(R"~(
    {"id":"cl3-3","type":"claim.arbitrated","at":"2026-11-05T18:00:00+08:00","claim":"CL-3001","attrs":{"decision":"approve"}}
  )~");
  story.advance_to("2026-11-06T00:00:00+08:00");
  EXPECT_EQ(story.text(), Lines({
      R"({"kind":"breach","seq":1,"at":"2026-11-05T18:00:00+08:00","sla":"claim.arbitration","entity":"claim","key":"CL-3002","due":"2026-11-05T18:00:00+08:00"})",
  }));
  // The arbitration's decision stands: approval, not rejection.
  EXPECT_EQ(Ingest(story, R"({"id":"cl3-4","type":"claim.rejected","at":"2026-11-06T09:00:00+08:00","claim":"CL-3001"})").code(),
            StatusCode::kRefused);
  EXPECT_TRUE(Ingest(story, R"({"id":"cl3-5","type":"claim.approved","at":"2026-11-06T09:00:00+08:00","claim":"CL-3001"})").ok());
}

// CL-4: insured cargo (the order has "insured": true, INS-1) gives
// claim.insurer_submission, 3 office days from claim.liability_determined
// (Monday 10:10, due Thursday 5 November 18:00) to claim.insurer_submitted;
// then claim.insurer_follow_up reminds every 7 days on cn-24x7 until
// claim.insurer_paid (submitted Thursday 16:00: the 7th day after is the
// 12th, due at its end, 13 November 00:00; paid on the 18th). The second
// insured claim is submitted on Friday: a breach; its first reminder would
// be at 14 November 00:00, and the insurer pays on the 10th. An uninsured
// order's claim has no insurer: its submission is refused and it has no
// insurer timer. A claim closes only once the insurer has paid.
TEST(ReferencePolicy, CL4InsuredCargoSubmittedToInsurerAndFollowedUp) {
  RuleStory story;
  story.feed(Order("WB5004", R"("insured":true,"insured_value_cents":2000000,"declared_value_cents":2000000)"));
  story.feed(Order("WB5005", R"("freight_cents":20000)"));
  story.feed(R"~(
    {"id":"cl4-1","type":"claim.created","at":"2026-11-02T09:30:00+08:00","claim":"CL-4001","order":"WB5004","attrs":{"amount_cents":400000}}
    {"id":"cl4-2","type":"claim.created","at":"2026-11-02T09:30:00+08:00","claim":"CL-4002","order":"WB5004","attrs":{"amount_cents":400000}}
    {"id":"cl4-3","type":"claim.created","at":"2026-11-02T09:30:00+08:00","claim":"CL-4003","order":"WB5005","attrs":{"amount_cents":400000}}
  )~");
  story.feed(QuickPath("CL-4001", "2026-11-02", "10"));
  story.feed(QuickPath("CL-4002", "2026-11-02", "10"));
  story.feed(QuickPath("CL-4003", "2026-11-02", "10"));
  Status uninsured = Ingest(story, R"({"id":"cl4-x","type":"claim.insurer_submitted","at":"2026-11-02T11:00:00+08:00","claim":"CL-4003"})");
  EXPECT_EQ(uninsured.code(), StatusCode::kRefused);
  EXPECT_NE(uninsured.message().find("order WB5005 is not insured"), std::string::npos)
      << uninsured.message();
  story.feed(R"~(
    {"id":"cl4-4","type":"claim.insurer_submitted","at":"2026-11-05T16:00:00+08:00","claim":"CL-4001"}
    {"id":"cl4-5","type":"claim.insurer_submitted","at":"2026-11-06T10:00:00+08:00","claim":"CL-4002"}
    {"id":"cl4-6","type":"claim.insurer_paid","at":"2026-11-10T10:00:00+08:00","claim":"CL-4002","attrs":{"amount_cents":400000}}
  )~");
  Status open = Ingest(story, R"({"id":"cl4-y","type":"claim.closed","at":"2026-11-11T10:00:00+08:00","claim":"CL-4001"})");
  EXPECT_EQ(open.code(), StatusCode::kRefused);
  EXPECT_EQ(open.message(), "the claim cannot close: the insurer has not paid");
  story.feed(R"~(
    {"id":"cl4-7","type":"claim.insurer_paid","at":"2026-11-18T10:00:00+08:00","claim":"CL-4001","attrs":{"amount_cents":400000}}
    {"id":"cl4-8","type":"claim.closed","at":"2026-11-19T10:00:00+08:00","claim":"CL-4001"}
  )~");
  story.advance_to("2026-11-30T00:00:00+08:00");
  EXPECT_EQ(story.text(), Lines({
      R"({"kind":"breach","seq":1,"at":"2026-11-05T18:00:00+08:00","sla":"claim.insurer_submission","entity":"claim","key":"CL-4002","due":"2026-11-05T18:00:00+08:00"})",
      R"({"kind":"reminder","seq":2,"at":"2026-11-13T00:00:00+08:00","sla":"claim.insurer_follow_up","entity":"claim","key":"CL-4001","due":"2026-11-13T00:00:00+08:00"})",
  }));
  Result<std::vector<TimerView>> timers = story.engine().timers_of(EntityKind::kClaim, "CL-4003");
  ASSERT_TRUE(timers.ok());
  EXPECT_EQ(TimerOf(*timers, "claim.insurer_submission"), nullptr);
  EXPECT_EQ(story.engine().claim("CL-4001")->state, "closed");
}

// CL-5: the residual value of compensated goods is appraised
// (claim.salvage_appraised with salvage_value_cents) and disposed of within
// 30 days (claim.salvage_disposal, cn-24x7): appraised Thursday 5 November
// 10:00, the 30th day after is 5 December, due at its end (6 December
// 00:00). Disposed of on the 7th: a breach. The claim cannot close before
// the salvage is disposed of.
TEST(ReferencePolicy, CL5SalvageAppraisedAndDisposed) {
  RuleStory story;
  story.feed(Order("WB5006", R"("freight_cents":20000)"));
  story.feed(R"~(
    {"id":"cl5-1","type":"claim.created","at":"2026-11-02T09:30:00+08:00","claim":"CL-5001","order":"WB5006","attrs":{"amount_cents":300000}}
  )~");
  story.feed(QuickPath("CL-5001", "2026-11-03", "10"));
  story.feed(R"~(
    {"id":"cl5-2","type":"claim.salvage_appraised","at":"2026-11-05T10:00:00+08:00","claim":"CL-5001","attrs":{"salvage_value_cents":50000}}
  )~");
  Status open = Ingest(story, R"({"id":"cl5-x","type":"claim.closed","at":"2026-12-01T10:00:00+08:00","claim":"CL-5001"})");
  EXPECT_EQ(open.code(), StatusCode::kRefused);
  EXPECT_EQ(open.message(), "the claim cannot close: the salvage is not disposed of");
  story.feed(R"~(
    {"id":"cl5-3","type":"claim.salvage_disposed","at":"2026-12-07T10:00:00+08:00","claim":"CL-5001","attrs":{"amount_cents":42000}}
    {"id":"cl5-4","type":"claim.closed","at":"2026-12-07T11:00:00+08:00","claim":"CL-5001"}
  )~");
  EXPECT_EQ(story.text(), Lines({
      R"({"kind":"breach","seq":1,"at":"2026-12-06T00:00:00+08:00","sla":"claim.salvage_disposal","entity":"claim","key":"CL-5001","due":"2026-12-06T00:00:00+08:00"})",
  }));
  Result<ClaimView> c = story.engine().claim("CL-5001");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->state, "closed");
  EXPECT_EQ(c->claim.salvage_value_cents, std::optional<std::int64_t>(50000));
  EXPECT_EQ(c->claim.salvage_proceeds_cents, std::optional<std::int64_t>(42000));
}

// CL-6: a deduction agreed with the customer at delivery is filed as a
// claim carrying deduction_cents; its claim report is due within one office
// day (claim.deduction_report, claim.created to claim.reported): filed
// Monday 10:00, due Tuesday 18:00. One report comes Tuesday 17:00, the
// other Wednesday 10:00 (a breach). The deduction counts against the
// compensation (CMP-1): uninsured, loss 1000.00 capped at 3 x freight
// 200.00 = 600.00, less 300.00.
TEST(ReferencePolicy, CL6DeductionAgreedThenClaimReported) {
  RuleStory story;
  story.feed(Order("WB5008", R"("freight_cents":20000)"));
  story.feed(R"~(
    {"id":"cl6-1","type":"claim.created","at":"2026-11-02T10:00:00+08:00","claim":"CL-6001","order":"WB5008","attrs":{"deduction_cents":30000,"loss_cents":100000,"amount_cents":70000}}
    {"id":"cl6-2","type":"claim.created","at":"2026-11-02T10:00:00+08:00","claim":"CL-6002","order":"WB5008","attrs":{"deduction_cents":30000,"loss_cents":100000,"amount_cents":70000}}
    {"id":"cl6-3","type":"claim.created","at":"2026-11-02T10:00:00+08:00","claim":"CL-6003","order":"WB5008","attrs":{"loss_cents":100000,"amount_cents":100000}}
    {"id":"cl6-4","type":"claim.investigation_started","at":"2026-11-02T10:30:00+08:00","claim":"CL-6001"}
    {"id":"cl6-5","type":"claim.investigation_started","at":"2026-11-02T10:30:00+08:00","claim":"CL-6002"}
    {"id":"cl6-6","type":"claim.liability_determined","at":"2026-11-02T11:00:00+08:00","claim":"CL-6001"}
    {"id":"cl6-7","type":"claim.liability_determined","at":"2026-11-02T11:00:00+08:00","claim":"CL-6002"}
    {"id":"cl6-8","type":"claim.reported","at":"2026-11-03T17:00:00+08:00","claim":"CL-6001"}
    {"id":"cl6-9","type":"claim.reported","at":"2026-11-04T10:00:00+08:00","claim":"CL-6002"}
  )~");
  story.advance_to("2026-11-05T00:00:00+08:00");
  EXPECT_EQ(story.text(), Lines({
      R"({"kind":"breach","seq":1,"at":"2026-11-03T18:00:00+08:00","sla":"claim.deduction_report","entity":"claim","key":"CL-6002","due":"2026-11-03T18:00:00+08:00"})",
  }));
  Result<domain::Compensation> pay = story.engine().compensation("CL-6001");
  ASSERT_TRUE(pay.ok()) << pay.status().to_string();
  EXPECT_EQ(pay->amount_cents, 30000);
  EXPECT_EQ(pay->deduction_cents, 30000);
  EXPECT_EQ(pay->steps, (std::vector<std::string>{
                            "loss 1000.00",
                            "uninsured: cap 3 x freight 200.00 = 600.00; min(loss, cap) = 600.00",
                            "less the deduction agreed at delivery 300.00: 300.00",
                            "pay 300.00"}));
  // Without a deduction, nothing is taken off.
  EXPECT_EQ(story.engine().compensation("CL-6003")->amount_cents, 60000);
}

// CL-7: a claim that needs legal proceedings goes to the legal department
// (claim.legal_referred, with the written reason CL-7 asks for); the
// completion timer pauses until claim.legal_concluded, so the referral does
// not count against claim timeliness, and the reason is recorded for the
// KPI-2 explanation. Filed Monday 2 November 10:00 (due Wednesday 11th
// 18:00, warning Friday 6th 09:15, as in CL-1); referred Tuesday 10:00,
// back Monday 9th 10:00: 6.5 + 3 x 8 + 1.5 = 32 open hours, 4 office days,
// paused. The due moves to Tuesday 17th 18:00 and the warning to Thursday
// 12th 09:15. Paid Monday 16th: on time.
TEST(ReferencePolicy, CL7LegalReferralPausesTheClaimTimer) {
  RuleStory story;
  story.feed(Order("WB5007", R"("freight_cents":20000)"));
  story.feed(R"~(
    {"id":"cl7-1","type":"claim.created","at":"2026-11-02T10:00:00+08:00","claim":"CL-7001","order":"WB5007","attrs":{"amount_cents":300000}}
  )~");
  Status no_reason = Ingest(story, R"({"id":"cl7-x","type":"claim.legal_referred","at":"2026-11-03T09:00:00+08:00","claim":"CL-7001"})");
  EXPECT_EQ(no_reason.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(no_reason.path(), "/attrs/reason");
  EXPECT_EQ(no_reason.event_id(), "cl7-x");
  EXPECT_EQ(no_reason.entity(), "claim:CL-7001");
  story.feed(R"~(
    {"id":"cl7-2","type":"claim.legal_referred","at":"2026-11-03T10:00:00+08:00","claim":"CL-7001","attrs":{"reason":"the consignee sued; the court decides liability"}}
    {"id":"cl7-3","type":"claim.legal_concluded","at":"2026-11-09T10:00:00+08:00","claim":"CL-7001"}
  )~");
  story.feed(QuickPath("CL-7001", "2026-11-16", "10"));
  story.advance_to("2026-11-20T00:00:00+08:00");
  EXPECT_EQ(story.text(), Lines({
      R"({"kind":"warning","seq":1,"at":"2026-11-12T09:15:00+08:00","sla":"claim.complete","entity":"claim","key":"CL-7001","due":"2026-11-17T18:00:00+08:00","fraction":0.5})",
  }));
  Result<ClaimView> c = story.engine().claim("CL-7001");
  ASSERT_TRUE(c.ok());
  ASSERT_EQ(c->claim.legal.size(), 1u);
  EXPECT_EQ(c->claim.legal[0].reason, "the consignee sued; the court decides liability");
  EXPECT_EQ(c->claim.legal[0].event, "cl7-2");
  EXPECT_EQ(time::format_instant(*c->claim.legal[0].concluded, time::UtcOffset::hours(8)),
            "2026-11-09T10:00:00+08:00");
  Result<std::vector<TimerView>> timers = story.engine().timers_of(EntityKind::kClaim, "CL-7001");
  const TimerView* complete = TimerOf(*timers, "claim.complete");
  ASSERT_NE(complete, nullptr);
  EXPECT_FALSE(complete->breached);
  EXPECT_EQ(time::format_instant(complete->due, complete->offset), "2026-11-17T18:00:00+08:00");
  nlohmann::json ex = nlohmann::json::parse(*story.engine().explain(EntityKind::kClaim, "CL-7001"));
  EXPECT_EQ(ex["claim"]["legal"][0]["reason"], "the consignee sued; the court decides liability");
  EXPECT_EQ(ex["timers"][0]["pauses"][0]["from"], "2026-11-03T10:00:00+08:00");
  EXPECT_EQ(ex["timers"][0]["pauses"][0]["to"], "2026-11-09T10:00:00+08:00");
}

// INS-1: insured is cargo the customer insured with us, or whose freight
// includes insurance, and uninsured high-value (declared above 10 000
// yuan) or fragile cargo; the rules are tried in the policy's order and the
// first names the reason. A never-insurable category (jade, cement, live
// animals, ...) wins over every rule.
TEST(ReferencePolicy, INS1InsuranceEligibility) {
  RuleStory story;
  story.feed(Order("WB-I1", R"("insured":true,"cargo":"electronics")"));
  story.feed(Order("WB-I2", R"("freight_includes_insurance":true,"cargo":"general")"));
  story.feed(Order("WB-I3", R"("declared_value_cents":1500000,"cargo":"general")"));
  story.feed(Order("WB-I4", R"("cargo":"fragile","declared_value_cents":200000)"));
  story.feed(Order("WB-I5", R"("insured":true,"cargo":"jade","declared_value_cents":5000000)"));
  story.feed(Order("WB-I6", R"("cargo":"general","declared_value_cents":1000000)"));
  story.feed(Order("WB-I7", R"("cargo":"live_animal","freight_includes_insurance":true)"));
  struct Case {
    const char* order;
    bool insured;
    const char* reason;
  };
  for (const Case& c : {Case{"WB-I1", true, "insured_with_us"},
                        Case{"WB-I2", true, "freight_includes_insurance"},
                        Case{"WB-I3", true, "high_value"},
                        Case{"WB-I4", true, "fragile"},
                        Case{"WB-I5", false, "never insurable: cargo \"jade\""},
                        Case{"WB-I6", false, "no insured_when rule matches"},
                        Case{"WB-I7", false, "never insurable: cargo \"live_animal\""}}) {
    Result<domain::InsuranceAssessment> a = story.engine().insurance(c.order);
    ASSERT_TRUE(a.ok()) << c.order;
    EXPECT_EQ(a->insured, c.insured) << c.order;
    EXPECT_EQ(a->reason, c.reason) << c.order;
  }
  EXPECT_EQ(story.engine().insurance("WB-none").status().code(), StatusCode::kNotFound);
}

// INS-2: the daily insured-cargo list holds the insured orders created on
// that day (local day of cn-24x7, +08:00), in creation order; an insured
// shipment whose value (insured_value_cents, else declared_value_cents)
// exceeds 10 000 yuan is tracked end to end.
TEST(ReferencePolicy, INS2DailyInsuredListAndHighValueTracking) {
  RuleStory story;
  story.feed(R"~(
    {"id":"i2-1","type":"order.created","at":"2026-11-02T00:10:00+08:00","order":"WB-D1","customer":"C1","attrs":{"insured":true,"insured_value_cents":1500000}}
    {"id":"i2-2","type":"order.created","at":"2026-11-02T08:00:00+08:00","order":"WB-D2","customer":"C2","attrs":{"cargo":"general"}}
    {"id":"i2-3","type":"order.created","at":"2026-11-02T09:00:00+08:00","order":"WB-D3","customer":"C1","attrs":{"insured":true,"insured_value_cents":800000,"declared_value_cents":3000000}}
    {"id":"i2-4","type":"order.created","at":"2026-11-02T23:30:00+08:00","order":"WB-D4","customer":"C3","attrs":{"cargo":"fragile","declared_value_cents":1000001}}
    {"id":"i2-5","type":"order.created","at":"2026-11-03T00:05:00+08:00","order":"WB-D5","customer":"C3","attrs":{"insured":true}}
  )~");
  time::Date day = *time::parse_date("2026-11-02");
  std::vector<InsuredOrder> list = story.engine().insured_cargo_list(day);
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[0].order, "WB-D1");
  EXPECT_EQ(list[0].customer, "C1");
  EXPECT_TRUE(list[0].insurance.tracked);
  EXPECT_EQ(list[0].insurance.tracking_reason, "insured_value_cents 1500000 > 1000000");
  EXPECT_EQ(list[1].order, "WB-D3");
  EXPECT_FALSE(list[1].insurance.tracked);  // insured for 8000.00, whatever the value
  EXPECT_EQ(list[1].insurance.tracking_reason, "insured_value_cents 800000 <= 1000000");
  EXPECT_EQ(list[2].order, "WB-D4");
  // Fragile and declared above 10 000 yuan: the high_value rule comes
  // first in the policy, so it is the reason.
  EXPECT_EQ(list[2].insurance.reason, "high_value");
  EXPECT_TRUE(list[2].insurance.tracked);
  EXPECT_EQ(list[2].insurance.tracking_reason, "declared_value_cents 1000001 > 1000000");
  std::vector<InsuredOrder> next = story.engine().insured_cargo_list(*time::parse_date("2026-11-03"));
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(next[0].order, "WB-D5");
  EXPECT_FALSE(next[0].insurance.tracked);
  EXPECT_EQ(next[0].insurance.tracking_reason, "no value attribute on the order");
}

// CMP-1: insured cargo is paid its loss up to the insured value; pro rata
// when under-insured (rounded down to the cent); uninsured cargo its loss
// up to 3 x the freight; a never-insurable category is paid as uninsured;
// a deduction counts against it (CL-6). A cap that would overflow 64-bit
// cents is refused, and so is a claim without its loss.
TEST(ReferencePolicy, CMP1CompensationExplainsItsArithmetic) {
  RuleStory story;
  story.feed(Order("WB-C1", R"("insured":true,"insured_value_cents":1000000,"declared_value_cents":1000000)"));
  story.feed(Order("WB-C2", R"("insured":true,"insured_value_cents":500000,"declared_value_cents":1500000)"));
  story.feed(Order("WB-C3", R"("freight_cents":50000)"));
  story.feed(Order("WB-C4", R"("insured":true,"cargo":"jade","insured_value_cents":800000,"freight_cents":10000)"));
  story.feed(Order("WB-C5", R"("freight_cents":4611686018427387904)"));
  story.feed(R"~(
    {"id":"m-1","type":"claim.created","at":"2026-11-02T10:00:00+08:00","claim":"CM-1","order":"WB-C1","attrs":{"loss_cents":300000}}
    {"id":"m-2","type":"claim.created","at":"2026-11-02T10:00:00+08:00","claim":"CM-2","order":"WB-C2","attrs":{"loss_cents":100001}}
    {"id":"m-3","type":"claim.created","at":"2026-11-02T10:00:00+08:00","claim":"CM-3","order":"WB-C3","attrs":{"loss_cents":400000,"deduction_cents":20000}}
    {"id":"m-4","type":"claim.created","at":"2026-11-02T10:00:00+08:00","claim":"CM-4","order":"WB-C4","attrs":{"loss_cents":500000}}
    {"id":"m-5","type":"claim.created","at":"2026-11-02T10:00:00+08:00","claim":"CM-5","order":"WB-C5","attrs":{"loss_cents":500000}}
    {"id":"m-6","type":"claim.created","at":"2026-11-02T10:00:00+08:00","claim":"CM-6","order":"WB-C3"}
  )~");
  struct Case {
    const char* claim;
    domain::CompensationBasis basis;
    std::int64_t amount;
    std::vector<std::string> steps;
  };
  const Case cases[] = {
      {"CM-1", domain::CompensationBasis::kInsured, 300000,
       {"loss 3000.00", "capped at the insured value 10000.00: 3000.00", "pay 3000.00"}},
      {"CM-2", domain::CompensationBasis::kUnderInsured, 33333,
       {"loss 1000.01",
        "under-insured: insured 5000.00 of value 15000.00, pro rata 1000.01 x 5000.00 / 15000.00 "
        "= 333.33 (rounded down)",
        "capped at the insured value 5000.00: 333.33", "pay 333.33"}},
      {"CM-3", domain::CompensationBasis::kUninsured, 130000,
       {"loss 4000.00", "uninsured: cap 3 x freight 500.00 = 1500.00; min(loss, cap) = 1500.00",
        "less the deduction agreed at delivery 200.00: 1300.00", "pay 1300.00"}},
      {"CM-4", domain::CompensationBasis::kUninsured, 30000,
       {"loss 5000.00", "the insured value 8000.00 does not count: the category is never insurable",
        "uninsured: cap 3 x freight 100.00 = 300.00; min(loss, cap) = 300.00", "pay 300.00"}},
  };
  for (const Case& c : cases) {
    Result<domain::Compensation> pay = story.engine().compensation(c.claim);
    ASSERT_TRUE(pay.ok()) << c.claim << ": " << pay.status().to_string();
    EXPECT_EQ(pay->basis, c.basis) << c.claim;
    EXPECT_EQ(pay->amount_cents, c.amount) << c.claim;
    EXPECT_EQ(pay->steps, c.steps) << c.claim;
  }
  Result<domain::Compensation> overflow = story.engine().compensation("CM-5");
  EXPECT_EQ(overflow.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(overflow.status().message(),
            "claim:CM-5: order:WB-C5: freight_cents 4611686018427387904 x 3 overflows 64-bit cents");
  Result<domain::Compensation> no_loss = story.engine().compensation("CM-6");
  EXPECT_EQ(no_loss.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(no_loss.status().message().find("no loss_cents"), std::string::npos);
}

}  // namespace
}  // namespace kefu::engine
