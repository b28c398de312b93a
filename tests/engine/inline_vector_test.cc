// InlineVector keeps its values in append order whether they sit inline
// or on the heap, through moves, reserves, replacements and clears; the
// engine's TimerHandles (six inline) and history places (twelve) are two.
#include "engine/inline_vector.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <utility>
#include <vector>

namespace kefu::engine {
namespace {

std::vector<std::uint32_t> Contents(const TimerHandles& h) {
  return std::vector<std::uint32_t>(h.begin(), h.end());
}

// Filled past the inline room and on through two heap growths, the
// handles stay in order, whatever the storage.
TEST(InlineVector, KeepsAppendOrderInlineAndOnTheHeap) {
  TimerHandles h;
  EXPECT_TRUE(h.empty());
  std::vector<std::uint32_t> expected;
  for (std::uint32_t i = 0; i < 4 * TimerHandles::kInline; ++i) {
    h.push_back(1000 + i * 7);
    expected.push_back(1000 + i * 7);
    ASSERT_EQ(Contents(h), expected) << "after " << i + 1;
    ASSERT_EQ(h.size(), expected.size());
    EXPECT_EQ(h[i], expected[i]);
  }
}

TEST(InlineVector, MoveTakesTheHandlesAndEmptiesTheSource) {
  for (std::uint32_t n : {0u, 3u, TimerHandles::kInline, TimerHandles::kInline + 1, 40u}) {
    SCOPED_TRACE(n);
    TimerHandles a;
    std::vector<std::uint32_t> expected;
    for (std::uint32_t i = 0; i < n; ++i) {
      a.push_back(i);
      expected.push_back(i);
    }
    TimerHandles b(std::move(a));
    EXPECT_EQ(Contents(b), expected);
    EXPECT_TRUE(a.empty());  // NOLINT(bugprone-use-after-move): a move empties
    a.push_back(99);         // and the source is usable again
    EXPECT_EQ(Contents(a), std::vector<std::uint32_t>{99});

    TimerHandles c;
    for (std::uint32_t i = 0; i < 20; ++i) c.push_back(7);  // on the heap, freed by the move
    c = std::move(b);
    EXPECT_EQ(Contents(c), expected);
    EXPECT_TRUE(b.empty());  // NOLINT(bugprone-use-after-move)
  }
}

TEST(InlineVector, ReserveKeepsTheHandles) {
  TimerHandles h;
  h.push_back(5);
  h.push_back(6);
  h.reserve(2);  // no growth
  h.reserve(100);
  EXPECT_EQ(Contents(h), (std::vector<std::uint32_t>{5, 6}));
  for (std::uint32_t i = 0; i < 98; ++i) h.push_back(i);
  EXPECT_EQ(h.size(), 100u);
  EXPECT_EQ(h[99], 97u);
}

// The history's places: an element is replaced where the arena moved its
// record, and a clear goes back to the inline room.
TEST(InlineVector, ReplacesAnElementAndClearsBackToTheInlineRoom) {
  using Places = InlineVector<std::uint64_t, 12>;
  for (const std::uint64_t n : {std::uint64_t{5}, std::uint64_t{12}, std::uint64_t{13},
                                std::uint64_t{50}}) {
    SCOPED_TRACE(n);
    Places p;
    for (std::uint64_t i = 0; i < n; ++i) p.push_back(i << 32);
    p[n - 1] = 77;
    p[0] = 11;
    EXPECT_EQ(p[0], 11u);
    EXPECT_EQ(p[n - 1], 77u);
    EXPECT_EQ(p[1], std::uint64_t{1} << 32);
    p.clear();
    EXPECT_TRUE(p.empty());
    for (std::uint64_t i = 0; i < 3; ++i) p.push_back(i);
    EXPECT_EQ(std::vector<std::uint64_t>(p.begin(), p.end()),
              (std::vector<std::uint64_t>{0, 1, 2}));
  }
}

}  // namespace
}  // namespace kefu::engine
