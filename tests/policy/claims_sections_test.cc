// The claims, insurance and compensation sections of a policy: what they
// compile to and every error with its JSON pointer.
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

Policy Load(const std::string& sections) {
  Result<Policy> p = Policy::Parse(R"({"version":"v",)" + sections + "}");
  EXPECT_TRUE(p.ok()) << p.status().to_string();
  return p.ok() ? *p : *Policy::Parse(R"({"version":"v"})");
}

constexpr const char* kClaims = R"("claims":{"roles":["clerk","supervisor","manager"],
  "approval":[{"up_to_cents":500000,"roles":["clerk"]},
              {"up_to_cents":5000000,"roles":["clerk","supervisor"]},
              {"roles":["clerk","supervisor","manager"]}],
  "major_claim_above_cents":5000000})";

TEST(ClaimsSection, CompilesTheApprovalMatrix) {
  Policy p = Load(kClaims);
  const ClaimsRules& c = p.claims();
  ASSERT_EQ(c.approval.size(), 3u);
  EXPECT_EQ(c.approval[1].up_to_cents, std::optional<std::int64_t>(5000000));
  EXPECT_EQ(c.approval[1].roles, (std::vector<std::string>{"clerk", "supervisor"}));
  EXPECT_EQ(c.approval[2].up_to_cents, std::nullopt);
  EXPECT_EQ(c.approval[2].pointer, "/claims/approval/2");
  EXPECT_EQ(c.band_for(5000000), &c.approval[1]);
  EXPECT_TRUE(c.is_major(5000001));
  EXPECT_FALSE(c.is_major(5000000));
}

TEST(ClaimsSection, WithoutTheSectionNoClaimCanBeReported) {
  Policy p = Load(R"("late_window":"30d")");
  EXPECT_TRUE(p.claims().approval.empty());
  EXPECT_EQ(p.claims().band_for(0), nullptr);
  EXPECT_FALSE(p.claims().is_major(1000000000));
}

TEST(ClaimsSection, UnknownRolesAndBadBandsAreLocated) {
  EXPECT_EQ(Errors(R"("claims":{"roles":["clerk","boss"],"approval":[
      {"up_to_cents":500000,"roles":["clerk","clark"]},
      {"up_to_cents":400000,"roles":["boss","boss"]},
      {"roles":[]},
      {"up_to_cents":-1,"roles":["clerk"],"colour":1}]})"),
            (std::vector<std::string>{
                "/claims/approval/0/roles/1: unknown role \"clark\"; expected one of \"clerk\", \"boss\"",
                "/claims/approval/1/up_to_cents: expected bands in ascending order: 400000 is not "
                "above the previous band's 500000",
                "/claims/approval/1/roles/1: role \"boss\" signs twice in this band: expected each "
                "role once",
                "/claims/approval/2/roles: expected a non-empty array of the roles that sign, in "
                "order, got []",
                "/claims/approval/2: missing required key \"up_to_cents\": only the last band may "
                "leave its amount open",
                "/claims/approval/3/up_to_cents: expected an amount in integer cents, zero or more, "
                "such as 500000 (5000.00), got -1",
                "/claims/approval/3/colour: unknown key \"colour\"; expected one of \"up_to_cents\", "
                "\"roles\""}));
}

TEST(ClaimsSection, RolesAndKeysAreChecked) {
  EXPECT_EQ(Errors(R"("claims":{"roles":["Clerk","clerk","clerk"],"approval":[],"major":1})"),
            (std::vector<std::string>{
                "/claims/roles/0: expected a role name of lower-case letters, digits and \"_\", "
                "such as \"claims_clerk\", got \"Clerk\"",
                "/claims/roles/2: duplicate role \"clerk\": expected each role once",
                "/claims/approval: expected a non-empty array of bands {\"up_to_cents\":N,"
                "\"roles\":[...]}, got []",
                "/claims/major: unknown key \"major\"; expected one of \"roles\", \"approval\", "
                "\"major_claim_above_cents\""}));
  EXPECT_EQ(Errors(R"("claims":{"approval":[{"up_to_cents":1.5,"roles":["x"]}]})"),
            (std::vector<std::string>{
                "/claims: missing required key \"roles\": the roles that sign claim reports",
                "/claims/approval/0/up_to_cents: expected an amount in integer cents, zero or more, "
                "such as 500000 (5000.00), got 1.5",
                "/claims/approval/0/roles/0: unknown role \"x\"; expected one of (none declared)"}));
}

