// The engine against DESIGN.md's "Timers over time" and "Events in,
// notifications out", with small policies written here. Every expected
// notification is worked out by hand in the comment above it.
//
// Calendars: "cn-24x7" (always open, +08:00) and "office" (Mon-Fri
// 09:00-18:00, +08:00, Wednesday 2026-03-04 a company day off). 2026-03-02
// is a Monday.
#include "kefu/engine/engine.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kefu/engine/notification.h"
#include "kefu/engine/snapshot.h"
#include "kefu/policy/policy.h"
#include "engine/engine_story.h"
#include "engine/small_policy.h"

namespace kefu::engine {
namespace {

using policy::EntityKind;

TimerView OnlyTimer(const Engine& engine, std::string_view key,
                    EntityKind kind = EntityKind::kOrder) {
  Result<std::vector<TimerView>> timers = engine.timers_of(kind, key);
  if (!timers.ok() || timers->size() != 1) {
    ADD_FAILURE() << key << ": expected exactly one timer";
    return {};
  }
  return timers->front();
}

std::string S(time::Instant t) { return time::format_instant(t, time::UtcOffset::hours(8)); }

::testing::AssertionResult Contains(const std::string& text, std::string_view part) {
  if (text.find(part) != std::string::npos) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "\"" << part << "\" not in:\n" << text;
}

// ---------------------------------------------------------------------------
// Start, stop, warnings, breach.

TEST(Engine, AStopExactlyAtTheDueIsOnTime) {
  Engine engine(MakePolicy(kConfirm));
  Accept(engine, Ev("e-1", "order.created", "03-02T09:00", "WB1"));
  // 1h from 09:00: 0.5 at 09:30, 0.8 at 09:48, due 10:00.
  EXPECT_EQ(Advance(engine, "03-02T09:59:59"),
            (Lines{N("warning", 1, "03-02T09:30", "order.confirm", "WB1", "03-02T10:00",
                     R"(,"fraction":0.5)"),
                   N("warning", 2, "03-02T09:48", "order.confirm", "WB1", "03-02T10:00",
                     R"(,"fraction":0.8)")}));
  Accept(engine, Ev("e-2", "order.confirmed", "03-02T10:00", "WB1"));
  EXPECT_EQ(Advance(engine, "03-03T00:00"), Lines{});
  TimerView t = OnlyTimer(engine, "WB1");
  EXPECT_EQ(t.sla, "order.confirm");
  EXPECT_EQ(t.target, "/sla/0");
  EXPECT_EQ(t.state, "stopped");
  EXPECT_FALSE(t.breached);
  EXPECT_EQ(S(t.armed), T("03-02T09:00"));
  EXPECT_EQ(S(t.due), T("03-02T10:00"));
  ASSERT_TRUE(t.ended.has_value());
  EXPECT_EQ(S(*t.ended), T("03-02T10:00"));
  EXPECT_EQ(t.calendar, "cn-24x7");
  EXPECT_EQ(t.offset, time::UtcOffset::hours(8));
  EXPECT_EQ(t.policy_version, "t-1");
}

TEST(Engine, WithoutAStopWarnsThenBreachesAtTheDueOnce) {
  Engine engine(MakePolicy(kConfirm));
  Accept(engine, Ev("e-1", "order.created", "03-02T09:00", "WB1"));
  EXPECT_EQ(Advance(engine, "03-02T10:00"),
            (Lines{N("warning", 1, "03-02T09:30", "order.confirm", "WB1", "03-02T10:00",
                     R"(,"fraction":0.5)"),
                   N("warning", 2, "03-02T09:48", "order.confirm", "WB1", "03-02T10:00",
                     R"(,"fraction":0.8)"),
                   N("breach", 3, "03-02T10:00", "order.confirm", "WB1", "03-02T10:00")}));
  EXPECT_EQ(Advance(engine, "03-05T00:00"), Lines{});
  TimerView t = OnlyTimer(engine, "WB1");
  EXPECT_TRUE(t.breached);
  EXPECT_EQ(t.state, "running");
  // A stop after the breach ends the timer; the breach stands.
  Accept(engine, Ev("e-2", "order.confirmed", "03-05T00:00", "WB1"));
  t = OnlyTimer(engine, "WB1");
  EXPECT_EQ(t.state, "stopped");
  EXPECT_TRUE(t.breached);
  EXPECT_EQ(Advance(engine, "03-06T00:00"), Lines{});
}

TEST(Engine, AStopOneSecondLateComesAfterTheBreach) {
  Engine engine(MakePolicy(kConfirm));
  Accept(engine, Ev("e-1", "order.created", "03-02T09:00", "WB1"));
  EXPECT_EQ(Advance(engine, "03-02T10:00").size(), 3u);
  Accept(engine, R"({"id":"e-2","type":"order.confirmed","at":"2026-03-02T10:00:01+08:00","order":"WB1"})");
  EXPECT_EQ(Advance(engine, "03-02T11:00"), Lines{});
  EXPECT_TRUE(OnlyTimer(engine, "WB1").breached);
}

TEST(Engine, WarningsAreFractionsOfTheCalendarsOpenTime) {
  // 3wd from Mon 03-02 10:00: Tue (1), Wed off, Thu (2), Fri (3): due Fri
  // 18:00. 35h open: 0.5 -> 17.5h -> Thu 09:30; 0.8 -> 28h -> Fri 11:00.
  Engine engine(MakePolicy(
      R"({"id": "order.resolve", "entity": "order", "start": "order.created",
          "stop": "order.confirmed", "target": "3wd", "calendar": "office",
          "warn_at": [0.5, 0.8]})"));
  Accept(engine, Ev("e-1", "order.created", "03-02T10:00", "WB1"));
  EXPECT_EQ(Advance(engine, "03-06T18:00"),
            (Lines{N("warning", 1, "03-05T09:30", "order.resolve", "WB1", "03-06T18:00",
                     R"(,"fraction":0.5)"),
                   N("warning", 2, "03-06T11:00", "order.resolve", "WB1", "03-06T18:00",
                     R"(,"fraction":0.8)"),
                   N("breach", 3, "03-06T18:00", "order.resolve", "WB1", "03-06T18:00")}));
}

// ---------------------------------------------------------------------------
// Pauses.

constexpr std::string_view kHandle =
    R"({"id": "order.handle", "entity": "order", "start": "order.created",
        "stop": "order.confirmed", "pause": "order.hold", "resume": "order.unhold",
        "target": "4h", "calendar": "office", "warn_at": [0.5]})";

TEST(Engine, PauseAndResumeMoveTheDueAndWarningsByTheOpenTimePaused) {
  // 4h from Mon 09:00: due 13:00, 0.5 at 11:00. Paused 10:00-15:00, 5h
  // open: due 18:00 (a closing time), warning 16:00.
  Engine engine(MakePolicy(kHandle));
  Accept(engine, Ev("e-1", "order.created", "03-02T09:00", "WB1"));
  Accept(engine, Ev("e-2", "order.hold", "03-02T10:00", "WB1"));
  EXPECT_EQ(Advance(engine, "03-02T15:00"), Lines{}) << "a paused timer neither warns nor breaches";
  EXPECT_EQ(OnlyTimer(engine, "WB1").state, "paused");
  Accept(engine, Ev("e-3", "order.unhold", "03-02T15:00", "WB1"));
  EXPECT_EQ(S(OnlyTimer(engine, "WB1").due), T("03-02T18:00"));
  EXPECT_EQ(Advance(engine, "03-02T18:00"),
            (Lines{N("warning", 1, "03-02T16:00", "order.handle", "WB1", "03-02T18:00",
                     R"(,"fraction":0.5)"),
                   N("breach", 2, "03-02T18:00", "order.handle", "WB1", "03-02T18:00")}));
}

