// The claim state machine (CL-1..CL-7), docs/events.md "Claims".
//
// The main line is filed -> investigating -> liability_determined ->
// signing -> approved | rejected -> (paid) -> closed. The side tracks
// (insurer recovery, salvage, legal referral) keep the state: they are
// self-edges of the states they may happen in. What a table cannot say (the
// next role of the sign-off chain, arbitration only after a disagreement, a
// close with nothing outstanding) is checked by the engine's claim rules
// (src/engine/claim_rules.cc) on top of these edges.
#include <array>

#include "domain/lifecycle_tables.h"

namespace kefu::domain::internal {
namespace {

constexpr std::array<std::string_view, 8> kClaimStates = {
    "filed",   "investigating", "liability_determined", "signing",
    "approved", "rejected",     "paid",                 "closed"};

// Insurer recovery and salvage need liability settled first: before then
// nobody knows what is recovered or kept. A legal referral may come at any
// open state and comes back to it.
constexpr std::array<Edge, 44> kClaimEdges = {{
    {"filed", "investigation_started", "investigating"},
    {"filed", "legal_referred", "filed"},
    {"filed", "legal_concluded", "filed"},
    {"investigating", "liability_determined", "liability_determined"},
    {"investigating", "legal_referred", "investigating"},
    {"investigating", "legal_concluded", "investigating"},
    {"liability_determined", "reported", "signing"},
    {"liability_determined", "insurer_submitted", "liability_determined"},
    {"liability_determined", "insurer_paid", "liability_determined"},
    {"liability_determined", "salvage_appraised", "liability_determined"},
    {"liability_determined", "salvage_disposed", "liability_determined"},
    {"liability_determined", "legal_referred", "liability_determined"},
    {"liability_determined", "legal_concluded", "liability_determined"},
    {"signing", "signed_off", "signing"},
    {"signing", "arbitrated", "signing"},
    {"signing", "approved", "approved"},
    {"signing", "rejected", "rejected"},
    {"signing", "insurer_submitted", "signing"},
    {"signing", "insurer_paid", "signing"},
    {"signing", "salvage_appraised", "signing"},
    {"signing", "salvage_disposed", "signing"},
    {"signing", "legal_referred", "signing"},
    {"signing", "legal_concluded", "signing"},
    {"approved", "paid", "paid"},
    {"approved", "insurer_submitted", "approved"},
    {"approved", "insurer_paid", "approved"},
    {"approved", "salvage_appraised", "approved"},
    {"approved", "salvage_disposed", "approved"},
    {"approved", "legal_referred", "approved"},
    {"approved", "legal_concluded", "approved"},
    {"rejected", "closed", "closed"},
    {"rejected", "insurer_submitted", "rejected"},
    {"rejected", "insurer_paid", "rejected"},
    {"rejected", "salvage_appraised", "rejected"},
    {"rejected", "salvage_disposed", "rejected"},
    {"rejected", "legal_referred", "rejected"},
    {"rejected", "legal_concluded", "rejected"},
    {"paid", "closed", "closed"},
    {"paid", "insurer_submitted", "paid"},
    {"paid", "insurer_paid", "paid"},
    {"paid", "salvage_appraised", "paid"},
    {"paid", "salvage_disposed", "paid"},
    {"paid", "legal_referred", "paid"},
    {"paid", "legal_concluded", "paid"},
}};

}  // namespace

std::span<const std::string_view> claim_states() { return kClaimStates; }
std::span<const Edge> claim_edges() { return kClaimEdges; }

}  // namespace kefu::domain::internal
