// The claim, compensation and insurance documents (src/engine/claim_json.cc)
// over short stories under the reference policy. Each expected document is
// written out in full, by hand, from the stories' events and the figures of
// the ReferencePolicy CL-*, CMP-1, INS-1 and INS-2 tests
// (reference_claim_rules_test.cc); a key added, dropped or reordered fails.
#include "kefu/engine/claim_json.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "engine/rule_story.h"

namespace kefu::engine {
namespace {

// Order WB5008, uninsured, freight 200.00, created and confirmed on Monday
// 2 November 2026 (as CL-6's order).
constexpr const char* kOrder = R"~(
  {"id":"o-1","type":"order.created","at":"2026-11-02T09:00:00+08:00","order":"WB5008","customer":"C900","attrs":{"freight_cents":20000}}
  {"id":"o-2","type":"order.confirmed","at":"2026-11-02T09:10:00+08:00","order":"WB5008"}
)~";

std::string ClaimDoc(RuleStory& story, std::string_view key) {
  Result<ClaimView> c = story.engine().claim(key);
  if (!c.ok()) return "error: " + c.status().to_string();
  return claim_json(*c);
}

// A claim from filing to payment: a legal referral (CL-7), a report in the
// first band (up to 500000: clerk, then supervisor), opinions that disagree
// and an arbitration (CL-3), payment, salvage (CL-5). The document at each
// stage keeps every key.
TEST(ClaimJson, EveryStageKeepsEveryKey) {
  RuleStory story;
  story.feed(kOrder);
  story.feed(R"~(
    {"id":"cj-1","type":"claim.created","at":"2026-11-02T10:00:00+08:00","claim":"CL-6001","order":"WB5008","attrs":{"deduction_cents":30000,"loss_cents":100000,"amount_cents":70000}}
  )~");
  EXPECT_EQ(ClaimDoc(story, "CL-6001"),
            R"({"claim":"CL-6001","state":"filed","order":"WB5008","complaint":null,)"
            R"("amount_cents":70000,"major":false,"insured_cargo":false,"band":null,)"
            R"("signoffs":[],"next_role":null,"disagreement":false,"awaiting_arbitration":false,)"
            R"("arbitration":null,"decision":null,"in_legal":false,"legal":[],)"
            R"("insurer":{"submitted":false,"paid":false,"paid_cents":null},)"
            R"("salvage":{"value_cents":null,"disposed":false,"proceeds_cents":null},)"
            R"("paid_cents":null})");

  // A reason with a quote and a line break: escaped, and read back intact.
  story.feed(R"~(
    {"id":"cj-2","type":"claim.legal_referred","at":"2026-11-02T11:00:00+08:00","claim":"CL-6001","attrs":{"reason":"the consignee \"sued\"\nin court"}}
  )~");
  const std::string referred = ClaimDoc(story, "CL-6001");
  EXPECT_NE(referred.find(R"("in_legal":true,"legal":[{"referred":"2026-11-02T03:00:00+00:00",)"
                          R"("concluded":null,"reason":"the consignee \"sued\"\nin court",)"
                          R"("event":"cj-2"}])"),
            std::string::npos)
      << referred;
  EXPECT_EQ(nlohmann::json::parse(referred)["legal"][0]["reason"],
            "the consignee \"sued\"\nin court");

