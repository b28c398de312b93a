#include "kefu/policy/due_spec_arg.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

namespace kefu::policy {
namespace {

using time::DueSpec;

time::TimeOfDay At(int h, int m) {
  return time::TimeOfDay::from_seconds(h * 3600 + m * 60);
}

TEST(DueSpecArg, ShortForm) {
  EXPECT_EQ(*parse_due_spec_arg("3wd"), DueSpec(time::WorkingDays(3)));
  EXPECT_EQ(*parse_due_spec_arg("15d"), DueSpec(time::CalendarDays(15)));
  EXPECT_EQ(*parse_due_spec_arg("30m"),
            DueSpec(time::BusinessDuration(std::chrono::minutes(30))));
}

TEST(DueSpecArg, ShortFormAsAJsonString) {
  EXPECT_EQ(*parse_due_spec_arg("\"3wd\""), DueSpec(time::WorkingDays(3)));
}

TEST(DueSpecArg, SurroundingBlanksAreIgnored) {
  EXPECT_EQ(*parse_due_spec_arg("  1mo\t\n"), DueSpec(time::CalendarMonths(1)));
  EXPECT_EQ(*parse_due_spec_arg(" { \"at\" : \"17:00\" } "),
            DueSpec(time::AtTimeOfDay{At(17, 0)}));
}

TEST(DueSpecArg, ObjectForms) {
  EXPECT_EQ(*parse_due_spec_arg(R"({"at":"17:00"})"),
            DueSpec(time::AtTimeOfDay{At(17, 0)}));
  EXPECT_EQ(*parse_due_spec_arg(R"({"weekday":"mon","at":"16:00"})"),
            DueSpec(time::WeekdayAt{std::chrono::Monday, At(16, 0)}));
  EXPECT_EQ(*parse_due_spec_arg(R"({"weekday":"mon"})"),
            DueSpec(time::WeekdayAt{std::chrono::Monday, std::nullopt}));
  EXPECT_EQ(
      *parse_due_spec_arg(R"({"day_of_month":15,"months_after":1,"at":"16:00"})"),
      DueSpec(time::DayOfMonth{15, 1, At(16, 0)}));
  EXPECT_EQ(*parse_due_spec_arg(R"({"day_of_month":15})"),
            DueSpec(time::DayOfMonth{15, 0, std::nullopt}));
}

TEST(DueSpecArg, ErrorsAreInvalidArgumentWithPointer) {
  Result<DueSpec> spec = parse_due_spec_arg(R"({"at":"17:00","extra":1})");
  ASSERT_FALSE(spec.ok());
  EXPECT_EQ(spec.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(spec.status().path(), "/extra");
  EXPECT_EQ(spec.status().message(),
            "unknown key \"extra\"; expected one of \"at\", \"weekday\", "
            "\"day_of_month\", \"months_after\"");
}

TEST(DueSpecArg, BadShortFormSaysWhy) {
  Result<DueSpec> spec = parse_due_spec_arg("3 days");
  ASSERT_FALSE(spec.ok());
  EXPECT_EQ(spec.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(spec.status().message().find("\"3 days\""), std::string::npos);
}

TEST(DueSpecArg, SyntaxErrorGivesTheByteOffset) {
  Result<DueSpec> spec = parse_due_spec_arg(R"({"at":"17:00",})");
  ASSERT_FALSE(spec.ok());
  EXPECT_EQ(spec.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(spec.status().path(), "");
  EXPECT_EQ(spec.status().message().rfind("invalid JSON at byte 15", 0), 0u)
      << spec.status().message();
}

TEST(DueSpecArg, DuplicateKeyIsAnError) {
  Result<DueSpec> spec = parse_due_spec_arg(R"({"at":"17:00","at":"18:00"})");
  ASSERT_FALSE(spec.ok());
  EXPECT_EQ(spec.status().path(), "/at");
}

TEST(DueSpecArg, EmptyTextIsAnError) {
  Result<DueSpec> spec = parse_due_spec_arg("  ");
  ASSERT_FALSE(spec.ok());
  EXPECT_EQ(spec.status().message(),
            "expected a due spec like \"4h\", \"3wd\" or {\"at\":\"17:00\"}, "
            "got nothing");
}

TEST(DueSpecArg, RoundTripsThroughFormatDueSpec) {
  for (const DueSpec& spec :
       {DueSpec(time::BusinessDuration(std::chrono::minutes(90))),
        DueSpec(time::WorkingDays(3)), DueSpec(time::CalendarDays(15)),
        DueSpec(time::CalendarMonths(1)), DueSpec(time::AtTimeOfDay{At(17, 0)}),
        DueSpec(time::WeekdayAt{std::chrono::Wednesday, At(9, 15)}),
        DueSpec(time::DayOfMonth{28, 2, std::nullopt})}) {
    std::string text = time::format_due_spec(spec);
    SCOPED_TRACE(text);
    Result<DueSpec> back = parse_due_spec_arg(text);
    ASSERT_TRUE(back.ok()) << back.status().to_string();
    EXPECT_EQ(*back, spec);
  }
}

}  // namespace
}  // namespace kefu::policy
