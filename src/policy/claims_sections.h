// The policy's claims, insurance and compensation sections: read from JSON,
// validated with a JSON pointer on every error, compiled into the structs
// of kefu/policy/claims_rules.h, insurance_rules.h and
// compensation_rules.h. docs/policy.md describes the keys.
//
// Example:
//   Diagnostics d;
//   ClaimsRules c = read_claims(doc["claims"], "/claims", d);
//   // d: "/claims/approval/1/roles/0: unknown role \"clerk\"; expected one
//   //     of \"claims_clerk\", \"cs_supervisor\""
//
// Thread safety: pure functions.
#ifndef KEFU_SRC_POLICY_CLAIMS_SECTIONS_H_
#define KEFU_SRC_POLICY_CLAIMS_SECTIONS_H_

#include <string>
#include <vector>

#include "kefu/policy/claims_rules.h"
#include "kefu/policy/compensation_rules.h"
#include "kefu/policy/insurance_rules.h"
#include "policy/diagnostics.h"
#include "policy/json_document.h"

namespace kefu::policy::internal {

// src/policy/claims_section.cc
ClaimsRules read_claims(const Json& value, const std::string& pointer,
                        Diagnostics& d);

// src/policy/insurance_section.cc. `calendars`: every calendar name the
// policy declares, sorted.
InsuranceRules read_insurance(const Json& value, const std::string& pointer,
                              const std::vector<std::string>& calendars,
                              Diagnostics& d);

// src/policy/compensation_section.cc
CompensationRules read_compensation(const Json& value,
                                    const std::string& pointer,
                                    Diagnostics& d);

// An amount in integer cents, zero or more, at `pointer`; nullopt after an
// error (recorded in `d`).
std::optional<std::int64_t> read_amount(const Json& value,
                                        const std::string& pointer,
                                        Diagnostics& d);

}  // namespace kefu::policy::internal

#endif  // KEFU_SRC_POLICY_CLAIMS_SECTIONS_H_
