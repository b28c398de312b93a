// The "calendars" section: every validation error with its exact pointer,
// and calendars that answer as their JSON says.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "kefu/policy/policy.h"
#include "kefu/time/calendar.h"
#include "kefu/time/instant.h"

namespace kefu::policy {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

// A policy with one calendar "c" whose JSON is `calendar`.
std::string WithCalendar(const std::string& calendar) {
  return R"({"version":"v","calendars":{"c":)" + calendar + "}}";
}

// A valid week for the cases that test another key.
constexpr const char* kWeek = R"("week":{"mon":["09:00-17:00"]})";

std::vector<std::string> Errors(const std::string& json) {
  std::vector<std::string> lines;
  for (const Status& s : Policy::Check(json)) lines.push_back(s.to_string());
  return lines;
}

// Expects `calendar` to fail with exactly one error, `expected`.
void ExpectError(const std::string& calendar, const std::string& expected) {
  SCOPED_TRACE(calendar);
  EXPECT_EQ(Errors(WithCalendar(calendar)), std::vector<std::string>{expected});
  Result<Policy> policy = Policy::Parse(WithCalendar(calendar));
  ASSERT_FALSE(policy.ok());
  EXPECT_EQ(policy.status().code(), StatusCode::kInvalidPolicy);
  EXPECT_EQ(policy.status().to_string(), expected);
}

// A policy that must be valid.
Policy Valid(const std::string& json) {
  Result<Policy> policy = Policy::Parse(json);
  EXPECT_TRUE(policy.ok()) << policy.status().to_string();
  return policy.ok() ? *policy : *Policy::Parse(R"({"version":"v"})");
}

time::Date D(const char* text) { return *time::parse_date(text); }

time::DayHours Hours(std::initializer_list<std::pair<int, int>> minutes_of_day) {
  time::DayHours out;
  for (auto [b, e] : minutes_of_day) out.push_back({b * 60, e * 60});
  return out;
}

// --- Errors -------------------------------------------------------------

TEST(CalendarsSection, CalendarMustBeAnObject) {
  ExpectError("[]",
              "/calendars/c: expected a calendar object "
              "{\"utc_offset\":\"+08:00\", \"week\":{...}, ...}, got []");
}

TEST(CalendarsSection, UtcOffsetIsRequired) {
  ExpectError(std::string("{") + kWeek + "}",
              "/calendars/c: missing required key \"utc_offset\": expected a "
              "UTC offset like \"+08:00\"");
}

TEST(CalendarsSection, UtcOffsetMustParse) {
  ExpectError(std::string(R"({"utc_offset":"+8",)") + kWeek + "}",
              "/calendars/c/utc_offset: expected a UTC offset like "
              "\"+08:00\", got \"+8\"");
  ExpectError(std::string(R"({"utc_offset":"+19:00",)") + kWeek + "}",
              "/calendars/c/utc_offset: expected a UTC offset like "
              "\"+08:00\", got \"+19:00\"");
  ExpectError(std::string(R"({"utc_offset":8,)") + kWeek + "}",
              "/calendars/c/utc_offset: expected a UTC offset like "
              "\"+08:00\", got 8");
}

TEST(CalendarsSection, UnknownKeyIsAnError) {
  ExpectError(std::string(R"({"utc_offset":"+08:00","weeek":{},)") + kWeek +
                  "}",
              "/calendars/c/weeek: unknown key \"weeek\"; expected one of "
              "\"utc_offset\", \"week\", \"makeup_hours\", \"holidays\"");
}

TEST(CalendarsSection, WeekMustBeAnObject) {
  ExpectError(R"({"utc_offset":"+08:00","week":[["09:00-17:00"]]})",
              "/calendars/c/week: expected an object of weekdays "
              "{\"mon\":[\"09:00-18:00\"], ...}, got [[\"09:00-17:00\"]]");
}

TEST(CalendarsSection, UnknownWeekdayIsAnError) {
  ExpectError(
      R"({"utc_offset":"+08:00","week":{"mon":["09:00-17:00"],"Tue":[]}})",
      "/calendars/c/week/Tue: unknown weekday \"Tue\"; expected one of "
      "\"mon\", \"tue\", \"wed\", \"thu\", \"fri\", \"sat\", \"sun\"");
}

TEST(CalendarsSection, DayMustBeAnArray) {
  ExpectError(R"({"utc_offset":"+08:00","week":{"mon":"09:00-17:00"}})",
              "/calendars/c/week/mon: expected an array of intervals "
              "\"HH:MM-HH:MM\" (empty when closed), got \"09:00-17:00\"");
}

TEST(CalendarsSection, IntervalMustBeAString) {
  ExpectError(R"({"utc_offset":"+08:00","week":{"mon":[900]}})",
              "/calendars/c/week/mon/0: expected an interval "
              "\"HH:MM-HH:MM\", got 900");
}

TEST(CalendarsSection, MalformedIntervalIsAnError) {
  for (const char* bad : {"8:30-12:00", "08:30-12", "08:30 - 12:00",
                          "08:30-12:60", "25:00-26:00", "08:30-24:30",
                          "08h30-12h00", ""}) {
    ExpectError(std::string(R"({"utc_offset":"+08:00","week":{"mon":[")") +
                    bad + "\"]}}",
                std::string("/calendars/c/week/mon/0: expected an interval "
                            "\"HH:MM-HH:MM\" of times from 00:00 to 24:00, "
                            "got \"") +
                    bad + "\"");
  }
}

TEST(CalendarsSection, MidnightAtTheEndOnly) {
  ExpectError(
      R"({"utc_offset":"+08:00","week":{"mon":["09:00-17:00"],"tue":["24:00-24:00"]}})",
      "/calendars/c/week/tue/0: expected an interval \"HH:MM-HH:MM\" that "
      "begins before 24:00 (24:00 only as an end), got \"24:00-24:00\"");
}

TEST(CalendarsSection, EndMustFollowBegin) {
  ExpectError(R"({"utc_offset":"+08:00","week":{"mon":["12:00-08:30"]}})",
              "/calendars/c/week/mon/0: expected an interval \"HH:MM-HH:MM\" "
              "that ends after it begins, got \"12:00-08:30\"");
  ExpectError(R"({"utc_offset":"+08:00","week":{"mon":["09:00-09:00"]}})",
              "/calendars/c/week/mon/0: expected an interval \"HH:MM-HH:MM\" "
              "that ends after it begins, got \"09:00-09:00\"");
}

TEST(CalendarsSection, OverlappingIntervalsAreAnError) {
  ExpectError(
      R"({"utc_offset":"+08:00","week":{"mon":["08:30-12:00","11:00-13:00"]}})",
      "/calendars/c/week/mon/1: expected an interval \"HH:MM-HH:MM\" "
      "ascending and not overlapping the previous one, got \"11:00-13:00\"");
}

TEST(CalendarsSection, UnsortedIntervalsAreAnError) {
  ExpectError(
      R"({"utc_offset":"+08:00","week":{"fri":["13:30-18:00","08:30-12:00"]}})",
      "/calendars/c/week/fri/1: expected an interval \"HH:MM-HH:MM\" "
      "ascending and not overlapping the previous one, got \"08:30-12:00\"");
}

TEST(CalendarsSection, TouchingIntervalsAreAllowed) {
  Policy p = Valid(WithCalendar(
      R"({"utc_offset":"+08:00","week":{"mon":["08:00-12:00","12:00-13:00"]}})"));
  ASSERT_NE(p.calendar("c"), nullptr);
  EXPECT_EQ(*p.calendar("c")->hours_on(D("2026-09-28")),
            Hours({{8 * 60, 12 * 60}, {12 * 60, 13 * 60}}));
}

TEST(CalendarsSection, EveryBadIntervalOfADayIsReported) {
  EXPECT_EQ(
      Errors(WithCalendar(
          R"({"utc_offset":"+08:00","week":{"mon":["x","09:00-10:00","09:30-11:00"]}})")),
      (std::vector<std::string>{
          "/calendars/c/week/mon/0: expected an interval \"HH:MM-HH:MM\" of "
          "times from 00:00 to 24:00, got \"x\"",
          "/calendars/c/week/mon/2: expected an interval \"HH:MM-HH:MM\" "
          "ascending and not overlapping the previous one, got "
          "\"09:30-11:00\""}));
}

TEST(CalendarsSection, DuplicateWeekdayIsAnError) {
  ExpectError(
      R"({"utc_offset":"+08:00","week":{"mon":["09:00-17:00"],"mon":["10:00-11:00"]}})",
      "/calendars/c/week/mon: duplicate key \"mon\": expected each key once "
      "in an object");
}

TEST(CalendarsSection, NeverOpenCalendarIsAnError) {
  ExpectError(R"({"utc_offset":"+08:00","week":{"mon":[],"sat":[]}})",
              "/calendars/c/week: expected at least one open interval in the "
              "week: a calendar that is never open cannot count a deadline");
  ExpectError(R"({"utc_offset":"+08:00"})",
              "/calendars/c: missing key \"week\": expected the weekly open "
              "hours {\"mon\":[\"09:00-18:00\"], ...}; a calendar that is "
              "never open cannot count a deadline");
}

TEST(CalendarsSection, MakeupHoursMustBeAWeekday) {
  ExpectError(std::string(R"({"utc_offset":"+08:00","makeup_hours":"monday",)") +
                  kWeek + "}",
              "/calendars/c/makeup_hours: expected a weekday \"mon\", \"tue\", "
              "\"wed\", \"thu\", \"fri\", \"sat\" or \"sun\", got \"monday\"");
  ExpectError(std::string(R"({"utc_offset":"+08:00","makeup_hours":1,)") +
                  kWeek + "}",
              "/calendars/c/makeup_hours: expected a weekday \"mon\", \"tue\", "
              "\"wed\", \"thu\", \"fri\", \"sat\" or \"sun\", got 1");
}

TEST(CalendarsSection, MakeupHoursMustBeOpenWhenThereAreMakeupDays) {
  ExpectError(
      R"({"utc_offset":"+08:00","week":{"mon":["09:00-17:00"]},
          "makeup_hours":"sun","holidays":["cn-statutory"]})",
      "/calendars/c/makeup_hours: expected a weekday that is open in "
      "\"week\" (make-up working days take its hours), got \"sun\"");
  ExpectError(
      R"({"utc_offset":"+08:00","week":{"sat":["09:00-17:00"]},
          "holidays":[{"workdays":["2026-10-11"]}]})",
      "/calendars/c: make-up working days take the hours of \"mon\" (the "
      "default \"makeup_hours\"), which is closed in \"week\": expected "
      "\"makeup_hours\" naming an open weekday");
  // Without make-up days a closed makeup weekday does no harm.
  Valid(WithCalendar(
      R"({"utc_offset":"+08:00","week":{"sat":["09:00-17:00"]}})"));
}