  story.feed(R"~(
    {"id":"cj-3","type":"claim.legal_concluded","at":"2026-11-03T09:00:00+08:00","claim":"CL-6001"}
    {"id":"cj-4","type":"claim.investigation_started","at":"2026-11-03T10:00:00+08:00","claim":"CL-6001"}
    {"id":"cj-5","type":"claim.liability_determined","at":"2026-11-03T10:30:00+08:00","claim":"CL-6001"}
    {"id":"cj-6","type":"claim.reported","at":"2026-11-03T11:00:00+08:00","claim":"CL-6001"}
    {"id":"cj-7","type":"claim.signed_off","at":"2026-11-03T11:30:00+08:00","claim":"CL-6001","attrs":{"role":"claims_clerk","opinion":"approve"}}
  )~");
  EXPECT_EQ(ClaimDoc(story, "CL-6001"),
            R"({"claim":"CL-6001","state":"signing","order":"WB5008","complaint":null,)"
            R"("amount_cents":70000,"major":false,"insured_cargo":false,)"
            R"("band":{"index":1,"up_to_cents":500000,"roles":["claims_clerk","cs_supervisor"]},)"
            R"("signoffs":[{"role":"claims_clerk","opinion":"approve","event":"cj-7"}],)"
            R"("next_role":"cs_supervisor","disagreement":false,"awaiting_arbitration":false,)"
            R"("arbitration":null,"decision":null,"in_legal":false,)"
            R"("legal":[{"referred":"2026-11-02T03:00:00+00:00","concluded":"2026-11-03T01:00:00+00:00",)"
            R"("reason":"the consignee \"sued\"\nin court","event":"cj-2"}],)"
            R"("insurer":{"submitted":false,"paid":false,"paid_cents":null},)"
            R"("salvage":{"value_cents":null,"disposed":false,"proceeds_cents":null},)"
            R"("paid_cents":null})");

  story.feed(R"~(
    {"id":"cj-8","type":"claim.signed_off","at":"2026-11-03T12:00:00+08:00","claim":"CL-6001","attrs":{"role":"cs_supervisor","opinion":"reject"}}
  )~");
  nlohmann::json disputed = nlohmann::json::parse(ClaimDoc(story, "CL-6001"));
  EXPECT_EQ(disputed["next_role"], nullptr);
  EXPECT_EQ(disputed["disagreement"], true);
  EXPECT_EQ(disputed["awaiting_arbitration"], true);
  EXPECT_EQ(disputed["decision"], nullptr);

  story.feed(R"~(
    {"id":"cj-9","type":"claim.arbitrated","at":"2026-11-04T10:00:00+08:00","claim":"CL-6001","attrs":{"decision":"approve"}}
    {"id":"cj-10","type":"claim.approved","at":"2026-11-04T11:00:00+08:00","claim":"CL-6001"}
    {"id":"cj-11","type":"claim.paid","at":"2026-11-05T10:00:00+08:00","claim":"CL-6001","attrs":{"amount_cents":30000}}
    {"id":"cj-12","type":"claim.salvage_appraised","at":"2026-11-05T11:00:00+08:00","claim":"CL-6001","attrs":{"salvage_value_cents":5000}}
    {"id":"cj-13","type":"claim.salvage_disposed","at":"2026-11-06T11:00:00+08:00","claim":"CL-6001","attrs":{"amount_cents":4200}}
  )~");
  EXPECT_EQ(ClaimDoc(story, "CL-6001"),
            R"({"claim":"CL-6001","state":"paid","order":"WB5008","complaint":null,)"
            R"("amount_cents":70000,"major":false,"insured_cargo":false,)"
            R"("band":{"index":1,"up_to_cents":500000,"roles":["claims_clerk","cs_supervisor"]},)"
            R"("signoffs":[{"role":"claims_clerk","opinion":"approve","event":"cj-7"},)"
            R"({"role":"cs_supervisor","opinion":"reject","event":"cj-8"}],)"
            R"("next_role":null,"disagreement":true,"awaiting_arbitration":false,)"
            R"("arbitration":"approve","decision":"approve","in_legal":false,)"
            R"("legal":[{"referred":"2026-11-02T03:00:00+00:00","concluded":"2026-11-03T01:00:00+00:00",)"
            R"("reason":"the consignee \"sued\"\nin court","event":"cj-2"}],)"
            R"("insurer":{"submitted":false,"paid":false,"paid_cents":null},)"
            R"("salvage":{"value_cents":5000,"disposed":true,"proceeds_cents":4200},)"
            R"("paid_cents":30000})");
}

