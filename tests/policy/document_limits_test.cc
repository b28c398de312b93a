// The bounds Policy::Parse applies to a document (DocumentLimits) and the
// policy's own "limits" section (the engine's EventLimits).
#include <string>

#include <gtest/gtest.h>

#include "kefu/policy/policy.h"

namespace kefu::policy {
namespace {

const char kMinimal[] = R"({"version":"v1"})";

Status parse_error(const std::string& text, const DocumentLimits& limits = {}) {
  Result<Policy> p = Policy::Parse(text, limits);
  EXPECT_FALSE(p.ok()) << text.substr(0, 200);
  return p.ok() ? Status() : p.status();
}

TEST(DocumentLimits, Bytes) {
  DocumentLimits limits;
  limits.max_bytes = 10;
  Status s = parse_error(kMinimal, limits);
  EXPECT_EQ(s.code(), StatusCode::kInvalidPolicy);
  EXPECT_EQ(s.path(), "");
  EXPECT_EQ(s.message(), "the policy document is 16 bytes; expected at most 10 "
                         "(DocumentLimits::max_bytes)");
  limits.max_bytes = 16;
  EXPECT_TRUE(Policy::Parse(kMinimal, limits).ok());
}

TEST(DocumentLimits, DepthIsCheckedBeforeParsing) {
  // 200,000 levels used to overflow the stack (a crash found by hand while
  // building the bad-input corpus); now it is one located error.
  const std::string deep = R"({"version":"v1","sla":)" + std::string(200000, '[') +
                           std::string(200000, ']') + "}";
  Status s = parse_error(deep);
  EXPECT_EQ(s.path(), "");
  EXPECT_EQ(s.message(), "the policy document is too deeply nested: nesting deeper "
                         "than 32 levels at byte 54 (DocumentLimits::max_depth)");
}

TEST(DocumentLimits, BracketsInsideStringsDoNotCount) {
  DocumentLimits limits;
  limits.max_depth = 2;
  EXPECT_TRUE(Policy::Parse(R"({"version":"[[[[{{{{\"]]]"})", limits).ok());
  Status s = parse_error(R"({"version":"v","late_window":[[1]]})", limits);
  EXPECT_NE(s.message().find("deeper than 2 levels at byte 31"), std::string::npos)
      << s.message();
}

TEST(DocumentLimits, StringLength) {
  DocumentLimits limits;
  limits.max_string_bytes = 8;
  Status s = parse_error(R"({"version":"123456789"})", limits);
  EXPECT_EQ(s.path(), "/version");
  EXPECT_EQ(s.message(), "a string of 9 bytes; expected at most 8 "
                         "(DocumentLimits::max_string_bytes)");
  Status key = parse_error(R"({"version":"v","123456789":1})", limits);
  EXPECT_EQ(key.path(), "/123456789");
  EXPECT_EQ(key.message(), "a key of 9 bytes; expected at most 8 "
                           "(DocumentLimits::max_string_bytes)");
}

TEST(DocumentLimits, NumberOfTargets) {
  DocumentLimits limits;
  limits.max_targets = 2;
  std::string target =
      R"({"id":"t","entity":"order","start":"order.created","target":"1h","calendar":"24x7"})";
  std::string doc = R"({"version":"v","sla":[)" + target + "," + target + "," + target + "]}";
  Status s = parse_error(doc, limits);
  EXPECT_EQ(s.path(), "/sla");
  EXPECT_EQ(s.message(), "the policy has 3 targets; expected at most 2 "
                         "(DocumentLimits::max_targets)");
}

TEST(PolicyLimitsSection, SetsTheEventLimits) {
  Result<Policy> p = Policy::Parse(
      R"({"version":"v","limits":{"event_bytes":1024,"event_attributes":16,)"
      R"("event_string_bytes":100,"event_depth":8}})");
  ASSERT_TRUE(p.ok()) << p.status().to_string();
  EXPECT_EQ(p->event_limits().max_bytes, 1024u);
  EXPECT_EQ(p->event_limits().max_attributes, 16u);
  EXPECT_EQ(p->event_limits().max_string_bytes, 100u);
  EXPECT_EQ(p->event_limits().max_depth, 8u);
}

TEST(PolicyLimitsSection, DefaultsWhenAbsent) {
  Result<Policy> p = Policy::Parse(kMinimal);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->event_limits().max_bytes, EventLimits{}.max_bytes);
  EXPECT_EQ(p->event_limits().max_attributes, EventLimits{}.max_attributes);
}

TEST(PolicyLimitsSection, Errors) {
  EXPECT_EQ(parse_error(R"({"version":"v","limits":[]})").path(), "/limits");
  EXPECT_EQ(parse_error(R"({"version":"v","limits":{"event_byte":1}})").path(),
            "/limits/event_byte");
  Status zero = parse_error(R"({"version":"v","limits":{"event_bytes":0}})");
  EXPECT_EQ(zero.path(), "/limits/event_bytes");
  EXPECT_EQ(zero.message(), "expected a whole number from 1 to 16777216, got 0");
  EXPECT_EQ(parse_error(R"({"version":"v","limits":{"event_depth":65}})").path(),
            "/limits/event_depth");
  EXPECT_EQ(parse_error(R"({"version":"v","limits":{"event_attributes":1.5}})").path(),
            "/limits/event_attributes");
}

}  // namespace
}  // namespace kefu::policy