TEST(CalendarsSection, HolidaysMustBeAnArray) {
  ExpectError(std::string(R"({"utc_offset":"+08:00",)") + kWeek +
                  R"(,"holidays":"cn-statutory"})",
              "/calendars/c/holidays: expected an array of holiday sets, such "
              "as [\"cn-statutory\"], got \"cn-statutory\"");
}

TEST(CalendarsSection, UnknownBundledSetIsAnError) {
  ExpectError(std::string(R"({"utc_offset":"+08:00",)") + kWeek +
                  R"(,"holidays":["cn-statutory","cn-statutary"]})",
              "/calendars/c/holidays/1: expected a bundled holiday set name "
              "such as \"cn-statutory\" or an inline set "
              "{\"off\":[dates],\"workdays\":[dates],...}, got "
              "\"cn-statutary\"");
}

TEST(CalendarsSection, HolidaySetOfAnotherTypeIsAnError) {
  ExpectError(std::string(R"({"utc_offset":"+08:00",)") + kWeek +
                  R"(,"holidays":[2026]})",
              "/calendars/c/holidays/0: expected a bundled holiday set name "
              "such as \"cn-statutory\" or an inline set "
              "{\"off\":[dates],\"workdays\":[dates],...}, got 2026");
}

// An inline holiday set `set` in a valid calendar.
std::string WithSet(const std::string& set) {
  return std::string(R"({"utc_offset":"+08:00",)") + kWeek +
         R"(,"holidays":[)" + set + "]}";
}

