// Entity lifecycles: the state machines that lifecycle events must follow.
//
// Orders:
//
//   state            | events accepted (-> next state)
//   -----------------+----------------------------------------------------
//   created          | confirmed, cancelled
//   confirmed        | assessed, planned, departed, cancelled
//   assessed         | planned, departed, cancelled
//   planned          | departed, cancelled, exception
//   departed         | in_transit, delivered, exception
//   in_transit       | in_transit, delivered, exception
//   exception        | exception_cleared (-> in_transit), delivered, cancelled
//   delivered        | signed, exception
//   signed           | receipt_returned
//   receipt_returned | (closed)
//   cancelled        | (closed)
//
// Customers: created -> active; close_requested -> closing (CR-3: the
// account manager tries to retain the customer); retained -> active;
// closed -> closed (from active or closing).
//
// Complaints (src/domain/complaint_lifecycle.cc; docs/events.md):
//
//   state             | events accepted (-> next state)
//   ------------------+---------------------------------------------------
//   received          | registered, withdrawn
//   registered        | accepted, withdrawn
//   accepted          | investigating, resolved, withdrawn
//   investigating     | awaiting_customer, resolved, withdrawn
//   awaiting_customer | customer_replied (-> investigating), withdrawn
//   resolved          | feedback_sent, reopened
//   feedback_sent     | evaluated, return_visited, closed, reopened
//   evaluated         | return_visited, closed, reopened
//   return_visited    | closed, reopened
//   reopened          | investigating, awaiting_customer, resolved, withdrawn
//   closed, withdrawn | (closed)
//
// Every open complaint state also accepts `regraded` and `escalated`
// (grade and escalation level change, the state does not).
//
// Claims (src/domain/claim_lifecycle.cc): filed -> investigating ->
// liability_determined -> signing -> approved | rejected -> (paid) ->
// closed; insurer, salvage and legal events keep the state. docs/events.md
// has the table; the rules a table cannot say are in claim.h.
//
// Every open state also accepts `updated` (attributes change, the state does
// not) and the policy's milestones; a closed entity accepts nothing. The
// first lifecycle event ("created") creates the entity.
//
// Thread safety: constants and pure functions.
#ifndef KEFU_DOMAIN_LIFECYCLE_H_
#define KEFU_DOMAIN_LIFECYCLE_H_

#include <cstdint>
#include <optional>
#include <string_view>

#include "kefu/policy/vocabulary.h"

namespace kefu::domain {

using State = std::uint8_t;

// The state an entity is in once created.
State initial_state(policy::EntityKind kind);

// The state after lifecycle event `name` (without the entity prefix) in
// state `from`, or nullopt when the transition is illegal. "created" is
// never a transition (it creates). "updated" keeps the state.
std::optional<State> transition(policy::EntityKind kind, State from,
                                std::string_view name);

// A lifecycle event name of a kind, resolved to a number once: the engine
// does it when it compiles a policy, so that checking and applying an event
// is an array index where `transition` by name walks the kind's edges
// comparing names.
using LifecycleEvent = std::int16_t;
inline constexpr LifecycleEvent kNotLifecycleEvent = -1;  // a milestone, or unknown
inline constexpr LifecycleEvent kKeepsState = -2;  // "updated"; a complaint's re-grade, escalation
inline constexpr LifecycleEvent kNoTransition = -3;  // in the vocabulary, on no edge ("created")

// What `name` is in `kind`'s lifecycle: one of the constants above, or
// (>= 0) the number of the edges it names.
LifecycleEvent lifecycle_event(policy::EntityKind kind, std::string_view name);

// transition(kind, from, name) for `event` == lifecycle_event(kind, name),
// where `event` != kNotLifecycleEvent.
std::optional<State> transition(policy::EntityKind kind, State from, LifecycleEvent event);

// A closed entity accepts no event and its timers are stopped.
bool is_closed(policy::EntityKind kind, State s);

std::string_view state_name(policy::EntityKind kind, State s);

}  // namespace kefu::domain

#endif  // KEFU_DOMAIN_LIFECYCLE_H_
