// The customer and KPI rules of DOMAIN.md (CR-1 .. CR-3, KPI-1, KPI-2)
// under the bundled reference policy, plus the telecom card variant of
// CR-2 in a small policy of its own. Expected figures are worked out by
// hand in the comments, never copied from the engine's output.
//
// Tiers (/customers/tiers, first match wins): A for an annual volume of
// 5 000 000 yuan or more, or a strategic influence; B for 1 000 000 yuan or
// more, or 3 years and a high influence; else C. An event that sets `tier`
// itself keeps it (a manual assignment), if the rules name that tier.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engine/rule_story.h"
#include "kefu/engine/kpi.h"
#include "kefu/policy/vocabulary.h"

namespace kefu::engine {
namespace {

using policy::EntityKind;

std::string TierOf(RuleStory& story, const char* customer) {
  Result<std::string> text = story.engine().explain(EntityKind::kCustomer, customer);
  EXPECT_TRUE(text.ok()) << text.status().to_string();
  if (!text.ok()) return "";
  nlohmann::json j = nlohmann::json::parse(*text);
  return j["attrs"].contains("tier") ? j["attrs"]["tier"].get<std::string>() : "none";
}

const TimerView* TimerOf(const std::vector<TimerView>& timers, const std::string& sla) {
  for (const TimerView& t : timers)
    if (t.sla == sla) return &t;
  return nullptr;
}

// The kpi notifications of a story, without their seq (which counts every
// notification of the story, most of them about other rules).
std::vector<std::string> KpiLines(const RuleStory& story) {
  std::vector<std::string> out;
  for (std::string line : story.notifications()) {
    if (line.rfind(R"({"kind":"kpi",)", 0) != 0) continue;
    std::size_t seq = line.find(R"("seq":)");
    std::size_t end = line.find(',', seq);
    line.erase(seq, end - seq + 1);
    out.push_back(line);
  }
  return out;
}

// CR-1: tiers from annual volume, years of cooperation and influence,
// computed at creation and again when an update changes them.
TEST(ReferencePolicy, CR1TiersFromVolumeYearsAndInfluence) {
  RuleStory story;
  story.feed(R"~(
    {"id":"cr1-1","type":"customer.created","at":"2026-10-12T08:00:00+08:00","customer":"C-A1","attrs":{"annual_volume_cents":600000000,"years":1}}
    {"id":"cr1-2","type":"customer.created","at":"2026-10-12T08:00:00+08:00","customer":"C-A2","attrs":{"annual_volume_cents":1000,"influence":"strategic"}}
    {"id":"cr1-3","type":"customer.created","at":"2026-10-12T08:00:00+08:00","customer":"C-B1","attrs":{"annual_volume_cents":200000000}}
    {"id":"cr1-4","type":"customer.created","at":"2026-10-12T08:00:00+08:00","customer":"C-B2","attrs":{"years":4,"influence":"high"}}
    {"id":"cr1-5","type":"customer.created","at":"2026-10-12T08:00:00+08:00","customer":"C-C1","attrs":{"years":4,"influence":"local"}}
    {"id":"cr1-6","type":"customer.created","at":"2026-10-12T08:00:00+08:00","customer":"C-M1","attrs":{"tier":"B"}}
  )~");
  EXPECT_EQ(TierOf(story, "C-A1"), "A");
  EXPECT_EQ(TierOf(story, "C-A2"), "A");
  EXPECT_EQ(TierOf(story, "C-B1"), "B");
  EXPECT_EQ(TierOf(story, "C-B2"), "B");
  EXPECT_EQ(TierOf(story, "C-C1"), "C");
  EXPECT_EQ(TierOf(story, "C-M1"), "B");
  story.feed(R"~(
    {"id":"cr1-7","type":"customer.updated","at":"2026-10-13T08:00:00+08:00","customer":"C-C1","attrs":{"annual_volume_cents":700000000}}
  )~");
  EXPECT_EQ(TierOf(story, "C-C1"), "A");
  // The tier set by hand survives an update that leaves the rules' inputs
  // alone, and gives way to one that changes them.
  story.feed(R"~(
    {"id":"cr1-9","type":"customer.updated","at":"2026-10-13T08:10:00+08:00","customer":"C-M1","attrs":{"warehousing":true}}
  )~");
  EXPECT_EQ(TierOf(story, "C-M1"), "B");
  story.feed(R"~(
    {"id":"cr1-10","type":"customer.updated","at":"2026-10-13T08:20:00+08:00","customer":"C-M1","attrs":{"years":1}}
  )~");
  EXPECT_EQ(TierOf(story, "C-M1"), "C");
  // A tier the rules do not name is refused where it stands.
  Result<IngestOutcome> bad = story.engine().ingest_json(
      R"({"id":"cr1-8","type":"customer.updated","at":"2026-10-13T09:00:00+08:00","customer":"C-B1","attrs":{"tier":"Z"}})");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().path(), "/attrs/tier");
  EXPECT_NE(bad.status().message().find(R"(unknown tier "Z"; expected one of "A", "B", "C")"),
            std::string::npos)
      << bad.status().message();
  EXPECT_EQ(TierOf(story, "C-B1"), "B");
}

// CR-2: contact cadence by tier. A and B: at least one face-to-face or
// video contact (customer.visited) a month; C: a newsletter a quarter
// (customer.contact, quota targets of cn-24x7). Created Monday 12 October:
// the first month's last day is 12 November (due at its 24:00), the first
// quarter's 12 January 2027.
TEST(ReferencePolicy, CR2ContactCadenceByTier) {
  RuleStory story;
  story.feed(R"~(
    {"id":"cr2-1","type":"customer.created","at":"2026-10-12T08:00:00+08:00","customer":"C-A","attrs":{"annual_volume_cents":600000000}}
    {"id":"cr2-2","type":"customer.created","at":"2026-10-12T08:00:00+08:00","customer":"C-C","attrs":{"years":1}}
  )~");
  EXPECT_EQ(DueOf(story, EntityKind::kCustomer, "C-A", "customer.contact"),
            "2026-11-13T00:00:00+08:00");
  EXPECT_EQ(DueOf(story, EntityKind::kCustomer, "C-C", "customer.contact"),
            "2027-01-13T00:00:00+08:00");
  Result<std::vector<TimerView>> a = story.engine().timers_of(EntityKind::kCustomer, "C-A");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(TimerOf(*a, "customer.contact")->target, "/sla/31");
  Result<std::vector<TimerView>> c = story.engine().timers_of(EntityKind::kCustomer, "C-C");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(TimerOf(*c, "customer.contact")->target, "/sla/32");
}

// CR-2, the telecom variant: diamond, gold and silver cards visited
// monthly, every 2 months and every 3 months, in the same policy language
// (tiers by annual volume, quota targets by tier). Created 5 January 2026:
// the gold card's first 2 months end with 5 March (due 6 March 00:00) and
// are met by a visit on 10 February; the silver card's 3 months end with 5
// April and pass with no visit: a breach on 6 April 00:00.
TEST(ReferencePolicy, CR2CardVariantInTheSamePolicyLanguage) {
  RuleStory story(R"({"version":"telecom-cards-1",
    "calendars":{"cn-24x7":{"utc_offset":"+08:00","week":{"mon":["00:00-24:00"],
      "tue":["00:00-24:00"],"wed":["00:00-24:00"],"thu":["00:00-24:00"],
      "fri":["00:00-24:00"],"sat":["00:00-24:00"],"sun":["00:00-24:00"]}}},
    "milestones":{"customer":["visited"]},
    "customers":{"tiers":[
      {"tier":"diamond","when":{"annual_volume_cents":{"gte":1000000000}}},
      {"tier":"gold","when":{"annual_volume_cents":{"gte":200000000}}},
      {"tier":"silver"}]},
    "sla":[
      {"id":"customer.visits","entity":"customer","when":{"tier":"diamond"},
       "start":"customer.created","target":{"count":1,"of":"customer.visited","per":"1mo"},"calendar":"cn-24x7"},
      {"id":"customer.visits","entity":"customer","when":{"tier":"gold"},
       "start":"customer.created","target":{"count":1,"of":"customer.visited","per":"2mo"},"calendar":"cn-24x7"},
      {"id":"customer.visits","entity":"customer","when":{"tier":"silver"},
       "start":"customer.created","target":{"count":1,"of":"customer.visited","per":"3mo"},"calendar":"cn-24x7"}]})");
  story.feed(R"~(
    {"id":"tc-1","type":"customer.created","at":"2026-01-05T09:00:00+08:00","customer":"T-D","attrs":{"annual_volume_cents":2000000000}}
    {"id":"tc-2","type":"customer.created","at":"2026-01-05T09:00:00+08:00","customer":"T-G","attrs":{"annual_volume_cents":300000000}}
    {"id":"tc-3","type":"customer.created","at":"2026-01-05T09:00:00+08:00","customer":"T-S","attrs":{"annual_volume_cents":1000}}
    {"id":"tc-4","type":"customer.visited","at":"2026-01-20T10:00:00+08:00","customer":"T-D"}
    {"id":"tc-5","type":"customer.visited","at":"2026-02-03T10:00:00+08:00","customer":"T-D"}
    {"id":"tc-6","type":"customer.visited","at":"2026-02-10T10:00:00+08:00","customer":"T-G"}
    {"id":"tc-7","type":"customer.visited","at":"2026-03-02T10:00:00+08:00","customer":"T-D"}
    {"id":"tc-8","type":"customer.visited","at":"2026-04-01T10:00:00+08:00","customer":"T-D"}
  )~");
  story.advance_to("2026-04-06T00:00:00+08:00");
  EXPECT_EQ(story.text(), Lines({
      R"({"kind":"breach","seq":1,"at":"2026-04-06T00:00:00+08:00","sla":"customer.visits","entity":"customer","key":"T-S","due":"2026-04-06T00:00:00+08:00"})",
  }));
  EXPECT_EQ(TierOf(story, "T-D"), "diamond");
  EXPECT_EQ(TierOf(story, "T-G"), "gold");
}

