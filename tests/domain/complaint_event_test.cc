// Complaint events: keyed by "complaint", with order and customer
// references (include/kefu/domain/event.h), and the complaint and customer
// state machines (include/kefu/domain/lifecycle.h).
#include <gtest/gtest.h>

#include <string>

#include "kefu/domain/event.h"
#include "kefu/domain/lifecycle.h"

namespace kefu::domain {
namespace {

using policy::EntityKind;

constexpr const char* kOpened =
    R"({"id":"c-1","type":"complaint.created","at":"2026-10-12T09:00:00+08:00",)"
    R"("complaint":"CP-9","order":"WB123","customer":"C001",)"
    R"("attrs":{"category":"damage","channel":"hotline"}})";

TEST(ComplaintEvent, KeyedByComplaintWithOrderAndCustomerReferences) {
  Result<Event> e = parse_event(kOpened);
  ASSERT_TRUE(e.ok()) << e.status().to_string();
  EXPECT_EQ(e->entity, EntityKind::kComplaint);
  EXPECT_EQ(e->name, "created");
  EXPECT_EQ(e->key, "CP-9");
  EXPECT_EQ(e->order, "WB123");
  EXPECT_EQ(e->customer, "C001");
}

TEST(ComplaintEvent, KeyIsRequired) {
  Result<Event> e = parse_event(
      R"({"id":"c-2","type":"complaint.registered","at":"2026-10-12T09:00:00+08:00","order":"WB1"})");
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.status().path(), "/complaint");
  EXPECT_NE(e.status().message().find("missing required field \"complaint\""), std::string::npos);
}

TEST(ComplaintEvent, OnlyComplaintEventsNameAComplaint) {
  Result<Event> order = parse_event(
      R"({"id":"o-1","type":"order.created","at":"2026-10-12T09:00:00+08:00","order":"WB1","complaint":"CP-1"})");
  ASSERT_FALSE(order.ok());
  EXPECT_EQ(order.status().path(), "/complaint");
  EXPECT_EQ(order.status().entity(), "order:WB1");
  Result<Event> bad_ref = parse_event(
      R"({"id":"c-3","type":"complaint.created","at":"2026-10-12T09:00:00+08:00","complaint":"CP-1","order":""})");
  ASSERT_FALSE(bad_ref.ok());
  EXPECT_EQ(bad_ref.status().path(), "/order");
}

TEST(ComplaintEvent, TheOrderReferenceIsPartOfTheContent) {
  Result<Event> with = parse_event(kOpened);
  Result<Event> other = parse_event(
      R"({"id":"c-1","type":"complaint.created","at":"2026-10-12T09:00:00+08:00",)"
      R"("complaint":"CP-9","order":"WB124","customer":"C001",)"
      R"("attrs":{"category":"damage","channel":"hotline"}})");
  ASSERT_TRUE(with.ok() && other.ok());
  EXPECT_NE(with->content_hash, other->content_hash);
}

// The path from registration to closing, in the order docs/events.md gives.
TEST(ComplaintLifecycle, RegisteredToClosed) {
  State s = initial_state(EntityKind::kComplaint);
  EXPECT_EQ(state_name(EntityKind::kComplaint, s), "received");
  for (const char* step : {"registered", "accepted", "investigating", "awaiting_customer",
                           "customer_replied", "resolved", "feedback_sent", "evaluated",
                           "return_visited", "closed"}) {
    std::optional<State> next = transition(EntityKind::kComplaint, s, step);
    ASSERT_TRUE(next.has_value()) << "from " << state_name(EntityKind::kComplaint, s)
                                  << " by " << step;
    s = *next;
  }
  EXPECT_EQ(state_name(EntityKind::kComplaint, s), "closed");
  EXPECT_TRUE(is_closed(EntityKind::kComplaint, s));
  EXPECT_FALSE(transition(EntityKind::kComplaint, s, "reopened").has_value());
}

TEST(ComplaintLifecycle, ReopenWithdrawAndOutOfOrder) {
  auto go = [](State from, const char* event) {
    return transition(EntityKind::kComplaint, from, event);
  };
  State received = initial_state(EntityKind::kComplaint);
  EXPECT_FALSE(go(received, "accepted").has_value());  // not registered yet
  EXPECT_FALSE(go(received, "resolved").has_value());
  State registered = *go(received, "registered");
  State accepted = *go(registered, "accepted");
  State resolved = *go(accepted, "resolved");
  State reopened = *go(resolved, "reopened");
  EXPECT_EQ(state_name(EntityKind::kComplaint, reopened), "reopened");
  EXPECT_EQ(state_name(EntityKind::kComplaint, *go(reopened, "investigating")), "investigating");
  EXPECT_FALSE(go(resolved, "withdrawn").has_value());  // handled: too late to withdraw
  State withdrawn = *go(accepted, "withdrawn");
  EXPECT_TRUE(is_closed(EntityKind::kComplaint, withdrawn));
  // Re-grading and escalating keep the state.
  EXPECT_EQ(*go(accepted, "regraded"), accepted);
  EXPECT_EQ(*go(accepted, "escalated"), accepted);
  EXPECT_EQ(*go(accepted, "updated"), accepted);
}

TEST(CustomerLifecycle, CloseRequestedThenRetainedOrClosed) {
  State active = initial_state(EntityKind::kCustomer);
  State closing = *transition(EntityKind::kCustomer, active, "close_requested");
  EXPECT_EQ(state_name(EntityKind::kCustomer, closing), "closing");
  EXPECT_FALSE(is_closed(EntityKind::kCustomer, closing));
  EXPECT_EQ(*transition(EntityKind::kCustomer, closing, "retained"), active);
  EXPECT_FALSE(transition(EntityKind::kCustomer, active, "retained").has_value());
  EXPECT_TRUE(is_closed(EntityKind::kCustomer, *transition(EntityKind::kCustomer, closing, "closed")));
  EXPECT_FALSE(transition(EntityKind::kCustomer, active, "regraded").has_value());
}

}  // namespace
}  // namespace kefu::domain
