// The remembered event ids against a brute-force model, over seeded random
// stories: orders created, held, released, confirmed and cancelled, events
// sent late (inside and outside the late window), sent twice, and sent
// again with other content; advances in between. The engine names a
// remembered id by its event's place in its entity's history (moved on by
// late events, copied out when the entity leaves memory first: here the
// retention, 2h, is far shorter than the late window, 1d), so the model is
// what DESIGN.md says: an accepted id is remembered until the clock passes
// its instant by the late window; a re-sent event is a duplicate exactly
// while its id is remembered, and the same id with other content a
// conflict. After every step the engine's remembered ids (its canonical
// state) must be the model's, and a snapshot of it must restore them.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iterator>
#include <cstdint>
#include <map>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/engine_story.h"
#include "kefu/engine/engine.h"
#include "kefu/engine/snapshot.h"
#include "kefu/policy/policy.h"

namespace kefu::engine {
namespace {

constexpr std::string_view kPolicy = R"({
  "version": "ids-1", "late_window": "1d", "retention": "2h",
  "calendars": {"cn-24x7": {"utc_offset": "+08:00", "week": {
    "mon": ["00:00-24:00"], "tue": ["00:00-24:00"], "wed": ["00:00-24:00"],
    "thu": ["00:00-24:00"], "fri": ["00:00-24:00"], "sat": ["00:00-24:00"],
    "sun": ["00:00-24:00"]}}},
  "milestones": {"order": ["hold", "unhold"]},
  "sla": [
    {"id": "order.confirm", "entity": "order", "start": "order.created",
     "stop": "order.confirmed", "pause": "order.hold", "resume": "order.unhold",
     "target": "3h", "calendar": "cn-24x7"}
  ]})";

// "03-DDTHH:MM" for minute `m` after 2026-03-02T00:00 (+08:00).
std::string Local(int minute) {
  const unsigned m = static_cast<unsigned>(minute) % (28 * 1440);  // a story stays in March
  char text[32];
  std::snprintf(text, sizeof text, "03-%02uT%02u:%02u", 2 + m / 1440, (m / 60) % 24, m % 60);
  return text;
}

// The engine's remembered ids, as (id, instant) pairs.
std::set<std::pair<std::string, std::string>> Remembered(const Engine& engine) {
  std::set<std::pair<std::string, std::string>> out;
  const nlohmann::json state = nlohmann::json::parse(engine.canonical_state());
  for (const auto& id : state["remembered_ids"])
    out.emplace(id["id"].get<std::string>(), id["at"].get<std::string>());
  return out;
}

struct Sent {
  std::string line;
  int minute;
  std::string key;
};

// How often a story took each path, so the test cannot pass vacuously.
struct Paths {
  int duplicates = 0;
  int conflicts = 0;
  int late = 0;              // accepted before the clock: a re-build moved places
  int left_remembered = 0;   // ids still remembered whose entity left memory
};

void RunStory(std::uint64_t seed, Paths& paths) {
  SCOPED_TRACE("seed " + std::to_string(seed));
  Result<policy::Policy> policy = policy::Policy::Parse(kPolicy);
  ASSERT_TRUE(policy.ok()) << policy.status().to_string();
  Engine engine(*policy);
  std::mt19937_64 rng(seed);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<std::uint64_t>(n)); };

  std::map<std::string, Sent> model;  // accepted and still remembered, by id
  std::vector<Sent> history;          // every accepted event, to re-send
  int clock = 0;                      // minutes
  int next_id = 0;
  const char* kTypes[] = {"order.hold", "order.unhold", "order.confirmed", "order.cancelled"};

  for (int step = 0; step < 400; ++step) {
    const int what = pick(10);
    if (what == 0) {  // advance up to 6 hours
      clock += 1 + pick(360);
      engine.advance(I(Local(clock)));
      // Forgotten once the clock passes the instant by more than the window.
      std::erase_if(model, [&](const auto& item) { return item.second.minute < clock - 1440; });
    } else if (what == 1 && !history.empty()) {  // the same event again
      const Sent& again = history[static_cast<std::size_t>(pick(static_cast<int>(history.size())))];
      Result<IngestOutcome> r = engine.ingest_json(again.line);
      const std::string id = nlohmann::json::parse(again.line)["id"];
      if (model.count(id)) {
        ASSERT_TRUE(r.ok()) << again.line << ": " << r.status().to_string();
        EXPECT_EQ(*r, IngestOutcome::kDuplicate) << again.line;
        ++paths.duplicates;
      } else {
        EXPECT_TRUE(!r.ok() || *r != IngestOutcome::kDuplicate)
            << again.line << " is forgotten, yet a duplicate";
        if (r.ok()) {
          model[id] = again;
          history.push_back(again);
        }
      }
    } else if (what == 2 && !model.empty()) {  // a remembered id, other content
      auto it = model.begin();
      std::advance(it, pick(static_cast<int>(model.size())));
      nlohmann::json changed = nlohmann::json::parse(it->second.line);
      changed["at"] = T(Local(it->second.minute + 1));
      Result<IngestOutcome> r = engine.ingest_json(changed.dump());
      ASSERT_FALSE(r.ok()) << changed.dump() << " accepted over " << it->second.line;
      EXPECT_NE(r.status().message().find("already accepted with different content"),
                std::string::npos)
          << r.status().to_string();
      ++paths.conflicts;
    } else {  // a new event, sometimes late, sometimes past the window
      const int order = pick(12);
      const std::string key = "WB" + std::to_string(order);
      const std::string type = pick(4) == 0 ? "order.created" : kTypes[pick(4)];
      const int late = pick(5) == 0 ? pick(1700) : 0;
      const int minute = std::max(0, clock - late + pick(30));
      const std::string id = "e-" + std::to_string(++next_id);
      const Sent sent{Ev(id, type, Local(minute), key), minute, key};
      Result<IngestOutcome> r = engine.ingest_json(sent.line);
      if (r.ok()) {
        ASSERT_EQ(*r, IngestOutcome::kAccepted) << sent.line;
        if (minute < clock) ++paths.late;
        model[id] = sent;
        history.push_back(sent);
      }
    }
    // Instants compared as text in +08:00 (the canonical state writes UTC).
    const time::UtcOffset china = time::UtcOffset::seconds(8 * 3600);
    std::set<std::pair<std::string, std::string>> want, got;
    for (const auto& [id, sent] : model)
      want.emplace(id, time::format_instant(I(Local(sent.minute)), china));
    for (const auto& [id, at] : Remembered(engine))
      got.emplace(id, time::format_instant(*time::parse_instant(at), china));
    ASSERT_EQ(got, want) << "after step " << step;
    EXPECT_EQ(engine.stats().remembered_ids, model.size()) << "after step " << step;
    for (const auto& [id, sent] : model)
      if (!engine.timers_of(policy::EntityKind::kOrder, sent.key).ok()) ++paths.left_remembered;
  }
  Result<Engine> restored = read_snapshot(write_snapshot(engine), {*policy});
  ASSERT_TRUE(restored.ok()) << restored.status().to_string();
  EXPECT_EQ(restored->canonical_state(), engine.canonical_state());
}

TEST(RememberedIds, MatchABruteForceModelOverRandomStories) {
  Paths paths;
  for (std::uint64_t seed = 1; seed <= 12; ++seed) RunStory(seed, paths);
  EXPECT_GT(paths.duplicates, 0);
  EXPECT_GT(paths.conflicts, 0);
  EXPECT_GT(paths.late, 0);
  EXPECT_GT(paths.left_remembered, 0);
}

}  // namespace
}  // namespace kefu::engine