// CR-3: a key customer asking to close the account: the account manager
// has 5 working days to retain it (customer.retention, close_requested to
// retained or closed, office calendar, warning at 0.5); the outcome is the
// event that stopped the timer. Asked Monday 12 October 09:00: due Monday
// 19 October 18:00. C-R1 is retained on Tuesday (active again); C-R2
// closes. A tier C customer gets no retention timer.
TEST(ReferencePolicy, CR3RetentionOnAccountCloseRequest) {
  RuleStory story;
  story.feed(R"~(
    {"id":"cr3-1","type":"customer.created","at":"2026-10-12T08:00:00+08:00","customer":"C-R1","attrs":{"annual_volume_cents":600000000}}
    {"id":"cr3-2","type":"customer.created","at":"2026-10-12T08:00:00+08:00","customer":"C-R2","attrs":{"annual_volume_cents":200000000}}
    {"id":"cr3-3","type":"customer.created","at":"2026-10-12T08:00:00+08:00","customer":"C-R3","attrs":{"years":1}}
    {"id":"cr3-4","type":"customer.close_requested","at":"2026-10-12T09:00:00+08:00","customer":"C-R1"}
    {"id":"cr3-5","type":"customer.close_requested","at":"2026-10-12T09:00:00+08:00","customer":"C-R2"}
    {"id":"cr3-6","type":"customer.close_requested","at":"2026-10-12T09:00:00+08:00","customer":"C-R3"}
  )~");
  EXPECT_EQ(DueOf(story, EntityKind::kCustomer, "C-R1", "customer.retention"),
            "2026-10-19T18:00:00+08:00");
  std::vector<std::string> c_timers = SlasOf(story, EntityKind::kCustomer, "C-R3");
  EXPECT_EQ(std::count(c_timers.begin(), c_timers.end(), "customer.retention"), 0);
  story.feed(R"~(
    {"id":"cr3-7","type":"customer.retained","at":"2026-10-13T09:30:00+08:00","customer":"C-R1"}
    {"id":"cr3-8","type":"customer.closed","at":"2026-10-13T11:00:00+08:00","customer":"C-R2"}
  )~");
  Result<std::string> r1 = story.engine().explain(EntityKind::kCustomer, "C-R1");
  ASSERT_TRUE(r1.ok());
  nlohmann::json retained = nlohmann::json::parse(*r1);
  EXPECT_EQ(retained["state"], "active");
  for (const auto& timer : retained["timers"]) {
    if (timer["sla"] != "customer.retention") continue;
    EXPECT_EQ(timer["state"], "stopped");
    EXPECT_EQ(timer["on_time"], true);
    EXPECT_EQ(timer["log"].back()["event"], "cr3-7");
  }
  Result<std::vector<TimerView>> r2 = story.engine().timers_of(EntityKind::kCustomer, "C-R2");
  ASSERT_TRUE(r2.ok());
  const TimerView* closed = TimerOf(*r2, "customer.retention");
  ASSERT_NE(closed, nullptr);
  EXPECT_EQ(closed->state, "stopped");
  EXPECT_EQ(time::format_instant(*closed->ended, closed->offset), "2026-10-13T11:00:00+08:00");
  // A retained customer is active again: retaining it once more, without a
  // new request to close, is out of order.
  Result<IngestOutcome> again = story.engine().ingest_json(
      R"({"id":"cr3-9","type":"customer.retained","at":"2026-10-14T09:00:00+08:00","customer":"C-R1"})");
  EXPECT_FALSE(again.ok());
}

