#include "kefu/domain/compensation.h"

#include <gtest/gtest.h>

#include <limits>

namespace kefu::domain {
namespace {

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();

CompensationInput Insured(std::int64_t loss, std::int64_t insured, std::int64_t value) {
  CompensationInput in;
  in.loss_cents = loss;
  in.insured_value_cents = insured;
  in.declared_value_cents = value;
  return in;
}

TEST(Compensation, FullyInsuredPaysTheLossUpToTheInsuredValue) {
  Result<Compensation> c = compute_compensation(Insured(1200000, 1000000, 1000000), {});
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->basis, CompensationBasis::kInsured);
  EXPECT_EQ(c->amount_cents, 1000000);
  EXPECT_EQ(c->cap_cents, 1000000);
  // No declared value: nothing says it is under-insured.
  CompensationInput in = Insured(300, 1000, 0);
  in.declared_value_cents.reset();
  EXPECT_EQ(compute_compensation(in, {})->amount_cents, 300);
}

TEST(Compensation, UnderInsuredIsProRataAndRoundsAsThePolicySays) {
  // 1000 x 1000 / 3000 = 333.33...: down 333, half up 333, up 334.
  policy::CompensationRules rules;
  EXPECT_EQ(compute_compensation(Insured(1000, 1000, 3000), rules)->amount_cents, 333);
  rules.rounding = policy::Rounding::kUp;
  EXPECT_EQ(compute_compensation(Insured(1000, 1000, 3000), rules)->amount_cents, 334);
  rules.rounding = policy::Rounding::kHalfUp;
  EXPECT_EQ(compute_compensation(Insured(1000, 1000, 3000), rules)->amount_cents, 333);
  EXPECT_EQ(compute_compensation(Insured(1001, 1000, 2000), rules)->amount_cents, 501);  // 500.5
  EXPECT_EQ(compute_compensation(Insured(1000, 1000, 3000), rules)->basis,
            CompensationBasis::kUnderInsured);
  // The share never exceeds the insured value, whatever the loss.
  EXPECT_EQ(compute_compensation(Insured(9000, 1000, 3000), rules)->amount_cents, 1000);
}

TEST(Compensation, ProRataOfLargeAmountsDoesNotOverflow) {
  // kMax x (kMax - 1) needs 127 bits; the share is kMax - 1.
  Result<Compensation> c = compute_compensation(Insured(kMax, kMax - 1, kMax), {});
  ASSERT_TRUE(c.ok()) << c.status().to_string();
  EXPECT_EQ(c->amount_cents, kMax - 1);
}

TEST(Compensation, UninsuredIsCappedAtAMultipleOfTheFreight) {
  CompensationInput in;
  in.loss_cents = 100000;
  in.freight_cents = 20000;
  policy::CompensationRules rules;
  EXPECT_EQ(compute_compensation(in, rules)->amount_cents, 60000);
  rules.uninsured_freight_multiple = 10;
  EXPECT_EQ(compute_compensation(in, rules)->amount_cents, 100000);
  in.freight_cents.reset();
  Result<Compensation> none = compute_compensation(in, rules);
  EXPECT_EQ(none.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(none.status().message().find("no freight_cents"), std::string::npos);
}

TEST(Compensation, ANeverInsurableCategoryIsPaidAsUninsured) {
  CompensationInput in = Insured(500000, 800000, 800000);
  in.freight_cents = 10000;
  in.insurable = false;
  Result<Compensation> c = compute_compensation(in, {});
  EXPECT_EQ(c->basis, CompensationBasis::kUninsured);
  EXPECT_EQ(c->amount_cents, 30000);
}

TEST(Compensation, DeductionCountsAgainstItButNeverBelowZero) {
  CompensationInput in;
  in.loss_cents = 100000;
  in.freight_cents = 20000;
  in.deduction_cents = 70000;
  Result<Compensation> c = compute_compensation(in, {});
  EXPECT_EQ(c->before_deduction_cents, 60000);
  EXPECT_EQ(c->amount_cents, 0);
  EXPECT_EQ(c->steps.back(), "pay 0.00");
}

TEST(Compensation, RefusesNegativeAmountsAndOverflowingCaps) {
  CompensationInput in;
  in.loss_cents = -1;
  in.freight_cents = 1;
  EXPECT_EQ(compute_compensation(in, {}).status().message(),
            "expected loss_cents zero or more, got -1");
  in.loss_cents = 1;
  in.deduction_cents = -5;
  EXPECT_EQ(compute_compensation(in, {}).status().message(),
            "expected deduction_cents zero or more, got -5");
  in.deduction_cents.reset();
  in.freight_cents = kMax / 3 + 1;
  Result<Compensation> big = compute_compensation(in, {});
  EXPECT_EQ(big.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(big.status().message().find("overflows 64-bit cents"), std::string::npos);
  in.freight_cents = kMax / 3;
  EXPECT_TRUE(compute_compensation(in, {}).ok());
}

TEST(Compensation, FormatsCents) {
  EXPECT_EQ(format_cents(0), "0.00");
  EXPECT_EQ(format_cents(5), "0.05");
  EXPECT_EQ(format_cents(123456), "1234.56");
  EXPECT_EQ(format_cents(-5), "-0.05");
  EXPECT_EQ(format_cents(std::numeric_limits<std::int64_t>::min()), "-92233720368547758.08");
}

}  // namespace
}  // namespace kefu::domain
