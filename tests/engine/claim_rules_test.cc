// Claims in the engine: bad input is refused with a located error, and a
// refused event changes nothing. Uses the reference policy (its claims
// section: four roles, three bands; docs/rules.md).
#include <gtest/gtest.h>

#include <string>

#include "engine/engine_story.h"
#include "kefu/policy/policy.h"

namespace kefu::engine {
namespace {

Engine Reference() {
  return Engine(*policy::Policy::Load(KEFU_SOURCE_DIR "/examples/policies/reference.json"));
}

std::string Filed(std::string_view id, std::string_view local, std::string_view claim,
                  std::string_view order, std::string_view attrs = R"({"amount_cents":300000})") {
  return R"({"id":")" + std::string(id) + R"(","type":"claim.created","at":")" + T(local) +
         R"(","claim":")" + std::string(claim) + R"(","order":")" + std::string(order) +
         R"(","attrs":)" + std::string(attrs) + "}";
}

// An engine with order WB1 and claim CL-1 (300000 cents: band 1, clerk then
// supervisor) reported on 2 November.
Engine Reported() {
  Engine e = Reference();
  Accept(e, Ev("o1", "order.created", "11-02T09:00", "WB1"));
  Accept(e, Ev("o2", "order.confirmed", "11-02T09:05", "WB1"));
  Accept(e, Filed("c1", "11-02T09:30", "CL-1", "WB1"));
  Accept(e, Ev("c2", "claim.investigation_started", "11-02T09:40", "CL-1"));
  Accept(e, Ev("c3", "claim.liability_determined", "11-02T09:50", "CL-1"));
  Accept(e, Ev("c4", "claim.reported", "11-02T10:00", "CL-1"));
  return e;
}

TEST(ClaimEvents, KeyAndReferencesAreChecked) {
  Engine e = Reference();
  Accept(e, Ev("o1", "order.created", "11-02T09:00", "WB1"));
  Status no_order = Refuse(e, R"({"id":"c1","type":"claim.created","at":")" + T("11-02T10:00") +
                                  R"(","claim":"CL-1"})");
  EXPECT_EQ(no_order.path(), "/order");
  EXPECT_EQ(no_order.entity(), "claim:CL-1");
  EXPECT_EQ(Refuse(e, Filed("c1", "11-02T10:00", "CL-1", "WB404")).code(), StatusCode::kNotFound);
  Status customer = Refuse(e, R"({"id":"c1","type":"claim.created","at":")" + T("11-02T10:00") +
                                  R"(","claim":"CL-1","order":"WB1","customer":"C1"})");
  EXPECT_EQ(customer.path(), "/customer");
  EXPECT_EQ(customer.message(),
            "event \"c1\": unknown field \"customer\": claim events have no customer reference");
  Status no_key = Refuse(e, R"({"id":"c1","type":"claim.created","at":")" + T("11-02T10:00") +
                                R"(","order":"WB1"})");
  EXPECT_EQ(no_key.path(), "/claim");
  // A complaint reference is kept with the claim.
  Accept(e, R"({"id":"c1","type":"claim.created","at":")" + T("11-02T10:00") +
                R"(","claim":"CL-1","order":"WB1","complaint":"CP-9"})");
  EXPECT_EQ(e.claim("CL-1")->claim.complaint, "CP-9");
  EXPECT_EQ(e.claim("CL-1")->claim.order, "WB1");
  // Later events may repeat the references, not change them.
  Accept(e, R"({"id":"c2","type":"claim.investigation_started","at":")" + T("11-02T10:10") +
                R"(","claim":"CL-1","order":"WB1"})");
  Status other = Refuse(e, R"({"id":"c3","type":"claim.liability_determined","at":")" +
                               T("11-02T10:20") + R"(","claim":"CL-1","order":"WB2"})");
  EXPECT_EQ(other.path(), "/order");
  EXPECT_EQ(other.message(), "the claim is about order WB1, not WB2");
  EXPECT_EQ(Refuse(e, R"({"id":"c3","type":"claim.liability_determined","at":")" +
                          T("11-02T10:20") + R"(","claim":"CL-1","complaint":"CP-1"})")
                .message(),
            "the claim came from complaint CP-9, not complaint CP-1");
}

TEST(ClaimEvents, NegativeOrFractionalAmountsAreRefused) {
  Engine e = Reference();
  Accept(e, Ev("o1", "order.created", "11-02T09:00", "WB1"));
  Status negative = Refuse(e, Filed("c1", "11-02T10:00", "CL-1", "WB1", R"({"loss_cents":-1})"));
  EXPECT_EQ(negative.path(), "/attrs/loss_cents");
  EXPECT_EQ(negative.message(),
            "event \"c1\": expected an amount in integer cents, zero or more, got -1");
  Status fraction = Refuse(e, Filed("c1", "11-02T10:00", "CL-1", "WB1", R"({"loss_cents":10.5})"));
  EXPECT_EQ(fraction.path(), "/attrs/loss_cents");
  Status huge = Refuse(e, Filed("c1", "11-02T10:00", "CL-1", "WB1",
                                R"({"loss_cents":9223372036854775808})"));
  EXPECT_EQ(huge.path(), "/attrs/loss_cents");
  EXPECT_EQ(e.stats().entities, 1u);  // the order alone
}

