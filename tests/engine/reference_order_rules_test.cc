// The order rules of DOMAIN.md (ORD-1 .. ACM-2) under the bundled reference
// policy, examples/policies/reference.json: one test per rule ID, each a
// short story of events whose notifications were worked out by hand from
// DESIGN.md's contracts ("Deadline semantics", "Events in, notifications
// out") and the policy entry, never copied from the engine's output.
// docs/rules.md says which entries encode each rule and why.
//
// Calendars of the reference policy, all at +08:00:
//   cn-24x7    always open, no holidays (wall-clock hours and days);
//   office     Mon-Fri 08:30-12:00 and 13:30-18:00, cn-statutory;
//   warehouse  Mon-Sat 08:00-20:00, cn-statutory.
// 2026 around National Day (cn-statutory): 25-27 September and 1-7 October
// off; Sunday 20 September and Saturday 10 October are make-up working days
// (open with Monday's hours). 1 October 2026 is a Thursday.
//
// Stories replay as `kefu replay` does (advance to t - 1s, then ingest), so
// a stop at the due instant is on time. Order events start more timers than
// the one a test is about (order.confirm on every order, tracking, dwell
// and receipt on departure); the stories keep those on time, and the
// expected lines are the complete output.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "engine/rule_story.h"
#include "kefu/policy/vocabulary.h"

