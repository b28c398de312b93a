#include "kefu/policy/policy.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "kefu/time/instant.h"

namespace kefu::policy {
namespace {

constexpr const char* kMinimal = R"({"version":"v1"})";

std::vector<std::string> Errors(std::string_view json) {
  std::vector<std::string> lines;
  for (const Status& s : Policy::Check(json)) lines.push_back(s.to_string());
  return lines;
}

TEST(Policy, ParsesVersionAndHasTheBuiltInCalendar) {
  Result<Policy> policy = Policy::Parse(kMinimal);
  ASSERT_TRUE(policy.ok()) << policy.status().to_string();
  EXPECT_EQ(policy->version(), "v1");
  EXPECT_EQ(policy->names(), std::vector<std::string>{"24x7"});
  const time::Calendar* always = policy->calendar("24x7");
  ASSERT_NE(always, nullptr);
  EXPECT_EQ(always->offset(), time::UtcOffset());
  EXPECT_EQ(policy->calendar("office"), nullptr);
}

TEST(Policy, NamesAreSortedAndIncludeTheBuiltIn) {
  Result<Policy> policy = Policy::Parse(R"({"version":"v","calendars":{
      "zeta":{"utc_offset":"+00:00","week":{"mon":["09:00-17:00"]}},
      "alpha":{"utc_offset":"+01:00","week":{"tue":["09:00-17:00"]}}}})");
  ASSERT_TRUE(policy.ok()) << policy.status().to_string();
  EXPECT_EQ(policy->names(),
            (std::vector<std::string>{"24x7", "alpha", "zeta"}));
  ASSERT_NE(policy->calendar("alpha"), nullptr);
  EXPECT_EQ(policy->calendar("alpha")->name(), "alpha");
  EXPECT_EQ(policy->calendar("alpha")->offset(), time::UtcOffset::hours(1));
}

TEST(Policy, EmptyCalendarsObjectIsValid) {
  EXPECT_TRUE(Policy::Parse(R"({"version":"v","calendars":{}})").ok());
}

TEST(Policy, CopiesShareTheCalendars) {
  Result<Policy> policy = Policy::Parse(kMinimal);
  ASSERT_TRUE(policy.ok());
  Policy copy = *policy;
  EXPECT_EQ(copy.calendar("24x7"), policy->calendar("24x7"));
}

TEST(Policy, VersionIsRequired) {
  std::vector<Status> errors = Policy::Check(R"({"calendars":{}})");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].path(), "");
  EXPECT_EQ(errors[0].code(), StatusCode::kInvalidPolicy);
  EXPECT_EQ(errors[0].message(),
            "missing required key \"version\": expected a non-empty version "
            "string such as \"cn-logistics-2026.1\"");
}

TEST(Policy, VersionMustBeANonEmptyString) {
  EXPECT_EQ(Errors(R"({"version":""})"),
            std::vector<std::string>{
                "/version: expected a non-empty version string such as "
                "\"cn-logistics-2026.1\", got \"\""});
  EXPECT_EQ(Errors(R"({"version":2026})"),
            std::vector<std::string>{
                "/version: expected a non-empty version string such as "
                "\"cn-logistics-2026.1\", got 2026"});
}

TEST(Policy, DocumentMustBeAnObject) {
  EXPECT_EQ(Errors(R"(["version"])"),
            std::vector<std::string>{
                "expected a policy object {\"version\":..., "
                "\"calendars\":{...}}, got [\"version\"]"});
}

TEST(Policy, UnknownTopLevelKeyIsAnError) {
  Result<Policy> policy = Policy::Parse(R"({"version":"v","calendarz":{}})");
  ASSERT_FALSE(policy.ok());
  EXPECT_EQ(policy.status().code(), StatusCode::kInvalidPolicy);
  EXPECT_EQ(policy.status().path(), "/calendarz");
  EXPECT_EQ(policy.status().message(),
            "unknown key \"calendarz\"; expected one of \"version\", "
            "\"calendars\", \"late_window\", \"retention\", "
            "\"milestones\", \"sla\", \"limits\"");
}

TEST(Policy, UnknownKeyPointerIsEscaped) {
  EXPECT_EQ(Errors(R"({"version":"v","a/b~c":1})"),
            std::vector<std::string>{
                "/a~1b~0c: unknown key \"a/b~c\"; expected one of "
                "\"version\", \"calendars\", \"late_window\", "
                "\"retention\", \"milestones\", \"sla\", \"limits\""});
}

TEST(Policy, CalendarsMustBeAnObject) {
  EXPECT_EQ(Errors(R"({"version":"v","calendars":[]})"),
            std::vector<std::string>{
                "/calendars: expected an object of calendars by name "
                "{\"office\":{\"utc_offset\":\"+08:00\", ...}}, got []"});
}

TEST(Policy, SyntaxErrorGivesTheByteOffset) {
  std::vector<Status> errors = Policy::Check("{\"version\":\"v\",}");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].path(), "");
  EXPECT_EQ(errors[0].message().rfind("invalid JSON at byte 16 (line 1, "
                                      "column 16): syntax error",
                                      0),
            0u)
      << errors[0].message();
}

