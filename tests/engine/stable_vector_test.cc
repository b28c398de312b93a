// StableVector: indexes across chunk boundaries, addresses that never move,
// every element destroyed exactly once, moves that leave the source empty.
#include "engine/stable_vector.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

namespace kefu::engine {
namespace {

TEST(StableVector, IndexesEveryElementAcrossChunks) {
  StableVector<std::uint64_t> v;
  EXPECT_TRUE(v.empty());
  std::vector<const std::uint64_t*> addresses;
  for (std::uint64_t i = 0; i < 100000; ++i) {
    v.push_back(i * 7);
    addresses.push_back(&v[i]);
  }
  ASSERT_EQ(v.size(), 100000u);
  for (std::uint64_t i = 0; i < v.size(); ++i) {
    ASSERT_EQ(v[i], i * 7) << i;
    ASSERT_EQ(&v[i], addresses[i]) << "element " << i << " moved";
  }
  std::uint64_t n = 0;
  for (const std::uint64_t& x : v) ASSERT_EQ(x, 7 * n++);
  EXPECT_EQ(n, v.size());
}

TEST(StableVector, ChunkBoundariesHoldTheirNeighbours) {
  // The first chunk holds 16, then 32, 64, ...: the last and first element
  // of each pair of chunks are distinct and adjacent in index.
  StableVector<int> v;
  for (int i = 0; i < 16 + 32 + 64 + 1; ++i) v.push_back(i);
  for (int i : {15, 16, 47, 48, 111, 112}) EXPECT_EQ(v[static_cast<std::size_t>(i)], i);
}

struct Counted {
  static inline int alive = 0;
  std::string text;
  explicit Counted(std::string t) : text(std::move(t)) { ++alive; }
  Counted(const Counted& o) : text(o.text) { ++alive; }
  ~Counted() { --alive; }
};

TEST(StableVector, DestroysEachElementOnceAndMovesWhole) {
  {
    StableVector<Counted> v;
    v.reserve(1000);
    for (int i = 0; i < 1000; ++i) v.emplace_back("element " + std::to_string(i));
    EXPECT_EQ(Counted::alive, 1000);
    StableVector<Counted> moved(std::move(v));
    EXPECT_TRUE(v.empty());  // NOLINT(bugprone-use-after-move): moved-from is empty
    EXPECT_EQ(moved.size(), 1000u);
    EXPECT_EQ(moved[999].text, "element 999");
    StableVector<Counted> assigned;
    assigned.emplace_back("replaced");
    assigned = std::move(moved);
    EXPECT_EQ(Counted::alive, 1000);
    EXPECT_EQ(assigned[0].text, "element 0");
  }
  EXPECT_EQ(Counted::alive, 0);
}

}  // namespace
}  // namespace kefu::engine
