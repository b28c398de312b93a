// What the engine answers about claims and insurance (Engine::claim,
// Engine::compensation, Engine::insurance, Engine::insured_cargo_list).
//
// Example:
//   Result<ClaimView> c = engine.claim("CL-1");
//   c->claim.chain->next_role();          // "cs_supervisor"
//   Result<domain::Compensation> pay = engine.compensation("CL-1");
//   for (const std::string& step : pay->steps) std::cout << step << "\n";
//   for (const InsuredOrder& o : engine.insured_cargo_list(*time::parse_date("2026-10-08"))) ...
//
// Thread safety: values.
#ifndef KEFU_ENGINE_CLAIM_QUERIES_H_
#define KEFU_ENGINE_CLAIM_QUERIES_H_

#include <optional>
#include <string>

#include "kefu/domain/claim.h"
#include "kefu/domain/insurance.h"
#include "kefu/time/instant.h"

namespace kefu::engine {

struct ClaimView {
  std::string key;
  std::string state;                        // lifecycle state, "signing"
  std::optional<std::int64_t> amount_cents;
  bool major = false;                       // CL-2
  domain::ClaimState claim;                 // chain, legal, insurer, salvage
};

// One line of the daily insured-cargo list (INS-2).
struct InsuredOrder {
  std::string order;
  std::string customer;
  time::Instant created;
  domain::InsuranceAssessment insurance;  // why insured; tracked or not
};

}  // namespace kefu::engine

#endif  // KEFU_ENGINE_CLAIM_QUERIES_H_
