#include "kefu/domain/insurance.h"

#include <gtest/gtest.h>

namespace kefu::domain {
namespace {

using policy::AttrValue;
using policy::Attributes;
using policy::Condition;

policy::InsuranceRules Rules() {
  policy::InsuranceRules r;
  r.never_insurable = {"cement", "jade"};
  Condition insured{"insured", Condition::Op::kEquals, {AttrValue(true)}};
  Condition fragile{"cargo", Condition::Op::kEquals, {AttrValue(std::string("fragile"))}};
  r.insured_when = {{"insured_with_us", {insured}}, {"fragile", {fragile}}};
  r.high_value_above_cents = 1000000;
  return r;
}

Attributes Attrs(std::initializer_list<std::pair<const char*, AttrValue>> items) {
  Attributes a;
  for (const auto& [k, v] : items) a.set(k, v);
  return a;
}

TEST(Insurance, FirstMatchingRuleIsTheReason) {
  InsuranceAssessment a = assess_insurance(
      Attrs({{"insured", AttrValue(true)}, {"cargo", AttrValue(std::string("fragile"))}}), Rules());
  EXPECT_TRUE(a.insured);
  EXPECT_EQ(a.reason, "insured_with_us");
  EXPECT_EQ(a.category, "fragile");
  InsuranceAssessment b = assess_insurance(Attrs({{"cargo", AttrValue(std::string("fragile"))}}), Rules());
  EXPECT_EQ(b.reason, "fragile");
  InsuranceAssessment none = assess_insurance(Attrs({}), Rules());
  EXPECT_FALSE(none.insured);
  EXPECT_EQ(none.reason, "no insured_when rule matches");
  EXPECT_EQ(none.tracking_reason, "not insured");
}

TEST(Insurance, NeverInsurableWinsOverEveryRule) {
  InsuranceAssessment a = assess_insurance(
      Attrs({{"insured", AttrValue(true)}, {"cargo", AttrValue(std::string("jade"))},
             {"insured_value_cents", AttrValue(std::int64_t{9000000})}}),
      Rules());
  EXPECT_FALSE(a.insured);
  EXPECT_TRUE(a.never_insurable);
  EXPECT_EQ(a.reason, "never insurable: cargo \"jade\"");
  EXPECT_FALSE(a.tracked);
}

TEST(Insurance, TrackingReadsTheFirstValueAttributeAboveTheThreshold) {
  policy::InsuranceRules r = Rules();
  auto order = [](std::int64_t insured, std::int64_t declared) {
    return Attrs({{"insured", AttrValue(true)},
                  {"insured_value_cents", AttrValue(insured)},
                  {"declared_value_cents", AttrValue(declared)}});
  };
  InsuranceAssessment above = assess_insurance(order(1000001, 10), r);
  EXPECT_TRUE(above.tracked);
  EXPECT_EQ(above.value_attribute, "insured_value_cents");
  EXPECT_EQ(above.tracking_reason, "insured_value_cents 1000001 > 1000000");
  InsuranceAssessment at = assess_insurance(order(1000000, 99999999), r);
  EXPECT_FALSE(at.tracked);  // the insured value is read first; not above
  r.high_value_above_cents.reset();
  EXPECT_EQ(assess_insurance(order(1, 1), r).tracking_reason,
            "the policy sets no high-value threshold");
  // A value that is not an integer is not a value.
  InsuranceAssessment text = assess_insurance(
      Attrs({{"insured", AttrValue(true)}, {"insured_value_cents", AttrValue(std::string("1e9"))}}),
      Rules());
  EXPECT_EQ(text.tracking_reason, "no value attribute on the order");
}

}  // namespace
}  // namespace kefu::domain
