// Late events (DESIGN.md, "Events in, notifications out"): an event older
// than the engine's clock is inserted into its entity's history at its own
// timestamp and the history re-applied; a notification already emitted that
// would not have been is followed by a `correction`, a missed breach is
// emitted with "late":true; events older than `late_window` are refused.
//
// Calendars: "cn-24x7" (always open, +08:00), "office" (Mon-Fri
// 09:00-18:00, +08:00). 2026-03-02 is a Monday. The late window is 1 day.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "kefu/engine/engine.h"
#include "kefu/engine/notification.h"
#include "kefu/policy/policy.h"
#include "engine/engine_story.h"

namespace kefu::engine {
namespace {

using policy::EntityKind;


constexpr std::string_view kPolicy = R"({
  "version": "late-1", "late_window": "1d",
  "calendars": {
    "cn-24x7": {"utc_offset": "+08:00", "week": {
      "mon": ["00:00-24:00"], "tue": ["00:00-24:00"], "wed": ["00:00-24:00"],
      "thu": ["00:00-24:00"], "fri": ["00:00-24:00"], "sat": ["00:00-24:00"],
      "sun": ["00:00-24:00"]}},
    "office": {"utc_offset": "+08:00", "week": {
      "mon": ["09:00-18:00"], "tue": ["09:00-18:00"], "wed": ["09:00-18:00"],
      "thu": ["09:00-18:00"], "fri": ["09:00-18:00"]}}},
  "milestones": {"order": ["hold", "unhold", "inbound_done"]},
  "sla": [
    {"id": "order.confirm", "entity": "order", "start": "order.created",
     "stop": "order.confirmed", "target": "1h", "calendar": "cn-24x7"},
    {"id": "order.handle", "entity": "order", "start": "order.created",
     "stop": "order.inbound_done", "pause": "order.hold", "resume": "order.unhold",
     "target": "4h", "calendar": "office"}
  ]})";

policy::Policy MakePolicy() {
  Result<policy::Policy> p = policy::Policy::Parse(kPolicy);
  if (!p.ok()) {
    ADD_FAILURE() << p.status().to_string();
    return *policy::Policy::Parse(R"({"version":"broken"})");
  }
  return *p;
}

// The timers of `key`; the first is order.confirm (first in the policy).
Result<std::vector<TimerView>> Timers(const Engine& engine, std::string_view key) {
  return engine.timers_of(EntityKind::kOrder, key);
}

TEST(EngineLateEvents, ALateStopBeforeTheDueCorrectsTheBreach) {
  Engine engine(MakePolicy());
  Accept(engine, Ev("e-1", "order.created", "03-02T09:00", "WB1"));
  Accept(engine, Ev("e-2", "order.inbound_done", "03-02T09:01", "WB1"));
  EXPECT_EQ(Advance(engine, "03-02T10:30"),
            (Lines{N("breach", 1, "03-02T10:00", "order.confirm", "WB1", "03-02T10:00")}));
  // Confirmed at 09:50, told at 10:30: the breach at 10:00 was wrong.
  Accept(engine, Ev("e-3", "order.confirmed", "03-02T09:50", "WB1"));
  EXPECT_EQ(Advance(engine, "03-02T10:30"),
            (Lines{N("correction", 2, "03-02T10:00", "order.confirm", "WB1", "03-02T10:00",
                     R"(,"event":"e-3","corrects":1)")}));
  EXPECT_EQ(Advance(engine, "03-03T00:00"), Lines{});
  Result<std::vector<TimerView>> timers = Timers(engine, "WB1");
  ASSERT_TRUE(timers.ok());
  EXPECT_EQ(timers->front().state, "stopped");
  EXPECT_FALSE(timers->front().breached);
  // Re-sent, the late event is a duplicate and changes nothing.
  Result<IngestOutcome> again =
      engine.ingest_json(Ev("e-3", "order.confirmed", "03-02T09:50", "WB1"));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, IngestOutcome::kDuplicate);
  EXPECT_EQ(Advance(engine, "03-03T00:00"), Lines{});
}

