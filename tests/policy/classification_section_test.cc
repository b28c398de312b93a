// "complaints": {"grades": [...]} and "customers": {"tiers": [...]}:
// classification rules, first match wins (src/policy/classification_section.cc).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "kefu/policy/policy.h"

namespace kefu::policy {
namespace {

std::vector<std::string> Errors(const std::string& sections) {
  std::vector<std::string> lines;
  for (const Status& s : Policy::Check(R"({"version":"v",)" + sections + "}"))
    lines.push_back(s.to_string());
  return lines;
}

TEST(ClassificationSection, FirstMatchingRuleWins) {
  Result<Policy> p = Policy::Parse(R"({"version":"v","complaints":{"grades":[
      {"grade":"major","when":{"group_complaint":true}},
      {"grade":"complex","when":{"claimed_cents":{"gte":500000}}},
      {"grade":"ordinary"}]}})");
  ASSERT_TRUE(p.ok()) << p.status().to_string();
  const Classification& grades = p->grades();
  EXPECT_EQ(grades.attribute, "grade");
  Attributes a;
  a.set("claimed_cents", AttrValue(std::int64_t{600000}));
  EXPECT_EQ(grades.classify(a), "complex");
  a.set("group_complaint", AttrValue(true));
  EXPECT_EQ(grades.classify(a), "major");
  EXPECT_EQ(grades.classify(Attributes()), "ordinary");
  EXPECT_EQ(grades.rule_for(Attributes())->pointer, "/complaints/grades/2");
  EXPECT_TRUE(grades.knows("complex"));
  EXPECT_FALSE(grades.knows("urgent"));
  EXPECT_EQ(grades.values_list(), R"("major", "complex", "ordinary")");
  EXPECT_FALSE(p->tiers().declared());
}

TEST(ClassificationSection, ErrorsNameTheirPointer) {
  EXPECT_EQ(Errors(R"("complaints":[])"),
            std::vector<std::string>{
                R"(/complaints: expected an object {"grades":[{"grade":"...","when":{...}}, ...]}, got [])"});
  EXPECT_EQ(Errors(R"("customers":{"tiers":[],"levels":1})"),
            (std::vector<std::string>{
                R"(/customers/tiers: expected a non-empty array of rules [{"tier":"...","when":{...}}, ...], got [])",
                R"(/customers/levels: unknown key "levels"; expected one of "tiers")"}));
  EXPECT_EQ(Errors(R"("customers":{"tiers":[{"when":{}},{"tier":"a b"},{"tier":"A","when":{"v":{"gt":"x"}}},{"tier":"B","if":1}]})"),
            (std::vector<std::string>{
                R"(/customers/tiers/0: missing required key "tier")",
                R"(/customers/tiers/1/tier: expected a name of letters, digits, "_" or "-" (at most 64), got "a b")",
                R"(/customers/tiers/2/when/v/gt: expected a number: a comparison matches numeric )"
                R"(attributes only, so any other type is an attribute type that cannot match, got "x")",
                R"(/customers/tiers/3/if: unknown key "if"; expected one of "tier", "when")"}));
}

}  // namespace
}  // namespace kefu::policy
