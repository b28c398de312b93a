// The policy's claims rules (CL-1..CL-3): who signs a claim report, in which
// order, by amount, and from which amount a claim is major.
//
//   "claims": {
//     "roles": ["claims_clerk", "cs_supervisor", "branch_manager"],
//     "approval": [{"up_to_cents": 500000, "roles": ["claims_clerk"]},
//                  {"roles": ["claims_clerk", "cs_supervisor", "branch_manager"]}],
//     "major_claim_above_cents": 5000000}
//
// A claim's amount selects the first band whose `up_to_cents` it does not
// exceed (bands ascend; the last may have no bound). The band's roles sign
// in the order listed. docs/policy.md, "claims", has every key and error.
//
// Example:
//   const ClaimsRules& c = policy.claims();
//   const ApprovalBand* band = c.band_for(amount_cents);  // nullptr: none
//
// Thread safety: immutable once compiled; part of a shared Policy.
#ifndef KEFU_POLICY_CLAIMS_RULES_H_
#define KEFU_POLICY_CLAIMS_RULES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kefu::policy {

struct ApprovalBand {
  // The greatest amount the band covers, inclusive; nullopt: no bound.
  std::optional<std::int64_t> up_to_cents;
  std::vector<std::string> roles;  // in signing order, each declared once
  std::string pointer;             // "/claims/approval/1"
};

struct ClaimsRules {
  std::vector<std::string> roles;  // declared, in document order
  std::vector<ApprovalBand> approval;
  // A claim whose amount exceeds this is major (CL-2); nullopt: none is.
  std::optional<std::int64_t> major_claim_above_cents;

  // The band for a claim of `amount_cents` (>= 0), or nullptr when the
  // amount is above every bounded band and no band is unbounded.
  const ApprovalBand* band_for(std::int64_t amount_cents) const {
    for (const ApprovalBand& b : approval)
      if (!b.up_to_cents || amount_cents <= *b.up_to_cents) return &b;
    return nullptr;
  }
  bool is_major(std::int64_t amount_cents) const {
    return major_claim_above_cents && amount_cents > *major_claim_above_cents;
  }
};

}  // namespace kefu::policy

#endif  // KEFU_POLICY_CLAIMS_RULES_H_
