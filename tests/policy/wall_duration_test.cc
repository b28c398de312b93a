// Wall-clock durations of a policy: "by", late_window, retention
// (src/policy/wall_duration.cc).
#include "policy/wall_duration.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "kefu/policy/policy.h"

namespace kefu::policy {
namespace {

using internal::kDaysOrHours;
using internal::kMinutesHoursOrDays;
using internal::parse_wall_duration;

std::string ErrorOf(std::string_view text, internal::WallDurationForm form) {
  Result<time::Duration> d = parse_wall_duration(text, form);
  return d.ok() ? "ok" : d.status().message();
}

TEST(WallDuration, Units) {
  EXPECT_EQ(*parse_wall_duration("30d", kDaysOrHours), std::chrono::days(30));
  EXPECT_EQ(*parse_wall_duration("12h", kDaysOrHours), std::chrono::hours(12));
  EXPECT_EQ(*parse_wall_duration("45m", kMinutesHoursOrDays),
            std::chrono::minutes(45));
  EXPECT_EQ(*parse_wall_duration("0m", kMinutesHoursOrDays), time::Duration(0));
  EXPECT_EQ(*parse_wall_duration("36500d", kDaysOrHours),
            std::chrono::days(36500));
}

TEST(WallDuration, Errors) {
  const std::string kDh =
      "expected a wall-clock duration: a whole number and \"h\" or \"d\", "
      "like \"30d\", got ";
  EXPECT_EQ(ErrorOf("30m", kDaysOrHours), kDh + "\"30m\": unknown unit \"m\"");
  EXPECT_EQ(ErrorOf("30", kDaysOrHours), kDh + "\"30\": missing unit");
  EXPECT_EQ(ErrorOf("d", kDaysOrHours), kDh + "\"d\"");
  EXPECT_EQ(ErrorOf("", kDaysOrHours), kDh + "\"\"");
  EXPECT_EQ(ErrorOf("-1d", kDaysOrHours), kDh + "\"-1d\"");
  EXPECT_EQ(ErrorOf(" 1d", kDaysOrHours), kDh + "\" 1d\"");
  EXPECT_EQ(ErrorOf("0d", kDaysOrHours),
            kDh + "\"0d\": the number must be positive");
  EXPECT_EQ(ErrorOf("36501d", kDaysOrHours),
            kDh + "\"36501d\": longer than 36500 days");
  EXPECT_EQ(ErrorOf("99999999999999999999999h", kDaysOrHours),
            kDh + "\"99999999999999999999999h\": longer than 36500 days");
  EXPECT_EQ(ErrorOf("2wd", kMinutesHoursOrDays),
            "expected a wall-clock duration: a whole number and \"m\", \"h\" "
            "or \"d\", like \"2h\", got \"2wd\": unknown unit \"wd\"");
}

TEST(WallDuration, PolicyDefaults) {
  Result<Policy> policy = Policy::Parse(R"({"version":"v"})");
  ASSERT_TRUE(policy.ok());
  EXPECT_EQ(policy->late_window(), std::chrono::days(30));
  EXPECT_EQ(policy->retention(), std::chrono::days(90));
}

TEST(WallDuration, PolicyLateWindowAndRetention) {
  Result<Policy> policy = Policy::Parse(
      R"({"version":"v","late_window":"48h","retention":"365d"})");
  ASSERT_TRUE(policy.ok()) << policy.status().to_string();
  EXPECT_EQ(policy->late_window(), std::chrono::hours(48));
  EXPECT_EQ(policy->retention(), std::chrono::days(365));
}

TEST(WallDuration, PolicyErrorsArePointed) {
  std::vector<std::string> lines;
  for (const Status& s :
       Policy::Check(R"({"version":"v","late_window":30,"retention":"90m"})")) {
    EXPECT_EQ(s.code(), StatusCode::kInvalidPolicy);
    lines.push_back(s.to_string());
  }
  EXPECT_EQ(lines,
            (std::vector<std::string>{
                "/late_window: expected a wall-clock duration: a whole number "
                "and \"h\" or \"d\", like \"30d\", got 30",
                "/retention: expected a wall-clock duration: a whole number "
                "and \"h\" or \"d\", like \"30d\", got \"90m\": unknown unit "
                "\"m\""}));
}

}  // namespace
}  // namespace kefu::policy