TEST(Engine, PausedOverAClosedNightMovesNothing) {
  // 4h from Mon 15:00: 3h Mon + 1h Tue: due Tue 10:00; 0.5 at Mon 17:00.
  // Paused Mon 18:30 to Tue 08:30: no open time paused.
  Engine engine(MakePolicy(kHandle));
  Accept(engine, Ev("e-1", "order.created", "03-02T15:00", "WB1"));
  EXPECT_EQ(Advance(engine, "03-02T18:29:59"),
            (Lines{N("warning", 1, "03-02T17:00", "order.handle", "WB1", "03-03T10:00",
                     R"(,"fraction":0.5)")}));
  Accept(engine, Ev("e-2", "order.hold", "03-02T18:30", "WB1"));
  Accept(engine, Ev("e-3", "order.unhold", "03-03T08:30", "WB1"));
  EXPECT_EQ(Advance(engine, "03-03T10:00"),
            (Lines{N("breach", 2, "03-03T10:00", "order.handle", "WB1", "03-03T10:00")}));
}

// ---------------------------------------------------------------------------
// Recurring targets.

TEST(Engine, RecurringIsReArmedByRestartAndAtEachDue) {
  Engine engine(MakePolicy(
      R"({"id": "order.tracking", "entity": "order", "start": "order.departed",
          "restart": "order.tracking_pushed", "stop": "order.delivered",
          "target": {"every": "24h"}, "calendar": "cn-24x7", "warn_at": [0.75]})"));
  Accept(engine, Ev("e-1", "order.created", "03-02T08:00", "WB1"));
  Accept(engine, Ev("e-2", "order.confirmed", "03-02T08:30", "WB1"));
  Accept(engine, Ev("e-3", "order.departed", "03-02T10:00", "WB1"));
  // Armed 03-02 10:00: 0.75 of 24h = 18h -> 03-03 04:00; due 03-03 10:00.
  EXPECT_EQ(Advance(engine, "03-03T08:59:59"),
            (Lines{N("warning", 1, "03-03T04:00", "order.tracking", "WB1", "03-03T10:00",
                     R"(,"fraction":0.75)")}));
  // Pushed at 09:00: re-armed, due 03-04 09:00. Then no pushes: each due
  // breaches (the target has restart events) and re-arms from the due.
  Accept(engine, Ev("e-4", "order.tracking_pushed", "03-03T09:00", "WB1"));
  EXPECT_EQ(Advance(engine, "03-05T09:00"),
            (Lines{N("warning", 2, "03-04T03:00", "order.tracking", "WB1", "03-04T09:00",
                     R"(,"fraction":0.75)"),
                   N("breach", 3, "03-04T09:00", "order.tracking", "WB1", "03-04T09:00"),
                   N("warning", 4, "03-05T03:00", "order.tracking", "WB1", "03-05T09:00",
                     R"(,"fraction":0.75)"),
                   N("breach", 5, "03-05T09:00", "order.tracking", "WB1", "03-05T09:00")}));
  // Pushed 03-05 10:00 (due 03-06 10:00, warning 03-06 04:00); delivered at
  // 03-06 03:00 stops it before either.
  Accept(engine, Ev("e-5", "order.tracking_pushed", "03-05T10:00", "WB1"));
  Accept(engine, Ev("e-6", "order.delivered", "03-06T03:00", "WB1"));
  EXPECT_EQ(Advance(engine, "03-09T00:00"), Lines{});
  EXPECT_EQ(OnlyTimer(engine, "WB1").state, "stopped");
}

TEST(Engine, RecurringWithoutRestartEventsReminds) {
  Engine engine(MakePolicy(
      R"({"id": "order.ping", "entity": "order", "start": "order.created",
          "target": {"every": "24h"}, "calendar": "cn-24x7"})"));
  Accept(engine, Ev("e-1", "order.created", "03-02T09:00", "WB1"));
  EXPECT_EQ(Advance(engine, "03-04T09:00"),
            (Lines{N("reminder", 1, "03-03T09:00", "order.ping", "WB1", "03-03T09:00"),
                   N("reminder", 2, "03-04T09:00", "order.ping", "WB1", "03-04T09:00")}));
  // A closing lifecycle event stops every timer of the entity.
  Accept(engine, Ev("e-2", "order.cancelled", "03-04T10:00", "WB1"));
  EXPECT_EQ(Advance(engine, "03-08T00:00"), Lines{});
}

TEST(Engine, ARestartBeforeADailyCutoffMeetsIt) {
  Engine engine(MakePolicy(
      R"({"id": "customer.check", "entity": "customer", "start": "customer.created",
          "restart": "customer.checked", "target": {"every": {"at": "10:00"}},
          "calendar": "office"})"));
  // Created Mon 08:00: pending Mon 10:00. Checked Mon 09:00: met, silent.
  Accept(engine, Ev("c-1", "customer.created", "03-02T08:00", "C1"));
  Accept(engine, Ev("c-2", "customer.checked", "03-02T09:00", "C1"));
  EXPECT_EQ(Advance(engine, "03-03T10:00"),
            (Lines{N("breach", 1, "03-03T10:00", "customer.check", "C1", "03-03T10:00")}));
  // Wednesday is a day off: the next cutoff is Thursday's.
  EXPECT_EQ(Advance(engine, "03-05T10:00"),
            (Lines{N("breach", 2, "03-05T10:00", "customer.check", "C1", "03-05T10:00")}));
  // Checked Thu 11:00, after Thursday's breach: inside Friday's window
  // (Thu 10:00, Fri 10:00], so Friday's cutoff is met.
  Accept(engine, Ev("c-3", "customer.checked", "03-05T11:00", "C1"));
  EXPECT_EQ(Advance(engine, "03-06T10:00"), Lines{});
  // Friday's met cutoff re-arms to Monday's (the weekend is closed);
  // checked Mon 09:00, before it: met. Nobody checks for Tuesday.
  Accept(engine, Ev("c-4", "customer.checked", "03-09T09:00", "C1"));
  EXPECT_EQ(Advance(engine, "03-09T10:00"), Lines{});
  EXPECT_EQ(Advance(engine, "03-10T10:00"),
            (Lines{N("breach", 3, "03-10T10:00", "customer.check", "C1", "03-10T10:00")}));
}

// ---------------------------------------------------------------------------
// Quotas.

constexpr std::string_view kVisits =
    R"({"id": "customer.visits", "entity": "customer", "start": "customer.created",
        "target": {"count": 2, "of": "customer.visited", "per": "7d"},
        "calendar": "cn-24x7"})";