// KPI-1 and KPI-2 over a month of mixed events (November 2026): two
// customers (C-K1 tier A by volume, C-K2 tier C), ten orders, four
// complaints. Worked out by hand, per the measures of docs/kpi.md:
//
// order_response (order.confirm, 1h): W1-W6 are C-K1's, W7-W10 C-K2's,
//   all created 2 November 10:00; W6 and W10 are confirmed at 11:30, late.
//   All 8/10 = 0.8; A 5/6 = 0.833333; C 3/4 = 0.75. Min 0.95: all missed.
// tracking_updates (order.tracking, every 24h): W1, W2, W3, W7 depart 10
//   November 09:00. W1 and W2 push at 11 November 08:00 and are delivered
//   at 20:00: two on-time settlements each. W3 is delivered the same day:
//   one. W7 pushes nothing: a breach on 11 November 09:00, and its
//   delivery next morning settles the breached occurrence, which counts
//   late. All 5/6 = 0.833333; A 5/5 = 1; C 0/1 = 0. Min 0.98.
// complaints_closed (complaint.handling): K-1 (A) resolved in time; K-2 (A)
//   due Thursday 5 November 18:00, resolved Friday: late; K-3 (C, complex)
//   in time; K-4 is registered on 27 November and still open (due 2
//   December). All 2/3 = 0.666667; A 1/2 = 0.5; C 1/1 = 1. Min 0.9.
// satisfaction (mean of order.updated's score): W1 90, W2 80, W7 70. All
//   80; A 85 (the threshold itself is met); C 70. Min 85.
// claim_timeliness (claim.complete, 7 office days): CL-1's two claims, on
//   W1 (C-K1's, so tier A), filed Monday 2 November 11:00, due Wednesday
//   11 November 18:00. CL-K2 is rejected on the 10th, on time; CL-K1 is
//   paid on the 12th, late. All 1/2 = 0.5; A 1/2 = 0.5; C 0/0, no value.
//   Min 0.9: all and A missed.
// damage_shortage_rate: one damage (W7) over four signed orders (W1, W2,
//   W3, W7). All 1/4 = 0.25; A 0/3 = 0; C 1/1 = 1. Max 0.01.
// valid_complaints: K-1 and K-2 are valid: all 2, A 2, C 0. Max 5: met.
//
// At local midnight of 1 December the month closes: a kpi notification for
// each missed figure, overall (key "2026-11") and per tier ("2026-11/A").
TEST(ReferencePolicy, KPI1MonthOfMixedEventsAgainstHandWorkedFigures) {
  RuleStory story;
  story.feed(R"~(
    {"id":"kc-1","type":"customer.created","at":"2026-11-02T08:00:00+08:00","customer":"C-K1","attrs":{"annual_volume_cents":600000000}}
    {"id":"kc-2","type":"customer.created","at":"2026-11-02T08:00:00+08:00","customer":"C-K2","attrs":{"years":1}}
    {"id":"kk-1","type":"complaint.created","at":"2026-11-02T09:00:00+08:00","complaint":"K-1","customer":"C-K1","attrs":{"category":"delay"}}
    {"id":"kk-2","type":"complaint.created","at":"2026-11-02T09:00:00+08:00","complaint":"K-2","customer":"C-K1","attrs":{"category":"delay"}}
    {"id":"kk-3","type":"complaint.created","at":"2026-11-02T09:00:00+08:00","complaint":"K-3","customer":"C-K2","attrs":{"category":"damage"}}
    {"id":"kk-4","type":"complaint.registered","at":"2026-11-02T09:10:00+08:00","complaint":"K-1"}
    {"id":"kk-5","type":"complaint.registered","at":"2026-11-02T09:10:00+08:00","complaint":"K-2"}
    {"id":"kk-6","type":"complaint.registered","at":"2026-11-02T09:10:00+08:00","complaint":"K-3"}
    {"id":"kk-7","type":"complaint.accepted","at":"2026-11-02T09:20:00+08:00","complaint":"K-1"}
    {"id":"kk-8","type":"complaint.accepted","at":"2026-11-02T09:20:00+08:00","complaint":"K-2"}
    {"id":"kk-9","type":"complaint.accepted","at":"2026-11-02T09:20:00+08:00","complaint":"K-3"}
    {"id":"kk-10","type":"complaint.solution_proposed","at":"2026-11-02T10:00:00+08:00","complaint":"K-1"}
    {"id":"kk-11","type":"complaint.solution_proposed","at":"2026-11-02T10:00:00+08:00","complaint":"K-2"}
    {"id":"kk-12","type":"complaint.liability_determined","at":"2026-11-02T10:00:00+08:00","complaint":"K-3"}
    {"id":"ko-1","type":"order.created","at":"2026-11-02T10:00:00+08:00","order":"W1","customer":"C-K1"}
    {"id":"kl-1","type":"claim.created","at":"2026-11-02T11:00:00+08:00","claim":"CL-K1","order":"W1","attrs":{"amount_cents":300000,"loss_cents":300000}}
    {"id":"kl-2","type":"claim.created","at":"2026-11-02T11:00:00+08:00","claim":"CL-K2","order":"W1","attrs":{"amount_cents":100000,"loss_cents":100000}}
    {"id":"kl-3","type":"claim.investigation_started","at":"2026-11-02T12:00:00+08:00","claim":"CL-K1"}
    {"id":"kl-4","type":"claim.investigation_started","at":"2026-11-02T12:00:00+08:00","claim":"CL-K2"}
    {"id":"kl-5","type":"claim.liability_determined","at":"2026-11-05T17:00:00+08:00","claim":"CL-K1"}
    {"id":"kl-6","type":"claim.liability_determined","at":"2026-11-05T17:00:00+08:00","claim":"CL-K2"}
    {"id":"kl-7","type":"claim.reported","at":"2026-11-06T10:00:00+08:00","claim":"CL-K1"}
    {"id":"kl-8","type":"claim.reported","at":"2026-11-06T10:00:00+08:00","claim":"CL-K2"}
    {"id":"kl-9","type":"claim.signed_off","at":"2026-11-06T11:00:00+08:00","claim":"CL-K1","attrs":{"role":"claims_clerk","opinion":"approve"}}
    {"id":"kl-10","type":"claim.signed_off","at":"2026-11-06T11:00:00+08:00","claim":"CL-K2","attrs":{"role":"claims_clerk","opinion":"reject"}}
    {"id":"kl-11","type":"claim.signed_off","at":"2026-11-09T10:00:00+08:00","claim":"CL-K1","attrs":{"role":"cs_supervisor","opinion":"approve"}}
    {"id":"kl-12","type":"claim.signed_off","at":"2026-11-09T10:00:00+08:00","claim":"CL-K2","attrs":{"role":"cs_supervisor","opinion":"reject"}}
    {"id":"kl-13","type":"claim.approved","at":"2026-11-09T11:00:00+08:00","claim":"CL-K1"}
    {"id":"kl-14","type":"claim.rejected","at":"2026-11-10T09:00:00+08:00","claim":"CL-K2"}
    {"id":"kl-15","type":"claim.paid","at":"2026-11-12T10:00:00+08:00","claim":"CL-K1","attrs":{"amount_cents":60000}}
    {"id":"ko-2","type":"order.created","at":"2026-11-02T10:00:00+08:00","order":"W2","customer":"C-K1"}
    {"id":"ko-3","type":"order.created","at":"2026-11-02T10:00:00+08:00","order":"W3","customer":"C-K1"}
    {"id":"ko-4","type":"order.created","at":"2026-11-02T10:00:00+08:00","order":"W4","customer":"C-K1"}
    {"id":"ko-5","type":"order.created","at":"2026-11-02T10:00:00+08:00","order":"W5","customer":"C-K1"}
    {"id":"ko-6","type":"order.created","at":"2026-11-02T10:00:00+08:00","order":"W6","customer":"C-K1"}
    {"id":"ko-7","type":"order.created","at":"2026-11-02T10:00:00+08:00","order":"W7","customer":"C-K2"}
    {"id":"ko-8","type":"order.created","at":"2026-11-02T10:00:00+08:00","order":"W8","customer":"C-K2"}
    {"id":"ko-9","type":"order.created","at":"2026-11-02T10:00:00+08:00","order":"W9","customer":"C-K2"}
    {"id":"ko-10","type":"order.created","at":"2026-11-02T10:00:00+08:00","order":"W10","customer":"C-K2"}
    {"id":"kf-1","type":"order.confirmed","at":"2026-11-02T10:30:00+08:00","order":"W1"}
    {"id":"kf-2","type":"order.confirmed","at":"2026-11-02T10:30:00+08:00","order":"W2"}
    {"id":"kf-3","type":"order.confirmed","at":"2026-11-02T10:30:00+08:00","order":"W3"}
    {"id":"kf-4","type":"order.confirmed","at":"2026-11-02T10:30:00+08:00","order":"W4"}
    {"id":"kf-5","type":"order.confirmed","at":"2026-11-02T10:30:00+08:00","order":"W5"}
    {"id":"kf-6","type":"order.confirmed","at":"2026-11-02T11:30:00+08:00","order":"W6"}
    {"id":"kf-7","type":"order.confirmed","at":"2026-11-02T10:30:00+08:00","order":"W7"}
    {"id":"kf-8","type":"order.confirmed","at":"2026-11-02T10:30:00+08:00","order":"W8"}
    {"id":"kf-9","type":"order.confirmed","at":"2026-11-02T10:30:00+08:00","order":"W9"}
    {"id":"kf-10","type":"order.confirmed","at":"2026-11-02T11:30:00+08:00","order":"W10"}
    {"id":"kk-13","type":"complaint.remedy_proposed","at":"2026-11-02T11:00:00+08:00","complaint":"K-3"}
    {"id":"kk-14","type":"complaint.solution_proposed","at":"2026-11-03T09:00:00+08:00","complaint":"K-3"}
    {"id":"kk-15","type":"complaint.resolved","at":"2026-11-03T10:00:00+08:00","complaint":"K-1"}
    {"id":"kk-16","type":"complaint.updated","at":"2026-11-03T11:00:00+08:00","complaint":"K-1","attrs":{"valid":true}}
    {"id":"kk-17","type":"complaint.resolved","at":"2026-11-04T10:00:00+08:00","complaint":"K-3"}
    {"id":"kk-18","type":"complaint.resolved","at":"2026-11-06T10:00:00+08:00","complaint":"K-2"}
    {"id":"kk-19","type":"complaint.updated","at":"2026-11-06T11:00:00+08:00","complaint":"K-2","attrs":{"valid":true}}
    {"id":"kd-1","type":"order.departed","at":"2026-11-10T09:00:00+08:00","order":"W1"}
    {"id":"kd-2","type":"order.departed","at":"2026-11-10T09:00:00+08:00","order":"W2"}
    {"id":"kd-3","type":"order.departed","at":"2026-11-10T09:00:00+08:00","order":"W3"}
    {"id":"kd-7","type":"order.departed","at":"2026-11-10T09:00:00+08:00","order":"W7"}
    {"id":"kv-3","type":"order.delivered","at":"2026-11-10T20:00:00+08:00","order":"W3"}
    {"id":"kt-1","type":"order.tracking_pushed","at":"2026-11-11T08:00:00+08:00","order":"W1"}
    {"id":"kt-2","type":"order.tracking_pushed","at":"2026-11-11T08:00:00+08:00","order":"W2"}
    {"id":"ks-3","type":"order.signed","at":"2026-11-11T09:00:00+08:00","order":"W3"}
    {"id":"kv-1","type":"order.delivered","at":"2026-11-11T20:00:00+08:00","order":"W1"}
    {"id":"kv-2","type":"order.delivered","at":"2026-11-11T20:00:00+08:00","order":"W2"}
    {"id":"kv-7","type":"order.delivered","at":"2026-11-12T08:00:00+08:00","order":"W7"}
    {"id":"ks-1","type":"order.signed","at":"2026-11-12T10:00:00+08:00","order":"W1"}
    {"id":"ks-2","type":"order.signed","at":"2026-11-12T10:00:00+08:00","order":"W2"}
    {"id":"ks-7","type":"order.signed","at":"2026-11-12T10:00:00+08:00","order":"W7"}
    {"id":"ka-7","type":"order.anomaly_recorded","at":"2026-11-12T10:30:00+08:00","order":"W7","attrs":{"anomaly":"damage"}}
    {"id":"kr-7","type":"order.anomaly_reported","at":"2026-11-12T11:00:00+08:00","order":"W7"}
    {"id":"ku-1","type":"order.updated","at":"2026-11-13T10:00:00+08:00","order":"W1","attrs":{"satisfaction":90}}
    {"id":"ku-2","type":"order.updated","at":"2026-11-13T10:00:00+08:00","order":"W2","attrs":{"satisfaction":80}}
    {"id":"ku-7","type":"order.updated","at":"2026-11-13T10:00:00+08:00","order":"W7","attrs":{"satisfaction":70}}
    {"id":"kq-7","type":"order.case_reviewed","at":"2026-11-16T10:00:00+08:00","order":"W7"}
    {"id":"kk-20","type":"complaint.created","at":"2026-11-27T09:00:00+08:00","complaint":"K-4","customer":"C-K2","attrs":{"category":"delay"}}
    {"id":"kk-21","type":"complaint.registered","at":"2026-11-27T09:10:00+08:00","complaint":"K-4"}
  )~");
  story.advance_to("2026-12-01T00:00:00+08:00");
  const std::string head = R"({"kind":"kpi","at":"2026-12-01T00:00:00+08:00","sla":"kpi.)";
  const std::string due = R"(,"due":"2026-12-01T00:00:00+08:00",)";
  EXPECT_EQ(RuleStory::join(KpiLines(story)), Lines({
      head + R"(claim_timeliness","entity":"customer","key":"2026-11")" + due + R"("value":0.5,"min":0.9})",
      head + R"(complaints_closed","entity":"customer","key":"2026-11")" + due + R"("value":0.666667,"min":0.9})",
      head + R"(damage_shortage_rate","entity":"customer","key":"2026-11")" + due + R"("value":0.25,"max":0.01})",
      head + R"(order_response","entity":"customer","key":"2026-11")" + due + R"("value":0.8,"min":0.95})",
      head + R"(satisfaction","entity":"customer","key":"2026-11")" + due + R"("value":80,"min":85})",
      head + R"(tracking_updates","entity":"customer","key":"2026-11")" + due + R"("value":0.833333,"min":0.98})",
      head + R"(claim_timeliness","entity":"customer","key":"2026-11/A")" + due + R"("value":0.5,"min":0.9})",
      head + R"(complaints_closed","entity":"customer","key":"2026-11/A")" + due + R"("value":0.5,"min":0.9})",
      head + R"(order_response","entity":"customer","key":"2026-11/A")" + due + R"("value":0.833333,"min":0.95})",
      head + R"(damage_shortage_rate","entity":"customer","key":"2026-11/C")" + due + R"("value":1,"max":0.01})",
      head + R"(order_response","entity":"customer","key":"2026-11/C")" + due + R"("value":0.75,"min":0.95})",
      head + R"(satisfaction","entity":"customer","key":"2026-11/C")" + due + R"("value":70,"min":85})",
      head + R"(tracking_updates","entity":"customer","key":"2026-11/C")" + due + R"("value":0,"min":0.98})",
  }));

  // The exact counts behind them.
  std::vector<KpiMonth> months = story.engine().kpi_months();
  ASSERT_GE(months.size(), 1u);
  const KpiMonth& nov = months.front();
  EXPECT_EQ(nov.month, "2026-11");
  EXPECT_TRUE(nov.closed);
  ASSERT_EQ(nov.groups.size(), 3u);
  auto figure = [&](std::size_t group, const char* id) {
    for (const KpiValue& v : nov.groups[group].figures)
      if (v.id == id) return std::to_string(static_cast<long long>(v.numerator)) + "/" +
                             std::to_string(v.denominator);
    return std::string("none");
  };
  EXPECT_EQ(nov.groups[0].tier, "all");
  EXPECT_EQ(nov.groups[1].tier, "A");
  EXPECT_EQ(nov.groups[2].tier, "C");
  EXPECT_EQ(figure(0, "order_response"), "8/10");
  EXPECT_EQ(figure(1, "order_response"), "5/6");
  EXPECT_EQ(figure(2, "order_response"), "3/4");
  EXPECT_EQ(figure(0, "tracking_updates"), "5/6");
  EXPECT_EQ(figure(0, "complaints_closed"), "2/3");
  EXPECT_EQ(figure(0, "satisfaction"), "240/3");
  // Claims (CL-1's two, on W1): CL-K2 rejected on 11-10, within its 7
  // working days (due 11-11 18:00); CL-K1 paid on 11-12, late. A claim
  // counts under its order's tier: W1 is C-K1's, tier A.
  EXPECT_EQ(figure(0, "claim_timeliness"), "1/2");
  EXPECT_EQ(figure(1, "claim_timeliness"), "1/2");
  EXPECT_EQ(figure(2, "claim_timeliness"), "0/0");
  EXPECT_EQ(figure(0, "damage_shortage_rate"), "1/4");
  EXPECT_EQ(figure(0, "valid_complaints"), "2/1");
  EXPECT_EQ(figure(2, "valid_complaints"), "0/1");
  for (const KpiValue& v : nov.groups[0].figures)
    if (v.id == "claim_timeliness") {
      ASSERT_TRUE(v.value.has_value());
      EXPECT_DOUBLE_EQ(*v.value, 0.5);
      EXPECT_TRUE(v.missed);
    }
}

// KPI-2: valid complaints are counted per month against the policy's
// maximum (5). Six valid complaints in November: 6 > 5, a kpi notification
// when the month closes. The other figures have no value (no orders, no
// settled handling), so they notify nothing.
TEST(ReferencePolicy, KPI2ValidComplaintsAboveTheMonthlyMaximum) {
  RuleStory story;
  std::string events;
  for (int i = 1; i <= 6; ++i)
    events += R"({"id":"v-)" + std::to_string(i) +
              R"(","type":"complaint.created","at":"2026-11-09T09:00:00+08:00","complaint":"V-)" +
              std::to_string(i) + R"(","attrs":{"category":"delay","valid":true}})" + "\n";
  story.feed(events);
  story.advance_to("2026-12-01T00:00:00+08:00");
  EXPECT_EQ(RuleStory::join(KpiLines(story)),
            R"({"kind":"kpi","at":"2026-12-01T00:00:00+08:00","sla":"kpi.valid_complaints","entity":"customer","key":"2026-11","due":"2026-12-01T00:00:00+08:00","value":6,"max":5})");
}

}  // namespace
}  // namespace kefu::engine