TEST(CalendarsSection, InlineSetUnknownKeyIsAnError) {
  ExpectError(WithSet(R"({"offf":["2026-10-01"]})"),
              "/calendars/c/holidays/0/offf: unknown key \"offf\"; expected "
              "one of \"name\", \"off\", \"workdays\", \"hours\", \"years\"");
}

TEST(CalendarsSection, InlineSetDatesMustExist) {
  ExpectError(WithSet(R"({"off":["2026-02-28","2026-02-30"]})"),
              "/calendars/c/holidays/0/off/1: expected a date \"YYYY-MM-DD\" "
              "that exists, got \"2026-02-30\"");
  ExpectError(WithSet(R"({"workdays":["2026/10/10"]})"),
              "/calendars/c/holidays/0/workdays/0: expected a date "
              "\"YYYY-MM-DD\" that exists, got \"2026/10/10\"");
  ExpectError(WithSet(R"({"off":[20261001]})"),
              "/calendars/c/holidays/0/off/0: expected a date \"YYYY-MM-DD\" "
              "that exists, got 20261001");
}

TEST(CalendarsSection, InlineSetListsMustBeArrays) {
  ExpectError(WithSet(R"({"off":"2026-10-01"})"),
              "/calendars/c/holidays/0/off: expected an array of dates "
              "\"YYYY-MM-DD\", got \"2026-10-01\"");
}