TEST(Engine, AQuotaPeriodThatClosesShortBreaches) {
  // From Mon 03-02 10:00, 7d: the last day is 03-09, ending at its 24:00.
  Engine engine(MakePolicy(kVisits));
  Accept(engine, Ev("c-1", "customer.created", "03-02T10:00", "C1"));
  Accept(engine, Ev("c-2", "customer.visited", "03-03T10:00", "C1"));
  EXPECT_EQ(Advance(engine, "03-09T23:59:59"), Lines{});
  EXPECT_EQ(Advance(engine, "03-10T00:00"),
            (Lines{N("breach", 1, "03-10T00:00", "customer.visits", "C1", "03-10T00:00")}));
}

TEST(Engine, AQuotaPeriodThatIsMetIsSilent) {
  Engine engine(MakePolicy(kVisits));
  Accept(engine, Ev("c-1", "customer.created", "03-02T10:00", "C1"));
  Accept(engine, Ev("c-2", "customer.visited", "03-03T10:00", "C1"));
  Accept(engine, Ev("c-3", "customer.visited", "03-05T10:00", "C1"));
  EXPECT_EQ(Advance(engine, "03-10T00:00"), Lines{});
  EXPECT_EQ(OnlyTimer(engine, "C1", EntityKind::kCustomer).state, "running");
}

TEST(Engine, QuotaPeriodsFollowEachOtherFromTheStart) {
  // Periods of 7 days from the start: ends 03-10 00:00, 03-17 00:00.
  Engine engine(MakePolicy(kVisits));
  Accept(engine, Ev("c-1", "customer.created", "03-02T10:00", "C1"));
  Accept(engine, Ev("c-2", "customer.visited", "03-03T10:00", "C1"));
  Accept(engine, Ev("c-3", "customer.visited", "03-05T10:00", "C1"));
  Accept(engine, Ev("c-4", "customer.visited", "03-12T10:00", "C1"));
  EXPECT_EQ(Advance(engine, "03-17T00:00"),
            (Lines{N("breach", 1, "03-17T00:00", "customer.visits", "C1", "03-17T00:00")}));
}

// ---------------------------------------------------------------------------
// `before` targets.

constexpr std::string_view kTransportPlan =
    R"({"id": "order.transport_plan", "entity": "order", "start": "order.confirmed",
        "stop": "order.plan_sent", "target": {"before": "departure_at", "by": "2h"},
        "calendar": "cn-24x7"})";

TEST(Engine, BeforeTargetIsDueThatLongBeforeTheAttribute) {
  Engine engine(MakePolicy(kTransportPlan));
  Accept(engine, Ev("e-1", "order.created", "03-02T09:00", "WB1",
                    R"({"departure_at":"2026-03-03T08:00:00+08:00"})"));
  Accept(engine, Ev("e-2", "order.confirmed", "03-02T09:30", "WB1"));
  EXPECT_EQ(Advance(engine, "03-03T06:00"),
            (Lines{N("breach", 1, "03-03T06:00", "order.transport_plan", "WB1",
                     "03-03T06:00")}));
}

TEST(Engine, BeforeTargetWithoutItsAttributeDoesNotStartAndExplainSaysWhy) {
  Engine engine(MakePolicy(kTransportPlan));
  Accept(engine, Ev("e-1", "order.created", "03-02T09:00", "WB1"));
  Accept(engine, Ev("e-2", "order.confirmed", "03-02T09:30", "WB1"));
  Result<std::vector<TimerView>> timers = engine.timers_of(EntityKind::kOrder, "WB1");
  ASSERT_TRUE(timers.ok());
  EXPECT_TRUE(timers->empty());
  EXPECT_EQ(Advance(engine, "03-05T00:00"), Lines{});
  Result<std::string> explain = engine.explain(EntityKind::kOrder, "WB1");
  ASSERT_TRUE(explain.ok()) << explain.status().to_string();
  EXPECT_TRUE(Contains(*explain, "order.transport_plan"));
  EXPECT_TRUE(Contains(*explain, "departure_at"));
}

TEST(Engine, BeforeTargetDueBeforeItsStartBreachesAtOnce) {
  // Departure 10:00 by 2h: due 08:00; confirmed at 09:30.
  Engine engine(MakePolicy(kTransportPlan));
  Accept(engine, Ev("e-1", "order.created", "03-02T09:00", "WB1",
                    R"({"departure_at":"2026-03-02T10:00:00+08:00"})"));
  Accept(engine, Ev("e-2", "order.confirmed", "03-02T09:30", "WB1"));
  EXPECT_EQ(Advance(engine, "03-02T09:30"),
            (Lines{N("breach", 1, "03-02T09:30", "order.transport_plan", "WB1",
                     "03-02T08:00")}));
}

TEST(Engine, BeforeTargetFollowsItsAttribute) {
  Engine engine(MakePolicy(kTransportPlan));
  // WB1: departure moved from 08:00 to 12:00 next day: due 06:00 -> 10:00.
  Accept(engine, Ev("e-1", "order.created", "03-02T09:00", "WB1",
                    R"({"departure_at":"2026-03-03T08:00:00+08:00"})"));
  Accept(engine, Ev("e-2", "order.confirmed", "03-02T09:30", "WB1"));
  Accept(engine, Ev("e-3", "order.updated", "03-02T12:00", "WB1",
                    R"({"departure_at":"2026-03-03T12:00:00+08:00"})"));
  EXPECT_EQ(S(OnlyTimer(engine, "WB1").due), T("03-03T10:00"));
  // WB2: departure moved to 13:00 today at 12:00: due 11:00, already past.
  Accept(engine, Ev("e-4", "order.created", "03-02T09:00", "WB2",
                    R"({"departure_at":"2026-03-03T08:00:00+08:00"})"));
  Accept(engine, Ev("e-5", "order.confirmed", "03-02T09:30", "WB2"));
  Accept(engine, Ev("e-6", "order.updated", "03-02T12:00", "WB2",
                    R"({"departure_at":"2026-03-02T13:00:00+08:00"})"));
  EXPECT_EQ(Advance(engine, "03-03T10:00"),
            (Lines{N("breach", 1, "03-02T12:00", "order.transport_plan", "WB2", "03-02T11:00",
                     R"(,"late":true,"event":"e-6")"),
                   N("breach", 2, "03-03T10:00", "order.transport_plan", "WB1",
                     "03-03T10:00")}));
}

// ---------------------------------------------------------------------------
// Alternatives of one id and re-targeting.

constexpr std::string_view kAssess =
    R"({"id": "order.assess", "entity": "order", "when": {"tier": "A"},
        "start": "order.created", "stop": "order.confirmed",
        "pause": "order.hold", "resume": "order.unhold",
        "target": "2h", "calendar": "office"},
       {"id": "order.assess", "entity": "order",
        "start": "order.created", "stop": "order.confirmed",
        "pause": "order.hold", "resume": "order.unhold",
        "target": "8h", "calendar": "office"})";