TEST(InsuranceSection, CompilesRulesAndCategories) {
  Policy p = Load(R"("insurance":{"calendar":"24x7","category_attribute":"kind",
      "never_insurable":["jade","cement"],
      "insured_when":[{"name":"insured","when":{"insured":true}}],
      "high_value_above_cents":1000000,"value_attributes":["declared_value_cents"]})");
  const InsuranceRules& r = p.insurance();
  EXPECT_EQ(r.category_attribute, "kind");
  EXPECT_EQ(r.never_insurable, (std::vector<std::string>{"cement", "jade"}));  // sorted
  ASSERT_EQ(r.insured_when.size(), 1u);
  EXPECT_EQ(r.insured_when[0].name, "insured");
  EXPECT_EQ(r.high_value_above_cents, std::optional<std::int64_t>(1000000));
  EXPECT_EQ(r.value_attributes, (std::vector<std::string>{"declared_value_cents"}));
}

TEST(InsuranceSection, ErrorsAreLocated) {
  EXPECT_EQ(Errors(R"("insurance":{"calendar":"office","never_insurable":["jade","jade",3],
      "insured_when":[{"name":"a","when":{}},{"when":{"x":{"gt":"1"}}},{"name":"a","when":{"y":1}}],
      "value_attributes":["value"],"high_value_above_cents":"big","extra":true})"),
            (std::vector<std::string>{
                "/insurance/calendar: unknown calendar \"office\"; expected one of \"24x7\"",
                "/insurance/never_insurable/1: duplicate \"jade\": expected each once",
                "/insurance/never_insurable/2: expected cargo categories such as \"cement\", got 3",
                "/insurance/insured_when/0/when: expected at least one condition: an empty "
                "\"when\" would insure every order",
                "/insurance/insured_when/1/when/x/gt: expected a number: a comparison matches "
                "numeric attributes only, so any other type is an attribute type that cannot "
                "match, got \"1\"",
                "/insurance/insured_when/1: missing required key \"name\": the reason the rule gives",
                "/insurance/insured_when/2/name: duplicate rule \"a\": expected each name once",
                "/insurance/value_attributes/0: expected an amount attribute, named \"*_cents\", "
                "got \"value\"",
                "/insurance/high_value_above_cents: expected an amount in integer cents, zero or "
                "more, such as 500000 (5000.00), got \"big\"",
                "/insurance/extra: unknown key \"extra\"; expected one of \"calendar\", "
                "\"category_attribute\", \"never_insurable\", \"insured_when\", "
                "\"high_value_above_cents\", \"value_attributes\""}));
}

TEST(CompensationSection, DefaultsAndValues) {
  EXPECT_EQ(Load(R"("late_window":"30d")").compensation().uninsured_freight_multiple, 3);
  Policy p = Load(R"("compensation":{"uninsured_freight_multiple":5,"rounding":"half_up"})");
  EXPECT_EQ(p.compensation().uninsured_freight_multiple, 5);
  EXPECT_EQ(p.compensation().rounding, Rounding::kHalfUp);
  EXPECT_EQ(Errors(R"("compensation":{"uninsured_freight_multiple":0,"rounding":"nearest","x":1})"),
            (std::vector<std::string>{
                "/compensation/uninsured_freight_multiple: expected a whole multiple of the freight "
                "from 1 to 1000, got 0",
                "/compensation/rounding: expected \"down\", \"half_up\" or \"up\", got \"nearest\"",
                "/compensation/x: unknown key \"x\"; expected one of \"uninsured_freight_multiple\", "
                "\"rounding\""}));
}

}  // namespace
}  // namespace kefu::policy