TEST(CalendarsSection, DateBothOffAndWorkdayIsAnError) {
  ExpectError(
      WithSet(R"({"off":["2026-10-01","2026-10-10"],"workdays":["2026-10-10"]})"),
      "/calendars/c/holidays/0/workdays/0: expected a make-up working day "
      "that is not also in \"off\", got \"2026-10-10\"");
}

TEST(CalendarsSection, OffInOneSetAndWorkdayInAnotherIsAllowed) {
  Policy p = Valid(WithCalendar(WithSet(
      R"({"off":["2026-10-05"]},{"workdays":["2026-10-05"]})")));
  // The later set wins: 2026-10-05 is a Monday, open with Monday's hours.
  EXPECT_TRUE(*p.calendar("c")->is_working_day(D("2026-10-05")));
}

TEST(CalendarsSection, DateBothOffAndWithHoursIsAnError) {
  ExpectError(
      WithSet(R"({"off":["2026-10-01"],"hours":{"2026-10-01":["09:00-12:00"]}})"),
      "/calendars/c/holidays/0/hours/2026-10-01: expected a date with its own "
      "hours that is not also in \"off\", got \"2026-10-01\"");
}

TEST(CalendarsSection, HoursMustBeAnObjectOfDates) {
  ExpectError(WithSet(R"({"hours":[["09:00-12:00"]]})"),
              "/calendars/c/holidays/0/hours: expected an object of dates to "
              "intervals {\"2026-09-30\":[\"08:30-12:00\"]}, got "
              "[[\"09:00-12:00\"]]");
  ExpectError(WithSet(R"({"hours":{"2026-13-01":["09:00-12:00"]}})"),
              "/calendars/c/holidays/0/hours/2026-13-01: expected a date "
              "\"YYYY-MM-DD\" as the key, got \"2026-13-01\"");
}

