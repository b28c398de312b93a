// A target's `when` conditions as read from a policy
// (src/policy/when_json.cc).
#include "policy/when_json.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace kefu::policy::internal {
namespace {

std::vector<Condition> Read(const char* json) {
  Diagnostics d;
  std::vector<Condition> when = read_when(Json::parse(json), "/sla/0/when", d);
  for (const Status& s : d.errors()) ADD_FAILURE() << s.to_string();
  return when;
}

std::vector<std::string> Errors(const char* json) {
  Diagnostics d;
  read_when(Json::parse(json), "/sla/0/when", d);
  std::vector<std::string> lines;
  for (const Status& s : d.errors()) {
    EXPECT_EQ(s.code(), StatusCode::kInvalidPolicy);
    lines.push_back(s.to_string());
  }
  return lines;
}

TEST(WhenJson, EqualityOnEveryScalarType) {
  std::vector<Condition> when =
      Read(R"({"tier":"A","insured":true,"pieces":3,"weight_kg":2.5})");
  ASSERT_EQ(when.size(), 4u);
  EXPECT_EQ(when[0].attribute, "tier");
  EXPECT_EQ(when[0].op, Condition::Op::kEquals);
  EXPECT_EQ(when[0].values, std::vector<AttrValue>{AttrValue("A")});
  EXPECT_EQ(when[1].values, std::vector<AttrValue>{AttrValue(true)});
  EXPECT_EQ(when[2].values, std::vector<AttrValue>{AttrValue(std::int64_t{3})});
  EXPECT_EQ(when[3].values, std::vector<AttrValue>{AttrValue(2.5)});
}

TEST(WhenJson, Operators) {
  std::vector<Condition> when = Read(
      R"({"cargo":{"in":["fragile","cold",1]},"a":{"gt":1},"b":{"gte":1.5},
          "c":{"lt":-2},"d":{"lte":0},"e":{"present":true},
          "f":{"present":false}})");
  ASSERT_EQ(when.size(), 7u);
  EXPECT_EQ(when[0].op, Condition::Op::kOneOf);
  EXPECT_EQ(when[0].values,
            (std::vector<AttrValue>{AttrValue("fragile"), AttrValue("cold"),
                                    AttrValue(std::int64_t{1})}));
  EXPECT_EQ(when[1].op, Condition::Op::kGreater);
  EXPECT_EQ(when[1].values, std::vector<AttrValue>{AttrValue(std::int64_t{1})});
  EXPECT_EQ(when[2].op, Condition::Op::kGreaterEq);
  EXPECT_EQ(when[2].values, std::vector<AttrValue>{AttrValue(1.5)});
  EXPECT_EQ(when[3].op, Condition::Op::kLess);
  EXPECT_EQ(when[4].op, Condition::Op::kLessEq);
  EXPECT_EQ(when[5].op, Condition::Op::kPresent);
  EXPECT_TRUE(when[5].values.empty());
  EXPECT_EQ(when[6].op, Condition::Op::kAbsent);
}

TEST(WhenJson, ReadConditionsMatchAttributes) {
  std::vector<Condition> when = Read(
      R"({"tier":{"in":["A","B"]},"declared_value_cents":{"gte":1000000}})");
  Attributes a;
  a.set("tier", AttrValue(std::string("B")));
  a.set("declared_value_cents", AttrValue(std::int64_t{1200000}));
  EXPECT_TRUE(matches(when, a));
  a.set("declared_value_cents", AttrValue(std::int64_t{999999}));
  EXPECT_FALSE(matches(when, a));
}

TEST(WhenJson, EmptyObjectAlwaysHolds) { EXPECT_TRUE(Read("{}").empty()); }

TEST(WhenJson, NotAnObject) {
  EXPECT_EQ(Errors(R"(["tier"])"),
            std::vector<std::string>{
                "/sla/0/when: expected an object of attribute conditions "
                "{\"tier\":\"A\", \"declared_value_cents\":{\"gte\":1000000}}, "
                "got [\"tier\"]"});
}

TEST(WhenJson, ValuesThatCannotMatch) {
  const std::string kCondition =
      "expected a condition: a string, number or boolean to equal, or one of "
      "{\"in\":[...]}, {\"gt\":n}, {\"gte\":n}, {\"lt\":n}, {\"lte\":n}, "
      "{\"present\":true}, got ";
  const std::string kNumber =
      "expected a number: a comparison matches numeric attributes only, so "
      "any other type is an attribute type that cannot match, got ";
  EXPECT_EQ(
      Errors(R"({"a":null,"b":[1],"c":{"gt":"A"},"d":{"lte":true},
                 "e":{"in":[]},"f":{"in":"A"},"g":{"in":[1,null,{}]},
                 "h":{"present":"yes"},"":1})"),
      (std::vector<std::string>{
          "/sla/0/when/a: " + kCondition + "null",
          "/sla/0/when/b: " + kCondition + "[1]",
          "/sla/0/when/c/gt: " + kNumber + "\"A\"",
          "/sla/0/when/d/lte: " + kNumber + "true",
          "/sla/0/when/e/in: expected a non-empty array of the strings, "
          "numbers or booleans to match, got []",
          "/sla/0/when/f/in: expected a non-empty array of the strings, "
          "numbers or booleans to match, got \"A\"",
          "/sla/0/when/g/in/1: expected a string, number or boolean, got null",
          "/sla/0/when/g/in/2: expected a string, number or boolean, got {}",
          "/sla/0/when/h/present: expected true (the attribute is present) "
          "or false (it is absent), got \"yes\"",
          "/sla/0/when/: expected a non-empty attribute name"}));
}

TEST(WhenJson, ExactlyOneKnownOperator) {
  const std::string kOne =
      "expected exactly one operator, one of \"in\", \"gt\", \"gte\", "
      "\"lt\", \"lte\", \"present\", got ";
  EXPECT_EQ(Errors(R"({"a":{},"b":{"gt":1,"lt":2},"c":{"eq":1}})"),
            (std::vector<std::string>{
                "/sla/0/when/a: " + kOne + "{}",
                "/sla/0/when/b: " + kOne + "{\"gt\":1,\"lt\":2}",
                "/sla/0/when/c/eq: unknown key \"eq\"; expected one of "
                "\"in\", \"gt\", \"gte\", \"lt\", \"lte\", \"present\""}));
}

TEST(WhenJson, AttributeNamesArePointerEscaped) {
  EXPECT_EQ(Errors(R"({"a/b":null})").front().substr(0, 18),
            "/sla/0/when/a~1b: ");
}

}  // namespace
}  // namespace kefu::policy::internal