TEST(Engine, TheFirstMatchingEntryOfAnIdWins) {
  // Tier A matches both entries: the first (2h) wins. Tier B: the second.
  Engine engine(MakePolicy(kAssess));
  Accept(engine, Ev("e-1", "order.created", "03-02T09:00", "WB1", R"({"tier":"A"})"));
  Accept(engine, Ev("e-2", "order.created", "03-02T09:00", "WB2", R"({"tier":"B"})"));
  TimerView a = OnlyTimer(engine, "WB1");
  TimerView b = OnlyTimer(engine, "WB2");
  EXPECT_EQ(a.target, "/sla/0");
  EXPECT_EQ(S(a.due), T("03-02T11:00"));
  EXPECT_EQ(b.target, "/sla/1");
  EXPECT_EQ(S(b.due), T("03-02T17:00"));
  EXPECT_EQ(Advance(engine, "03-02T17:00"),
            (Lines{N("breach", 1, "03-02T11:00", "order.assess", "WB1", "03-02T11:00"),
                   N("breach", 2, "03-02T17:00", "order.assess", "WB2", "03-02T17:00")}));
}

TEST(Engine, RetargetingKeepsTheOpenTimePaused) {
  // Tier B 09:00 (8h: 17:00); paused 10:00-11:00 (18:00); tier A at 11:30:
  // add(09:00, 2h) = 11:00, plus the 1h paused: 12:00.
  Engine engine(MakePolicy(kAssess));
  Accept(engine, Ev("e-1", "order.created", "03-02T09:00", "WB1", R"({"tier":"B"})"));
  Accept(engine, Ev("e-2", "order.hold", "03-02T10:00", "WB1"));
  Accept(engine, Ev("e-3", "order.unhold", "03-02T11:00", "WB1"));
  EXPECT_EQ(S(OnlyTimer(engine, "WB1").due), T("03-02T18:00"));
  Accept(engine, Ev("e-4", "order.updated", "03-02T11:30", "WB1", R"({"tier":"A"})"));
  TimerView t = OnlyTimer(engine, "WB1");
  EXPECT_EQ(t.target, "/sla/0");
  EXPECT_EQ(S(t.due), T("03-02T12:00"));
  EXPECT_EQ(Advance(engine, "03-02T11:59:59"), Lines{});
  EXPECT_EQ(Advance(engine, "03-02T18:00"),
            (Lines{N("breach", 1, "03-02T12:00", "order.assess", "WB1", "03-02T12:00")}));

  // explain shows the switch, the event behind it and why.
  Result<std::string> explain = engine.explain(EntityKind::kOrder, "WB1");
  ASSERT_TRUE(explain.ok());
  nlohmann::json j = nlohmann::json::parse(*explain);
  const nlohmann::json& timer = j.at("timers").at(0);
  EXPECT_EQ(timer.at("target"), "/sla/0");
  bool switch_shown = false;
  for (const auto& entry : timer.at("log"))
    if (entry.value("event", "") == "e-4" && entry.dump().find("/sla/0") != std::string::npos &&
        entry.dump().find("tier") != std::string::npos)
      switch_shown = true;
  EXPECT_TRUE(switch_shown) << timer.dump(2);
}

TEST(Engine, RetargetingWhilePausedKeepsThePause) {
  // Tier B 09:00, paused 10:00; tier A at 10:30 (still paused); resumed
  // 11:30: 1.5h paused, add(09:00, 2h) = 11:00 -> 12:30.
  Engine engine(MakePolicy(kAssess));
  Accept(engine, Ev("e-1", "order.created", "03-02T09:00", "WB1", R"({"tier":"B"})"));
  Accept(engine, Ev("e-2", "order.hold", "03-02T10:00", "WB1"));
  Accept(engine, Ev("e-3", "order.updated", "03-02T10:30", "WB1", R"({"tier":"A"})"));
  EXPECT_EQ(OnlyTimer(engine, "WB1").state, "paused");
  Accept(engine, Ev("e-4", "order.unhold", "03-02T11:30", "WB1"));
  EXPECT_EQ(Advance(engine, "03-02T12:29:59"), Lines{});
  EXPECT_EQ(Advance(engine, "03-02T12:30"),
            (Lines{N("breach", 1, "03-02T12:30", "order.assess", "WB1", "03-02T12:30")}));
}

TEST(Engine, RetargetingDuringAPauseCountsThePauseSoFar) {
  // Tier B 09:00, paused 10:00; tier A at 11:30: add(09:00, 2h) = 11:00,
  // plus the 1.5h paused so far = 12:30, not past (and the timer is
  // paused): no breach. Resumed 12:00 (2h paused): due 13:00.
  Engine engine(MakePolicy(kAssess));
  Accept(engine, Ev("e-1", "order.created", "03-02T09:00", "WB1", R"({"tier":"B"})"));
  Accept(engine, Ev("e-2", "order.hold", "03-02T10:00", "WB1"));
  Accept(engine, Ev("e-3", "order.updated", "03-02T11:30", "WB1", R"({"tier":"A"})"));
  EXPECT_EQ(Advance(engine, "03-02T11:59:59"), Lines{});
  Accept(engine, Ev("e-4", "order.unhold", "03-02T12:00", "WB1"));
  EXPECT_EQ(Advance(engine, "03-02T12:59:59"), Lines{});
  EXPECT_EQ(Advance(engine, "03-02T13:00"),
            (Lines{N("breach", 1, "03-02T13:00", "order.assess", "WB1", "03-02T13:00")}));
}

TEST(Engine, RetargetingToADuePastBreachesAtOnceMarkedLate) {
  // Tier B 09:00 (due 17:00); tier A at 12:00: due 11:00, already past.
  Engine engine(MakePolicy(kAssess));
  Accept(engine, Ev("e-1", "order.created", "03-02T09:00", "WB1", R"({"tier":"B"})"));
  Accept(engine, Ev("e-2", "order.updated", "03-02T12:00", "WB1", R"({"tier":"A"})"));
  EXPECT_EQ(Advance(engine, "03-02T12:00"),
            (Lines{N("breach", 1, "03-02T12:00", "order.assess", "WB1", "03-02T11:00",
                     R"(,"late":true,"event":"e-2")")}));
  EXPECT_EQ(Advance(engine, "03-03T00:00"), Lines{}) << "no second breach at 17:00";
}

TEST(Engine, AGroupStartsOnlyWhenNoTimerOfItsIdIsOpen) {
  // A second report while the first is open starts nothing; after the stop,
  // a new report starts a new timer.
  Engine engine(MakePolicy(
      R"({"id": "order.delay_notice", "entity": "order", "start": "order.delay_reported",
          "stop": "order.delay_notified", "target": "1h", "calendar": "cn-24x7"})"));
  Accept(engine, Ev("e-1", "order.created", "03-02T09:00", "WB1"));
  Accept(engine, Ev("e-2", "order.delay_reported", "03-02T10:00", "WB1"));
  Accept(engine, Ev("e-3", "order.delay_reported", "03-02T10:30", "WB1"));
  Accept(engine, Ev("e-4", "order.delay_notified", "03-02T10:45", "WB1"));
  Accept(engine, Ev("e-5", "order.delay_reported", "03-02T12:00", "WB1"));
  Result<std::vector<TimerView>> timers = engine.timers_of(EntityKind::kOrder, "WB1");
  ASSERT_TRUE(timers.ok());
  ASSERT_EQ(timers->size(), 2u);
  EXPECT_EQ((*timers)[0].state, "stopped");
  EXPECT_EQ(S((*timers)[0].due), T("03-02T11:00"));
  EXPECT_EQ((*timers)[1].state, "running");
  EXPECT_EQ(S((*timers)[1].due), T("03-02T13:00"));
  EXPECT_EQ(Advance(engine, "03-02T13:00"),
            (Lines{N("breach", 1, "03-02T13:00", "order.delay_notice", "WB1", "03-02T13:00")}));
}