TEST(CalendarsSection, HoursIntervalsAreValidated) {
  ExpectError(
      WithSet(R"({"hours":{"2026-09-30":["08:30-12:00","10:00-11:00"]}})"),
      "/calendars/c/holidays/0/hours/2026-09-30/1: expected an interval "
      "\"HH:MM-HH:MM\" ascending and not overlapping the previous one, got "
      "\"10:00-11:00\"");
}

TEST(CalendarsSection, YearsMustBeWholeYears) {
  ExpectError(WithSet(R"({"years":2027})"),
              "/calendars/c/holidays/0/years: expected an array of years like "
              "[2027], got 2027");
  ExpectError(WithSet(R"({"years":[2027.5]})"),
              "/calendars/c/holidays/0/years/0: expected a year from 1900 to "
              "9999, got 2027.5");
  ExpectError(WithSet(R"({"years":[2027,"2028"]})"),
              "/calendars/c/holidays/0/years/1: expected a year from 1900 to "
              "9999, got \"2028\"");
  ExpectError(WithSet(R"({"years":[1800]})"),
              "/calendars/c/holidays/0/years/0: expected a year from 1900 to "
              "9999, got 1800");
}

TEST(CalendarsSection, InlineSetNameMustBeANonEmptyString) {
  ExpectError(WithSet(R"({"name":""})"),
              "/calendars/c/holidays/0/name: expected a non-empty string, got "
              "\"\"");
  ExpectError(WithSet(R"({"name":7})"),
              "/calendars/c/holidays/0/name: expected a non-empty string, got "
              "7");
}

TEST(CalendarsSection, CalendarNameMustNotBeEmpty) {
  EXPECT_EQ(Errors(R"({"version":"v","calendars":{"":{}}})"),
            std::vector<std::string>{
                "/calendars/: expected a non-empty calendar name"});
}

TEST(CalendarsSection, PointersEscapeCalendarNames) {
  EXPECT_EQ(
      Errors(R"({"version":"v","calendars":{"a/b":{"utc_offset":"x","week":{"mon":["09:00-10:00"]}}}})"),
      std::vector<std::string>{"/calendars/a~1b/utc_offset: expected a UTC "
                               "offset like \"+08:00\", got \"x\""});
}

TEST(CalendarsSection, LongValuesAreShortenedInMessages) {
  std::string long_value(100, 'x');
  std::vector<std::string> errors = Errors(WithCalendar(
      R"({"utc_offset":")" + long_value + R"(","week":{"mon":["09:00-10:00"]}})"));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0],
            "/calendars/c/utc_offset: expected a UTC offset like \"+08:00\", "
            "got \"" + std::string(56, 'x') + "...");
}

// --- Calendars that answer as their JSON says ---------------------------

TEST(CalendarsSection, WeekHoursRoundTrip) {
  Policy p = Valid(WithCalendar(R"({"utc_offset":"-05:30","week":{
      "mon":["08:30-12:00","13:30-18:00"],"sun":["00:00-24:00"]}})"));
  const time::Calendar* c = p.calendar("c");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->offset(), time::UtcOffset::seconds(-(5 * 3600 + 30 * 60)));
  EXPECT_EQ(*c->hours_on(D("2026-09-28")),  // a Monday
            Hours({{8 * 60 + 30, 12 * 60}, {13 * 60 + 30, 18 * 60}}));
  EXPECT_EQ(*c->hours_on(D("2026-09-29")), time::DayHours{});  // closed
  EXPECT_EQ(*c->hours_on(D("2026-10-04")), Hours({{0, 24 * 60}}));
  EXPECT_FALSE(c->has_bounds());
}

