// The bounds parse_event applies (policy::EventLimits): each refused with
// an error that names the limit, at the pointer of what broke it.
#include <string>

#include <gtest/gtest.h>

#include "kefu/domain/event.h"

namespace kefu::domain {
namespace {

std::string order_created(const std::string& attrs) {
  return R"({"id":"e-1","type":"order.created","at":"2026-03-02T09:15:00+08:00",)"
         R"("order":"WB1","attrs":{)" + attrs + "}}";
}

std::string attributes(int n) {
  std::string out;
  for (int i = 0; i < n; ++i) {
    if (i) out += ',';
    out += "\"a" + std::to_string(i) + "\":" + std::to_string(i);
  }
  return out;
}

TEST(EventLimits, BytesAreCheckedBeforeReading) {
  policy::EventLimits limits;
  limits.max_bytes = 100;
  const std::string line = order_created(R"("tier":"A")");
  ASSERT_GT(line.size(), 100u);
  Result<Event> e = parse_event(line, limits);
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(e.status().path(), "");
  EXPECT_EQ(e.status().message(),
            "the event is " + std::to_string(line.size()) +
                " bytes; expected at most 100 (the policy's limits.event_bytes)");
  limits.max_bytes = line.size();
  EXPECT_TRUE(parse_event(line, limits).ok());
}

TEST(EventLimits, DefaultBytesRefuseAMegabyteLine) {
  const std::string line = order_created("\"note\":\"" + std::string(1 << 20, 'x') + "\"");
  Result<Event> e = parse_event(line);
  ASSERT_FALSE(e.ok());
  EXPECT_NE(e.status().message().find("expected at most 65536"), std::string::npos);
}

TEST(EventLimits, AttributeCount) {
  policy::EventLimits limits;
  limits.max_attributes = 8;
  EXPECT_TRUE(parse_event(order_created(attributes(8)), limits).ok());
  Result<Event> e = parse_event(order_created(attributes(9)), limits);
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.status().path(), "/attrs");
  EXPECT_EQ(e.status().message(),
            "event \"e-1\": more than 8 attributes (the policy's limits.event_attributes)");
}

TEST(EventLimits, ManyAttributesAreRefusedQuickly) {
  // 60,000 attributes would make the duplicate check quadratic; the limit
  // stops it after the 256th (a timeout here would be the failure).
  policy::EventLimits limits;
  limits.max_bytes = 4u << 20;
  Result<Event> e = parse_event(order_created(attributes(60000)), limits);
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.status().path(), "/attrs");
}

TEST(EventLimits, StringLengthOfFieldsValuesAndKeys) {
  policy::EventLimits limits;
  limits.max_string_bytes = 30;
  const std::string long_text(31, 'x');
  Result<Event> value = parse_event(order_created("\"note\":\"" + long_text + "\""), limits);
  ASSERT_FALSE(value.ok());
  EXPECT_EQ(value.status().path(), "/attrs/note");
  EXPECT_EQ(value.status().message(),
            "event \"e-1\": a string of 31 bytes; expected at most 30 (the "
            "policy's limits.event_string_bytes)");
  Result<Event> key = parse_event(order_created("\"" + long_text + "\":1"), limits);
  ASSERT_FALSE(key.ok());
  EXPECT_EQ(key.status().path(), "/attrs/" + long_text);
  Result<Event> field = parse_event(
      R"({"id":"e-1","type":"order.created","at":"2026-03-02T09:15:00+08:00","order":")" +
          long_text + "\"}",
      limits);
  ASSERT_FALSE(field.ok());
  EXPECT_EQ(field.status().path(), "/order");
  // Exactly at the limit is fine.
  EXPECT_TRUE(parse_event(order_created("\"note\":\"" + std::string(30, 'x') + "\""), limits).ok());
}

TEST(EventLimits, Depth) {
  policy::EventLimits limits;
  limits.max_depth = 4;
  // The event is level 1, attrs level 2; an attribute's array is level 3.
  Result<Event> e = parse_event(order_created(R"("a":[[[1]]])"), limits);
  ASSERT_FALSE(e.ok());
  EXPECT_NE(e.status().message().find("nested more than 4 deep"), std::string::npos)
      << e.status().message();
}

}  // namespace
}  // namespace kefu::domain
