// The engine's service rules beyond timers: complaint grades and customer
// tiers computed by the policy's classifications, and escalation up the
// policy's ladders (CP-2, CP-6, CP-7, CR-1). engine.cc calls these at three
// narrow points: checking an event, applying it, and firing a breach.
//
// Thread safety: functions over one engine's state (one thread at a time).
#ifndef KEFU_SRC_ENGINE_SERVICE_RULES_H_
#define KEFU_SRC_ENGINE_SERVICE_RULES_H_

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "engine/engine_state.h"

namespace kefu::engine::internal {

// Whether `ev` is acceptable to the service rules: a known grade or tier
// where the event sets one, a grade changed only by complaint.regraded, an
// escalation the ladder allows. `e` is null for a creating event. Errors
// name the attribute's pointer ("/attrs/grade") where there is one.
// Only for an event that concerns_service_rules.
Status check_service_event_rules(const policy::Policy& policy, const EntityRecord* e,
                                 const domain::Event& ev);
// The events the service rules look at: a complaint's, a customer's, and
// any escalation. A rule added to check_service_event_rules for other
// events widens this first (the rules' function asserts it).
inline bool concerns_service_rules(const domain::Event& ev) {
  using namespace std::string_view_literals;
  return ev.entity == policy::EntityKind::kComplaint ||
         ev.entity == policy::EntityKind::kCustomer || ev.name == "escalated"sv;
}
// check_service_event_rules, inline for the events it does not concern
// (an order's or a claim's that does not escalate: nearly every event),
// which pass with a compare, not a call into another file.
inline Status check_service_event(const policy::Policy& policy, const EntityRecord* e,
                                  const domain::Event& ev) {
  if (!concerns_service_rules(ev)) return Status();
  return check_service_event_rules(policy, e, ev);
}

// After a created, updated or regraded event changed `e.attrs`: computes
// the grade (complaints, on creation) or the tier (customers) the event
// did not set itself.
void classify(const policy::Policy& policy, EntityRecord& e, const domain::Event& ev);

// A checked complaint.escalated (any <entity>.escalated): moves the entity
// up and queues the escalation notifications (the target level, then each
// level skipped, marked skipped).
void escalate_by_event(const policy::Policy& policy, std::uint32_t eh, EntityRecord& e,
                       const domain::Event& ev, std::vector<Pending>& out);

// A breach of `target` fired at `at`: when the policy escalates on that
// target, moves the entity up one level and returns the notification to
// queue (the caller knows where its notifications go).
std::optional<Notification> escalate_on_breach(const policy::Policy& policy, EntityRecord& e,
                                               const policy::SlaTarget& target,
                                               time::Instant at, time::Instant due);

}  // namespace kefu::engine::internal

#endif  // KEFU_SRC_ENGINE_SERVICE_RULES_H_
