// The closed vocabulary of entities and lifecycle events.
//
// Event types are "<entity>.<name>": the lifecycle events below (their state
// machines are in the domain layer, docs/events.md) plus the milestones a
// policy declares per entity ("order.plan_sent"). A policy may not declare a
// milestone that shadows a lifecycle event.
//
// Example:
//   parse_entity_kind("order") == EntityKind::kOrder
//   is_lifecycle_event(EntityKind::kOrder, "confirmed") == true
//
// Thread safety: constants and pure functions.
#ifndef KEFU_POLICY_VOCABULARY_H_
#define KEFU_POLICY_VOCABULARY_H_

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace kefu::policy {

enum class EntityKind : std::uint8_t { kOrder = 0, kCustomer = 1, kClaim = 2, kComplaint = 3 };
inline constexpr std::size_t kEntityKindCount = 4;

inline constexpr std::array<std::string_view, kEntityKindCount> kEntityKindNames = {
    "order", "customer", "claim", "complaint"};

inline std::string_view entity_kind_name(EntityKind k) {
  return kEntityKindNames[static_cast<std::size_t>(k)];
}

inline std::optional<EntityKind> parse_entity_kind(std::string_view name) {
  for (std::size_t i = 0; i < kEntityKindNames.size(); ++i)
    if (kEntityKindNames[i] == name) return static_cast<EntityKind>(i);
  return std::nullopt;
}

// The lifecycle events of each entity, without the "<entity>." prefix. The
// first creates the entity; "updated" changes attributes in any open state.
inline constexpr std::array<std::string_view, 13> kOrderLifecycle = {
    "created",   "confirmed",        "assessed",  "planned",
    "departed",  "in_transit",       "delivered", "signed",
    "receipt_returned", "cancelled", "exception", "exception_cleared",
    "updated"};
// close_requested and retained (CR-3) keep the customer open: a request
// to close starts the retention effort, it does not close the account.
inline constexpr std::array<std::string_view, 5> kCustomerLifecycle = {
    "created", "updated", "closed", "close_requested", "retained"};
// Complaints and after-sales requests (CP-1..CP-7, AS-1, AS-2): the table
// of states is in src/domain/complaint_lifecycle.cc and docs/events.md.
// "regraded" sets the grade explicitly, "escalated" moves the complaint up
// its escalation ladder; both keep the state.
inline constexpr std::array<std::string_view, 16> kComplaintLifecycle = {
    "created",      "registered",       "accepted",      "investigating",
    "awaiting_customer", "customer_replied", "resolved", "feedback_sent",
    "evaluated",    "return_visited",   "closed",        "reopened",
    "updated",      "regraded",         "escalated",     "withdrawn"};
// A claim (CL-1..CL-7): "created" files it; the sign-off chain, arbitration,
// insurer recovery, salvage and legal referral are lifecycle events because
// the engine checks them against the policy's claims section.
inline constexpr std::array<std::string_view, 17> kClaimLifecycle = {
    "created",           "investigation_started", "liability_determined",
    "reported",          "signed_off",            "arbitrated",
    "approved",          "rejected",              "paid",
    "insurer_submitted", "insurer_paid",          "salvage_appraised",
    "salvage_disposed",  "legal_referred",        "legal_concluded",
    "closed",            "updated"};

inline std::span<const std::string_view> lifecycle_events(EntityKind k) {
  switch (k) {
    case EntityKind::kOrder: return kOrderLifecycle;
    case EntityKind::kCustomer: return kCustomerLifecycle;
    case EntityKind::kClaim: return kClaimLifecycle;
    case EntityKind::kComplaint: return kComplaintLifecycle;
  }
  return {};
}

inline bool is_lifecycle_event(EntityKind k, std::string_view name) {
  for (std::string_view e : lifecycle_events(k))
    if (e == name) return true;
  return false;
}

}  // namespace kefu::policy

#endif  // KEFU_POLICY_VOCABULARY_H_