namespace kefu::engine {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::sys_days;
using std::chrono::year;
using std::chrono::year_month_day;

// The account manager's morning waybill check (ACM-1): one
// customer.waybills_checked at 09:00 on every calendar day from `first` to
// `last`. A check on a rest day re-arms to the next working day's 10:00,
// which is the occurrence pending, so a daily 09:00 check never breaches.
std::string MorningChecks(const std::string& customer, year_month_day first,
                          year_month_day last) {
  std::string out;
  for (sys_days d = first; d <= sys_days(last); d += std::chrono::days(1)) {
    year_month_day ymd(d);
    char date[16];
    std::snprintf(date, sizeof date, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    out += R"({"id":"chk-)" + customer + "-" + date +
           R"(","type":"customer.waybills_checked","at":")" + date +
           R"(T09:00:00+08:00","customer":")" + customer + "\"}\n";
  }
  return out;
}

constexpr year_month_day Ymd(int y, unsigned m, unsigned d) {
  return year_month_day(year(y), month(m), day(d));
}

// ORD-1: order.confirm, 1h of cn-24x7 from order.created, warnings at 0.5
// and 0.8. An order phoned in at 23:30 on National Day: wall-clock hours, so
// the holiday does not stop the clock. Due 23:30 + 1h = 00:30; warnings at
// 30 min (00:00) and 48 min (00:18).
TEST(ReferencePolicy, ORD1ConfirmWithinOneHour) {
  RuleStory late;
  late.feed(R"~(
    {"id":"o1-1","type":"order.created","at":"2026-10-01T23:30:00+08:00","order":"WB1001","customer":"C100","attrs":{"channel":"phone","cargo":"general","weight_kg":320}}
    {"id":"o1-2","type":"order.confirmed","at":"2026-10-02T00:41:00+08:00","order":"WB1001"}
  )~");
  late.advance_to("2026-10-02T06:00:00+08:00");
  EXPECT_EQ(late.text(), Lines({
      R"({"kind":"warning","seq":1,"at":"2026-10-02T00:00:00+08:00","sla":"order.confirm","entity":"order","key":"WB1001","due":"2026-10-02T00:30:00+08:00","fraction":0.5})",
      R"({"kind":"warning","seq":2,"at":"2026-10-02T00:18:00+08:00","sla":"order.confirm","entity":"order","key":"WB1001","due":"2026-10-02T00:30:00+08:00","fraction":0.8})",
      R"({"kind":"breach","seq":3,"at":"2026-10-02T00:30:00+08:00","sla":"order.confirm","entity":"order","key":"WB1001","due":"2026-10-02T00:30:00+08:00"})",
  }));

  // On time: confirmed at the due instant itself (intervals are half-open,
  // a stop at t <= due is on time). Both warnings still fire.
  RuleStory on_time;
  on_time.feed(R"~(
    {"id":"o1-3","type":"order.created","at":"2026-10-01T23:30:00+08:00","order":"WB1002","customer":"C100","attrs":{"channel":"email"}}
    {"id":"o1-4","type":"order.confirmed","at":"2026-10-02T00:30:00+08:00","order":"WB1002"}
  )~");
  on_time.advance_to("2026-10-02T06:00:00+08:00");
  EXPECT_EQ(on_time.text(), Lines({
      R"({"kind":"warning","seq":1,"at":"2026-10-02T00:00:00+08:00","sla":"order.confirm","entity":"order","key":"WB1002","due":"2026-10-02T00:30:00+08:00","fraction":0.5})",
      R"({"kind":"warning","seq":2,"at":"2026-10-02T00:18:00+08:00","sla":"order.confirm","entity":"order","key":"WB1002","due":"2026-10-02T00:30:00+08:00","fraction":0.8})",
  }));
}

// ORD-2: order.risk_assessment, 2h of cn-24x7 from order.created when
// new_customer is true or special_requirements is present, stopped by
// order.assessed; warning at 0.5 (1h). New customer at 16:20: warning 17:20,
// due 18:20, assessed 18:45 late. The orders' confirmations come before
// order.confirm's first warning (creation + 30 min), so it stays silent.
TEST(ReferencePolicy, ORD2RiskAssessmentWithinTwoHoursForNewCustomers) {
  RuleStory late;
  late.feed(R"~(
    {"id":"o2-1","type":"order.created","at":"2026-09-30T16:20:00+08:00","order":"WB2001","customer":"C200","attrs":{"new_customer":true,"tier":"C","cargo":"machinery"}}
    {"id":"o2-2","type":"order.confirmed","at":"2026-09-30T16:40:00+08:00","order":"WB2001"}
    {"id":"o2-3","type":"order.assessed","at":"2026-09-30T18:45:00+08:00","order":"WB2001"}
  )~");
  late.advance_to("2026-10-01T00:00:00+08:00");
  EXPECT_EQ(late.text(), Lines({
      R"({"kind":"warning","seq":1,"at":"2026-09-30T17:20:00+08:00","sla":"order.risk_assessment","entity":"order","key":"WB2001","due":"2026-09-30T18:20:00+08:00","fraction":0.5})",
      R"({"kind":"breach","seq":2,"at":"2026-09-30T18:20:00+08:00","sla":"order.risk_assessment","entity":"order","key":"WB2001","due":"2026-09-30T18:20:00+08:00"})",
  }));

  // On time: a special-requirements order of a known customer (the second
  // entry), created 09:00, due 11:00, warned at 10:00, assessed 10:50. An
  // ordinary order (new_customer false, no special requirements) gets no
  // risk-assessment timer at all.
  RuleStory on_time;
  on_time.feed(R"~(
    {"id":"o2-4","type":"order.created","at":"2026-09-30T09:00:00+08:00","order":"WB2002","customer":"C201","attrs":{"tier":"C","special_requirements":"tail-lift delivery, 2-8C cold chain"}}
    {"id":"o2-5","type":"order.created","at":"2026-09-30T09:05:00+08:00","order":"WB2003","customer":"C201","attrs":{"tier":"C","new_customer":false}}
    {"id":"o2-6","type":"order.confirmed","at":"2026-09-30T09:20:00+08:00","order":"WB2002"}
    {"id":"o2-7","type":"order.confirmed","at":"2026-09-30T09:25:00+08:00","order":"WB2003"}
    {"id":"o2-8","type":"order.assessed","at":"2026-09-30T10:50:00+08:00","order":"WB2002"}
  )~");
  on_time.advance_to("2026-10-01T00:00:00+08:00");
  EXPECT_EQ(on_time.text(), Lines({
      R"({"kind":"warning","seq":1,"at":"2026-09-30T10:00:00+08:00","sla":"order.risk_assessment","entity":"order","key":"WB2002","due":"2026-09-30T11:00:00+08:00","fraction":0.5})",
  }));
  EXPECT_EQ(SlasOf(on_time, policy::EntityKind::kOrder, "WB2003"),
            (std::vector<std::string>{"order.confirm"}));
}

// WH-1: order.inbound, 4h of the warehouse calendar (business hours) from
// order.arrived_warehouse to order.inbound_confirmed, warning at 0.75 (3h
// open). Cargo arrives Wednesday 30 September 18:30: 1.5h open that day
// (to 20:00), 1-7 October closed, then 2.5h from Thursday 8 October 08:00:
// due 10:30, warning after 1.5h + 1.5h = 09:30.
TEST(ReferencePolicy, WH1InboundWithinFourWarehouseHours) {
  RuleStory late;
  late.feed(R"~(
    {"id":"w1-1","type":"order.created","at":"2026-09-30T14:00:00+08:00","order":"WB3001","customer":"C300"}
    {"id":"w1-2","type":"order.confirmed","at":"2026-09-30T14:20:00+08:00","order":"WB3001"}
    {"id":"w1-3","type":"order.arrived_warehouse","at":"2026-09-30T18:30:00+08:00","order":"WB3001"}
    {"id":"w1-4","type":"order.inbound_confirmed","at":"2026-10-08T11:10:00+08:00","order":"WB3001"}
  )~");
  late.advance_to("2026-10-08T12:00:00+08:00");
  EXPECT_EQ(late.text(), Lines({
      R"({"kind":"warning","seq":1,"at":"2026-10-08T09:30:00+08:00","sla":"order.inbound","entity":"order","key":"WB3001","due":"2026-10-08T10:30:00+08:00","fraction":0.75})",
      R"({"kind":"breach","seq":2,"at":"2026-10-08T10:30:00+08:00","sla":"order.inbound","entity":"order","key":"WB3001","due":"2026-10-08T10:30:00+08:00"})",
  }));

  // On time, over the make-up Sunday: arrival Saturday 19 September 18:00,
  // 2h open to 20:00; Sunday 20 September is worked with Monday's hours
  // (08:00-20:00), so 2h more ends at 10:00; warning at 3h open = 09:00.
  // Confirmed 09:45.
  RuleStory on_time;
  on_time.feed(R"~(
    {"id":"w1-5","type":"order.created","at":"2026-09-19T15:00:00+08:00","order":"WB3002","customer":"C300"}
    {"id":"w1-6","type":"order.confirmed","at":"2026-09-19T15:20:00+08:00","order":"WB3002"}
    {"id":"w1-7","type":"order.arrived_warehouse","at":"2026-09-19T18:00:00+08:00","order":"WB3002"}
    {"id":"w1-8","type":"order.inbound_confirmed","at":"2026-09-20T09:45:00+08:00","order":"WB3002"}
  )~");
  on_time.advance_to("2026-09-20T12:00:00+08:00");
  EXPECT_EQ(on_time.text(), Lines({
      R"({"kind":"warning","seq":1,"at":"2026-09-20T09:00:00+08:00","sla":"order.inbound","entity":"order","key":"WB3002","due":"2026-09-20T10:00:00+08:00","fraction":0.75})",
  }));
}

// WH-2: for customers with warehousing, three recurring targets re-armed by
// their milestone, each breaching when an occurrence passes undone:
//   customer.stock_reconciliation  every {"at":"20:00"} (warehouse): the
//     first 20:00 of a warehouse working day strictly after the re-arm;
//   customer.stock_count  every {"weekday":"sat","at":"20:00"} (warehouse);
//   customer.stock_report every {"weekday":"mon","at":"12:00"} (office).
// Customer onboarded Monday 28 September 14:00:
//   reconciliation due 28 Sep 20:00 (met at 19:30: a restart that lands on
//   the pending occurrence meets it), then 29 Sep 20:00 (missed: breach,
//   re-armed to 30 Sep 20:00; the 21:15 catch-up acknowledges that breach
//   and does not count for 30 Sep), 30 Sep 20:00 (met at 19:40), then 1-7
//   October are closed: 8 Oct 20:00 (met at 18:30);
//   count: Saturday 3 October is a holiday, so 20:00 of the next warehouse
//   working day, Thursday 8 October: missed, breach at 20:00;
//   report: Monday 5 October is a holiday, so 12:00 of the next office
//   working day, 8 October: missed, breach at 12:00.
// receipts_collection/archive (every customer) fall on 15 and 20 October,
// after the story.
TEST(ReferencePolicy, WH2StockReconciliationCountAndReport) {
  RuleStory late;
  late.feed(R"~(
    {"id":"w2-1","type":"customer.created","at":"2026-09-28T14:00:00+08:00","customer":"C400","attrs":{"tier":"C","warehousing":true}}
    {"id":"w2-2","type":"customer.stock_reconciled","at":"2026-09-28T19:30:00+08:00","customer":"C400"}
    {"id":"w2-3","type":"customer.stock_reconciled","at":"2026-09-29T21:15:00+08:00","customer":"C400"}
    {"id":"w2-4","type":"customer.stock_reconciled","at":"2026-09-30T19:40:00+08:00","customer":"C400"}
    {"id":"w2-5","type":"customer.stock_reconciled","at":"2026-10-08T18:30:00+08:00","customer":"C400"}
  )~");
  late.advance_to("2026-10-09T00:00:00+08:00");
  EXPECT_EQ(late.text(), Lines({
      R"({"kind":"breach","seq":1,"at":"2026-09-29T20:00:00+08:00","sla":"customer.stock_reconciliation","entity":"customer","key":"C400","due":"2026-09-29T20:00:00+08:00"})",
      R"({"kind":"breach","seq":2,"at":"2026-10-08T12:00:00+08:00","sla":"customer.stock_report","entity":"customer","key":"C400","due":"2026-10-08T12:00:00+08:00"})",
      R"({"kind":"breach","seq":3,"at":"2026-10-08T20:00:00+08:00","sla":"customer.stock_count","entity":"customer","key":"C400","due":"2026-10-08T20:00:00+08:00"})",
  }));

  // On time: reconciled every working day before 20:00, counted and
  // reported on 8 October before their (moved) dues; nothing to say.
  RuleStory on_time;
  on_time.feed(R"~(
    {"id":"w2-6","type":"customer.created","at":"2026-09-28T14:00:00+08:00","customer":"C401","attrs":{"tier":"C","warehousing":true}}
    {"id":"w2-7","type":"customer.stock_reconciled","at":"2026-09-28T19:00:00+08:00","customer":"C401"}
    {"id":"w2-8","type":"customer.stock_reconciled","at":"2026-09-29T19:00:00+08:00","customer":"C401"}
    {"id":"w2-9","type":"customer.stock_reconciled","at":"2026-09-30T19:00:00+08:00","customer":"C401"}
    {"id":"w2-10","type":"customer.stock_report_sent","at":"2026-10-08T10:30:00+08:00","customer":"C401"}
    {"id":"w2-11","type":"customer.stock_counted","at":"2026-10-08T15:00:00+08:00","customer":"C401"}
    {"id":"w2-12","type":"customer.stock_reconciled","at":"2026-10-08T19:00:00+08:00","customer":"C401"}
  )~");
  on_time.advance_to("2026-10-09T00:00:00+08:00");
  EXPECT_EQ(on_time.text(), "");
}

// TR-1: order.transport_plan, {"before":"departure_at","by":"2h"} from
// order.confirmed to order.plan_sent: 2h of wall-clock time before the
// planned departure. Departure Saturday 10 October 08:00 (a make-up working
// day; wall clock, so it does not matter): due 06:00; plan sent 06:30.
TEST(ReferencePolicy, TR1PlanTwoHoursBeforeDeparture) {
  RuleStory late;
  late.feed(R"~(
    {"id":"t1-1","type":"order.created","at":"2026-10-09T09:00:00+08:00","order":"WB5001","customer":"C500","attrs":{"departure_at":"2026-10-10T08:00:00+08:00"}}
    {"id":"t1-2","type":"order.confirmed","at":"2026-10-09T09:20:00+08:00","order":"WB5001"}
    {"id":"t1-3","type":"order.plan_sent","at":"2026-10-10T06:30:00+08:00","order":"WB5001"}
  )~");
  late.advance_to("2026-10-10T07:00:00+08:00");
  EXPECT_EQ(late.text(), Lines({
      R"({"kind":"breach","seq":1,"at":"2026-10-10T06:00:00+08:00","sla":"order.transport_plan","entity":"order","key":"WB5001","due":"2026-10-10T06:00:00+08:00"})",
  }));

  // On time: the departure moves to 14:00 (order.updated), the deadline
  // follows it to 12:00, and the plan goes out at 11:30. Without the move
  // it would have breached at 06:00, which the story passes.
  RuleStory on_time;
  on_time.feed(R"~(
    {"id":"t1-4","type":"order.created","at":"2026-10-09T09:05:00+08:00","order":"WB5002","customer":"C500","attrs":{"departure_at":"2026-10-10T08:00:00+08:00"}}
    {"id":"t1-5","type":"order.confirmed","at":"2026-10-09T09:25:00+08:00","order":"WB5002"}
    {"id":"t1-6","type":"order.updated","at":"2026-10-09T17:00:00+08:00","order":"WB5002","attrs":{"departure_at":"2026-10-10T14:00:00+08:00"}}
    {"id":"t1-7","type":"order.plan_sent","at":"2026-10-10T11:30:00+08:00","order":"WB5002"}
  )~");
  on_time.advance_to("2026-10-10T15:00:00+08:00");
  EXPECT_EQ(on_time.text(), "");
}

// TR-2: order.tracking, every 24h of cn-24x7 from order.departed, re-armed
// by order.tracking_pushed, stopped by delivery; warning at 0.75 (18h).
// Departed 30 Sep 18:00; push 1 Oct 09:00 re-arms: due 2 Oct 09:00, warning
// 2 Oct 03:00; no push by then: breach at 09:00 (re-armed to 3 Oct 09:00);
// the 11:30 push re-arms again and delivery at 20:00 stops it.
// Side timers: dwell (48h) is re-armed by in_transit and delivery and
// stopped by signing; receipt_return warns on 12 Oct, after the story.
TEST(ReferencePolicy, TR2TrackingEveryTwentyFourHours) {
  RuleStory late;
  late.feed(R"~(
    {"id":"t2-1","type":"order.created","at":"2026-09-29T10:00:00+08:00","order":"WB6001","customer":"C600"}
    {"id":"t2-2","type":"order.confirmed","at":"2026-09-29T10:20:00+08:00","order":"WB6001"}
    {"id":"t2-3","type":"order.departed","at":"2026-09-30T18:00:00+08:00","order":"WB6001"}
    {"id":"t2-4","type":"order.in_transit","at":"2026-10-01T08:50:00+08:00","order":"WB6001"}
    {"id":"t2-5","type":"order.tracking_pushed","at":"2026-10-01T09:00:00+08:00","order":"WB6001"}
    {"id":"t2-6","type":"order.tracking_pushed","at":"2026-10-02T11:30:00+08:00","order":"WB6001"}
    {"id":"t2-7","type":"order.delivered","at":"2026-10-02T20:00:00+08:00","order":"WB6001"}
    {"id":"t2-8","type":"order.signed","at":"2026-10-02T20:30:00+08:00","order":"WB6001"}
  )~");
  late.advance_to("2026-10-03T12:00:00+08:00");
  EXPECT_EQ(late.text(), Lines({
      R"({"kind":"warning","seq":1,"at":"2026-10-02T03:00:00+08:00","sla":"order.tracking","entity":"order","key":"WB6001","due":"2026-10-02T09:00:00+08:00","fraction":0.75})",
      R"({"kind":"breach","seq":2,"at":"2026-10-02T09:00:00+08:00","sla":"order.tracking","entity":"order","key":"WB6001","due":"2026-10-02T09:00:00+08:00"})",
  }));

  // On time: pushes 14h, 14h and 16h apart, each before the previous
  // period's 18h warning; delivery stops the schedule.
  RuleStory on_time;
  on_time.feed(R"~(
    {"id":"t2-9","type":"order.created","at":"2026-09-29T10:00:00+08:00","order":"WB6002","customer":"C600"}
    {"id":"t2-10","type":"order.confirmed","at":"2026-09-29T10:20:00+08:00","order":"WB6002"}
    {"id":"t2-11","type":"order.departed","at":"2026-09-30T18:00:00+08:00","order":"WB6002"}
    {"id":"t2-12","type":"order.in_transit","at":"2026-10-01T08:00:00+08:00","order":"WB6002"}
    {"id":"t2-13","type":"order.tracking_pushed","at":"2026-10-01T08:00:00+08:00","order":"WB6002"}
    {"id":"t2-14","type":"order.tracking_pushed","at":"2026-10-01T22:00:00+08:00","order":"WB6002"}
    {"id":"t2-15","type":"order.tracking_pushed","at":"2026-10-02T12:00:00+08:00","order":"WB6002"}
    {"id":"t2-16","type":"order.delivered","at":"2026-10-02T20:00:00+08:00","order":"WB6002"}
    {"id":"t2-17","type":"order.signed","at":"2026-10-02T20:30:00+08:00","order":"WB6002"}
  )~");
  on_time.advance_to("2026-10-03T12:00:00+08:00");
  EXPECT_EQ(on_time.text(), "");
}

// TR-3: order.delay_notice, 1h of cn-24x7 from order.delay_reported (a
// typhoon holds the truck) to order.delay_notified; warning at 0.5.
// Reported 14:10 on a holiday: warning 14:40, due 15:10, told 15:25.
TEST(ReferencePolicy, TR3DelayNoticeWithinOneHour) {
  RuleStory late;
  late.feed(R"~(
    {"id":"t3-1","type":"order.created","at":"2026-10-01T20:00:00+08:00","order":"WB7001","customer":"C700"}
    {"id":"t3-2","type":"order.confirmed","at":"2026-10-01T20:15:00+08:00","order":"WB7001"}
    {"id":"t3-3","type":"order.departed","at":"2026-10-02T06:00:00+08:00","order":"WB7001"}
    {"id":"t3-4","type":"order.delay_reported","at":"2026-10-02T14:10:00+08:00","order":"WB7001"}
    {"id":"t3-5","type":"order.delay_notified","at":"2026-10-02T15:25:00+08:00","order":"WB7001"}
  )~");
  late.advance_to("2026-10-02T18:00:00+08:00");
  EXPECT_EQ(late.text(), Lines({
      R"({"kind":"warning","seq":1,"at":"2026-10-02T14:40:00+08:00","sla":"order.delay_notice","entity":"order","key":"WB7001","due":"2026-10-02T15:10:00+08:00","fraction":0.5})",
      R"({"kind":"breach","seq":2,"at":"2026-10-02T15:10:00+08:00","sla":"order.delay_notice","entity":"order","key":"WB7001","due":"2026-10-02T15:10:00+08:00"})",
  }));

  // On time: told at 14:35, before the warning.
  RuleStory on_time;
  on_time.feed(R"~(
    {"id":"t3-6","type":"order.created","at":"2026-10-01T20:00:00+08:00","order":"WB7002","customer":"C700"}
    {"id":"t3-7","type":"order.confirmed","at":"2026-10-01T20:15:00+08:00","order":"WB7002"}
    {"id":"t3-8","type":"order.departed","at":"2026-10-02T06:00:00+08:00","order":"WB7002"}
    {"id":"t3-9","type":"order.delay_reported","at":"2026-10-02T14:10:00+08:00","order":"WB7002"}
    {"id":"t3-10","type":"order.delay_notified","at":"2026-10-02T14:35:00+08:00","order":"WB7002"}
  )~");
  on_time.advance_to("2026-10-02T18:00:00+08:00");
  EXPECT_EQ(on_time.text(), "");
}

// TR-4: order.dwell, every 48h of cn-24x7 (the manual gives no figure) from
// order.departed, re-armed by movement (in_transit, delivered,
// exception_cleared) or by the account manager's chase (dwell_chased),
// stopped by signing. Departed 1 Oct 10:00, reached destination stock 20:00
// (re-armed: due 3 Oct 20:00); nothing moves: breach at 3 Oct 20:00
// (re-armed to 5 Oct 20:00); the chase on 4 Oct 09:30 re-arms to 6 Oct
// 09:30, delivery at 18:00 to 6 Oct 18:00, and signing at 18:30 ends it:
// nothing more up to 10 Oct. Tracking pushes keep order.tracking quiet
// (each before the 18h warning); receipt_return warns on 13 Oct.
TEST(ReferencePolicy, TR4DwellChasedUntilSigned) {
  RuleStory late;
  late.feed(R"~(
    {"id":"t4-1","type":"order.created","at":"2026-10-01T09:00:00+08:00","order":"WB8001","customer":"C800"}
    {"id":"t4-2","type":"order.confirmed","at":"2026-10-01T09:10:00+08:00","order":"WB8001"}
    {"id":"t4-3","type":"order.departed","at":"2026-10-01T10:00:00+08:00","order":"WB8001"}
    {"id":"t4-4","type":"order.in_transit","at":"2026-10-01T20:00:00+08:00","order":"WB8001"}
    {"id":"t4-5","type":"order.tracking_pushed","at":"2026-10-01T20:05:00+08:00","order":"WB8001"}
    {"id":"t4-6","type":"order.tracking_pushed","at":"2026-10-02T12:00:00+08:00","order":"WB8001"}
    {"id":"t4-7","type":"order.tracking_pushed","at":"2026-10-03T05:00:00+08:00","order":"WB8001"}
    {"id":"t4-8","type":"order.tracking_pushed","at":"2026-10-03T21:00:00+08:00","order":"WB8001"}
    {"id":"t4-9","type":"order.dwell_chased","at":"2026-10-04T09:30:00+08:00","order":"WB8001"}
    {"id":"t4-10","type":"order.tracking_pushed","at":"2026-10-04T14:00:00+08:00","order":"WB8001"}
    {"id":"t4-11","type":"order.delivered","at":"2026-10-04T18:00:00+08:00","order":"WB8001"}
    {"id":"t4-12","type":"order.signed","at":"2026-10-04T18:30:00+08:00","order":"WB8001"}
  )~");
  late.advance_to("2026-10-10T00:00:00+08:00");
  EXPECT_EQ(late.text(), Lines({
      R"({"kind":"breach","seq":1,"at":"2026-10-03T20:00:00+08:00","sla":"order.dwell","entity":"order","key":"WB8001","due":"2026-10-03T20:00:00+08:00"})",
  }));

  // On time: the cargo moves at least every 48h (departed 1 Oct 10:00,
  // transfer 2 Oct 15:00, destination 3 Oct 08:00, delivered 20:00).
  RuleStory on_time;
  on_time.feed(R"~(
    {"id":"t4-13","type":"order.created","at":"2026-10-01T09:00:00+08:00","order":"WB8002","customer":"C800"}
    {"id":"t4-14","type":"order.confirmed","at":"2026-10-01T09:10:00+08:00","order":"WB8002"}
    {"id":"t4-15","type":"order.departed","at":"2026-10-01T10:00:00+08:00","order":"WB8002"}
    {"id":"t4-16","type":"order.tracking_pushed","at":"2026-10-01T22:00:00+08:00","order":"WB8002"}
    {"id":"t4-17","type":"order.in_transit","at":"2026-10-02T15:00:00+08:00","order":"WB8002"}
    {"id":"t4-18","type":"order.tracking_pushed","at":"2026-10-02T15:00:00+08:00","order":"WB8002"}
    {"id":"t4-19","type":"order.in_transit","at":"2026-10-03T08:00:00+08:00","order":"WB8002"}
    {"id":"t4-20","type":"order.tracking_pushed","at":"2026-10-03T08:00:00+08:00","order":"WB8002"}
    {"id":"t4-21","type":"order.delivered","at":"2026-10-03T20:00:00+08:00","order":"WB8002"}
    {"id":"t4-22","type":"order.signed","at":"2026-10-03T20:30:00+08:00","order":"WB8002"}
  )~");
  on_time.advance_to("2026-10-10T00:00:00+08:00");
  EXPECT_EQ(on_time.text(), "");
}

// DL-1: order.delivery_appointment, for orders with appointment_at,
// {"before":"appointment_at","by":"1h"} from order.departed to
// order.appointment_confirmed. Appointment Saturday 10 October 10:00: due
// 09:00 (wall clock); the courier calls at 09:20.
TEST(ReferencePolicy, DL1AppointmentConfirmedOneHourBefore) {
  RuleStory late;
  late.feed(R"~(
    {"id":"d1-1","type":"order.created","at":"2026-10-09T08:00:00+08:00","order":"WB9001","customer":"C900","attrs":{"appointment_at":"2026-10-10T10:00:00+08:00"}}
    {"id":"d1-2","type":"order.confirmed","at":"2026-10-09T08:20:00+08:00","order":"WB9001"}
    {"id":"d1-3","type":"order.departed","at":"2026-10-10T06:00:00+08:00","order":"WB9001"}
    {"id":"d1-4","type":"order.appointment_confirmed","at":"2026-10-10T09:20:00+08:00","order":"WB9001"}
    {"id":"d1-5","type":"order.delivered","at":"2026-10-10T10:05:00+08:00","order":"WB9001"}
    {"id":"d1-6","type":"order.signed","at":"2026-10-10T10:15:00+08:00","order":"WB9001"}
  )~");
  late.advance_to("2026-10-10T12:00:00+08:00");
  EXPECT_EQ(late.text(), Lines({
      R"({"kind":"breach","seq":1,"at":"2026-10-10T09:00:00+08:00","sla":"order.delivery_appointment","entity":"order","key":"WB9001","due":"2026-10-10T09:00:00+08:00"})",
  }));

  // On time: confirmed with the consignee at 08:30. An order without an
  // appointment gets no appointment timer.
  RuleStory on_time;
  on_time.feed(R"~(
    {"id":"d1-7","type":"order.created","at":"2026-10-09T08:00:00+08:00","order":"WB9002","customer":"C900","attrs":{"appointment_at":"2026-10-10T10:00:00+08:00"}}
    {"id":"d1-8","type":"order.created","at":"2026-10-09T08:05:00+08:00","order":"WB9003","customer":"C900"}
    {"id":"d1-9","type":"order.confirmed","at":"2026-10-09T08:20:00+08:00","order":"WB9002"}
    {"id":"d1-10","type":"order.confirmed","at":"2026-10-09T08:25:00+08:00","order":"WB9003"}
    {"id":"d1-11","type":"order.departed","at":"2026-10-10T06:00:00+08:00","order":"WB9002"}
    {"id":"d1-12","type":"order.departed","at":"2026-10-10T06:10:00+08:00","order":"WB9003"}
    {"id":"d1-13","type":"order.appointment_confirmed","at":"2026-10-10T08:30:00+08:00","order":"WB9002"}
    {"id":"d1-14","type":"order.delivered","at":"2026-10-10T10:05:00+08:00","order":"WB9002"}
    {"id":"d1-15","type":"order.signed","at":"2026-10-10T10:15:00+08:00","order":"WB9002"}
    {"id":"d1-16","type":"order.delivered","at":"2026-10-10T11:00:00+08:00","order":"WB9003"}
    {"id":"d1-17","type":"order.signed","at":"2026-10-10T11:10:00+08:00","order":"WB9003"}
  )~");
  on_time.advance_to("2026-10-10T12:00:00+08:00");
  EXPECT_EQ(on_time.text(), "");
  for (const std::string& sla : SlasOf(on_time, policy::EntityKind::kOrder, "WB9003"))
    EXPECT_NE(sla, "order.delivery_appointment");
}

// DL-2: order.anomaly_report, 1h of cn-24x7 (the manual says "on the spot"
// and gives no figure) from order.anomaly_recorded (two cartons crushed,
// noted on the delivery note) to order.anomaly_reported (CS told).
// Recorded 15:10 on a holiday: due 16:10; reported 16:40.
TEST(ReferencePolicy, DL2AnomalyReportedWithinOneHour) {
  RuleStory late;
  late.feed(R"~(
    {"id":"d2-1","type":"order.created","at":"2026-10-04T09:00:00+08:00","order":"WBA001","customer":"CA00"}
    {"id":"d2-2","type":"order.confirmed","at":"2026-10-04T09:10:00+08:00","order":"WBA001"}
    {"id":"d2-3","type":"order.departed","at":"2026-10-05T08:00:00+08:00","order":"WBA001"}
    {"id":"d2-4","type":"order.delivered","at":"2026-10-05T15:00:00+08:00","order":"WBA001"}
    {"id":"d2-5","type":"order.anomaly_recorded","at":"2026-10-05T15:10:00+08:00","order":"WBA001"}
    {"id":"d2-6","type":"order.signed","at":"2026-10-05T15:12:00+08:00","order":"WBA001"}
    {"id":"d2-7","type":"order.anomaly_reported","at":"2026-10-05T16:40:00+08:00","order":"WBA001"}
  )~");
  late.advance_to("2026-10-05T18:00:00+08:00");
  EXPECT_EQ(late.text(), Lines({
      R"({"kind":"breach","seq":1,"at":"2026-10-05T16:10:00+08:00","sla":"order.anomaly_report","entity":"order","key":"WBA001","due":"2026-10-05T16:10:00+08:00"})",
  }));

  // On time: reported at 15:50.
  RuleStory on_time;
  on_time.feed(R"~(
    {"id":"d2-8","type":"order.created","at":"2026-10-04T09:00:00+08:00","order":"WBA002","customer":"CA00"}
    {"id":"d2-9","type":"order.confirmed","at":"2026-10-04T09:10:00+08:00","order":"WBA002"}
    {"id":"d2-10","type":"order.departed","at":"2026-10-05T08:00:00+08:00","order":"WBA002"}
    {"id":"d2-11","type":"order.delivered","at":"2026-10-05T15:00:00+08:00","order":"WBA002"}
    {"id":"d2-12","type":"order.anomaly_recorded","at":"2026-10-05T15:10:00+08:00","order":"WBA002"}
    {"id":"d2-13","type":"order.signed","at":"2026-10-05T15:12:00+08:00","order":"WBA002"}
    {"id":"d2-14","type":"order.anomaly_reported","at":"2026-10-05T15:50:00+08:00","order":"WBA002"}
  )~");
  on_time.advance_to("2026-10-05T18:00:00+08:00");
  EXPECT_EQ(on_time.text(), "");
}

// RC-1, the receipt of one order: order.receipt_return, 15d of cn-24x7 from
// order.departed to order.receipt_returned (calendar days; the policy's
// choice is that holidays do not extend it). Shipped Tuesday 22 September
// 16:00: the 15th day after is 7 October, which ends at 24:00, printed as
// 8 October 00:00:00. The 0.8 warning: 15 days 8 hours = 368h from the
// start to the due, 0.8 of it is 294h24m, so 4 October 22:24.
// An unqualified receipt (order.receipt_rejected, 30 September 15:00) must
// raise an exception notice within 1 working day of the office: the first
// working day after 30 September is 8 October, due at its close, 18:00.
// The receipts of a month (every customer): customer.receipts_collection,
// close of business of the 15th of the next month; receipts_archive, the
// 20th. Customer onboarded 10 September: collection due Thursday 15
// October 18:00 (done 16:00, re-armed to the 15th of November, a Sunday,
// so Monday 16 November), archive due Tuesday 20 October 18:00 (missed).
TEST(ReferencePolicy, RC1ReceiptWithinFifteenDays) {
  RuleStory late;
  late.feed(R"~(
    {"id":"r1-1","type":"order.created","at":"2026-09-22T09:00:00+08:00","order":"WBB001","customer":"CB00"}
    {"id":"r1-2","type":"order.confirmed","at":"2026-09-22T09:20:00+08:00","order":"WBB001"}
    {"id":"r1-3","type":"order.departed","at":"2026-09-22T16:00:00+08:00","order":"WBB001"}
    {"id":"r1-4","type":"order.delivered","at":"2026-09-23T09:30:00+08:00","order":"WBB001"}
    {"id":"r1-5","type":"order.signed","at":"2026-09-23T09:40:00+08:00","order":"WBB001"}
    {"id":"r1-6","type":"order.receipt_rejected","at":"2026-09-30T15:00:00+08:00","order":"WBB001"}
    {"id":"r1-7","type":"order.exception_notice_sent","at":"2026-10-09T09:00:00+08:00","order":"WBB001"}
    {"id":"r1-8","type":"order.receipt_returned","at":"2026-10-09T10:00:00+08:00","order":"WBB001"}
  )~");
  late.advance_to("2026-10-10T00:00:00+08:00");
  EXPECT_EQ(late.text(), Lines({
      R"({"kind":"warning","seq":1,"at":"2026-10-04T22:24:00+08:00","sla":"order.receipt_return","entity":"order","key":"WBB001","due":"2026-10-08T00:00:00+08:00","fraction":0.8})",
      R"({"kind":"breach","seq":2,"at":"2026-10-08T00:00:00+08:00","sla":"order.receipt_return","entity":"order","key":"WBB001","due":"2026-10-08T00:00:00+08:00"})",
      R"({"kind":"breach","seq":3,"at":"2026-10-08T18:00:00+08:00","sla":"order.receipt_exception","entity":"order","key":"WBB001","due":"2026-10-08T18:00:00+08:00"})",
  }));

  // On time: the receipt is back at 23:00 on the 15th day; the warning has
  // fired, no breach.
  RuleStory on_time;
  on_time.feed(R"~(
    {"id":"r1-9","type":"order.created","at":"2026-09-22T09:00:00+08:00","order":"WBB002","customer":"CB00"}
    {"id":"r1-10","type":"order.confirmed","at":"2026-09-22T09:20:00+08:00","order":"WBB002"}
    {"id":"r1-11","type":"order.departed","at":"2026-09-22T16:00:00+08:00","order":"WBB002"}
    {"id":"r1-12","type":"order.delivered","at":"2026-09-23T09:30:00+08:00","order":"WBB002"}
    {"id":"r1-13","type":"order.signed","at":"2026-09-23T09:40:00+08:00","order":"WBB002"}
    {"id":"r1-14","type":"order.receipt_returned","at":"2026-10-07T23:00:00+08:00","order":"WBB002"}
  )~");
  on_time.advance_to("2026-10-10T00:00:00+08:00");
  EXPECT_EQ(on_time.text(), Lines({
      R"({"kind":"warning","seq":1,"at":"2026-10-04T22:24:00+08:00","sla":"order.receipt_return","entity":"order","key":"WBB002","due":"2026-10-08T00:00:00+08:00","fraction":0.8})",
  }));

  // The monthly collection (on time) and archive (a day late).
  RuleStory monthly;
  monthly.feed(R"~(
    {"id":"r1-15","type":"customer.created","at":"2026-09-10T10:00:00+08:00","customer":"CB01","attrs":{"tier":"C"}}
    {"id":"r1-16","type":"customer.receipts_collected","at":"2026-10-15T16:00:00+08:00","customer":"CB01"}
    {"id":"r1-17","type":"customer.receipts_archived","at":"2026-10-21T09:30:00+08:00","customer":"CB01"}
  )~");
  monthly.advance_to("2026-10-22T00:00:00+08:00");
  EXPECT_EQ(monthly.text(), Lines({
      R"({"kind":"breach","seq":1,"at":"2026-10-20T18:00:00+08:00","sla":"customer.receipts_archive","entity":"customer","key":"CB01","due":"2026-10-20T18:00:00+08:00"})",
  }));
}

// ACM-1, for key customers (tiers A and B):
//   order.departure_check, {"at":"17:00"} of the office from order.created,
//     stopped by departure_confirmed (or departure, or cancellation): the
//     first 17:00 of an office working day strictly after the order;
//   customer.waybill_check, every {"at":"10:00"} of the office, re-armed by
//     customer.waybills_checked.
// Orders: WBC001 (tier A) created Friday 9 October 09:30, due 17:00 the
// same day, confirmed 17:40: breach. WBC002 (tier B) created 17:30, after
// that day's cutoff: due 17:00 on Saturday 10 October, a make-up working
// day; confirmed 16:30: on time.
// Waybills of C610 (tier A, onboarded Thursday 8 October 17:00): due 9 Oct
// 10:00, checked 09:40 (meets it); next 10 Oct 10:00 (make-up Saturday), not
// checked: breach, re-armed to Monday 12 Oct 10:00; the 11:20 check
// acknowledges the breach; checked 12 Oct 09:15 (meets it). The customer's
// weekly report (12 Oct 16:00) falls after the story.
TEST(ReferencePolicy, ACM1DepartureCheckBySeventeen) {
  RuleStory story;
  story.feed(R"~(
    {"id":"a1-1","type":"customer.created","at":"2026-10-08T17:00:00+08:00","customer":"C610","attrs":{"tier":"A"}}
    {"id":"a1-2","type":"order.created","at":"2026-10-09T09:30:00+08:00","order":"WBC001","customer":"C610","attrs":{"tier":"A"}}
    {"id":"a1-3","type":"customer.waybills_checked","at":"2026-10-09T09:40:00+08:00","customer":"C610"}
    {"id":"a1-4","type":"order.confirmed","at":"2026-10-09T09:45:00+08:00","order":"WBC001"}
    {"id":"a1-5","type":"order.created","at":"2026-10-09T17:30:00+08:00","order":"WBC002","customer":"C610","attrs":{"tier":"B"}}
    {"id":"a1-6","type":"order.departure_confirmed","at":"2026-10-09T17:40:00+08:00","order":"WBC001"}
    {"id":"a1-7","type":"order.confirmed","at":"2026-10-09T17:45:00+08:00","order":"WBC002"}
    {"id":"a1-8","type":"customer.waybills_checked","at":"2026-10-10T11:20:00+08:00","customer":"C610"}
    {"id":"a1-9","type":"order.departure_confirmed","at":"2026-10-10T16:30:00+08:00","order":"WBC002"}
    {"id":"a1-10","type":"customer.waybills_checked","at":"2026-10-12T09:15:00+08:00","customer":"C610"}
  )~");
  story.advance_to("2026-10-12T12:00:00+08:00");
  EXPECT_EQ(story.text(), Lines({
      R"({"kind":"breach","seq":1,"at":"2026-10-09T17:00:00+08:00","sla":"order.departure_check","entity":"order","key":"WBC001","due":"2026-10-09T17:00:00+08:00"})",
      R"({"kind":"breach","seq":2,"at":"2026-10-10T10:00:00+08:00","sla":"customer.waybill_check","entity":"customer","key":"C610","due":"2026-10-10T10:00:00+08:00"})",
  }));
}

// ACM-2, for key customers (tiers A and B):
//   customer.weekly_report  every {"weekday":"mon","at":"16:00"} (office);
//   customer.monthly_report every {"day_of_month":2,"months_after":1,
//     "at":"16:00"} (office);
//   customer.visits  at least 5 customer.visited per 1mo from onboarding
//     (cn-24x7).
// C710 (tier A) onboarded Tuesday 15 September 10:00:
//   weekly: 21 Sep 16:00 (sent 15:00, met), 28 Sep 16:00 (missed: breach;
//     re-armed: Monday 5 October is a holiday, so Thursday 8 Oct 16:00; the
//     late report of 29 Sep acknowledges the breach), 8 Oct (sent 15:00,
//     met), 12 Oct (sent 14:00, met);
//   monthly: the 2nd of October is a holiday, so 8 October 16:00; sent on
//     9 October: breach at 8 Oct 16:00;
//   visits: the first period's last day is 15 October (start day not
//     counted), ending at 24:00 = 16 Oct 00:00; 4 visits: breach then.
// The morning waybill checks (ACM-1) run every day; the receipts of
// September are collected on 15 October.
TEST(ReferencePolicy, ACM2ReportsAndFiveVisitsAMonth) {
  RuleStory late;
  late.feed(R"~(
    {"id":"a2-1","type":"customer.created","at":"2026-09-15T10:00:00+08:00","customer":"C710","attrs":{"tier":"A"}}
  )~");
  late.feed(MorningChecks("C710", Ymd(2026, 9, 16), Ymd(2026, 9, 18)));
  late.feed(R"~(
    {"id":"a2-2","type":"customer.visited","at":"2026-09-18T14:00:00+08:00","customer":"C710"}
  )~");
  late.feed(MorningChecks("C710", Ymd(2026, 9, 19), Ymd(2026, 9, 21)));
  late.feed(R"~(
    {"id":"a2-3","type":"customer.weekly_report_sent","at":"2026-09-21T15:00:00+08:00","customer":"C710"}
  )~");
  late.feed(MorningChecks("C710", Ymd(2026, 9, 22), Ymd(2026, 9, 25)));
  late.feed(R"~(
    {"id":"a2-4","type":"customer.visited","at":"2026-09-25T10:30:00+08:00","customer":"C710"}
  )~");
  late.feed(MorningChecks("C710", Ymd(2026, 9, 26), Ymd(2026, 9, 29)));
  late.feed(R"~(
    {"id":"a2-5","type":"customer.weekly_report_sent","at":"2026-09-29T09:30:00+08:00","customer":"C710"}
    {"id":"a2-6","type":"customer.visited","at":"2026-09-29T15:00:00+08:00","customer":"C710"}
  )~");
  late.feed(MorningChecks("C710", Ymd(2026, 9, 30), Ymd(2026, 10, 8)));
  late.feed(R"~(
    {"id":"a2-7","type":"customer.weekly_report_sent","at":"2026-10-08T15:00:00+08:00","customer":"C710"}
  )~");
  late.feed(MorningChecks("C710", Ymd(2026, 10, 9), Ymd(2026, 10, 9)));
  late.feed(R"~(
    {"id":"a2-8","type":"customer.monthly_report_sent","at":"2026-10-09T10:00:00+08:00","customer":"C710"}
    {"id":"a2-9","type":"customer.visited","at":"2026-10-09T14:00:00+08:00","customer":"C710"}
  )~");
  late.feed(MorningChecks("C710", Ymd(2026, 10, 10), Ymd(2026, 10, 12)));
  late.feed(R"~(
    {"id":"a2-10","type":"customer.weekly_report_sent","at":"2026-10-12T14:00:00+08:00","customer":"C710"}
  )~");
  late.feed(MorningChecks("C710", Ymd(2026, 10, 13), Ymd(2026, 10, 15)));
  late.feed(R"~(
    {"id":"a2-11","type":"customer.receipts_collected","at":"2026-10-15T11:00:00+08:00","customer":"C710"}
  )~");
  late.advance_to("2026-10-16T08:00:00+08:00");
  EXPECT_EQ(late.text(), Lines({
      R"({"kind":"breach","seq":1,"at":"2026-09-28T16:00:00+08:00","sla":"customer.weekly_report","entity":"customer","key":"C710","due":"2026-09-28T16:00:00+08:00"})",
      R"({"kind":"breach","seq":2,"at":"2026-10-08T16:00:00+08:00","sla":"customer.monthly_report","entity":"customer","key":"C710","due":"2026-10-08T16:00:00+08:00"})",
      R"({"kind":"breach","seq":3,"at":"2026-10-16T00:00:00+08:00","sla":"customer.visits","entity":"customer","key":"C710","due":"2026-10-16T00:00:00+08:00"})",
  }));
  // Periods are counted from the start: the second ends with the same day
  // of the month two months after 15 September, 15 November, at 24:00 (not
  // a month after the first period's end, which would drift a day a month).
  EXPECT_EQ(DueOf(late, policy::EntityKind::kCustomer, "C710", "customer.visits"),
            "2026-11-16T00:00:00+08:00");

  // On time (C720, tier B): every weekly report before its Monday 16:00 (8
  // October for the holiday week), the monthly one on 8 October 10:00,
  // five visits in the period: the period closes silently.
  RuleStory on_time;
  on_time.feed(R"~(
    {"id":"a2-12","type":"customer.created","at":"2026-09-15T10:00:00+08:00","customer":"C720","attrs":{"tier":"B"}}
  )~");
  on_time.feed(MorningChecks("C720", Ymd(2026, 9, 16), Ymd(2026, 9, 18)));
  on_time.feed(R"~(
    {"id":"a2-13","type":"customer.visited","at":"2026-09-18T14:00:00+08:00","customer":"C720"}
  )~");
  on_time.feed(MorningChecks("C720", Ymd(2026, 9, 19), Ymd(2026, 9, 21)));
  on_time.feed(R"~(
    {"id":"a2-14","type":"customer.weekly_report_sent","at":"2026-09-21T15:00:00+08:00","customer":"C720"}
  )~");
  on_time.feed(MorningChecks("C720", Ymd(2026, 9, 22), Ymd(2026, 9, 25)));
  on_time.feed(R"~(
    {"id":"a2-15","type":"customer.visited","at":"2026-09-25T10:30:00+08:00","customer":"C720"}
  )~");
  on_time.feed(MorningChecks("C720", Ymd(2026, 9, 26), Ymd(2026, 9, 28)));
  on_time.feed(R"~(
    {"id":"a2-16","type":"customer.weekly_report_sent","at":"2026-09-28T15:00:00+08:00","customer":"C720"}
  )~");
  on_time.feed(MorningChecks("C720", Ymd(2026, 9, 29), Ymd(2026, 9, 29)));
  on_time.feed(R"~(
    {"id":"a2-17","type":"customer.visited","at":"2026-09-29T15:00:00+08:00","customer":"C720"}
  )~");
  on_time.feed(MorningChecks("C720", Ymd(2026, 9, 30), Ymd(2026, 10, 8)));
  on_time.feed(R"~(
    {"id":"a2-18","type":"customer.monthly_report_sent","at":"2026-10-08T10:00:00+08:00","customer":"C720"}
    {"id":"a2-19","type":"customer.weekly_report_sent","at":"2026-10-08T15:00:00+08:00","customer":"C720"}
  )~");
  on_time.feed(MorningChecks("C720", Ymd(2026, 10, 9), Ymd(2026, 10, 9)));
  on_time.feed(R"~(
    {"id":"a2-20","type":"customer.visited","at":"2026-10-09T14:00:00+08:00","customer":"C720"}
  )~");
  on_time.feed(MorningChecks("C720", Ymd(2026, 10, 10), Ymd(2026, 10, 12)));
  on_time.feed(R"~(
    {"id":"a2-21","type":"customer.weekly_report_sent","at":"2026-10-12T14:00:00+08:00","customer":"C720"}
  )~");
  on_time.feed(MorningChecks("C720", Ymd(2026, 10, 13), Ymd(2026, 10, 14)));
  on_time.feed(R"~(
    {"id":"a2-22","type":"customer.visited","at":"2026-10-14T10:00:00+08:00","customer":"C720"}
  )~");
  on_time.feed(MorningChecks("C720", Ymd(2026, 10, 15), Ymd(2026, 10, 15)));
  on_time.feed(R"~(
    {"id":"a2-23","type":"customer.receipts_collected","at":"2026-10-15T11:00:00+08:00","customer":"C720"}
  )~");
  on_time.advance_to("2026-10-16T08:00:00+08:00");
  EXPECT_EQ(on_time.text(), "");
}

}  // namespace
}  // namespace kefu::engine
