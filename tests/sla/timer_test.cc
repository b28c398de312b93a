// Timer arithmetic (kefu/sla/timer.h) against DESIGN.md's "Timers over time",
// on small calendars built here: every expected instant is worked out by
// hand in the comment beside it.
#include "kefu/sla/timer.h"

#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "kefu/policy/attributes.h"
#include "kefu/policy/sla_target.h"
#include "kefu/time/calendar.h"
#include "kefu/time/due_spec.h"
#include "kefu/time/instant.h"

namespace kefu::sla {
namespace {

using policy::SlaTarget;
using time::Instant;
using namespace std::chrono_literals;

Instant I(const char* text) {
  Result<Instant> t = time::parse_instant(text);
  EXPECT_TRUE(t.ok()) << text;
  return t.ok() ? *t : Instant{};
}

// Prints in China time, so failures read like the expectations.
std::string S(Instant t) { return time::format_instant(t, time::UtcOffset::hours(8)); }

std::string S(std::optional<Instant> t) { return t ? S(*t) : "(none)"; }

time::Date D(const char* text) { return *time::parse_date(text); }

// Always open, in China time.
const time::Calendar& Cn24x7() {
  static const time::Calendar calendar = [] {
    time::CalendarDefinition def;
    def.name = "cn-24x7";
    def.offset = time::UtcOffset::hours(8);
    for (auto& day : def.week) day = {{0, 86400}};
    return *time::Calendar::Build(def);
  }();
  return calendar;
}

// Mon-Fri 09:00-18:00 China time; Wednesday 2026-03-04 is a company day off.
const time::Calendar& Office() {
  static const time::Calendar calendar = [] {
    time::CalendarDefinition def;
    def.name = "office";
    def.offset = time::UtcOffset::hours(8);
    for (int d = 0; d < 5; ++d) def.week[d] = {{9 * 3600, 18 * 3600}};
    time::HolidaySet company;
    company.name = "company";
    company.off = {D("2026-03-04")};
    def.holidays.push_back(company);
    return *time::Calendar::Build(def);
  }();
  return calendar;
}

// The office hours under the statutory holidays (data for 2018-2026 only).
const time::Calendar& OfficeCn() {
  static const time::Calendar calendar = [] {
    time::CalendarDefinition def;
    def.name = "office-cn";
    def.offset = time::UtcOffset::hours(8);
    for (int d = 0; d < 5; ++d) def.week[d] = {{9 * 3600, 18 * 3600}};
    def.holidays.push_back(*time::bundled_holiday_set("cn-statutory"));
    return *time::Calendar::Build(def);
  }();
  return calendar;
}

SlaTarget Target(policy::TargetSpec spec, const time::Calendar& calendar,
                 std::vector<std::int32_t> warn_at = {}) {
  SlaTarget t;
  t.id = "order.test";
  t.pointer = "/sla/0";
  t.entity = policy::EntityKind::kOrder;
  t.start = {"order.created"};
  t.stop = {"order.confirmed"};
  t.target = std::move(spec);
  t.calendar_name = calendar.name();
  t.calendar = &calendar;
  t.warn_at_millionths = std::move(warn_at);
  return t;
}

time::DueSpec Hours(int h) { return time::BusinessDuration(std::chrono::hours(h)); }

time::DueSpec At(int hour) {
  return time::AtTimeOfDay{time::TimeOfDay::from_seconds(hour * 3600)};
}

// A firing as one readable line.
std::string F(const Firing& f) {
  static constexpr const char* kKinds[] = {"warning", "breach", "reminder", "period_end"};
  std::string s = std::string(kKinds[static_cast<int>(f.kind)]) + " at " + S(f.at) +
                  " due " + S(f.due);
  if (f.kind == FiringKind::kWarning) s += " fraction " + std::to_string(f.fraction_millionths);
  return s;
}

// Fires everything up to `limit`, as the engine does; returns what fired.
std::vector<std::string> RunUntil(Timer& t, const SlaTarget& target, Instant limit) {
  std::vector<std::string> out;
  while (std::optional<Firing> f = next_firing(t, target)) {
    if (f->at > limit) break;
    out.push_back(F(*f));
    fire(t, target, *f);
    if (out.size() > 100) break;  // a runaway schedule fails below, not forever
  }
  return out;
}

Timer Armed(const SlaTarget& target, const char* start,
            const policy::Attributes& attrs = {}) {
  Timer t;
  Status s = arm(t, target, I(start), attrs);
  EXPECT_TRUE(s.ok()) << s.to_string();
  return t;
}

TEST(Timer, ArmComputesTheDueOfOpenTime) {
  SlaTarget target = Target(Hours(1), Cn24x7());
  Timer t = Armed(target, "2026-03-02T09:00:00+08:00");
  EXPECT_EQ(t.state, TimerState::kRunning);
  EXPECT_EQ(S(t.armed), "2026-03-02T09:00:00+08:00");
  EXPECT_EQ(S(t.base_due), "2026-03-02T10:00:00+08:00");
  EXPECT_EQ(S(t.due), "2026-03-02T10:00:00+08:00");
  EXPECT_EQ(t.paused_open, 0);
  EXPECT_FALSE(t.breached);
}

TEST(Timer, WarningsThenBreachAtTheDueThenNothing) {
  // 1 h from 09:00: 0.5 -> 09:30, 0.8 -> 09:48, breach at 10:00.
  SlaTarget target = Target(Hours(1), Cn24x7(), {500000, 800000});
  Timer t = Armed(target, "2026-03-02T09:00:00+08:00");
  EXPECT_EQ(RunUntil(t, target, I("2026-03-02T09:59:59+08:00")),
            (std::vector<std::string>{
                "warning at 2026-03-02T09:30:00+08:00 due 2026-03-02T10:00:00+08:00 fraction 500000",
                "warning at 2026-03-02T09:48:00+08:00 due 2026-03-02T10:00:00+08:00 fraction 800000"}));
  EXPECT_FALSE(t.breached);
  EXPECT_EQ(RunUntil(t, target, I("2026-03-02T10:00:00+08:00")),
            (std::vector<std::string>{
                "breach at 2026-03-02T10:00:00+08:00 due 2026-03-02T10:00:00+08:00"}));
  EXPECT_TRUE(t.breached);
  EXPECT_FALSE(next_firing(t, target).has_value());
}

TEST(Timer, WarningsAreFractionsOfTheOpenTimeToTheDue) {
  // 3wd from Mon 2026-03-02 10:00: Tue (1), Wed off, Thu (2), Fri (3): due
  // Fri 18:00. Open time Mon 8h + Tue 9h + Thu 9h + Fri 9h = 35h.
  // 0.5 -> 17.5h: Mon 8h, Tue 9h, then 0.5h of Thu: Thu 09:30.
  // 0.8 -> 28h: 8 + 9 + 9 = 26h to Thu close, 2h of Fri: Fri 11:00.
  SlaTarget target = Target(time::WorkingDays(3), Office(), {500000, 800000});
  Timer t = Armed(target, "2026-03-02T10:00:00+08:00");
  EXPECT_EQ(S(t.due), "2026-03-06T18:00:00+08:00");
  EXPECT_EQ(S(warning_instant(t, target, 0)), "2026-03-05T09:30:00+08:00");
  EXPECT_EQ(S(warning_instant(t, target, 1)), "2026-03-06T11:00:00+08:00");
  EXPECT_FALSE(warning_instant(t, target, 2).has_value());
}

TEST(Timer, WarningsAreSkippedWhenNoOpenTimeLiesBeforeTheDue) {
  // {"at":"08:00"} from Mon 07:00: due Mon 08:00, before the office opens:
  // elapsed(start, due) is 0, so the warning is skipped; the breach stands.
  SlaTarget target = Target(At(8), Office(), {500000});
  Timer t = Armed(target, "2026-03-02T07:00:00+08:00");
  EXPECT_EQ(S(t.due), "2026-03-02T08:00:00+08:00");
  EXPECT_FALSE(warning_instant(t, target, 0).has_value());
  EXPECT_EQ(RunUntil(t, target, I("2026-03-03T00:00:00+08:00")),
            (std::vector<std::string>{
                "breach at 2026-03-02T08:00:00+08:00 due 2026-03-02T08:00:00+08:00"}));
}

TEST(Timer, AStopAtTheDueIsOnTime) {
  // Intervals are half-open: nothing fires before the due itself.
  SlaTarget target = Target(Hours(1), Cn24x7());
  Timer t = Armed(target, "2026-03-02T09:00:00+08:00");
  EXPECT_TRUE(RunUntil(t, target, I("2026-03-02T09:59:59+08:00")).empty());
  std::optional<Firing> f = next_firing(t, target);
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(S(f->at), "2026-03-02T10:00:00+08:00");
}

TEST(Timer, PauseMovesDueAndWarningsByTheOpenTimePaused) {
  // 4h from Mon 09:00: due 13:00, 0.5 at 11:00. Paused 10:00-15:00 (5h
  // open): due 18:00 (a closing time, not Tue's opening), warning 16:00.
  SlaTarget target = Target(Hours(4), Office(), {500000});
  Timer t = Armed(target, "2026-03-02T09:00:00+08:00");
  EXPECT_EQ(S(t.due), "2026-03-02T13:00:00+08:00");
  pause(t, I("2026-03-02T10:00:00+08:00"));
  EXPECT_EQ(t.state, TimerState::kPaused);
  EXPECT_FALSE(next_firing(t, target).has_value()) << "a paused timer does not fire";
  resume(t, target, I("2026-03-02T15:00:00+08:00"));
  EXPECT_EQ(t.state, TimerState::kRunning);
  EXPECT_EQ(t.paused_open, 5 * 3600);
  EXPECT_EQ(S(t.base_due), "2026-03-02T13:00:00+08:00");
  EXPECT_EQ(S(t.due), "2026-03-02T18:00:00+08:00");
  EXPECT_EQ(S(warning_instant(t, target, 0)), "2026-03-02T16:00:00+08:00");
  EXPECT_EQ(RunUntil(t, target, I("2026-03-02T18:00:00+08:00")),
            (std::vector<std::string>{
                "warning at 2026-03-02T16:00:00+08:00 due 2026-03-02T18:00:00+08:00 fraction 500000",
                "breach at 2026-03-02T18:00:00+08:00 due 2026-03-02T18:00:00+08:00"}));
}

TEST(Timer, PausedOverAClosedNightMovesNothing) {
  // 4h from Mon 15:00: 3h Mon, 1h Tue: due Tue 10:00. Paused Mon 18:30 to
  // Tue 08:30: no open time, so the due stays.
  SlaTarget target = Target(Hours(4), Office());
  Timer t = Armed(target, "2026-03-02T15:00:00+08:00");
  EXPECT_EQ(S(t.due), "2026-03-03T10:00:00+08:00");
  pause(t, I("2026-03-02T18:30:00+08:00"));
  resume(t, target, I("2026-03-03T08:30:00+08:00"));
  EXPECT_EQ(t.paused_open, 0);
  EXPECT_EQ(S(t.due), "2026-03-03T10:00:00+08:00");
}

TEST(Timer, PauseAcrossANightCountsOnlyOpenTime) {
  // Same timer, paused Mon 17:00 to Tue 09:30: 1h + 0.5h open -> Tue 11:30.
  SlaTarget target = Target(Hours(4), Office());
  Timer t = Armed(target, "2026-03-02T15:00:00+08:00");
  pause(t, I("2026-03-02T17:00:00+08:00"));
  resume(t, target, I("2026-03-03T09:30:00+08:00"));
  EXPECT_EQ(t.paused_open, 5400);
  EXPECT_EQ(S(t.due), "2026-03-03T11:30:00+08:00");
}

TEST(Timer, PausesAddUp) {
  // 4h from Mon 09:00 (due 13:00), paused 10:00-10:30 and 11:00-12:00.
  SlaTarget target = Target(Hours(4), Office());
  Timer t = Armed(target, "2026-03-02T09:00:00+08:00");
  pause(t, I("2026-03-02T10:00:00+08:00"));
  resume(t, target, I("2026-03-02T10:30:00+08:00"));
  pause(t, I("2026-03-02T11:00:00+08:00"));
  resume(t, target, I("2026-03-02T12:00:00+08:00"));
  EXPECT_EQ(t.paused_open, 5400);
  EXPECT_EQ(S(t.due), "2026-03-02T14:30:00+08:00");
}

TEST(Timer, PauseAndResumeOnlyApplyInTheirState) {
  SlaTarget target = Target(Hours(4), Office());
  Timer t = Armed(target, "2026-03-02T09:00:00+08:00");
  resume(t, target, I("2026-03-02T10:00:00+08:00"));  // not paused: no-op
  EXPECT_EQ(t.state, TimerState::kRunning);
  EXPECT_EQ(S(t.due), "2026-03-02T13:00:00+08:00");
  pause(t, I("2026-03-02T10:00:00+08:00"));
  pause(t, I("2026-03-02T11:00:00+08:00"));  // already paused: keeps 10:00
  resume(t, target, I("2026-03-02T12:00:00+08:00"));
  EXPECT_EQ(t.paused_open, 2 * 3600);
  EXPECT_EQ(S(t.due), "2026-03-02T15:00:00+08:00");
}

TEST(Timer, RecurringReArmsAtEachDueAndBreachesWhenRestartsExist) {
  // {"every":"24h"} restarted by tracking pushes: with none, each due is a
  // breach and the timer re-arms from it.
  SlaTarget target = Target(policy::Every{Hours(24)}, Cn24x7(), {750000});
  target.restart = {"order.tracking_pushed"};
  Timer t = Armed(target, "2026-03-02T10:00:00+08:00");
  EXPECT_TRUE(is_recurring(target));
  EXPECT_EQ(RunUntil(t, target, I("2026-03-04T10:00:00+08:00")),
            (std::vector<std::string>{
                "warning at 2026-03-03T04:00:00+08:00 due 2026-03-03T10:00:00+08:00 fraction 750000",
                "breach at 2026-03-03T10:00:00+08:00 due 2026-03-03T10:00:00+08:00",
                "warning at 2026-03-04T04:00:00+08:00 due 2026-03-04T10:00:00+08:00 fraction 750000",
                "breach at 2026-03-04T10:00:00+08:00 due 2026-03-04T10:00:00+08:00"}));
  EXPECT_EQ(S(t.armed), "2026-03-04T10:00:00+08:00");
  EXPECT_EQ(S(t.due), "2026-03-05T10:00:00+08:00");
}

TEST(Timer, RecurringWithoutRestartEventsReminds) {
  SlaTarget target = Target(policy::Every{Hours(24)}, Cn24x7());
  Timer t = Armed(target, "2026-03-02T10:00:00+08:00");
  EXPECT_EQ(RunUntil(t, target, I("2026-03-04T10:00:00+08:00")),
            (std::vector<std::string>{
                "reminder at 2026-03-03T10:00:00+08:00 due 2026-03-03T10:00:00+08:00",
                "reminder at 2026-03-04T10:00:00+08:00 due 2026-03-04T10:00:00+08:00"}));
}

TEST(Timer, RestartReArmsFromItsInstant) {
  // Pushed at Tue 09:00: the next due is Wed 09:00, not Tue 10:00.
  SlaTarget target = Target(policy::Every{Hours(24)}, Cn24x7());
  target.restart = {"order.tracking_pushed"};
  Timer t = Armed(target, "2026-03-02T10:00:00+08:00");
  ASSERT_TRUE(restart(t, target, I("2026-03-03T09:00:00+08:00"), {}).ok());
  EXPECT_EQ(S(t.armed), "2026-03-03T09:00:00+08:00");
  EXPECT_EQ(RunUntil(t, target, I("2026-03-04T09:00:00+08:00")),
            (std::vector<std::string>{
                "breach at 2026-03-04T09:00:00+08:00 due 2026-03-04T09:00:00+08:00"}));
}

TEST(Timer, RestartBeforeADailyCutoffMeetsIt) {
  // {"every":{"at":"10:00"}} from Mon 08:00: pending Mon 10:00. Checked at
  // 09:00: re-armed, the next 10:00 is still Mon 10:00, which is met: no
  // notification then; the timer moves on to Tue 10:00, which breaches.
  SlaTarget target = Target(policy::Every{At(10)}, Office());
  target.restart = {"order.checked"};
  Timer t = Armed(target, "2026-03-02T08:00:00+08:00");
  EXPECT_EQ(S(t.due), "2026-03-02T10:00:00+08:00");
  ASSERT_TRUE(restart(t, target, I("2026-03-02T09:00:00+08:00"), {}).ok());
  EXPECT_EQ(RunUntil(t, target, I("2026-03-03T10:00:00+08:00")),
            (std::vector<std::string>{
                "period_end at 2026-03-02T10:00:00+08:00 due 2026-03-02T10:00:00+08:00",
                "breach at 2026-03-03T10:00:00+08:00 due 2026-03-03T10:00:00+08:00"}));
  // Tue's breach re-armed to the next working day's 10:00: Wed is a day off.
  EXPECT_EQ(S(t.due), "2026-03-05T10:00:00+08:00");
}

TEST(Timer, ARestartAfterABreachMeetsTheNextCutoff) {
  // Each occurrence's window (previous due, due] needs one restart: breached
  // at Mon 10:00, checked at Mon 11:00, inside Tue's window: the re-arm
  // lands on Tue 10:00, the occurrence pending, which it meets. Nobody
  // checks in Thursday's window (Wed is a day off): Thu 10:00 breaches.
  SlaTarget target = Target(policy::Every{At(10)}, Office());
  target.restart = {"order.checked"};
  Timer t = Armed(target, "2026-03-02T08:00:00+08:00");
  EXPECT_EQ(RunUntil(t, target, I("2026-03-02T10:00:00+08:00")),
            (std::vector<std::string>{
                "breach at 2026-03-02T10:00:00+08:00 due 2026-03-02T10:00:00+08:00"}));
  EXPECT_EQ(S(t.due), "2026-03-03T10:00:00+08:00");
  ASSERT_TRUE(restart(t, target, I("2026-03-02T11:00:00+08:00"), {}).ok());
  EXPECT_EQ(RunUntil(t, target, I("2026-03-05T10:00:00+08:00")),
            (std::vector<std::string>{
                "period_end at 2026-03-03T10:00:00+08:00 due 2026-03-03T10:00:00+08:00",
                "breach at 2026-03-05T10:00:00+08:00 due 2026-03-05T10:00:00+08:00"}));
}

TEST(Timer, ARestartThatMovesTheDueDoesNotMeetTheOldOne) {
  // every 24h: pushed 2h after arming re-arms to 24h from the push; the
  // pending due is replaced, not met, and the new one breaches if missed.
  SlaTarget target = Target(policy::Every{Hours(24)}, Cn24x7());
  target.restart = {"order.tracking_pushed"};
  Timer t = Armed(target, "2026-03-02T10:00:00+08:00");
  ASSERT_TRUE(restart(t, target, I("2026-03-02T12:00:00+08:00"), {}).ok());
  EXPECT_FALSE(t.satisfied);
  EXPECT_EQ(RunUntil(t, target, I("2026-03-03T12:00:00+08:00")),
            (std::vector<std::string>{
                "breach at 2026-03-03T12:00:00+08:00 due 2026-03-03T12:00:00+08:00"}));
}

TEST(Timer, QuotaPeriodShortBreachesMetIsSilent) {
  // 2 visits per 7d from Mon 2026-03-02 10:00: the 7th day after 03-02 is
  // 03-09, whose 24:00 is 2026-03-10T00:00 China time.
  SlaTarget target =
      Target(policy::Quota{2, "customer.visited", time::CalendarDays(7)}, Cn24x7());
  EXPECT_TRUE(is_quota(target));
  EXPECT_FALSE(is_recurring(target));
  Timer t = Armed(target, "2026-03-02T10:00:00+08:00");
  EXPECT_EQ(S(t.due), "2026-03-10T00:00:00+08:00");
  t.quota_count = 1;
  std::optional<Firing> f = next_firing(t, target);
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(F(*f), "breach at 2026-03-10T00:00:00+08:00 due 2026-03-10T00:00:00+08:00");
  t.quota_count = 2;
  f = next_firing(t, target);
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(F(*f), "period_end at 2026-03-10T00:00:00+08:00 due 2026-03-10T00:00:00+08:00");
  fire(t, target, *f);
  EXPECT_EQ(t.quota_count, 0) << "a new period counts from zero";
}

TEST(Timer, QuotaPeriodsAreCountedFromTheStart) {
  // Periods of 7 days counted from the start: the first ends at 24:00 of
  // 03-09, the next 7 days later at 24:00 of 03-16, then 03-23 (not 8-day
  // periods from re-arming at 00:00, whose own date "is not counted").
  SlaTarget target =
      Target(policy::Quota{1, "customer.visited", time::CalendarDays(7)}, Cn24x7());
  Timer t = Armed(target, "2026-03-02T10:00:00+08:00");
  EXPECT_EQ(RunUntil(t, target, I("2026-03-24T00:00:00+08:00")),
            (std::vector<std::string>{
                "breach at 2026-03-10T00:00:00+08:00 due 2026-03-10T00:00:00+08:00",
                "breach at 2026-03-17T00:00:00+08:00 due 2026-03-17T00:00:00+08:00",
                "breach at 2026-03-24T00:00:00+08:00 due 2026-03-24T00:00:00+08:00"}));
}

TEST(Timer, BeforeCountsBackFromTheAttribute) {
  SlaTarget target = Target(policy::BeforeAttribute{"departure_at", 2h}, Cn24x7());
  policy::Attributes attrs;
  attrs.set("departure_at", std::string("2026-03-03T08:00:00+08:00"));
  Timer t = Armed(target, "2026-03-02T09:30:00+08:00", attrs);
  EXPECT_EQ(S(t.due), "2026-03-03T06:00:00+08:00");
  EXPECT_EQ(RunUntil(t, target, I("2026-03-04T00:00:00+08:00")),
            (std::vector<std::string>{
                "breach at 2026-03-03T06:00:00+08:00 due 2026-03-03T06:00:00+08:00"}));
}

TEST(Timer, BeforeWithoutTheAttributeDoesNotStart) {
  SlaTarget target = Target(policy::BeforeAttribute{"departure_at", 2h}, Cn24x7());
  Timer t;
  Status missing = arm(t, target, I("2026-03-02T09:30:00+08:00"), {});
  EXPECT_EQ(missing.code(), StatusCode::kNotFound);
  EXPECT_NE(missing.message().find("departure_at"), std::string::npos) << missing.message();

  policy::Attributes attrs;
  attrs.set("departure_at", std::int64_t{1772424000});
  Status not_instant = arm(t, target, I("2026-03-02T09:30:00+08:00"), attrs);
  EXPECT_EQ(not_instant.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(not_instant.message().find("departure_at"), std::string::npos);
}

TEST(Timer, ADueBeforeTheStartBreachesAtOnce) {
  // Departure 10:00, by 2h: due 08:00, before the 09:30 start.
  SlaTarget target = Target(policy::BeforeAttribute{"departure_at", 2h}, Cn24x7());
  policy::Attributes attrs;
  attrs.set("departure_at", std::string("2026-03-02T10:00:00+08:00"));
  Timer t = Armed(target, "2026-03-02T09:30:00+08:00", attrs);
  EXPECT_EQ(RunUntil(t, target, I("2026-03-02T09:30:00+08:00")),
            (std::vector<std::string>{
                "breach at 2026-03-02T09:30:00+08:00 due 2026-03-02T08:00:00+08:00"}));
}

TEST(Timer, ADayOfMonthBeforeTheStartBreachesAtOnce) {
  // Day 1 of March 2026 is a Sunday: moved to Mon 03-02, close of business
  // 18:00, a week before the start on 03-10.
  SlaTarget target = Target(time::DayOfMonth{1, 0, std::nullopt}, Office());
  Timer t = Armed(target, "2026-03-10T10:00:00+08:00");
  EXPECT_EQ(S(t.due), "2026-03-02T18:00:00+08:00");
  EXPECT_EQ(RunUntil(t, target, I("2026-03-10T10:00:00+08:00")),
            (std::vector<std::string>{
                "breach at 2026-03-10T10:00:00+08:00 due 2026-03-02T18:00:00+08:00"}));
}

TEST(Timer, ACalendarWithoutDataForTheYearRefusesToArm) {
  // cn-statutory covers 2018-2026: a 2031 deadline is not guessed.
  SlaTarget target = Target(time::WorkingDays(3), OfficeCn());
  Timer t;
  Status s = arm(t, target, I("2031-03-03T10:00:00+08:00"), {});
  EXPECT_EQ(s.code(), StatusCode::kOutOfRange) << s.to_string();
}

TEST(Timer, WorkingDaysCrossTheStatutoryHoliday) {
  // 3wd from Wed 2026-09-30: Oct 1-7 off, Thu 10-08 (1), Fri 10-09 (2), Sat
  // 10-10 a make-up working day (3), open with Monday's hours.
  SlaTarget target = Target(time::WorkingDays(3), OfficeCn());
  Timer t = Armed(target, "2026-09-30T10:00:00+08:00");
  EXPECT_EQ(S(t.due), "2026-10-10T18:00:00+08:00");
}

}  // namespace
}  // namespace kefu::sla
