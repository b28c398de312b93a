// Due specs in their short text form, times of day and weekday names.
#include "kefu/time/due_spec.h"

#include <string>

#include "gtest/gtest.h"

namespace kefu::time {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

DueSpec Parsed(std::string_view text) {
  Result<DueSpec> spec = parse_due_spec(text);
  EXPECT_TRUE(spec.ok()) << text << ": " << spec.status().to_string();
  return spec.ok() ? *spec : DueSpec(BusinessDuration());
}

TEST(DueSpec, ParsesMinutesAndHoursAsOpenTime) {
  EXPECT_EQ(std::get<BusinessDuration>(Parsed("30m")),
            BusinessDuration(minutes(30)));
  EXPECT_EQ(std::get<BusinessDuration>(Parsed("4h")),
            BusinessDuration(hours(4)));
  EXPECT_EQ(std::get<BusinessDuration>(Parsed("90m")).seconds(), 5400);
}

TEST(DueSpec, ParsesWorkingDaysCalendarDaysAndMonths) {
  EXPECT_EQ(std::get<WorkingDays>(Parsed("3wd")), WorkingDays(3));
  EXPECT_EQ(std::get<CalendarDays>(Parsed("15d")), CalendarDays(15));
  EXPECT_EQ(std::get<CalendarMonths>(Parsed("1mo")), CalendarMonths(1));
  EXPECT_EQ(std::get<CalendarMonths>(Parsed("12mo")), CalendarMonths(12));
}

TEST(DueSpec, RefusesMalformedText) {
  for (const char* text :
       {"3 days", "0h", "-1h", "h", "3x", "", "3", " 3h", "3h ", "3H", "1.5h",
        "+3h", "3hh", "wd", "3w", "0wd", "0mo", "00d"}) {
    Result<DueSpec> spec = parse_due_spec(text);
    EXPECT_FALSE(spec.ok())
        << "\"" << text << "\" parsed as " << format_due_spec(*spec);
    if (spec.ok()) continue;
    EXPECT_EQ(spec.status().code(), StatusCode::kInvalidArgument) << text;
    // STYLE.md: what was expected, and what was given.
    EXPECT_NE(spec.status().message().find("\"" + std::string(text) + "\""),
              std::string::npos)
        << spec.status().message();
    EXPECT_NE(spec.status().message().find("expected"), std::string::npos)
        << spec.status().message();
  }
}

TEST(DueSpec, RefusesNumbersThatWouldOverflow) {
  for (const char* text :
       {"99999999999999999999h", "9223372036854775808m", "2562047788015216h",
        "3000000000wd", "2147483648d", "99999999999mo"}) {
    Result<DueSpec> spec = parse_due_spec(text);
    EXPECT_FALSE(spec.ok())
        << "\"" << text << "\" parsed as " << format_due_spec(*spec);
    if (!spec.ok()) {
      EXPECT_EQ(spec.status().code(), StatusCode::kInvalidArgument);
      EXPECT_NE(spec.status().message().find(text), std::string::npos)
          << spec.status().message();
    }
  }
}

TEST(DueSpec, FormatRoundTrips) {
  for (const char* text :
       {"30m", "4h", "3wd", "15d", "1mo", "1h", "45m", "100wd"}) {
    EXPECT_EQ(format_due_spec(Parsed(text)), text);
  }
}

TEST(DueSpec, FormatsObjectSpecsAsInAPolicy) {
  EXPECT_EQ(format_due_spec(AtTimeOfDay{*parse_time_of_day("17:00")}),
            R"({"at":"17:00"})");
  EXPECT_EQ(format_due_spec(
                WeekdayAt{std::chrono::Monday, *parse_time_of_day("16:00")}),
            R"({"weekday":"mon","at":"16:00"})");
  const std::string month = format_due_spec(DayOfMonth{15, 1, std::nullopt});
  EXPECT_NE(month.find(R"("day_of_month":15)"), std::string::npos) << month;
  EXPECT_NE(month.find(R"("months_after":1)"), std::string::npos) << month;
}

TEST(DueSpec, StrongTypesAddOnlyToThemselves) {
  // The compile-time half of this is tests/time/*.fail.cc.
  EXPECT_EQ(BusinessDuration(hours(4)) + BusinessDuration(minutes(30)),
            BusinessDuration(minutes(270)));
  EXPECT_EQ(BusinessDuration(hours(4)) - BusinessDuration(minutes(30)),
            BusinessDuration(minutes(210)));
  EXPECT_EQ(WorkingDays(3) + WorkingDays(2), WorkingDays(5));
  EXPECT_LT(BusinessDuration(minutes(59)), BusinessDuration(hours(1)));
}

TEST(TimeOfDay, ParsesFromMidnightTo2400) {
  EXPECT_EQ(parse_time_of_day("00:00")->seconds(), 0);
  EXPECT_EQ(parse_time_of_day("08:30")->seconds(), 8 * 3600 + 1800);
  EXPECT_EQ(parse_time_of_day("17:00")->seconds(), 17 * 3600);
  EXPECT_EQ(parse_time_of_day("23:59")->seconds(), 86340);
  EXPECT_EQ(parse_time_of_day("24:00")->seconds(), 86400);
  EXPECT_EQ(format_time_of_day(*parse_time_of_day("24:00")), "24:00");
  EXPECT_EQ(format_time_of_day(*parse_time_of_day("08:05")), "08:05");
}

TEST(TimeOfDay, RefusesTimesPast2400AndMalformedText) {
  for (const char* text : {"24:01", "25:00", "12:60", "8:30", "08:3", "0830",
                           "08:30:00", "", "ab:cd", "-1:00", "08-30"}) {
    Result<TimeOfDay> t = parse_time_of_day(text);
    EXPECT_FALSE(t.ok()) << "\"" << text << "\" parsed as " << t->seconds();
    if (!t.ok()) {
      EXPECT_EQ(t.status().code(), StatusCode::kInvalidArgument);
      EXPECT_NE(t.status().message().find("\"" + std::string(text) + "\""),
                std::string::npos)
          << t.status().message();
    }
  }
}

TEST(Weekday, ParsesAndNamesTheSevenDays) {
  const char* names[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  for (unsigned iso = 1; iso <= 7; ++iso) {
    const std::chrono::weekday wd(iso % 7);
    EXPECT_EQ(weekday_name(wd), names[iso - 1]);
    EXPECT_EQ(parse_weekday(names[iso - 1]), wd);
  }
  EXPECT_EQ(parse_weekday("Mon"), std::nullopt);
  EXPECT_EQ(parse_weekday("monday"), std::nullopt);
  EXPECT_EQ(parse_weekday(""), std::nullopt);
}

}  // namespace
}  // namespace kefu::time
