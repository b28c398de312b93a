// Lifecycle events by number (include/kefu/domain/lifecycle.h): the engine
// resolves an event's name once (lifecycle_event) and then takes its
// transition by number. Checked here against a walk of the edges by name,
// for every state and every name of the kind's vocabulary.
#include <gtest/gtest.h>

#include <optional>
#include <string_view>

#include "domain/lifecycle_table.h"
#include "kefu/domain/lifecycle.h"
#include "kefu/policy/vocabulary.h"

namespace kefu::domain {
namespace {

using policy::EntityKind;

// The transition as the table states it, by names: the definition the
// numbered lookup must agree with.
std::optional<State> by_edge_walk(EntityKind kind, const internal::LifecycleTable& t,
                                  State from, std::string_view name) {
  const std::string_view state = t.states[from];
  for (std::string_view closed : t.closed)
    if (closed == state) return std::nullopt;
  if (name == "updated") return from;
  if (kind == EntityKind::kComplaint && (name == "regraded" || name == "escalated"))
    return from;
  for (const internal::Edge& e : t.edges) {
    if (e.from != state || e.event != name) continue;
    for (std::size_t s = 0; s < t.states.size(); ++s)
      if (t.states[s] == e.to) return static_cast<State>(s);
  }
  return std::nullopt;
}

void ExpectAgreesWithTheEdges(EntityKind kind, const internal::LifecycleTable& t) {
  for (std::string_view name : policy::lifecycle_events(kind)) {
    const LifecycleEvent event = lifecycle_event(kind, name);
    ASSERT_NE(event, kNotLifecycleEvent) << name;
    for (std::size_t s = 0; s < t.states.size(); ++s) {
      const auto from = static_cast<State>(s);
      EXPECT_EQ(transition(kind, from, event), by_edge_walk(kind, t, from, name))
          << name << " from " << t.states[s];
    }
  }
}

TEST(LifecycleEvent, ComplaintTransitionsByNumberAgreeWithTheEdges) {
  ExpectAgreesWithTheEdges(EntityKind::kComplaint, internal::complaint_lifecycle());
}

TEST(LifecycleEvent, ClaimTransitionsByNumberAgreeWithTheEdges) {
  ExpectAgreesWithTheEdges(EntityKind::kClaim, internal::claim_lifecycle());
}

TEST(LifecycleEvent, NamesWhatAnEventIsToItsKind) {
  EXPECT_EQ(lifecycle_event(EntityKind::kOrder, "updated"), kKeepsState);
  EXPECT_EQ(lifecycle_event(EntityKind::kComplaint, "regraded"), kKeepsState);
  EXPECT_EQ(lifecycle_event(EntityKind::kComplaint, "escalated"), kKeepsState);
  // "created" creates: it is never a transition.
  EXPECT_EQ(lifecycle_event(EntityKind::kOrder, "created"), kNoTransition);
  // Milestones and other kinds' events are not lifecycle events.
  EXPECT_EQ(lifecycle_event(EntityKind::kOrder, "tracking_updated"), kNotLifecycleEvent);
  EXPECT_EQ(lifecycle_event(EntityKind::kOrder, "regraded"), kNotLifecycleEvent);
  EXPECT_GE(lifecycle_event(EntityKind::kOrder, "confirmed"), 0);
  EXPECT_NE(lifecycle_event(EntityKind::kOrder, "confirmed"),
            lifecycle_event(EntityKind::kOrder, "departed"));
}

TEST(LifecycleEvent, OrderTransitionsByNumberMatchByName) {
  const State created = initial_state(EntityKind::kOrder);
  const LifecycleEvent confirmed = lifecycle_event(EntityKind::kOrder, "confirmed");
  const std::optional<State> next = transition(EntityKind::kOrder, created, confirmed);
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(state_name(EntityKind::kOrder, *next), "confirmed");
  EXPECT_EQ(next, transition(EntityKind::kOrder, created, "confirmed"));
  // Illegal from `confirmed`: a second confirmation.
  EXPECT_FALSE(transition(EntityKind::kOrder, *next, confirmed).has_value());
  // Closed: nothing, not even an update.
  const State cancelled = *transition(EntityKind::kOrder, created, "cancelled");
  EXPECT_FALSE(transition(EntityKind::kOrder, cancelled, kKeepsState).has_value());
}

}  // namespace
}  // namespace kefu::domain
