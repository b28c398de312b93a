// The lifecycle tables of include/kefu/domain/lifecycle.h.
#include "kefu/domain/lifecycle.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <span>
#include <vector>

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

// A kind's table compiled for lookups by number, built once: every event
// is checked against it (twice per event before this), and walking the
// edges comparing state names cost about 300 instructions a lookup.
struct CompiledLifecycle {
  static constexpr State kIllegal = 0xFF;
  std::span<const std::string_view> states;
  std::uint64_t closed = 0;              // bit s: state s accepts nothing
  std::vector<std::string_view> events;  // the edges' event names, each once
  std::vector<State> next;               // [event * states + from]: kIllegal or the state after

  explicit CompiledLifecycle(const LifecycleTable& t) : states(t.states) {
    for (std::string_view c : t.closed) closed |= std::uint64_t{1} << *state_index(states, c);
    for (const Edge& e : t.edges) {
      auto it = std::find(events.begin(), events.end(), e.event);
      std::size_t row = static_cast<std::size_t>(it - events.begin());
      if (it == events.end()) {
        events.push_back(e.event);
        next.resize(next.size() + states.size(), kIllegal);
      }
      next[row * states.size() + *state_index(states, e.from)] = *state_index(states, e.to);
    }
  }
  bool is_closed(State s) const { return s < states.size() && (closed >> s & 1) != 0; }
};

const CompiledLifecycle& compiled(EntityKind k) {
  static const std::array<CompiledLifecycle, policy::kEntityKindCount> all = {
      CompiledLifecycle(table(EntityKind::kOrder)), CompiledLifecycle(table(EntityKind::kCustomer)),
      CompiledLifecycle(table(EntityKind::kComplaint)),
      CompiledLifecycle(table(EntityKind::kClaim))};
  return all[static_cast<std::size_t>(k)];
}

}  // namespace

State initial_state(EntityKind) { return 0; }

bool is_closed(EntityKind kind, State s) { return compiled(kind).is_closed(s); }

LifecycleEvent lifecycle_event(EntityKind kind, std::string_view name) {
  if (!policy::is_lifecycle_event(kind, name)) return kNotLifecycleEvent;
  if (name == "updated") return kKeepsState;
  // Re-grading and escalating a complaint change its grade or level, not
  // its state.
  if (kind == EntityKind::kComplaint && (name == "regraded" || name == "escalated"))
    return kKeepsState;
  const CompiledLifecycle& c = compiled(kind);
  auto it = std::find(c.events.begin(), c.events.end(), name);
  if (it == c.events.end()) return kNoTransition;
  return static_cast<LifecycleEvent>(it - c.events.begin());
}

std::optional<State> transition(EntityKind kind, State from, LifecycleEvent event) {
  const CompiledLifecycle& c = compiled(kind);
  if (c.is_closed(from)) return std::nullopt;
  if (event == kKeepsState) return from;
  if (event < 0 || from >= c.states.size()) return std::nullopt;
  const State to = c.next[static_cast<std::size_t>(event) * c.states.size() + from];
  if (to == CompiledLifecycle::kIllegal) return std::nullopt;
  return to;
}

std::optional<State> transition(EntityKind kind, State from, std::string_view name) {
  return transition(kind, from, lifecycle_event(kind, name));
}

std::string_view state_name(EntityKind kind, State s) {
  auto all = compiled(kind).states;
  return s < all.size() ? all[s] : std::string_view("unknown");
}

}  // namespace kefu::domain