TEST(Policy, SyntaxErrorOnALaterLine) {
  std::vector<Status> errors = Policy::Check("{\n  \"version\": v1\n}");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].message().rfind("invalid JSON at byte 16 (line 2, "
                                      "column 14): ",
                                      0),
            0u)
      << errors[0].message();
}

TEST(Policy, EmptyDocumentIsASyntaxError) {
  Result<Policy> policy = Policy::Parse("");
  ASSERT_FALSE(policy.ok());
  EXPECT_EQ(policy.status().message().rfind("invalid JSON at byte ", 0), 0u);
}

TEST(Policy, DuplicateKeyIsAnError) {
  EXPECT_EQ(Errors(R"({"version":"a","version":"b"})"),
            std::vector<std::string>{
                "/version: duplicate key \"version\": expected each key once "
                "in an object"});
}

TEST(Policy, DuplicateKeyPointerFollowsArrays) {
  EXPECT_EQ(
      Errors(R"({"version":"v","calendars":{"c":{"utc_offset":"+08:00",
          "week":{"mon":["09:00-17:00"]},
          "holidays":["cn-statutory",{"off":[],"off":["2026-01-01"]}]}}})"),
      std::vector<std::string>{
          "/calendars/c/holidays/1/off: duplicate key \"off\": expected each "
          "key once in an object"});
}

TEST(Policy, BuiltInCalendarCannotBeRedefined) {
  EXPECT_EQ(
      Errors(R"({"version":"v","calendars":{"24x7":{"utc_offset":"+08:00",
          "week":{"mon":["00:00-24:00"]}}}})"),
      std::vector<std::string>{
          "/calendars/24x7: the built-in calendar \"24x7\" cannot be "
          "redefined: expected another name, such as \"cn-24x7\" for an "
          "always-open calendar in China time"});
}

TEST(Policy, CheckListsEveryErrorInDocumentOrder) {
  std::vector<std::string> errors = Errors(R"({
    "calendars": {
      "a": {"utc_offset": "+8", "week": {"mon": ["09:00-17:00"]}},
      "b": {"utc_offset": "+08:00", "weeek": {}, "week": {"mon": ["9-5"]}}
    },
    "extra": true
  })");
  EXPECT_EQ(errors,
            (std::vector<std::string>{
                "/calendars/a/utc_offset: expected a UTC offset like "
                "\"+08:00\", got \"+8\"",
                "/calendars/b/weeek: unknown key \"weeek\"; expected one of "
                "\"utc_offset\", \"week\", \"makeup_hours\", \"holidays\"",
                "/calendars/b/week/mon/0: expected an interval "
                "\"HH:MM-HH:MM\" of times from 00:00 to 24:00, got \"9-5\"",
                "/extra: unknown key \"extra\"; expected one of \"version\", "
                "\"calendars\", \"late_window\", \"retention\", "
                "\"milestones\", \"sla\", \"limits\"",
                "missing required key \"version\": expected a non-empty "
                "version string such as \"cn-logistics-2026.1\""}));
}

TEST(Policy, ParseReportsTheFirstError) {
  Result<Policy> policy = Policy::Parse(R"({"version":"v","calendars":{
      "a":{"utc_offset":"+08:00","week":{"mon":["09:00-17:00","08:00-10:00"]}},
      "b":{"utc_offset":"nope","week":{"mon":["09:00-17:00"]}}}})");
  ASSERT_FALSE(policy.ok());
  EXPECT_EQ(policy.status().path(), "/calendars/a/week/mon/1");
}

TEST(Policy, CheckOfAValidDocumentIsEmpty) {
  EXPECT_TRUE(Policy::Check(kMinimal).empty());
}

TEST(Policy, LoadReadsAFile) {
  Result<Policy> policy =
      Policy::Load(KEFU_SOURCE_DIR "/examples/policies/reference.json");
  ASSERT_TRUE(policy.ok()) << policy.status().to_string();
  EXPECT_EQ(policy->version(), "cn-logistics-2026.1");
}

TEST(Policy, LoadOfAMissingFileIsNotFound) {
  Result<Policy> policy = Policy::Load("/nonexistent/kefu/policy.json");
  ASSERT_FALSE(policy.ok());
  EXPECT_EQ(policy.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(policy.status().message(),
            "cannot read the policy file \"/nonexistent/kefu/policy.json\": "
            "No such file or directory");
}

TEST(Policy, LoadOfADirectoryIsAClearError) {
  Result<Policy> policy = Policy::Load(KEFU_SOURCE_DIR "/examples");
  ASSERT_FALSE(policy.ok());
  EXPECT_EQ(policy.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(policy.status().message().find("Is a directory"),
            std::string::npos)
      << policy.status().message();
}

TEST(Policy, LoadReportsErrorsOfTheDocument) {
  std::string path = ::testing::TempDir() + "/kefu_policy_load_test.json";
  {
    std::ofstream out(path);
    out << R"({"version":"v","calendars":{"c":{"week":{}}}})";
  }
  Result<Policy> policy = Policy::Load(path);
  std::remove(path.c_str());
  ASSERT_FALSE(policy.ok());
  EXPECT_EQ(policy.status().code(), StatusCode::kInvalidPolicy);
  EXPECT_EQ(policy.status().path(), "/calendars/c");
}

}  // namespace
}  // namespace kefu::policy