// ---------------------------------------------------------------------------
// Idempotence and refusals.

TEST(Engine, ADuplicateIsAcknowledgedAndIgnored) {
  Engine engine(MakePolicy(kConfirm));
  const std::string created = Ev("e-1", "order.created", "03-02T09:00", "WB1");
  Accept(engine, created);
  Result<IngestOutcome> again = engine.ingest_json(created);
  ASSERT_TRUE(again.ok()) << again.status().to_string();
  EXPECT_EQ(*again, IngestOutcome::kDuplicate);
  // The same content, keys in another order and the instant in UTC.
  Result<IngestOutcome> reordered = engine.ingest_json(
      R"({"order":"WB1","at":"2026-03-02T01:00:00Z","type":"order.created","id":"e-1"})");
  ASSERT_TRUE(reordered.ok()) << reordered.status().to_string();
  EXPECT_EQ(*reordered, IngestOutcome::kDuplicate);
  EXPECT_EQ(engine.stats().events, 1u);
  EXPECT_EQ(Advance(engine, "03-02T10:00").size(), 3u) << "one timer, not two";
}

TEST(Engine, TheSameIdWithOtherContentIsRefused) {
  Engine engine(MakePolicy(kConfirm));
  Accept(engine, Ev("e-1", "order.created", "03-02T09:00", "WB1"));
  Status s = Refuse(engine, Ev("e-1", "order.created", "03-02T09:00", "WB1", R"({"tier":"B"})"));
  EXPECT_EQ(s.code(), StatusCode::kRefused);
  EXPECT_EQ(s.event_id(), "e-1");
  EXPECT_EQ(s.entity(), "order:WB1");
  s = Refuse(engine, Ev("e-1", "order.created", "03-02T09:00", "WB2"));
  EXPECT_EQ(s.code(), StatusCode::kRefused);
  EXPECT_EQ(s.event_id(), "e-1");
  EXPECT_EQ(s.entity(), "order:WB2");
  EXPECT_EQ(engine.timers_of(EntityKind::kOrder, "WB2").status().code(), StatusCode::kNotFound);
}

TEST(Engine, RefusedEventsAreNotRemembered) {
  Engine engine(MakePolicy(kConfirm));
  Accept(engine, Ev("e-1", "order.created", "03-02T09:00", "WB1"));
  // For an order that does not exist: refused; the fixed version goes in.
  Status s = Refuse(engine, Ev("e-2", "order.confirmed", "03-02T09:10", "WB9"));
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  EXPECT_EQ(s.event_id(), "e-2");
  EXPECT_EQ(s.entity(), "order:WB9");
  Accept(engine, Ev("e-2", "order.confirmed", "03-02T09:10", "WB1"));
  // A bad timestamp: refused, naming the event and the entity.
  s = Refuse(engine, R"({"id":"e-3","type":"order.plan_sent","at":"2026-03-02T25:00:00+08:00","order":"WB1"})");
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.event_id(), "e-3");
  EXPECT_EQ(s.entity(), "order:WB1");
  Accept(engine, Ev("e-3", "order.plan_sent", "03-02T09:20", "WB1"));
  EXPECT_EQ(engine.stats().events, 3u);
}

TEST(Engine, RefusalsChangeNothingAndNameTheEventAndEntity) {
  const policy::Policy policy = MakePolicy(kConfirm);
  Engine control(policy);
  Engine engine(policy);
  const Lines valid = {Ev("e-1", "order.created", "03-02T09:00", "WB1", R"({"tier":"A"})"),
                       Ev("e-2", "order.created", "03-02T09:00", "WB2"),
                       Ev("e-3", "order.cancelled", "03-02T09:05", "WB2")};
  for (const std::string& line : valid) {
    Accept(control, line);
    Accept(engine, line);
  }
  struct Case {
    std::string line;
    std::string entity;
    std::vector<std::string> message_parts;
  };
  const std::vector<Case> cases = {
      {Ev("r-1", "order.teleported", "03-02T09:10", "WB1"), "order:WB1", {"order.teleported"}},
      {Ev("r-2", "customer.plan_sent", "03-02T09:10", "C1"), "customer:C1", {"customer.plan_sent"}},
      {Ev("r-3", "order.confirmed", "03-02T09:10", "WB404"), "order:WB404", {"WB404"}},
      {Ev("r-4", "order.created", "03-02T09:10", "WB1", R"({"tier":"B"})"), "order:WB1", {"WB1"}},
      {Ev("r-5", "order.delivered", "03-02T09:10", "WB1"), "order:WB1",
       {"order:WB1", "created", "order.delivered"}},
      {Ev("r-6", "order.confirmed", "03-02T09:10", "WB2"), "order:WB2", {"WB2", "cancelled"}},
      {Ev("r-7", "order.hold", "03-02T09:10", "WB2"), "order:WB2", {"WB2"}},
  };
  for (const Case& c : cases) {
    Status s = Refuse(engine, c.line);
    EXPECT_EQ(s.event_id(), c.line.substr(7, 3)) << c.line;
    EXPECT_EQ(s.entity(), c.entity) << c.line;
    for (const std::string& part : c.message_parts) EXPECT_TRUE(Contains(s.message(), part));
  }
  EXPECT_EQ(engine.stats().events, control.stats().events);
  EXPECT_EQ(engine.stats().entities, control.stats().entities);
  EXPECT_EQ(engine.stats().open_timers, control.stats().open_timers);
  EXPECT_EQ(engine.stats().remembered_ids, control.stats().remembered_ids);
  EXPECT_EQ(engine.explain(EntityKind::kOrder, "WB1").value(),
            control.explain(EntityKind::kOrder, "WB1").value());
  EXPECT_EQ(engine.explain(EntityKind::kOrder, "WB2").value(),
            control.explain(EntityKind::kOrder, "WB2").value());
  EXPECT_EQ(engine.timers_of(EntityKind::kOrder, "WB404").status().code(),
            StatusCode::kNotFound);
  const Lines expected = {
      N("warning", 1, "03-02T09:30", "order.confirm", "WB1", "03-02T10:00", R"(,"fraction":0.5)"),
      N("warning", 2, "03-02T09:48", "order.confirm", "WB1", "03-02T10:00", R"(,"fraction":0.8)"),
      N("breach", 3, "03-02T10:00", "order.confirm", "WB1", "03-02T10:00")};
  EXPECT_EQ(Advance(control, "03-02T10:00"), expected);
  EXPECT_EQ(Advance(engine, "03-02T10:00"), expected);
}

TEST(Engine, AnIllegalTransitionNamesEntityStateAndEvent) {
  Engine engine(MakePolicy(kConfirm));
  Accept(engine, Ev("e-1", "order.created", "03-02T09:00", "WB1"));
  Accept(engine, Ev("e-2", "order.confirmed", "03-02T09:10", "WB1"));
  Status s = Refuse(engine, Ev("e-3", "order.signed", "03-02T09:20", "WB1"));
  EXPECT_EQ(s.code(), StatusCode::kRefused);
  EXPECT_TRUE(Contains(s.message(), "order:WB1"));
  EXPECT_TRUE(Contains(s.message(), "confirmed"));
  EXPECT_TRUE(Contains(s.message(), "order.signed"));
  // Milestones and updates are accepted in any open state.
  Accept(engine, Ev("e-4", "order.plan_sent", "03-02T09:30", "WB1"));
  Accept(engine, Ev("e-5", "order.updated", "03-02T09:40", "WB1", R"({"tier":"C"})"));
}

