// A claim's own state beyond its lifecycle state (CL-1..CL-7): the
// sign-off chain, legal referrals, insurer recovery and salvage, and the
// rules that events about them must follow.
//
// The lifecycle table (lifecycle.h, docs/events.md "Claims") says which
// events a state takes; check_claim_event adds what a table cannot say:
// the sign-off comes from the role expected next, arbitration only after a
// disagreement, approval only once the chain (or the arbitration) approved,
// a legal referral gives its reason, a claim closes with nothing
// outstanding. apply_claim_event then records the event and keeps the
// derived attributes (kDerivedAttributes) current, so that policy `when`
// conditions can test them ("signoff_disagreement": true starts CL-3's
// arbitration timer).
//
// Example:
//   if (Status s = check_claim_event(claim, attrs, ev, rules); !s.ok())
//     return s;  // "expected a sign-off by cs_supervisor (signer 2 of ...)"
//   apply_claim_event(claim, attrs, ev, rules);
//
// Thread safety: values and pure functions.
#ifndef KEFU_DOMAIN_CLAIM_H_
#define KEFU_DOMAIN_CLAIM_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kefu/domain/approval.h"
#include "kefu/domain/event.h"
#include "kefu/policy/attributes.h"
#include "kefu/policy/claims_rules.h"
#include "kefu/status.h"
#include "kefu/time/instant.h"

namespace kefu::domain {

// Attributes the engine keeps on a claim; an event may not set them.
//   major_claim           amount_cents > the policy's major threshold (CL-2)
//   approval_band         1-based band of the approval matrix, once reported
//   next_signoff_role     the role expected to sign next, while one is
//   signoff_disagreement  true once two opinions differ (CL-3)
//   insured_cargo         the claim's order is insured (INS-1), at filing
inline constexpr std::array<std::string_view, 5> kDerivedClaimAttributes = {
    "major_claim", "approval_band", "next_signoff_role", "signoff_disagreement",
    "insured_cargo"};

struct LegalReferral {
  time::Instant referred;
  std::optional<time::Instant> concluded;
  std::string reason;  // the written explanation CL-7 asks for
  std::string event;   // the claim.legal_referred event's id
};

struct ClaimState {
  std::string order;      // the claim's order
  std::string complaint;  // the complaint it came from, or ""
  bool insured_cargo = false;
  std::optional<SignOffChain> chain;  // from claim.reported on
  std::vector<LegalReferral> legal;
  bool insurer_submitted = false;
  bool insurer_paid = false;
  std::optional<std::int64_t> insurer_paid_cents;
  std::optional<std::int64_t> salvage_value_cents;
  bool salvage_disposed = false;
  std::optional<std::int64_t> salvage_proceeds_cents;
  std::optional<std::int64_t> paid_cents;

  bool in_legal() const { return !legal.empty() && !legal.back().concluded; }
};

// The claim's amount attribute, when it holds an integer.
std::optional<std::int64_t> claim_amount(const policy::Attributes& attrs);

// Whether `ev` (a claim lifecycle event its lifecycle state accepts)
// may be applied. InvalidArgument with the attribute's pointer for a bad
// or missing event attribute; Refused for an event out of order. `attrs`
// are the claim's attributes before the event.
Status check_claim_event(const ClaimState& claim, const policy::Attributes& attrs,
                         const Event& ev,
                         const policy::ClaimsRules& rules);

// Records a checked event. `attrs` are the claim's attributes, already
// updated by a created/updated event; the derived ones are set here.
void apply_claim_event(ClaimState& claim, policy::Attributes& attrs,
                       const Event& ev, const policy::ClaimsRules& rules);

}  // namespace kefu::domain

#endif  // KEFU_DOMAIN_CLAIM_H_
