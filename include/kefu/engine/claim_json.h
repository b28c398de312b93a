// The claim, compensation and insurance query results (claim_queries.h) as
// JSON documents: what the C ABI returns from kefu_engine_claim,
// kefu_engine_compensation, kefu_engine_insurance and
// kefu_engine_insured_cargo_list, and what a command could print. Keys are
// in a fixed order and every key is always present (null when there is no
// value), so a host reads the same shape whatever the claim's stage;
// docs/c-api.md documents them field by field. Amounts are integer cents.
//
// Example:
//   Result<ClaimView> c = engine.claim("CL-1");
//   if (c.ok()) std::cout << claim_json(*c);
//   // {"claim":"CL-1","state":"signing","order":"WB1",...,"next_role":"cs_supervisor",...}
//   std::cout << insured_cargo_list_json(day, engine.insured_cargo_list(day), engine.policy());
//
// Thread safety: pure functions.
#ifndef KEFU_ENGINE_CLAIM_JSON_H_
#define KEFU_ENGINE_CLAIM_JSON_H_

#include <string>
#include <string_view>
#include <vector>

#include "kefu/domain/compensation.h"
#include "kefu/domain/insurance.h"
#include "kefu/engine/claim_queries.h"
#include "kefu/time/instant.h"

namespace kefu::policy {
class Policy;
}

namespace kefu::engine {

// A claim as it stands: lifecycle state, amount, CL-2's major flag, the
// sign-off band, sign-offs, next role and arbitration (CL-1, CL-3), legal
// referrals (CL-7), insurer recovery (CL-4) and salvage (CL-5). A claim has
// no calendar of its own, so its instants are printed in UTC (+00:00), as
// `explain` prints them.
std::string claim_json(const ClaimView& claim);

// CMP-1's result for the claim `claim_key`: basis, cap, amount before and
// after the deduction, what is paid, and the steps of the arithmetic.
std::string compensation_json(std::string_view claim_key, const domain::Compensation& pay);

// INS-1 and INS-2 for the order `order_key`: insured or not and why, the
// value compared, tracked end to end or not and why.
std::string insurance_json(std::string_view order_key, const domain::InsuranceAssessment& a);

// The daily insured-cargo list (INS-2) of `day`, a local date of the
// policy's insurance calendar: {"date","calendar","orders":[...]}, each
// order an insurance_json object with its customer and creation instant
// (in that calendar's offset) added.
std::string insured_cargo_list_json(time::Date day, const std::vector<InsuredOrder>& orders,
                                    const policy::Policy& policy);

}  // namespace kefu::engine

#endif  // KEFU_ENGINE_CLAIM_JSON_H_
