// The lifecycle tables of include/kefu/domain/lifecycle.h.
#include "kefu/domain/lifecycle.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "domain/compiled_lifecycle.h"
#include "domain/lifecycle_table.h"

namespace kefu::domain {
namespace {

using internal::Edge;
using policy::EntityKind;

using internal::LifecycleTable;

constexpr std::array<std::string_view, 11> kOrderStates = {
    "created",   "confirmed", "assessed",  "planned", "departed",
    "in_transit", "exception", "delivered", "signed",  "receipt_returned",
    "cancelled"};

constexpr std::array<Edge, 24> kOrderEdges = {{
    {"created", "confirmed", "confirmed"},
    {"created", "cancelled", "cancelled"},
    {"confirmed", "assessed", "assessed"},
    {"confirmed", "planned", "planned"},
    {"confirmed", "departed", "departed"},
    {"confirmed", "cancelled", "cancelled"},
    {"assessed", "planned", "planned"},
    {"assessed", "departed", "departed"},
    {"assessed", "cancelled", "cancelled"},
    {"planned", "departed", "departed"},
    {"planned", "cancelled", "cancelled"},
    {"planned", "exception", "exception"},
    {"departed", "in_transit", "in_transit"},
    {"departed", "delivered", "delivered"},
    {"departed", "exception", "exception"},
    {"in_transit", "in_transit", "in_transit"},
    {"in_transit", "delivered", "delivered"},
    {"in_transit", "exception", "exception"},
    {"exception", "exception_cleared", "in_transit"},
    {"exception", "delivered", "delivered"},
    {"exception", "cancelled", "cancelled"},
    {"delivered", "signed", "signed"},
    {"delivered", "exception", "exception"},
    {"signed", "receipt_returned", "receipt_returned"},
}};

// A customer asking to close the account (CR-3) is `closing` until it is
// retained (back to active) or closed.
constexpr std::array<std::string_view, 3> kCustomerStates = {"active", "closing", "closed"};
constexpr std::array<Edge, 5> kCustomerEdges = {{
    {"active", "close_requested", "closing"},
    {"active", "closed", "closed"},
    {"closing", "retained", "active"},
    {"closing", "close_requested", "closing"},
    {"closing", "closed", "closed"},
}};

constexpr std::array<std::string_view, 2> kOrderClosed = {"receipt_returned", "cancelled"};
constexpr std::array<std::string_view, 1> kCustomerClosed = {"closed"};

LifecycleTable table(EntityKind k) {
  switch (k) {
    case EntityKind::kOrder: return {kOrderStates, kOrderEdges, kOrderClosed};
    case EntityKind::kCustomer: return {kCustomerStates, kCustomerEdges, kCustomerClosed};
    case EntityKind::kComplaint: return internal::complaint_lifecycle();
    case EntityKind::kClaim: return internal::claim_lifecycle();
  }
  return {};
}

std::optional<State> state_index(std::span<const std::string_view> states, std::string_view name) {
  for (std::size_t i = 0; i < states.size(); ++i)
    if (states[i] == name) return static_cast<State>(i);
  return std::nullopt;
}

}  // namespace

// A kind's table compiled for lookups by number, built once: every event
// is checked against it (twice per event before this), and walking the
// edges comparing state names cost about 300 instructions a lookup.
internal::CompiledLifecycle::CompiledLifecycle(const LifecycleTable& t) : states(t.states) {
  for (std::string_view c : t.closed) closed |= std::uint64_t{1} << *state_index(states, c);
  for (const Edge& e : t.edges) {
    auto it = std::find(events.begin(), events.end(), e.event);
    std::size_t row = static_cast<std::size_t>(it - events.begin());
    if (it == events.end()) {
      events.push_back(e.event);
      next_state.resize(next_state.size() + states.size(), kIllegal);
    }
    next_state[row * states.size() + *state_index(states, e.from)] = *state_index(states, e.to);
  }
}

const internal::CompiledLifecycle& internal::compiled_lifecycle(EntityKind k) {
  static const std::array<CompiledLifecycle, policy::kEntityKindCount> all = {
      CompiledLifecycle(table(EntityKind::kOrder)), CompiledLifecycle(table(EntityKind::kCustomer)),
      CompiledLifecycle(table(EntityKind::kComplaint)),
      CompiledLifecycle(table(EntityKind::kClaim))};
  return all[static_cast<std::size_t>(k)];
}

State initial_state(EntityKind) { return 0; }

bool is_closed(EntityKind kind, State s) { return internal::compiled_lifecycle(kind).is_closed(s); }

LifecycleEvent lifecycle_event(EntityKind kind, std::string_view name) {
  if (!policy::is_lifecycle_event(kind, name)) return kNotLifecycleEvent;
  if (name == "updated") return kKeepsState;
  // Re-grading and escalating a complaint change its grade or level, not
  // its state.
  if (kind == EntityKind::kComplaint && (name == "regraded" || name == "escalated"))
    return kKeepsState;
  const internal::CompiledLifecycle& c = internal::compiled_lifecycle(kind);
  auto it = std::find(c.events.begin(), c.events.end(), name);
  if (it == c.events.end()) return kNoTransition;
  return static_cast<LifecycleEvent>(it - c.events.begin());
}

std::optional<State> transition(EntityKind kind, State from, LifecycleEvent event) {
  return internal::compiled_lifecycle(kind).next(from, event);
}

std::optional<State> transition(EntityKind kind, State from, std::string_view name) {
  return transition(kind, from, lifecycle_event(kind, name));
}

std::string_view state_name(EntityKind kind, State s) {
  auto all = internal::compiled_lifecycle(kind).states;
  return s < all.size() ? all[s] : std::string_view("unknown");
}

}  // namespace kefu::domain