// The remembered ids point into the entity's history: a late event put
// before others moves them on, and each id must still be found, with its
// own content, for duplicates and conflicts.
TEST(EngineLateEvents, IdsAfterALateEventStayRemembered) {
  Engine engine(MakePolicy());
  const std::vector<std::string> events = {
      Ev("e-1", "order.created", "03-02T09:00", "WB1"),
      Ev("e-2", "order.hold", "03-02T09:20", "WB1"),
      Ev("e-3", "order.unhold", "03-02T09:40", "WB1"),
      Ev("e-4", "order.inbound_done", "03-02T09:50", "WB1")};
  for (const std::string& e : events) Accept(engine, e);
  Advance(engine, "03-02T09:55");
  const std::string late = Ev("e-5", "order.confirmed", "03-02T09:10", "WB1");
  Accept(engine, late);  // goes in second
  const std::string state = engine.canonical_state();
  for (const std::string& e : events) {
    Result<IngestOutcome> again = engine.ingest_json(e);
    ASSERT_TRUE(again.ok()) << again.status().to_string();
    EXPECT_EQ(*again, IngestOutcome::kDuplicate) << e;
  }
  EXPECT_EQ(engine.ingest_json(late).value(), IngestOutcome::kDuplicate);
  EXPECT_EQ(Refuse(engine, Ev("e-3", "order.unhold", "03-02T09:41", "WB1")).code(),
            StatusCode::kRefused);
  EXPECT_EQ(Refuse(engine, Ev("e-5", "order.confirmed", "03-02T09:11", "WB1")).code(),
            StatusCode::kRefused);
  EXPECT_EQ(engine.canonical_state(), state);
  EXPECT_EQ(engine.stats().remembered_ids, 5u);
  // And each leaves with the late window (1 day), found by its instant.
  Advance(engine, "03-03T09:30");
  EXPECT_EQ(engine.stats().remembered_ids, 2u);  // e-3 and e-4
  Advance(engine, "03-04T00:00");
  EXPECT_EQ(engine.stats().remembered_ids, 0u);
}

TEST(EngineLateEvents, ALateStopExactlyAtTheDueIsOnTime) {
  Engine engine(MakePolicy());
  Accept(engine, Ev("e-1", "order.created", "03-02T09:00", "WB1"));
  Accept(engine, Ev("e-2", "order.inbound_done", "03-02T09:01", "WB1"));
  EXPECT_EQ(Advance(engine, "03-02T10:30").size(), 1u);
  Accept(engine, Ev("e-3", "order.confirmed", "03-02T10:00", "WB1"));
  EXPECT_EQ(Advance(engine, "03-02T10:30"),
            (Lines{N("correction", 2, "03-02T10:00", "order.confirm", "WB1", "03-02T10:00",
                     R"(,"event":"e-3","corrects":1)")}));
}

TEST(EngineLateEvents, ALateStopAfterTheDueLeavesTheBreach) {
  Engine engine(MakePolicy());
  Accept(engine, Ev("e-1", "order.created", "03-02T09:00", "WB1"));
  Accept(engine, Ev("e-2", "order.inbound_done", "03-02T09:01", "WB1"));
  EXPECT_EQ(Advance(engine, "03-02T10:30").size(), 1u);
  Accept(engine, Ev("e-3", "order.confirmed", "03-02T10:10", "WB1"));
  EXPECT_EQ(Advance(engine, "03-02T10:30"), Lines{});
  Result<std::vector<TimerView>> timers = Timers(engine, "WB1");
  ASSERT_TRUE(timers.ok());
  EXPECT_TRUE(timers->front().breached);
  EXPECT_EQ(timers->front().state, "stopped");
}

TEST(EngineLateEvents, ALateStartEmitsTheMissedBreachMarkedLate) {
  Engine engine(MakePolicy());
  // order.handle (4h of office time) falls due after 14:00 for both orders.
  Accept(engine, Ev("e-1", "order.created", "03-02T11:30", "WB1"));
  EXPECT_EQ(Advance(engine, "03-02T12:00"), Lines{});
  // WB2 created at 10:00, told at 12:00: its 11:00 breach was missed.
  Accept(engine, Ev("e-3", "order.created", "03-02T10:00", "WB2"));
  // Advancing to an earlier instant returns nothing; the clock stays.
  EXPECT_EQ(Advance(engine, "03-02T11:30"), Lines{});
  ASSERT_TRUE(engine.clock().has_value());
  EXPECT_EQ(*engine.clock(), I("03-02T12:00"));
  EXPECT_EQ(Advance(engine, "03-02T12:00"),
            (Lines{N("breach", 1, "03-02T11:00", "order.confirm", "WB2", "03-02T11:00",
                     R"(,"late":true,"event":"e-3")")}));
  EXPECT_EQ(Advance(engine, "03-02T12:30"),
            (Lines{N("breach", 2, "03-02T12:30", "order.confirm", "WB1", "03-02T12:30")}));
}

