// The lifecycle tables of include/kefu/domain/lifecycle.h.
#include "kefu/domain/lifecycle.h"

#include <algorithm>
#include <array>
#include <span>

#include "domain/lifecycle_table.h"

namespace kefu::domain {
namespace {

using policy::EntityKind;

using internal::Edge;
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
constexpr std::array<std::string_view, 1> kClaimClosed = {"closed"};

LifecycleTable table(EntityKind k) {
  switch (k) {
    case EntityKind::kOrder: return {kOrderStates, kOrderEdges, kOrderClosed};
    case EntityKind::kCustomer: return {kCustomerStates, kCustomerEdges, kCustomerClosed};
    case EntityKind::kClaim: return {internal::claim_states(), internal::claim_edges(), kClaimClosed};
    case EntityKind::kComplaint: return internal::complaint_lifecycle();
  }
  return {};
}
std::span<const std::string_view> states(EntityKind k) { return table(k).states; }
std::span<const Edge> edges(EntityKind k) { return table(k).edges; }

std::optional<State> state_index(EntityKind k, std::string_view name) {
  auto s = states(k);
  for (std::size_t i = 0; i < s.size(); ++i)
    if (s[i] == name) return static_cast<State>(i);
  return std::nullopt;
}

}  // namespace

State initial_state(EntityKind) { return 0; }

bool is_closed(EntityKind kind, State s) {
  std::string_view name = state_name(kind, s);
  auto closed = table(kind).closed;
  return std::find(closed.begin(), closed.end(), name) != closed.end();
}

std::optional<State> transition(EntityKind kind, State from, std::string_view name) {
  if (is_closed(kind, from)) return std::nullopt;
  if (name == "updated") return from;
  // Re-grading and escalating a complaint change its grade or level, not
  // its state.
  if (kind == EntityKind::kComplaint && (name == "regraded" || name == "escalated"))
    return from;
  std::string_view from_name = state_name(kind, from);
  for (const Edge& e : edges(kind))
    if (e.from == from_name && e.event == name) return state_index(kind, e.to);
  return std::nullopt;
}

std::string_view state_name(EntityKind kind, State s) {
  auto all = states(kind);
  return s < all.size() ? all[s] : std::string_view("unknown");
}

}  // namespace kefu::domain