TEST(Engine, OrdersFollowTheStateMachineTable) {
  // lifecycle.h's table: for each state, a way there from `created`, and
  // the events it accepts with the state each leads to.
  struct Row {
    std::string state;
    std::vector<std::string> path;
    std::vector<std::pair<std::string, std::string>> accepts;  // event -> state
  };
  const std::vector<Row> table = {
      {"created", {}, {{"confirmed", "confirmed"}, {"cancelled", "cancelled"}}},
      {"confirmed", {"confirmed"},
       {{"assessed", "assessed"}, {"planned", "planned"}, {"departed", "departed"},
        {"cancelled", "cancelled"}}},
      {"assessed", {"confirmed", "assessed"},
       {{"planned", "planned"}, {"departed", "departed"}, {"cancelled", "cancelled"}}},
      {"planned", {"confirmed", "planned"},
       {{"departed", "departed"}, {"cancelled", "cancelled"}, {"exception", "exception"}}},
      {"departed", {"confirmed", "departed"},
       {{"in_transit", "in_transit"}, {"delivered", "delivered"}, {"exception", "exception"}}},
      {"in_transit", {"confirmed", "departed", "in_transit"},
       {{"in_transit", "in_transit"}, {"delivered", "delivered"}, {"exception", "exception"}}},
      {"exception", {"confirmed", "departed", "exception"},
       {{"exception_cleared", "in_transit"}, {"delivered", "delivered"},
        {"cancelled", "cancelled"}}},
      {"delivered", {"confirmed", "departed", "delivered"},
       {{"signed", "signed"}, {"exception", "exception"}}},
      {"signed", {"confirmed", "departed", "delivered", "signed"},
       {{"receipt_returned", "receipt_returned"}}},
      {"receipt_returned", {"confirmed", "departed", "delivered", "signed", "receipt_returned"}, {}},
      {"cancelled", {"cancelled"}, {}},
  };
  const std::vector<std::string> events = {
      "confirmed", "assessed", "planned",   "departed",  "in_transit",        "delivered",
      "signed",    "receipt_returned", "cancelled", "exception", "exception_cleared", "updated"};
  const policy::Policy policy = MakePolicy(kConfirm);
  for (const Row& row : table) {
    const bool closed = row.accepts.empty();
    for (const std::string& name : events) {
      Engine engine(policy);
      Accept(engine, Ev("p-0", "order.created", "03-02T09:00", "WB1"));
      int minute = 1;
      for (const std::string& step : row.path) {
        const std::string at = "03-02T09:0" + std::to_string(minute);
        Accept(engine, Ev("p-" + std::to_string(minute), "order." + step, at, "WB1"));
        ++minute;
      }
      std::string expected_state;
      for (const auto& [event, next] : row.accepts)
        if (event == name) expected_state = next;
      if (name == "updated" && !closed) expected_state = row.state;
      Result<IngestOutcome> r =
          engine.ingest_json(Ev("x-1", "order." + name, "03-02T10:00", "WB1"));
      Result<std::string> explain = engine.explain(EntityKind::kOrder, "WB1");
      ASSERT_TRUE(explain.ok());
      const std::string state = nlohmann::json::parse(*explain).at("state");
      if (expected_state.empty()) {
        EXPECT_FALSE(r.ok()) << row.state << " accepted order." << name;
        EXPECT_EQ(state, row.state) << "a refused event changes nothing";
      } else {
        EXPECT_TRUE(r.ok()) << row.state << " refused order." << name << ": "
                            << r.status().to_string();
        EXPECT_EQ(state, expected_state) << row.state << " + order." << name;
      }
    }
  }
}

TEST(Engine, CustomersFollowTheirStateMachine) {
  Engine engine(MakePolicy(kConfirm));
  Accept(engine, Ev("c-1", "customer.created", "03-02T09:00", "C1"));
  Accept(engine, Ev("c-2", "customer.visited", "03-02T09:10", "C1"));
  Accept(engine, Ev("c-3", "customer.updated", "03-02T09:20", "C1", R"({"tier":"B"})"));
  Accept(engine, Ev("c-4", "customer.closed", "03-02T09:30", "C1"));
  Status s = Refuse(engine, Ev("c-5", "customer.updated", "03-02T09:40", "C1", R"({"tier":"A"})"));
  EXPECT_EQ(s.code(), StatusCode::kRefused);
  EXPECT_TRUE(Contains(s.message(), "customer:C1"));
  s = Refuse(engine, Ev("c-6", "customer.closed", "03-02T09:50", "C1"));
  EXPECT_EQ(s.code(), StatusCode::kRefused);
  EXPECT_EQ(nlohmann::json::parse(*engine.explain(EntityKind::kCustomer, "C1")).at("state"),
            "closed");
}

// ---------------------------------------------------------------------------
// Order, numbering, determinism.

constexpr std::string_view kThree =
    R"({"id": "order.b", "entity": "order", "start": "order.created",
        "target": "1h", "calendar": "cn-24x7", "warn_at": [0.5]},
       {"id": "order.a", "entity": "order", "start": "order.created",
        "target": "1h", "calendar": "cn-24x7"},
       {"id": "customer.c", "entity": "customer", "start": "customer.created",
        "target": "1h", "calendar": "cn-24x7"})";

TEST(Engine, NotificationsComeByInstantEntityKeySlaAndAreNumberedFromOne) {
  Engine engine(MakePolicy(kThree));
  Accept(engine, Ev("e-1", "order.created", "03-02T09:00", "WB2"));
  Accept(engine, Ev("e-2", "order.created", "03-02T09:00", "WB1"));
  Accept(engine, Ev("e-3", "customer.created", "03-02T09:00", "C1"));
  // Instant first; then "customer" before "order"; then key; then sla.
  EXPECT_EQ(Advance(engine, "03-02T10:00"),
            (Lines{N("warning", 1, "03-02T09:30", "order.b", "WB1", "03-02T10:00",
                     R"(,"fraction":0.5)"),
                   N("warning", 2, "03-02T09:30", "order.b", "WB2", "03-02T10:00",
                     R"(,"fraction":0.5)"),
                   N("breach", 3, "03-02T10:00", "customer.c", "C1", "03-02T10:00"),
                   N("breach", 4, "03-02T10:00", "order.a", "WB1", "03-02T10:00"),
                   N("breach", 5, "03-02T10:00", "order.b", "WB1", "03-02T10:00"),
                   N("breach", 6, "03-02T10:00", "order.a", "WB2", "03-02T10:00"),
                   N("breach", 7, "03-02T10:00", "order.b", "WB2", "03-02T10:00")}));
  // Numbering goes on across advances.
  Accept(engine, Ev("e-4", "order.created", "03-02T10:00", "WB3"));
  EXPECT_EQ(Advance(engine, "03-02T11:00"),
            (Lines{N("warning", 8, "03-02T10:30", "order.b", "WB3", "03-02T11:00",
                     R"(,"fraction":0.5)"),
                   N("breach", 9, "03-02T11:00", "order.a", "WB3", "03-02T11:00"),
                   N("breach", 10, "03-02T11:00", "order.b", "WB3", "03-02T11:00")}));
}

