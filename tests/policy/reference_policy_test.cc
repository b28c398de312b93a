// examples/policies/reference.json: what it defines, and the golden due
// instants of its office calendar around National Day 2026 (1-7 October off,
// Saturday 10 October worked).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "kefu/policy/due_spec_arg.h"
#include "kefu/policy/policy.h"
#include "kefu/time/instant.h"

namespace kefu::policy {
namespace {

const Policy& Reference() {
  static const Policy* policy = [] {
    Result<Policy> p =
        Policy::Load(KEFU_SOURCE_DIR "/examples/policies/reference.json");
    EXPECT_TRUE(p.ok()) << p.status().to_string();
    return new Policy(std::move(p).value());
  }();
  return *policy;
}

// The due instant of `spec` from `from` on the reference calendar, printed
// in its offset.
std::string Due(const char* calendar, const char* from, const char* spec) {
  const time::Calendar* c = Reference().calendar(calendar);
  if (c == nullptr) return "no calendar";
  Result<time::DueSpec> s = parse_due_spec_arg(spec);
  if (!s.ok()) return s.status().to_string();
  Result<time::Instant> due = c->add(*time::parse_instant(from), *s);
  if (!due.ok()) return due.status().to_string();
  return time::format_instant(*due, c->offset());
}

TEST(ReferencePolicy, DefinesItsCalendars) {
  EXPECT_EQ(Reference().version(), "cn-logistics-2026.1");
  EXPECT_EQ(Reference().names(),
            (std::vector<std::string>{"24x7", "cn-24x7", "office",
                                      "warehouse"}));
}

TEST(ReferencePolicy, OfficeGoldenCases) {
  const char* from = "2026-09-30T17:00:00+08:00";
  EXPECT_EQ(Due("office", from, "1h"), "2026-09-30T18:00:00+08:00");
  EXPECT_EQ(Due("office", from, "4h"), "2026-10-08T11:30:00+08:00");
  EXPECT_EQ(Due("office", from, "3wd"), "2026-10-10T18:00:00+08:00");
  EXPECT_EQ(Due("office", from, "15d"), "2026-10-15T18:00:00+08:00");
  EXPECT_EQ(Due("office", from, R"({"at":"17:00"})"),
            "2026-10-08T17:00:00+08:00");
  EXPECT_EQ(Due("office", "2026-01-31T10:00:00+08:00", "1mo"),
            "2026-02-28T18:00:00+08:00");
}

TEST(ReferencePolicy, OfficeObjectForms) {
  const char* from = "2026-09-30T17:00:00+08:00";
  // Thursday 1 October is a holiday: the next working day, at 16:00.
  EXPECT_EQ(Due("office", from, R"({"weekday":"thu","at":"16:00"})"),
            "2026-10-08T16:00:00+08:00");
  // 31 October is a Saturday: Monday 2 November.
  EXPECT_EQ(
      Due("office", from, R"({"day_of_month":31,"months_after":1,"at":"16:00"})"),
      "2026-11-02T16:00:00+08:00");
  // The first of this month precedes the start: due at once.
  EXPECT_EQ(Due("office", from, R"({"day_of_month":1})"),
            "2026-09-01T18:00:00+08:00");
}

TEST(ReferencePolicy, WarehouseOpensSaturdays) {
  // Friday 9 October 19:00 + 3h: 1h Friday, then 2h on Saturday.
  EXPECT_EQ(Due("warehouse", "2026-10-09T19:00:00+08:00", "3h"),
            "2026-10-10T10:00:00+08:00");
  EXPECT_EQ(Due("warehouse", "2026-09-30T17:00:00+08:00", "1wd"),
            "2026-10-08T20:00:00+08:00");
}

TEST(ReferencePolicy, Cn24x7CountsCalendarDaysInChinaTime) {
  // The last day ends at 24:00, printed as the next day's 00:00:00.
  EXPECT_EQ(Due("cn-24x7", "2026-09-30T17:00:00+08:00", "15d"),
            "2026-10-16T00:00:00+08:00");
  EXPECT_EQ(Due("cn-24x7", "2026-09-30T23:30:00+08:00", "1h"),
            "2026-10-01T00:30:00+08:00");
  // The built-in 24x7 counts days in UTC: 2026-09-30T17:00+08:00 is 09:00Z.
  EXPECT_EQ(Due("24x7", "2026-09-30T17:00:00+08:00", "15d"),
            "2026-10-16T00:00:00+00:00");
}

TEST(ReferencePolicy, OfficeRefusesYearsWithoutHolidayData) {
  const time::Calendar* office = Reference().calendar("office");
  Result<time::Instant> due = office->add(
      *time::parse_instant("2026-12-31T17:00:00+08:00"), time::WorkingDays(3));
  ASSERT_FALSE(due.ok());
  EXPECT_EQ(due.status().code(), StatusCode::kOutOfRange);
}

TEST(ReferencePolicy, OfficeElapsedAcrossNationalDay) {
  const time::Calendar* office = Reference().calendar("office");
  Result<time::BusinessDuration> open =
      office->elapsed(*time::parse_instant("2026-09-30T17:00:00+08:00"),
                      *time::parse_instant("2026-10-08T11:30:00+08:00"));
  ASSERT_TRUE(open.ok()) << open.status().to_string();
  EXPECT_EQ(open->seconds(), 4 * 3600);
}

}  // namespace
}  // namespace kefu::policy