TEST(ClaimEvents, LifecycleOutOfOrderIsRefusedAndChangesNothing) {
  Engine e = Reference();
  Accept(e, Ev("o1", "order.created", "11-02T09:00", "WB1"));
  Accept(e, Filed("c1", "11-02T09:30", "CL-1", "WB1"));
  const EngineStats before = e.stats();
  Status s = Refuse(e, Ev("c2", "claim.reported", "11-02T10:00", "CL-1"));
  EXPECT_EQ(s.code(), StatusCode::kRefused);
  EXPECT_EQ(s.message(), "claim:CL-1 in state filed cannot take claim.reported");
  EXPECT_EQ(s.event_id(), "c2");
  EXPECT_EQ(s.entity(), "claim:CL-1");
  EXPECT_EQ(e.claim("CL-1")->state, "filed");
  EXPECT_EQ(e.stats().events, before.events);
  EXPECT_EQ(e.stats().remembered_ids, before.remembered_ids);
  // The refused id was not remembered: used again for a legal event, it is
  // accepted.
  Accept(e, Ev("c2", "claim.investigation_started", "11-02T10:00", "CL-1"));
  EXPECT_EQ(Refuse(e, Ev("c3", "claim.closed", "11-02T10:10", "CL-1")).message(),
            "claim:CL-1 in state investigating cannot take claim.closed");
}

TEST(ClaimEvents, SignOffMustComeFromTheNextRole) {
  Engine e = Reported();
  Status wrong = Refuse(e, Ev("s1", "claim.signed_off", "11-02T10:30", "CL-1",
                              R"({"role":"cs_supervisor","opinion":"approve"})"));
  EXPECT_EQ(wrong.code(), StatusCode::kRefused);
  EXPECT_EQ(wrong.message(),
            "expected a sign-off by claims_clerk (signer 1 of band 1 (up to 500000 cents): "
            "claims_clerk, cs_supervisor), got cs_supervisor");
  EXPECT_EQ(wrong.event_id(), "s1");
  EXPECT_EQ(wrong.entity(), "claim:CL-1");
  Status unknown = Refuse(e, Ev("s1", "claim.signed_off", "11-02T10:30", "CL-1",
                                R"({"role":"ceo","opinion":"approve"})"));
  EXPECT_EQ(unknown.path(), "/attrs/role");
  Status opinion = Refuse(e, Ev("s1", "claim.signed_off", "11-02T10:30", "CL-1",
                                R"({"role":"claims_clerk","opinion":"maybe"})"));
  EXPECT_EQ(opinion.path(), "/attrs/opinion");
  EXPECT_EQ(opinion.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Refuse(e, Ev("s1", "claim.approved", "11-02T10:30", "CL-1")).message(),
            "claim.approved is refused: the sign-off chain is incomplete: next is claims_clerk "
            "(band 1 (up to 500000 cents): claims_clerk, cs_supervisor)");
  EXPECT_TRUE(e.claim("CL-1")->claim.chain->signoffs().empty());
  Accept(e, Ev("s1", "claim.signed_off", "11-02T10:30", "CL-1",
               R"({"role":"claims_clerk","opinion":"approve"})"));
  EXPECT_EQ(e.claim("CL-1")->claim.chain->next_role(),
            std::optional<std::string_view>("cs_supervisor"));
}

TEST(ClaimEvents, TheAmountIsFixedOnceTheChainStarts) {
  Engine e = Reference();
  Accept(e, Ev("o1", "order.created", "11-02T09:00", "WB1"));
  Accept(e, Filed("c1", "11-02T09:30", "CL-1", "WB1", R"({"loss_cents":1000})"));
  Accept(e, Ev("c2", "claim.investigation_started", "11-02T09:40", "CL-1"));
  Accept(e, Ev("c3", "claim.liability_determined", "11-02T09:50", "CL-1"));
  Status no_amount = Refuse(e, Ev("c4", "claim.reported", "11-02T10:00", "CL-1"));
  EXPECT_EQ(no_amount.path(), "/attrs/amount_cents");
  // The report may carry the amount itself.
  Accept(e, Ev("c4", "claim.reported", "11-02T10:00", "CL-1", R"({"amount_cents":800000})"));
  EXPECT_EQ(e.claim("CL-1")->claim.chain->band_index(), 1u);
  EXPECT_EQ(Refuse(e, Ev("c5", "claim.updated", "11-02T10:10", "CL-1", R"({"amount_cents":9})"))
                .code(),
            StatusCode::kRefused);
  Accept(e, Ev("c5", "claim.updated", "11-02T10:10", "CL-1", R"({"amount_cents":800000,"note":"x"})"));
}