TEST(CalendarsSection, MakeupDaysTakeTheMakeupWeekdayHours) {
  const std::string week =
      R"("week":{"mon":["08:30-12:00","13:30-18:00"],"fri":["09:00-15:00"]})";
  Policy by_default = Valid(WithCalendar(
      R"({"utc_offset":"+08:00",)" + week + R"(,"holidays":["cn-statutory"]})"));
  Policy by_friday = Valid(WithCalendar(
      R"({"utc_offset":"+08:00",)" + week +
      R"(,"makeup_hours":"fri","holidays":["cn-statutory"]})"));
  // 2026-10-10 is a Saturday worked for National Day.
  EXPECT_EQ(*by_default.calendar("c")->hours_on(D("2026-10-10")),
            Hours({{8 * 60 + 30, 12 * 60}, {13 * 60 + 30, 18 * 60}}));
  EXPECT_EQ(*by_friday.calendar("c")->hours_on(D("2026-10-10")),
            Hours({{9 * 60, 15 * 60}}));
  EXPECT_FALSE(*by_default.calendar("c")->is_working_day(D("2026-10-01")));
  EXPECT_TRUE(by_default.calendar("c")->has_bounds());
}

TEST(CalendarsSection, InlineSetRoundTrip) {
  Policy p = Valid(WithCalendar(R"({"utc_offset":"+08:00",
      "week":{"mon":["08:30-12:00","13:30-18:00"],"tue":["08:30-12:00","13:30-18:00"]},
      "holidays":[{"name":"company","off":["2026-09-28"],"workdays":["2026-09-27"],
                   "hours":{"2026-09-29":["08:30-12:00"]},"years":[2026]}]})"));
  const time::Calendar* c = p.calendar("c");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(*c->hours_on(D("2026-09-28")), time::DayHours{});  // off
  EXPECT_EQ(*c->hours_on(D("2026-09-27")),                     // make-up
            Hours({{8 * 60 + 30, 12 * 60}, {13 * 60 + 30, 18 * 60}}));
  EXPECT_EQ(*c->hours_on(D("2026-09-29")), Hours({{8 * 60 + 30, 12 * 60}}));
  EXPECT_EQ(*c->hours_on(D("2026-10-06")),  // an ordinary Tuesday
            Hours({{8 * 60 + 30, 12 * 60}, {13 * 60 + 30, 18 * 60}}));
  // An inline set alone does not bound the calendar.
  EXPECT_FALSE(c->has_bounds());
}

TEST(CalendarsSection, LaterSetsOverrideEarlierOnes) {
  Policy p = Valid(WithCalendar(std::string(R"({"utc_offset":"+08:00",)") +
                                R"("week":{"mon":["09:00-17:00"],"wed":["09:00-17:00"],"thu":["09:00-17:00"]},)" +
                                R"("holidays":["cn-statutory",{"workdays":["2026-10-07"],"off":["2026-10-08"]}]})"));
  const time::Calendar* c = p.calendar("c");
  EXPECT_TRUE(*c->is_working_day(D("2026-10-07")));   // off in cn-statutory
  EXPECT_FALSE(*c->is_working_day(D("2026-10-08")));  // a Thursday
}

TEST(CalendarsSection, InlineYearsExtendABundledCalendar) {
  const std::string base =
      R"({"utc_offset":"+08:00","week":{"mon":["09:00-17:00"]},"holidays":["cn-statutory")";
  Policy bounded = Valid(WithCalendar(base + "]}"));
  Policy extended =
      Valid(WithCalendar(base + R"(,{"off":["2027-01-04"],"years":[2027]}]})"));
  EXPECT_FALSE(bounded.calendar("c")->is_working_day(D("2027-01-11")).ok());
  EXPECT_TRUE(*extended.calendar("c")->is_working_day(D("2027-01-11")));
  EXPECT_FALSE(*extended.calendar("c")->is_working_day(D("2027-01-04")));
}

TEST(CalendarsSection, DatedHoursAloneKeepACalendarOpen) {
  Policy p = Valid(WithCalendar(R"({"utc_offset":"+08:00","week":{},
      "holidays":[{"hours":{"2026-10-10":["09:00-12:00"]}}]})"));
  EXPECT_EQ(*p.calendar("c")->hours_on(D("2026-10-10")),
            Hours({{9 * 60, 12 * 60}}));
}

}  // namespace
}  // namespace kefu::policy