// CL-2 and CL-4: a major claim on insured cargo, its band unbounded, the
// insurer paid.
TEST(ClaimJson, MajorClaimOnInsuredCargo) {
  RuleStory story;
  story.feed(R"~(
    {"id":"o-1","type":"order.created","at":"2026-11-02T09:00:00+08:00","order":"WB5004","attrs":{"insured":true,"insured_value_cents":8000000,"declared_value_cents":8000000}}
    {"id":"o-2","type":"order.confirmed","at":"2026-11-02T09:10:00+08:00","order":"WB5004"}
    {"id":"m-1","type":"claim.created","at":"2026-11-02T09:30:00+08:00","claim":"CL-4001","order":"WB5004","attrs":{"amount_cents":6000000}}
    {"id":"m-2","type":"claim.investigation_started","at":"2026-11-02T09:40:00+08:00","claim":"CL-4001"}
    {"id":"m-3","type":"claim.liability_determined","at":"2026-11-02T10:00:00+08:00","claim":"CL-4001"}
    {"id":"m-4","type":"claim.reported","at":"2026-11-02T10:30:00+08:00","claim":"CL-4001"}
    {"id":"m-5","type":"claim.insurer_submitted","at":"2026-11-02T11:00:00+08:00","claim":"CL-4001"}
    {"id":"m-6","type":"claim.insurer_paid","at":"2026-11-04T11:00:00+08:00","claim":"CL-4001","attrs":{"amount_cents":5500000}}
  )~");
  // ordered_json: dump() keeps the document's key order.
  nlohmann::ordered_json c = nlohmann::ordered_json::parse(ClaimDoc(story, "CL-4001"));
  EXPECT_EQ(c["major"], true);
  EXPECT_EQ(c["insured_cargo"], true);
  EXPECT_EQ(c["band"].dump(),
            R"({"index":3,"up_to_cents":null,"roles":["claims_clerk","cs_supervisor","branch_manager","unit_head"]})");
  EXPECT_EQ(c["next_role"], "claims_clerk");
  EXPECT_EQ(c["insurer"].dump(), R"({"submitted":true,"paid":true,"paid_cents":5500000})");
}

// CL-6's compensation: uninsured, loss 1000.00 capped at 3 x freight 200.00
// = 600.00, less the 300.00 deduction agreed at delivery.
TEST(ClaimJson, CompensationCarriesItsSteps) {
  RuleStory story;
  story.feed(kOrder);
  story.feed(R"~(
    {"id":"cj-1","type":"claim.created","at":"2026-11-02T10:00:00+08:00","claim":"CL-6001","order":"WB5008","attrs":{"deduction_cents":30000,"loss_cents":100000,"amount_cents":70000}}
  )~");
  Result<domain::Compensation> pay = story.engine().compensation("CL-6001");
  ASSERT_TRUE(pay.ok()) << pay.status().to_string();
  EXPECT_EQ(compensation_json("CL-6001", *pay),
            R"({"claim":"CL-6001","basis":"uninsured","cap_cents":60000,)"
            R"("before_deduction_cents":60000,"deduction_cents":30000,"amount_cents":30000,)"
            R"("steps":["loss 1000.00",)"
            R"("uninsured: cap 3 x freight 200.00 = 600.00; min(loss, cap) = 600.00",)"
            R"("less the deduction agreed at delivery 300.00: 300.00","pay 300.00"]})");
}

