// ExpiryQueue (src/engine/expiry_queue.h) against a binary heap, the
// structure it replaced: the same instants come out in the same order, and
// each instant's hashes are the same set, through pushes mostly in time
// order with late ones among them, pops between, and a restore.
#include "engine/expiry_queue.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <map>
#include <queue>
#include <random>
#include <utility>
#include <vector>

namespace kefu::engine {
namespace {

using Entry = ExpiryQueue::Entry;

struct Later {
  bool operator()(const Entry& a, const Entry& b) const { return a.first > b.first; }
};
using Model = std::priority_queue<Entry, std::vector<Entry>, Later>;

time::Instant At(std::int64_t s) { return time::Instant(std::chrono::seconds(s)); }

// Pops every pair of the earliest instant from both, and compares them.
void PopOneInstant(ExpiryQueue& q, Model& model) {
  ASSERT_FALSE(model.empty());
  ASSERT_FALSE(q.empty());
  const time::Instant at = model.top().first;
  ASSERT_EQ(q.top().first, at);
  std::vector<std::uint64_t> expected, got;
  while (!model.empty() && model.top().first == at) {
    expected.push_back(model.top().second);
    model.pop();
  }
  while (!q.empty() && q.top().first == at) {
    got.push_back(q.top().second);
    q.pop();
  }
  std::sort(expected.begin(), expected.end());
  std::sort(got.begin(), got.end());
  EXPECT_EQ(got, expected);
  ASSERT_EQ(q.size(), model.size());
}

TEST(ExpiryQueue, MatchesABinaryHeapThroughLateArrivalsAndPops) {
  std::mt19937_64 rng(29);
  ExpiryQueue q;
  Model model;
  std::int64_t clock = 0;
  int late = 0;
  for (int step = 0; step < 20000; ++step) {
    const std::uint64_t roll = rng() % 100;
    if (roll < 70) {  // in order, often at the same instant
      clock += static_cast<std::int64_t>(rng() % 3);
      const std::uint64_t hash = rng();
      q.push(At(clock), hash);
      model.emplace(At(clock), hash);
    } else if (roll < 85) {  // late: up to a minute before the clock
      const std::int64_t at = clock - static_cast<std::int64_t>(rng() % 60);
      const std::uint64_t hash = rng();
      q.push(At(at), hash);
      model.emplace(At(at), hash);
      late += at < clock ? 1 : 0;
    } else if (!model.empty()) {
      PopOneInstant(q, model);
    }
  }
  EXPECT_GT(late, 1000);
  while (!model.empty()) PopOneInstant(q, model);
  EXPECT_TRUE(q.empty());
}

TEST(ExpiryQueue, RestoredFromAnyOrderPopsEarliestFirst) {
  std::mt19937_64 rng(31);
  std::vector<Entry> entries;
  Model model;
  for (int i = 0; i < 5000; ++i) {
    const Entry e{At(static_cast<std::int64_t>(rng() % 1000)), rng()};
    entries.push_back(e);
    model.push(e);
  }
  ExpiryQueue q(entries);
  ASSERT_EQ(q.size(), entries.size());
  // Pushes after a restore go on behind it, or among the late ones.
  q.push(At(500), 7);
  model.emplace(At(500), 7);
  q.push(At(2000), 8);
  model.emplace(At(2000), 8);
  while (!model.empty()) PopOneInstant(q, model);
  EXPECT_TRUE(q.empty());
}

}  // namespace
}  // namespace kefu::engine
