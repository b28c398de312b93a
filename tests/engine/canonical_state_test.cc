// Engine::canonical_state: one deterministic JSON document per logical
// state, unchanged by a refused event, changed by everything else.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <string>

#include "engine/engine_story.h"
#include "engine/story_log.h"
#include "kefu/engine/engine.h"
#include "kefu/policy/policy.h"

namespace kefu::engine {
namespace {

policy::Policy Reference() {
  return *policy::Policy::Load(KEFU_SOURCE_DIR "/examples/policies/reference.json");
}

TEST(CanonicalState, SameHistorySameBytes) {
  const std::vector<std::string> story = StoryLog(11, 600);
  Engine a(Reference());
  Engine b(Reference());
  ReplayStory(a, story, 0, story.size());
  ReplayStory(b, story, 0, story.size());
  EXPECT_EQ(a.canonical_state(), b.canonical_state());
  // The story reached the interesting parts of the state.
  nlohmann::json state = nlohmann::json::parse(a.canonical_state());
  EXPECT_GT(state["entities"].size(), 10u);
  EXPECT_FALSE(state["remembered_ids"].empty());
  EXPECT_GT(state["next_seq"].get<int>(), 10);
}

TEST(CanonicalState, RefusedEventChangesNothing) {
  Engine engine(Reference());
  Accept(engine, Ev("e-1", "order.created", "03-02T09:00", "WB1", R"({"tier":"A"})"));
  Advance(engine, "03-02T09:40");
  const std::string before = engine.canonical_state();
  Refuse(engine, Ev("e-2", "order.signed", "03-02T09:41", "WB1"));             // illegal
  Refuse(engine, Ev("e-1", "order.created", "03-02T09:00", "WB2"));            // conflict
  Refuse(engine, Ev("e-3", "order.confirmed", "03-02T09:42", "NOPE"));         // no entity
  Refuse(engine, Ev("e-4", "order.confirmed", "01-02T09:42", "WB1"));          // too late
  EXPECT_EQ(engine.canonical_state(), before);
}

TEST(CanonicalState, ShowsEntitiesTimersClockAndIds) {
  Engine engine(Reference());
  EXPECT_EQ(engine.canonical_state(),
            R"({"clock":null,"entities":[],"format":"kefu-canonical-state/1","next_seq":1,)"
            R"("pending":[],"policies":["cn-logistics-2026.1"],"remembered_ids":[]})");
  Accept(engine, Ev("e-1", "order.created", "03-02T09:00", "WB1", R"({"tier":"C"})"));
  EXPECT_EQ(Advance(engine, "03-02T09:31"),  // the 50% warning of order.confirm
            (Lines{N("warning", 1, "03-02T09:30", "order.confirm", "WB1", "03-02T10:00",
                     R"(,"fraction":0.5)")}));
  nlohmann::json s = nlohmann::json::parse(engine.canonical_state());
  EXPECT_EQ(s["clock"], "2026-03-02T01:31:00+00:00");
  EXPECT_EQ(s["next_seq"], 2);
  ASSERT_EQ(s["entities"].size(), 1u);
  const nlohmann::json& e = s["entities"][0];
  EXPECT_EQ(e["key"], "WB1");
  EXPECT_EQ(e["state"], "created");
  EXPECT_EQ(e["attrs"], nlohmann::json({{"tier", "C"}}));
  ASSERT_EQ(e["timers"].size(), 1u);
  EXPECT_EQ(e["timers"][0]["sla"], "order.confirm");
  EXPECT_EQ(e["timers"][0]["due"], "2026-03-02T02:00:00+00:00");
  EXPECT_EQ(e["timers"][0]["warnings_fired"], 1);
  EXPECT_EQ(e["emitted"].size(), 1u);
  EXPECT_EQ(s["remembered_ids"][0]["id"], "e-1");
  // A later warning moves the state.
  const std::string before = engine.canonical_state();
  Advance(engine, "03-02T09:49");
  EXPECT_NE(engine.canonical_state(), before);
}

}  // namespace
}  // namespace kefu::engine