// INS-1: an order insured with us and tracked (INS-2); a never-insurable
// category; an order no rule matches, with no category and no value.
TEST(ClaimJson, InsuranceSaysWhy) {
  RuleStory story;
  story.feed(R"~(
    {"id":"i-1","type":"order.created","at":"2026-11-02T09:00:00+08:00","order":"WB-I1","attrs":{"insured":true,"cargo":"electronics","insured_value_cents":1500000}}
    {"id":"i-2","type":"order.created","at":"2026-11-02T09:00:00+08:00","order":"WB-I5","attrs":{"insured":true,"cargo":"jade","declared_value_cents":5000000}}
    {"id":"i-3","type":"order.created","at":"2026-11-02T09:00:00+08:00","order":"WB-I6"}
  )~");
  auto doc = [&](const char* order) {
    Result<domain::InsuranceAssessment> a = story.engine().insurance(order);
    return a.ok() ? insurance_json(order, *a) : "error: " + a.status().to_string();
  };
  EXPECT_EQ(doc("WB-I1"),
            R"({"order":"WB-I1","insured":true,"reason":"insured_with_us","never_insurable":false,)"
            R"("category":"electronics","value_cents":1500000,"value_attribute":"insured_value_cents",)"
            R"("tracked":true,"tracking_reason":"insured_value_cents 1500000 > 1000000"})");
  nlohmann::json jade = nlohmann::json::parse(doc("WB-I5"));
  EXPECT_EQ(jade["insured"], false);
  EXPECT_EQ(jade["never_insurable"], true);
  EXPECT_EQ(jade["reason"], "never insurable: cargo \"jade\"");
  EXPECT_EQ(jade["tracked"], false);
  nlohmann::json plain = nlohmann::json::parse(doc("WB-I6"));
  EXPECT_EQ(plain["reason"], "no insured_when rule matches");
  EXPECT_EQ(plain["category"], nullptr);
  EXPECT_EQ(plain["value_cents"], nullptr);
  EXPECT_EQ(plain["value_attribute"], nullptr);
}

// INS-2's daily list: the day is a local date of cn-24x7 (+08:00), so an
// order created at 00:10 on the 2nd (16:10 UTC on the 1st) is on the 2nd's
// list and one at 00:05 on the 3rd is not; an uninsured order is left out.
TEST(ClaimJson, InsuredCargoListOfADay) {
  RuleStory story;
  story.feed(R"~(
    {"id":"i2-1","type":"order.created","at":"2026-11-02T00:10:00+08:00","order":"WB-D1","customer":"C1","attrs":{"insured":true,"insured_value_cents":1500000}}
    {"id":"i2-2","type":"order.created","at":"2026-11-02T08:00:00+08:00","order":"WB-D2","customer":"C2","attrs":{"cargo":"general"}}
    {"id":"i2-3","type":"order.created","at":"2026-11-02T09:00:00+08:00","order":"WB-D3","attrs":{"freight_includes_insurance":true}}
    {"id":"i2-5","type":"order.created","at":"2026-11-03T00:05:00+08:00","order":"WB-D5","customer":"C3","attrs":{"insured":true}}
  )~");
  const time::Date day = *time::parse_date("2026-11-02");
  EXPECT_EQ(
      insured_cargo_list_json(day, story.engine().insured_cargo_list(day), story.engine().policy()),
      R"({"date":"2026-11-02","calendar":"cn-24x7","orders":[)"
      R"({"order":"WB-D1","customer":"C1","created":"2026-11-02T00:10:00+08:00","created_unix":1793549400,)"
      R"("insured":true,"reason":"insured_with_us","never_insurable":false,"category":null,)"
      R"("value_cents":1500000,"value_attribute":"insured_value_cents","tracked":true,)"
      R"("tracking_reason":"insured_value_cents 1500000 > 1000000"},)"
      R"({"order":"WB-D3","customer":null,"created":"2026-11-02T09:00:00+08:00","created_unix":1793581200,)"
      R"("insured":true,"reason":"freight_includes_insurance","never_insurable":false,"category":null,)"
      R"("value_cents":null,"value_attribute":null,"tracked":false,)"
      R"("tracking_reason":"no value attribute on the order"}]})");
  const time::Date empty = *time::parse_date("2026-11-04");
  EXPECT_EQ(insured_cargo_list_json(empty, story.engine().insured_cargo_list(empty),
                                    story.engine().policy()),
            R"({"date":"2026-11-04","calendar":"cn-24x7","orders":[]})");
}

}  // namespace
}  // namespace kefu::engine
