// The complaint state machine (include/kefu/domain/lifecycle.h,
// docs/events.md "Complaints"). A complaint arrives (created, state
// received), is registered with its number (CP-1), accepted by a handler,
// investigated (possibly waiting on the customer), resolved, its result fed
// back (CP-3), evaluated a second time by the customer, visited again
// (CP-4) and closed. Until it is closed it may be reopened; a reopened
// complaint goes back to investigation. The customer may withdraw it at
// any point before it is resolved.
#include <array>

#include "domain/lifecycle_table.h"

namespace kefu::domain::internal {
namespace {

constexpr std::array<std::string_view, 12> kStates = {
    "received",  "registered",    "accepted",  "investigating",
    "awaiting_customer", "resolved", "feedback_sent", "evaluated",
    "return_visited", "reopened",  "closed",    "withdrawn"};

constexpr std::array<Edge, 27> kEdges = {{
    {"received", "registered", "registered"},
    {"received", "withdrawn", "withdrawn"},
    {"registered", "accepted", "accepted"},
    {"registered", "withdrawn", "withdrawn"},
    {"accepted", "investigating", "investigating"},
    {"accepted", "resolved", "resolved"},
    {"accepted", "withdrawn", "withdrawn"},
    {"investigating", "awaiting_customer", "awaiting_customer"},
    {"investigating", "resolved", "resolved"},
    {"investigating", "withdrawn", "withdrawn"},
    {"awaiting_customer", "customer_replied", "investigating"},
    {"awaiting_customer", "withdrawn", "withdrawn"},
    {"resolved", "feedback_sent", "feedback_sent"},
    {"resolved", "reopened", "reopened"},
    {"feedback_sent", "evaluated", "evaluated"},
    {"feedback_sent", "return_visited", "return_visited"},
    {"feedback_sent", "closed", "closed"},
    {"feedback_sent", "reopened", "reopened"},
    {"evaluated", "return_visited", "return_visited"},
    {"evaluated", "closed", "closed"},
    {"evaluated", "reopened", "reopened"},
    {"return_visited", "closed", "closed"},
    {"return_visited", "reopened", "reopened"},
    {"reopened", "investigating", "investigating"},
    {"reopened", "awaiting_customer", "awaiting_customer"},
    {"reopened", "resolved", "resolved"},
    {"reopened", "withdrawn", "withdrawn"},
}};

constexpr std::array<std::string_view, 2> kClosed = {"closed", "withdrawn"};

}  // namespace

LifecycleTable complaint_lifecycle() { return {kStates, kEdges, kClosed}; }

}  // namespace kefu::domain::internal