TEST(ClaimEvents, EngineKeptAttributesCannotBeSet) {
  Engine e = Reference();
  Accept(e, Ev("o1", "order.created", "11-02T09:00", "WB1"));
  Status s = Refuse(e, Filed("c1", "11-02T10:00", "CL-1", "WB1", R"({"major_claim":false})"));
  EXPECT_EQ(s.path(), "/attrs/major_claim");
  Accept(e, Filed("c1", "11-02T10:00", "CL-1", "WB1"));
  EXPECT_EQ(Refuse(e, Ev("c2", "claim.updated", "11-02T10:10", "CL-1",
                         R"({"signoff_disagreement":null})"))
                .path(),
            "/attrs/signoff_disagreement");
}

TEST(ClaimEvents, SideTracksNeedTheirPrerequisites) {
  Engine e = Reported();
  EXPECT_EQ(Refuse(e, Ev("x1", "claim.legal_concluded", "11-02T10:10", "CL-1")).message(),
            "the claim is not with the legal department");
  EXPECT_EQ(Refuse(e, Ev("x1", "claim.salvage_disposed", "11-02T10:10", "CL-1")).message(),
            "claim.salvage_disposed before claim.salvage_appraised");
  EXPECT_EQ(Refuse(e, Ev("x1", "claim.salvage_appraised", "11-02T10:10", "CL-1")).path(),
            "/attrs/salvage_value_cents");
  Accept(e, Ev("x1", "claim.legal_referred", "11-02T10:10", "CL-1", R"({"reason":"suit"})"));
  EXPECT_EQ(Refuse(e, Ev("x2", "claim.legal_referred", "11-02T10:20", "CL-1", R"({"reason":"again"})"))
                .message(),
            "the claim is with the legal department already");
}

// The arbitration timer starts on the sign-off that disagrees, and only
// then (CL-3's story is ReferencePolicy.CL3ArbitrationWithinThreeWorkingDays).
TEST(ClaimEvents, DisagreementStartsArbitration) {
  Engine e = Reported();
  Accept(e, Ev("s1", "claim.signed_off", "11-02T10:30", "CL-1",
               R"({"role":"claims_clerk","opinion":"approve"})"));
  EXPECT_EQ(e.timers_of(policy::EntityKind::kClaim, "CL-1")->size(), 2u);  // complete, investigation
  Accept(e, Ev("s2", "claim.signed_off", "11-02T11:00", "CL-1",
               R"({"role":"cs_supervisor","opinion":"reject"})"));
  EXPECT_EQ(Advance(e, "11-05T18:00"),
            (Lines{N("breach", 1, "11-05T18:00", "claim.arbitration", "CL-1", "11-05T18:00")}));
}

// A late event re-applies the claim's history: the claim state is rebuilt
// with it, or the event is refused and the claim stays as it was.
TEST(ClaimEvents, LateEventsRebuildTheClaim) {
  Engine e = Reported();
  Accept(e, Ev("s1", "claim.signed_off", "11-02T10:30", "CL-1",
               R"({"role":"claims_clerk","opinion":"approve"})"));
  Accept(e, Ev("s2", "claim.signed_off", "11-02T11:00", "CL-1",
               R"({"role":"cs_supervisor","opinion":"approve"})"));
  Advance(e, "11-04T12:00");
  Status s = Refuse(e, Ev("s3", "claim.signed_off", "11-02T10:45", "CL-1",
                          R"({"role":"claims_clerk","opinion":"reject"})"));
  EXPECT_EQ(s.code(), StatusCode::kRefused);
  EXPECT_NE(s.message().find("expected a sign-off by cs_supervisor"), std::string::npos)
      << s.message();
  EXPECT_EQ(e.claim("CL-1")->claim.chain->decision(), domain::Opinion::kApprove);
  // A legal referral reported late pauses the completion timer from its
  // own instant.
  Accept(e, Ev("l1", "claim.legal_referred", "11-03T10:00", "CL-1", R"({"reason":"suit"})"));
  EXPECT_TRUE(e.claim("CL-1")->claim.in_legal());
  EXPECT_EQ(e.claim("CL-1")->claim.chain->signoffs().size(), 2u);
  Result<std::vector<TimerView>> timers = e.timers_of(policy::EntityKind::kClaim, "CL-1");
  ASSERT_TRUE(timers.ok());
  EXPECT_EQ((*timers)[0].sla, "claim.complete");
  EXPECT_EQ((*timers)[0].state, "paused");
}

TEST(ClaimQueries, UnknownEntitiesAreNotFound) {
  Engine e = Reference();
  EXPECT_EQ(e.claim("CL-404").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(e.compensation("CL-404").status().code(), StatusCode::kNotFound);
  // The Status names the entity too, for the C ABI's last-error entity.
  EXPECT_EQ(e.claim("CL-404").status().entity(), "claim:CL-404");
  EXPECT_EQ(e.compensation("CL-404").status().entity(), "claim:CL-404");
  EXPECT_EQ(e.insurance("WB-404").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(e.insurance("WB-404").status().entity(), "order:WB-404");
  EXPECT_TRUE(e.insured_cargo_list(*time::parse_date("2026-11-02")).empty());
}

}  // namespace
}  // namespace kefu::engine