// How RunStory advances: by the returned vector, or into one vector passed
// back each time (as kefu replay does).
enum class AdvanceForm { kReturned, kIntoVector };

// A story touching most paths: warnings, pauses, re-targeting, a recurring
// target, a quota, a refusal, a duplicate and a late event.
Lines RunStory(Engine& engine, AdvanceForm form = AdvanceForm::kReturned) {
  Lines out;
  auto feed = [&](const std::string& line) {
    Result<IngestOutcome> r = engine.ingest_json(line);
    out.push_back(r.ok() ? (*r == IngestOutcome::kAccepted ? "accepted" : "duplicate")
                         : "refused: " + r.status().to_string());
  };
  // Starts with a notification in it: advance clears what it is given.
  std::vector<Notification> notes(1);
  auto advance = [&](std::string_view at) {
    if (form == AdvanceForm::kReturned) notes = engine.advance(I(at));
    else engine.advance(I(at), &notes);
    for (const Notification& n : notes) out.push_back(to_json(n));
    // Past its clock: nothing, and the vector is cleared all the same.
    if (form == AdvanceForm::kIntoVector) {
      engine.advance(I("03-01T00:00"), &notes);
      if (!notes.empty()) out.push_back("an advance into the past released something");
    }
  };
  feed(Ev("e-1", "order.created", "03-02T09:00", "WB1", R"({"tier":"B"})"));
  feed(Ev("e-2", "order.created", "03-02T09:00", "WB2", R"({"tier":"A"})"));
  feed(Ev("c-1", "customer.created", "03-02T09:00", "C1"));
  advance("03-02T09:59:59");
  feed(Ev("e-3", "order.hold", "03-02T10:00", "WB1"));
  feed(Ev("e-3", "order.hold", "03-02T10:00", "WB1"));
  feed(Ev("e-4", "order.signed", "03-02T10:00", "WB2"));
  advance("03-02T11:00");
  feed(Ev("e-5", "order.unhold", "03-02T11:30", "WB1"));
  feed(Ev("e-6", "order.updated", "03-02T11:45", "WB1", R"({"tier":"A"})"));
  feed(Ev("c-2", "customer.visited", "03-03T10:00", "C1"));
  advance("03-04T12:00");
  feed(Ev("e-7", "order.confirmed", "03-02T09:40", "WB2"));
  advance("03-10T00:00");
  for (std::string_view key : {"WB1", "WB2"}) out.push_back(*engine.explain(EntityKind::kOrder, key));
  out.push_back(*engine.explain(EntityKind::kCustomer, "C1"));
  return out;
}

TEST(Engine, TheSameInputsGiveByteIdenticalOutput) {
  const std::string sla = std::string(kConfirm) + "," + std::string(kAssess) + "," +
                          std::string(kVisits) + "," +
                          R"({"id": "order.ping", "entity": "order", "start": "order.created",
                              "target": {"every": "24h"}, "calendar": "cn-24x7"})";
  Engine first(MakePolicy(sla));
  Engine second(MakePolicy(sla));
  const Lines a = RunStory(first);
  const Lines b = RunStory(second);
  EXPECT_EQ(a, b);
  EXPECT_GT(a.size(), 20u);
}

TEST(Engine, AdvanceIntoAVectorGivesWhatItReturns) {
  const std::string sla = std::string(kConfirm) + "," + std::string(kAssess) + "," +
                          std::string(kVisits);
  Engine returned(MakePolicy(sla));
  Engine into(MakePolicy(sla));
  const Lines a = RunStory(returned, AdvanceForm::kReturned);
  const Lines b = RunStory(into, AdvanceForm::kIntoVector);
  EXPECT_EQ(a, b);
  EXPECT_GT(std::count_if(a.begin(), a.end(),
                          [](const std::string& l) { return l.starts_with("{"); }),
            5);
}

// ---------------------------------------------------------------------------
// Policies over time, memory.

TEST(Engine, LoadPolicyKeepsStartedTimersOnTheirVersion) {
  Engine engine(MakePolicy(kConfirm, R"("version": "t-1")"));
  Accept(engine, Ev("e-1", "order.created", "03-02T09:00", "WB1"));
  engine.load_policy(MakePolicy(
      R"({"id": "order.confirm", "entity": "order", "start": "order.created",
          "stop": "order.confirmed", "target": "2h", "calendar": "cn-24x7"})",
      R"("version": "t-2")"));
  EXPECT_EQ(engine.policy().version(), "t-2");
  Accept(engine, Ev("e-2", "order.created", "03-02T09:30", "WB2"));
  EXPECT_EQ(OnlyTimer(engine, "WB1").policy_version, "t-1");
  EXPECT_EQ(OnlyTimer(engine, "WB2").policy_version, "t-2");
  // WB1 keeps 1h with its warnings; WB2 takes 2h without warnings.
  EXPECT_EQ(Advance(engine, "03-02T12:00"),
            (Lines{N("warning", 1, "03-02T09:30", "order.confirm", "WB1", "03-02T10:00",
                     R"(,"fraction":0.5)"),
                   N("warning", 2, "03-02T09:48", "order.confirm", "WB1", "03-02T10:00",
                     R"(,"fraction":0.8)"),
                   N("breach", 3, "03-02T10:00", "order.confirm", "WB1", "03-02T10:00"),
                   N("breach", 4, "03-02T11:30", "order.confirm", "WB2", "03-02T11:30")}));
}