TEST(EngineLateEvents, ALatePauseWithdrawsTheBreachAndMovesTheDue) {
  // order.handle: 4h of office time from Mon 09:00, due 13:00.
  Engine engine(MakePolicy());
  Accept(engine, Ev("e-1", "order.created", "03-02T09:00", "WB1"));
  Accept(engine, Ev("e-2", "order.confirmed", "03-02T09:10", "WB1"));
  EXPECT_EQ(Advance(engine, "03-02T14:00"),
            (Lines{N("breach", 1, "03-02T13:00", "order.handle", "WB1", "03-02T13:00")}));
  // On hold since 10:00 (told at 14:00): the timer was paused at 13:00.
  Accept(engine, Ev("e-3", "order.hold", "03-02T10:00", "WB1"));
  EXPECT_EQ(Advance(engine, "03-02T14:00"),
            (Lines{N("correction", 2, "03-02T13:00", "order.handle", "WB1", "03-02T13:00",
                     R"(,"event":"e-3","corrects":1)")}));
  // Resumed 14:30: 4.5h open paused, due 13:00 + 4.5h = 17:30.
  Accept(engine, Ev("e-4", "order.unhold", "03-02T14:30", "WB1"));
  EXPECT_EQ(Advance(engine, "03-02T17:29:59"), Lines{});
  EXPECT_EQ(Advance(engine, "03-02T17:30"),
            (Lines{N("breach", 3, "03-02T17:30", "order.handle", "WB1", "03-02T17:30")}));
}

TEST(EngineLateEvents, EventsOlderThanTheLateWindowAreRefused) {
  Engine engine(MakePolicy());
  EXPECT_EQ(Advance(engine, "03-02T12:00"), Lines{});
  // The window is 1 day: 03-01 12:00 is the oldest instant accepted.
  Status s = Refuse(engine, Ev("e-old", "order.created", "03-01T11:59:59", "WB9"));
  EXPECT_EQ(s.code(), StatusCode::kRefused);
  EXPECT_EQ(s.event_id(), "e-old");
  EXPECT_EQ(s.entity(), "order:WB9");
  EXPECT_EQ(engine.timers_of(EntityKind::kOrder, "WB9").status().code(), StatusCode::kNotFound);
  Accept(engine, Ev("e-edge", "order.created", "03-01T12:00", "WB8"));
  // Refused, so not remembered: the same id with a fixed instant goes in.
  Accept(engine, Ev("e-old", "order.created", "03-02T11:00", "WB9"));
}

TEST(EngineLateEvents, ALateEventThatMakesTheHistoryIllegalIsRefused) {
  Engine engine(MakePolicy());
  Accept(engine, Ev("e-1", "order.created", "03-02T09:00", "WB1"));
  Accept(engine, Ev("e-2", "order.confirmed", "03-02T10:00", "WB1"));
  EXPECT_EQ(Advance(engine, "03-02T11:00"), Lines{});  // confirmed at its due: on time
  // Cancelled at 09:30 would make the 10:00 confirmation illegal.
  Status s = Refuse(engine, Ev("e-3", "order.cancelled", "03-02T09:30", "WB1"));
  EXPECT_EQ(s.code(), StatusCode::kRefused);
  EXPECT_EQ(s.event_id(), "e-3");
  EXPECT_EQ(s.entity(), "order:WB1");
  // Nothing changed: no correction, the order is still confirmed and open.
  EXPECT_EQ(Advance(engine, "03-02T11:00"), Lines{});
  Accept(engine, Ev("e-4", "order.departed", "03-02T11:05", "WB1"));
  // Before the creation: refused as well, with or without a clock.
  Engine fresh(MakePolicy());
  Accept(fresh, Ev("e-1", "order.created", "03-02T09:00", "WB1"));
  s = Refuse(fresh, Ev("e-2", "order.confirmed", "03-02T08:59", "WB1"));
  EXPECT_EQ(s.event_id(), "e-2");
  EXPECT_EQ(s.entity(), "order:WB1");
}

}  // namespace
}  // namespace kefu::engine
