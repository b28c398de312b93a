// The engine's claim hook: what the engine does for claim events beyond
// the generic lifecycle and timers (src/domain/claim.cc holds the rules
// themselves). It is kept out of engine.cc so the ingest path carries only
// three narrow calls, each an inline test of the kind here before a call
// into claim_rules.cc:
//
//   check_claim_filing  at ingest, for claim.created: the order it names
//                       exists (a claim is about a known order);
//   check_claim         with the lifecycle check, for every claim event;
//   apply_claim         after the lifecycle transition, before timers start,
//                       so `when` conditions see the derived attributes.
//
// Thread safety: as the Engine (one thread at a time).
#ifndef KEFU_SRC_ENGINE_CLAIM_RULES_H_
#define KEFU_SRC_ENGINE_CLAIM_RULES_H_

#include <string>

#include "engine/engine_state.h"

namespace kefu::engine::internal {

// The three calls' work, for claims (claim_rules.cc).
Status check_claim_filing_of_claim(const Engine::Impl& m, const domain::Event& ev);
Status check_claim_of_claim(const EntityRecord& e, const domain::Event& ev,
                            const policy::Policy& policy);
void apply_claim_of_claim(const Engine::Impl& m, EntityRecord& e, const domain::Event& ev,
                          const policy::Policy& policy);

// Inline, so that an event of another kind (nearly every event) costs a
// compare, not a call into another file.
inline Status check_claim_filing(const Engine::Impl& m, const domain::Event& ev) {
  if (ev.entity != policy::EntityKind::kClaim) return Status();
  return check_claim_filing_of_claim(m, ev);
}
inline Status check_claim(const EntityRecord& e, const domain::Event& ev,
                          const policy::Policy& policy) {
  if (e.kind != policy::EntityKind::kClaim) return Status();
  return check_claim_of_claim(e, ev, policy);
}
inline void apply_claim(const Engine::Impl& m, EntityRecord& e, const domain::Event& ev,
                        const policy::Policy& policy) {
  if (e.kind == policy::EntityKind::kClaim) apply_claim_of_claim(m, e, ev, policy);
}

// The claim's own state as a JSON object, for explain: the band and its
// roles, the sign-offs, the next role, arbitration, legal referrals with
// their reasons, insurer recovery, salvage.
std::string claim_json(const EntityRecord& e);

}  // namespace kefu::engine::internal

#endif  // KEFU_SRC_ENGINE_CLAIM_RULES_H_
