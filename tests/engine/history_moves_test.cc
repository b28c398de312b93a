// The history arena inside the engine: when entities leave memory and
// others are re-built by late events, the arena empties chunks left less
// than half live and moves the records of the entities that stay. Those
// must read back as if nothing had moved: each survivor explains, and
// survives a snapshot, exactly as it does in an engine that never held
// the entities that left.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "engine/engine_story.h"
#include "engine/small_policy.h"
#include "kefu/engine/engine.h"
#include "kefu/engine/snapshot.h"
#include "kefu/policy/policy.h"

namespace kefu::engine {
namespace {

using policy::EntityKind;

constexpr int kOrders = 6000;  // ~150 bytes a created event: about 14 chunks

std::string Key(int i) { return "WB" + std::to_string(i); }
bool Stays(int i) { return i % 3 == 0; }
// A second of the hour after 09:00, for order i.
std::string At(int hour, int i) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "03-02T%02d:%02d:%02d", hour, (i / 60) % 60, i % 60);
  return buf;
}

// Feeds the story of every order i for which `keep(i)`: created with
// attributes long enough to fill chunks, then the ones that stay are
// confirmed and the others cancelled; a day later the cancelled ones leave
// memory (retention 1d); then a late update re-builds every ninth order.
template <typename Keep>
void Feed(Engine& engine, Keep keep) {
  for (int i = 0; i < kOrders; ++i)
    if (keep(i))
      Accept(engine, Ev("c-" + std::to_string(i), "order.created", At(9, i), Key(i),
                        R"({"tier":"B","note":"a note long enough to fill the chunks )" +
                            std::to_string(i) + R"("})"));
  for (int i = 0; i < kOrders; ++i)
    if (keep(i))
      Accept(engine, Ev("s-" + std::to_string(i), Stays(i) ? "order.confirmed" : "order.cancelled",
                        At(10, i), Key(i)));
  engine.advance(I("03-03T12:00"));
  for (int i = 0; i < kOrders; i += 9)
    if (keep(i))
      Accept(engine, Ev("u-" + std::to_string(i), "order.updated", At(11, i), Key(i),
                        R"({"tier":"A"})"));
  engine.advance(I("03-03T13:00"));
}

TEST(HistoryMoves, RecordsMovedByTheArenaReadBackAsIfNothingMoved) {
  const policy::Policy policy = MakePolicy(kConfirm, R"("version": "t-1", "retention": "1d")");
  Engine all(policy);
  Engine survivors(policy);
  Feed(all, [](int) { return true; });
  Feed(survivors, Stays);
  ASSERT_EQ(all.stats().entities, survivors.stats().entities) << "the cancelled orders left";
  // Their records left with them, and the chunks they left a third live
  // were emptied: what the chunks in use take is at most twice the
  // survivors' records, and a chunk or two being written.
  const EngineStats stats = all.stats();
  EXPECT_EQ(stats.history_bytes, survivors.stats().history_bytes);
  EXPECT_GT(stats.history_bytes, 0u);
  EXPECT_LE(stats.history_chunk_bytes, 2 * stats.history_bytes + 2 * (std::size_t{64} << 10));

  Result<Engine> restored = read_snapshot(write_snapshot(all), {policy});
  ASSERT_TRUE(restored.ok()) << restored.status().to_string();
  for (int i = 0; i < kOrders; i += 3) {
    Result<std::string> want = survivors.explain(EntityKind::kOrder, Key(i));
    ASSERT_TRUE(want.ok()) << Key(i);
    EXPECT_EQ(*all.explain(EntityKind::kOrder, Key(i)), *want) << Key(i);
    EXPECT_EQ(*restored->explain(EntityKind::kOrder, Key(i)), *want) << Key(i) << " restored";
  }
  // Their ids are still known: a re-sent event is a duplicate.
  for (int i = 0; i < kOrders; i += 3) {
    Result<IngestOutcome> r = all.ingest_json(
        Ev("s-" + std::to_string(i), "order.confirmed", At(10, i), Key(i)));
    ASSERT_TRUE(r.ok()) << r.status().to_string();
    EXPECT_EQ(*r, IngestOutcome::kDuplicate) << Key(i);
  }
}

}  // namespace
}  // namespace kefu::engine
