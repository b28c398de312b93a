#include "kefu/domain/approval.h"

#include <gtest/gtest.h>

namespace kefu::domain {
namespace {

policy::ClaimsRules Rules() {
  policy::ClaimsRules r;
  r.roles = {"clerk", "supervisor", "manager"};
  r.approval = {{500000, {"clerk"}, "/claims/approval/0"},
                {5000000, {"clerk", "supervisor"}, "/claims/approval/1"},
                {std::nullopt, {"clerk", "supervisor", "manager"}, "/claims/approval/2"}};
  return r;
}

TEST(SignOffChain, AmountSelectsTheFirstBandItFits) {
  EXPECT_EQ(SignOffChain::Start(Rules(), 0)->band_index(), 0u);
  EXPECT_EQ(SignOffChain::Start(Rules(), 500000)->band_index(), 0u);  // inclusive
  EXPECT_EQ(SignOffChain::Start(Rules(), 500001)->band_index(), 1u);
  EXPECT_EQ(SignOffChain::Start(Rules(), 5000001)->band_index(), 2u);
  EXPECT_EQ(SignOffChain::Start(Rules(), 5000001)->band_up_to_cents(), std::nullopt);
}

TEST(SignOffChain, NoBandAboveTheLastBound) {
  policy::ClaimsRules r = Rules();
  r.approval.pop_back();
  Result<SignOffChain> c = SignOffChain::Start(r, 5000001);
  EXPECT_EQ(c.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(c.status().message(),
            "no approval band covers 5000001 cents (the highest band goes up to 5000000)");
}

TEST(SignOffChain, RolesSignInOrderAndUnanimityDecides) {
  SignOffChain c = *SignOffChain::Start(Rules(), 800000);
  EXPECT_EQ(c.next_role(), std::optional<std::string_view>("clerk"));
  Status wrong = c.check_sign("supervisor", Opinion::kApprove);
  EXPECT_EQ(wrong.code(), StatusCode::kRefused);
  EXPECT_EQ(wrong.message(),
            "expected a sign-off by clerk (signer 1 of band 2 (up to 5000000 cents): clerk, "
            "supervisor), got supervisor");
  ASSERT_TRUE(c.check_sign("clerk", Opinion::kApprove).ok());
  c.sign("clerk", Opinion::kApprove, "e1");
  EXPECT_EQ(c.decision(), std::nullopt);
  EXPECT_EQ(c.next_role(), std::optional<std::string_view>("supervisor"));
  c.sign("supervisor", Opinion::kApprove, "e2");
  EXPECT_EQ(c.next_role(), std::nullopt);
  EXPECT_EQ(c.decision(), Opinion::kApprove);
  EXPECT_FALSE(c.disagreement());
  EXPECT_EQ(c.check_sign("clerk", Opinion::kApprove).code(), StatusCode::kRefused);
  EXPECT_EQ(c.check_arbitrate().code(), StatusCode::kRefused);
  ASSERT_EQ(c.signoffs().size(), 2u);
  EXPECT_EQ(c.signoffs()[1].event, "e2");
}

TEST(SignOffChain, DisagreementStopsSigningUntilArbitration) {
  SignOffChain c = *SignOffChain::Start(Rules(), 6000000);
  c.sign("clerk", Opinion::kReject, "e1");
  c.sign("supervisor", Opinion::kApprove, "e2");
  EXPECT_TRUE(c.disagreement());
  EXPECT_TRUE(c.awaiting_arbitration());
  EXPECT_EQ(c.next_role(), std::nullopt);
  EXPECT_EQ(c.decision(), std::nullopt);
  EXPECT_EQ(c.check_sign("manager", Opinion::kApprove).code(), StatusCode::kRefused);
  ASSERT_TRUE(c.check_arbitrate().ok());
  c.arbitrate(Opinion::kReject);
  EXPECT_FALSE(c.awaiting_arbitration());
  EXPECT_EQ(c.decision(), Opinion::kReject);
  EXPECT_EQ(c.check_arbitrate().message(), "the claim was arbitrated already");
}

TEST(SignOffChain, OpinionsParseStrictly) {
  EXPECT_EQ(parse_opinion("approve"), Opinion::kApprove);
  EXPECT_EQ(parse_opinion("reject"), Opinion::kReject);
  EXPECT_EQ(parse_opinion("Approve"), std::nullopt);
  EXPECT_EQ(parse_opinion(""), std::nullopt);
}

}  // namespace
}  // namespace kefu::domain