TEST(Engine, AClosedEntityLeavesMemoryAfterTheRetention) {
  Engine engine(MakePolicy(kConfirm, R"("version": "t-1", "retention": "1d")"));
  Accept(engine, Ev("e-1", "order.created", "03-02T09:00", "WB1"));
  Accept(engine, Ev("e-2", "order.cancelled", "03-02T09:10", "WB1"));
  Accept(engine, Ev("e-3", "order.created", "03-02T09:00", "WB2"));
  EXPECT_EQ(Advance(engine, "03-03T09:00").size(), 3u);  // WB2's
  EXPECT_EQ(OnlyTimer(engine, "WB1").state, "stopped");
  EXPECT_EQ(engine.stats().entities, 2u);
  EXPECT_EQ(Advance(engine, "03-03T09:11"), Lines{});
  EXPECT_EQ(engine.timers_of(EntityKind::kOrder, "WB1").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(engine.explain(EntityKind::kOrder, "WB1").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(engine.stats().entities, 1u) << "an open entity stays";
  EXPECT_TRUE(engine.timers_of(EntityKind::kOrder, "WB2").ok());
  Status s = Refuse(engine, Ev("e-4", "order.confirmed", "03-03T09:20", "WB1"));
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
}

// The ids of an entity that left memory (retention 1d) are still
// remembered for the late window (30d): the engine keeps a copy of them,
// as a snapshot does, until the window passes.
TEST(Engine, IdsOfAnEntityThatLeftStayRememberedForTheLateWindow) {
  Engine engine(MakePolicy(kConfirm, R"("version": "t-1", "retention": "1d")"));
  Accept(engine, Ev("e-1", "order.created", "03-02T09:00", "WB1"));
  Accept(engine, Ev("e-2", "order.cancelled", "03-02T09:10", "WB1"));
  Advance(engine, "03-03T09:11");
  ASSERT_EQ(engine.stats().entities, 0u);
  EXPECT_EQ(engine.stats().remembered_ids, 2u);

  auto ingest = [&](const std::string& line) {
    Result<IngestOutcome> r = engine.ingest_json(line);
    return r.ok() ? std::string(*r == IngestOutcome::kDuplicate ? "duplicate" : "accepted")
                  : r.status().to_string();
  };
  const std::string state = engine.canonical_state();
  EXPECT_EQ(ingest(Ev("e-2", "order.cancelled", "03-02T09:10", "WB1")), "duplicate");
  EXPECT_EQ(ingest(Ev("e-1", "order.created", "03-02T09:00", "WB1")), "duplicate");
  EXPECT_EQ(Refuse(engine, Ev("e-2", "order.cancelled", "03-02T09:20", "WB1")).message(),
            "event id \"e-2\" was already accepted with different content");
  EXPECT_EQ(engine.canonical_state(), state);

  Result<Engine> restored = read_snapshot(write_snapshot(engine), {MakePolicy(
      kConfirm, R"("version": "t-1", "retention": "1d")")});
  ASSERT_TRUE(restored.ok()) << restored.status().to_string();
  Engine back = std::move(restored).value();
  EXPECT_EQ(back.canonical_state(), state);
  EXPECT_EQ(back.ingest_json(Ev("e-1", "order.created", "03-02T09:00", "WB1")).value(),
            IngestOutcome::kDuplicate);

  // Past the late window they are forgotten: the cancel is refused as an
  // event for an order that does not exist.
  Advance(engine, "04-02T09:11");
  EXPECT_EQ(engine.stats().remembered_ids, 0u);
  EXPECT_EQ(Refuse(engine, Ev("e-2", "order.cancelled", "04-02T09:20", "WB1")).code(),
            StatusCode::kNotFound);
}

TEST(Engine, OpenTimersDueBeforeAnInstantByDue) {
  Engine engine(MakePolicy(
      R"({"id": "order.confirm", "entity": "order", "start": "order.created",
          "stop": "order.confirmed", "pause": "order.hold", "resume": "order.unhold",
          "target": "1h", "calendar": "cn-24x7"})"));
  Accept(engine, Ev("e-1", "order.created", "03-02T10:00", "WB2"));  // due 11:00
  Accept(engine, Ev("e-2", "order.created", "03-02T09:00", "WB1"));  // due 10:00
  Accept(engine, Ev("e-3", "order.created", "03-02T09:30", "WB4"));  // stopped
  Accept(engine, Ev("e-4", "order.confirmed", "03-02T09:40", "WB4"));
  Accept(engine, Ev("e-5", "order.created", "03-02T11:00", "WB3"));  // due 12:00
  Accept(engine, Ev("e-6", "order.hold", "03-02T11:10", "WB3"));     // paused
  auto keys = [](const std::vector<TimerView>& timers) {
    std::vector<std::string> out;
    for (const TimerView& t : timers) out.push_back(t.key + " " + t.state + " " + S(t.due));
    return out;
  };
  EXPECT_EQ(keys(engine.open_timers_due_before(I("03-02T11:00"))),
            (std::vector<std::string>{"WB1 running " + T("03-02T10:00")}));
  EXPECT_EQ(keys(engine.open_timers_due_before(I("03-02T12:30"))),
            (std::vector<std::string>{"WB1 running " + T("03-02T10:00"),
                                      "WB2 running " + T("03-02T11:00"),
                                      "WB3 paused " + T("03-02T12:00")}));
  EXPECT_TRUE(engine.open_timers_due_before(I("03-02T10:00")).empty());
}

// ---------------------------------------------------------------------------
// Explanations.

TEST(Engine, ExplainShowsTargetWhyCalendarPausesAndHolidaysCrossed) {
  // Tier B on Wed 2026-09-30 10:00: the second entry (3wd on office-cn).
  // National Day: Oct 1-7 off; Thu 10-08 (1), Fri 10-09 (2), Sat 10-10 a
  // make-up day (3): due 10-10 18:00. Paused 11:00-12:00 (1h open): the due
  // moves to Mon 10-12 10:00. 0.5 of 35h open = 17.5h: 09-30 8h, 10-08 9h,
  // 10-09 0.5h -> 09:30, plus the hour paused: 10:30.
  Engine engine(MakePolicy(
      R"({"id": "order.plan", "entity": "order", "when": {"tier": "A"},
          "start": "order.created", "stop": "order.confirmed",
          "pause": "order.hold", "resume": "order.unhold",
          "target": "1wd", "calendar": "office-cn"},
         {"id": "order.plan", "entity": "order",
          "start": "order.created", "stop": "order.confirmed",
          "pause": "order.hold", "resume": "order.unhold",
          "target": "3wd", "calendar": "office-cn", "warn_at": [0.5]})"));
  Accept(engine, R"({"id":"e-1","type":"order.created","at":"2026-09-30T10:00:00+08:00","order":"WB1","attrs":{"tier":"B"}})");
  Accept(engine, R"({"id":"e-2","type":"order.hold","at":"2026-09-30T11:00:00+08:00","order":"WB1"})");
  Accept(engine, R"({"id":"e-3","type":"order.unhold","at":"2026-09-30T12:00:00+08:00","order":"WB1"})");
  Result<std::string> text = engine.explain(EntityKind::kOrder, "WB1");
  ASSERT_TRUE(text.ok()) << text.status().to_string();
  nlohmann::json j = nlohmann::json::parse(*text);
  ASSERT_EQ(j.at("timers").size(), 1u) << *text;
  const nlohmann::json& t = j.at("timers").at(0);
  EXPECT_EQ(t.at("sla"), "order.plan");
  EXPECT_EQ(t.at("target"), "/sla/1");
  EXPECT_EQ(t.at("policy_version"), "t-1");
  EXPECT_TRUE(Contains(t.at("why").get<std::string>(), "/sla/0"))
      << "why names the earlier entry that did not match";
  EXPECT_EQ(t.at("calendar"), "office-cn");
  EXPECT_EQ(t.at("state"), "running");
  EXPECT_EQ(t.at("due"), "2026-10-12T10:00:00+08:00");
  EXPECT_EQ(t.at("pauses"), nlohmann::json::parse(
      R"([{"from":"2026-09-30T11:00:00+08:00","to":"2026-09-30T12:00:00+08:00"}])"));
  EXPECT_TRUE(Contains(t.at("warnings").dump(), "2026-10-09T10:30:00+08:00"));
  bool national_day = false;
  for (const auto& h : t.at("holidays"))
    if (h.at("holiday") == "National Day" &&
        h.at("notice").get<std::string>().find("国办发明电〔2025〕7号") != std::string::npos)
      national_day = true;
  EXPECT_TRUE(national_day) << t.at("holidays").dump(2);
  EXPECT_EQ(engine.explain(EntityKind::kOrder, "WB404").status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace kefu::engine
