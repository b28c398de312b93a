#include "policy/due_spec_json.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

namespace kefu::policy::internal {
namespace {

using time::DueSpec;

Result<DueSpec> FromJson(const char* json) {
  return due_spec_from_json(Json::parse(json), "/sla/0/target");
}

time::TimeOfDay At(int h, int m) {
  return time::TimeOfDay::from_seconds(h * 3600 + m * 60);
}

void ExpectError(const char* json, const std::string& expected) {
  SCOPED_TRACE(json);
  Result<DueSpec> spec = FromJson(json);
  ASSERT_FALSE(spec.ok());
  EXPECT_EQ(spec.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(spec.status().to_string(), expected);
}

TEST(DueSpecJson, ShortFormString) {
  EXPECT_EQ(*FromJson(R"("3wd")"), DueSpec(time::WorkingDays(3)));
  EXPECT_EQ(*FromJson(R"("4h")"),
            DueSpec(time::BusinessDuration(std::chrono::hours(4))));
  EXPECT_EQ(*FromJson(R"("1mo")"), DueSpec(time::CalendarMonths(1)));
}

TEST(DueSpecJson, BadShortFormIsLocated) {
  ExpectError(R"("3 days")",
              "/sla/0/target: expected a duration like \"1h\", \"30m\", "
              "\"3wd\", \"15d\" or \"1mo\", got \"3 days\": unknown unit \" "
              "days\"");
}

TEST(DueSpecJson, AtTimeOfDay) {
  EXPECT_EQ(*FromJson(R"({"at":"17:00"})"),
            DueSpec(time::AtTimeOfDay{At(17, 0)}));
}

TEST(DueSpecJson, WeekdayWithAndWithoutAt) {
  EXPECT_EQ(*FromJson(R"({"weekday":"mon","at":"16:00"})"),
            DueSpec(time::WeekdayAt{std::chrono::Monday, At(16, 0)}));
  EXPECT_EQ(*FromJson(R"({"at":"16:30","weekday":"sun"})"),
            DueSpec(time::WeekdayAt{std::chrono::Sunday, At(16, 30)}));
  EXPECT_EQ(*FromJson(R"({"weekday":"fri"})"),
            DueSpec(time::WeekdayAt{std::chrono::Friday, std::nullopt}));
}

TEST(DueSpecJson, DayOfMonthDefaults) {
  EXPECT_EQ(*FromJson(R"({"day_of_month":15})"),
            DueSpec(time::DayOfMonth{15, 0, std::nullopt}));
  EXPECT_EQ(*FromJson(R"({"day_of_month":31,"months_after":1,"at":"16:00"})"),
            DueSpec(time::DayOfMonth{31, 1, At(16, 0)}));
}

TEST(DueSpecJson, UnknownKeysAreErrors) {
  ExpectError(R"({"at":"17:00","tz":"+08:00"})",
              "/sla/0/target/tz: unknown key \"tz\"; expected one of \"at\", "
              "\"weekday\", \"day_of_month\", \"months_after\"");
  ExpectError(R"({"weekday":"mon","hour":"16:00"})",
              "/sla/0/target/hour: unknown key \"hour\"; expected one of "
              "\"weekday\", \"at\"");
  ExpectError(R"({"day_of_month":15,"weekday":"mon"})",
              "/sla/0/target/weekday: unknown key \"weekday\"; expected one "
              "of \"day_of_month\", \"months_after\", \"at\"");
  ExpectError(R"({"before":"departure_at","by":"2h"})",
              "/sla/0/target/before: unknown key \"before\"; expected one of "
              "\"at\", \"weekday\", \"day_of_month\", \"months_after\"");
}

TEST(DueSpecJson, BadAtIsLocated) {
  ExpectError(R"({"at":"25:00"})",
              "/sla/0/target/at: expected a local time \"HH:MM\" from 00:00 to "
              "24:00, got \"25:00\"");
  ExpectError(R"({"weekday":"mon","at":1600})",
              "/sla/0/target/at: expected a local time \"HH:MM\" from 00:00 to "
              "24:00, got 1600");
}

TEST(DueSpecJson, BadWeekdayIsLocated) {
  ExpectError(R"({"weekday":"monday"})",
              "/sla/0/target/weekday: expected a weekday \"mon\", \"tue\", "
              "\"wed\", \"thu\", \"fri\", \"sat\" or \"sun\", got \"monday\"");
}

TEST(DueSpecJson, DayOfMonthRange) {
  ExpectError(R"({"day_of_month":0})",
              "/sla/0/target/day_of_month: expected a day of the month, a "
              "whole number from 1 to 31, got 0");
  ExpectError(R"({"day_of_month":32})",
              "/sla/0/target/day_of_month: expected a day of the month, a "
              "whole number from 1 to 31, got 32");
  ExpectError(R"({"day_of_month":15.0})",
              "/sla/0/target/day_of_month: expected a day of the month, a "
              "whole number from 1 to 31, got 15.0");
  ExpectError(R"({"day_of_month":"15"})",
              "/sla/0/target/day_of_month: expected a day of the month, a "
              "whole number from 1 to 31, got \"15\"");
}

TEST(DueSpecJson, MonthsAfterRange) {
  ExpectError(R"({"day_of_month":15,"months_after":-1})",
              "/sla/0/target/months_after: expected a whole number of months "
              "from 0 to 1200, got -1");
  ExpectError(R"({"day_of_month":15,"months_after":18446744073709551615})",
              "/sla/0/target/months_after: expected a whole number of months "
              "from 0 to 1200, got 18446744073709551615");
}

TEST(DueSpecJson, MonthsAfterNeedsDayOfMonth) {
  ExpectError(R"({"months_after":1})",
              "/sla/0/target: missing required key \"day_of_month\": expected "
              "a day of the month, a whole number from 1 to 31");
}

TEST(DueSpecJson, OtherTypesAreErrors) {
  const std::string expected =
      "/sla/0/target: expected a due spec: \"4h\", \"3wd\", \"15d\", \"1mo\", "
      "{\"at\":\"17:00\"}, {\"weekday\":\"mon\",\"at\":\"16:00\"} or "
      "{\"day_of_month\":15,\"months_after\":1}, got ";
  ExpectError("3", expected + "3");
  ExpectError("null", expected + "null");
  ExpectError("[\"3wd\"]", expected + "[\"3wd\"]");
  ExpectError("{}", expected + "{}");
}

TEST(DueSpecJson, RoundTripsThroughFormatDueSpec) {
  for (const char* json :
       {R"("30m")", R"("4h")", R"("3wd")", R"("15d")", R"("2mo")",
        R"({"at":"17:00"})", R"({"weekday":"mon","at":"16:00"})",
        R"({"weekday":"sat"})", R"({"day_of_month":15,"months_after":1})",
        R"({"day_of_month":31,"months_after":0,"at":"16:00"})"}) {
    SCOPED_TRACE(json);
    Result<DueSpec> spec = FromJson(json);
    ASSERT_TRUE(spec.ok()) << spec.status().to_string();
    std::string text = time::format_due_spec(*spec);
    // The short forms print bare; as JSON they are strings.
    Json again = text.front() == '{' ? Json::parse(text) : Json(text);
    Result<DueSpec> back = due_spec_from_json(again, "");
    ASSERT_TRUE(back.ok()) << back.status().to_string();
    EXPECT_EQ(*back, *spec);
  }
}

}  // namespace
}  // namespace kefu::policy::internal
