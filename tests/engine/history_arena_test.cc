// HistoryArena against a model: every live record must read back as it was
// written, whatever was released around it and whichever chunks were
// emptied (their records moved, the owners told), and the dead bytes held
// must stay below the live ones outside the current chunk.
#include "engine/history_arena.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <map>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace kefu::engine {
namespace {

using Ref = HistoryArena::Ref;

// Owners with their records' places, as EventHistory keeps them.
struct Model {
  HistoryArena arena;
  std::vector<std::vector<Ref>> refs;               // owner -> index -> place
  std::vector<std::vector<std::string>> contents;   // what each record holds
  std::vector<std::vector<bool>> live;
  int moves = 0;

  Ref add(std::uint32_t owner, std::string bytes) {
    if (refs.size() <= owner) {
      refs.resize(owner + 1);
      contents.resize(owner + 1);
      live.resize(owner + 1);
    }
    const Ref r = arena.add(bytes.size(), owner, static_cast<std::uint32_t>(refs[owner].size()));
    std::memcpy(arena.data(r), bytes.data(), bytes.size());
    refs[owner].push_back(r);
    contents[owner].push_back(std::move(bytes));
    live[owner].push_back(true);
    return r;
  }
  void release(std::uint32_t owner, std::uint32_t index) {
    arena.release(refs[owner][index], [&](std::uint32_t o, std::uint32_t i, Ref to) {
      ASSERT_LT(o, refs.size());
      ASSERT_LT(i, refs[o].size());
      ASSERT_TRUE(live[o][i]) << "a dead record moved";
      refs[o][i] = to;
      ++moves;
    });
    live[owner][index] = false;
  }
  void expect_all_readable() const {
    std::size_t bytes = 0, records = 0;
    for (std::size_t o = 0; o < refs.size(); ++o)
      for (std::size_t i = 0; i < refs[o].size(); ++i)
        if (live[o][i]) {
          ASSERT_EQ(arena.record(refs[o][i]), contents[o][i]) << "owner " << o << " record " << i;
          bytes += contents[o][i].size();
          ++records;
        }
    EXPECT_EQ(arena.live_bytes(), bytes + 12 * records);  // a 12-byte header each
  }
  // What is held is about the live records, whatever was written: at most
  // twice them, and a few chunks (large ones once the arena is large).
  void expect_held_near_live() const {
    EXPECT_LE(arena.held_bytes(), 2 * arena.live_bytes() + 3 * chunk_bytes());
  }
  std::size_t chunk_bytes() const {
    return arena.held_bytes() >= HistoryArena::kLargeChunksFrom ? HistoryArena::kLargeChunkBytes
                                                                : HistoryArena::kChunkBytes;
  }
};

std::string Bytes(std::mt19937& rng, std::size_t n) {
  std::string s(n, '\0');
  for (char& c : s) c = static_cast<char>(rng() & 0xFF);
  return s;
}

TEST(HistoryArena, RecordsReadBackAsWritten) {
  Model m;
  std::mt19937 rng(7);
  for (std::uint32_t owner = 0; owner < 50; ++owner)
    for (int i = 0; i < 20; ++i) m.add(owner, Bytes(rng, 1 + rng() % 200));
  m.expect_all_readable();
  EXPECT_EQ(m.moves, 0);
}

TEST(HistoryArena, ARecordLargerThanAChunkHasItsOwn) {
  Model m;
  std::mt19937 rng(8);
  m.add(0, Bytes(rng, 100));
  m.add(0, Bytes(rng, HistoryArena::kChunkBytes * 3));
  m.add(0, Bytes(rng, 100));
  m.expect_all_readable();
  const std::size_t held = m.arena.held_bytes();
  m.release(0, 1);  // its chunk goes at once
  m.expect_all_readable();
  EXPECT_LE(m.arena.held_bytes(), held - HistoryArena::kChunkBytes * 3);
}

TEST(HistoryArena, AChunkLeftLessThanHalfLiveIsEmptiedAndItsOwnersTold) {
  Model m;
  std::mt19937 rng(9);
  // Two owners interleaved over several chunks; then one leaves.
  for (int i = 0; i < 3000; ++i) m.add(static_cast<std::uint32_t>(i % 2), Bytes(rng, 88));
  for (std::uint32_t i = 0; i < m.refs[0].size(); ++i) m.release(0, i);
  m.expect_all_readable();
  EXPECT_GT(m.moves, 0);
  m.expect_held_near_live();  // not the 3000 written
}

TEST(HistoryArena, RecordsThatDieInTheCurrentChunkDoNotPileUp) {
  Model m;
  std::mt19937 rng(12);
  // Each big record of owner 0 dies at once, while its chunk is the one
  // written: every chunk stops being written a quarter live.
  for (int i = 0; i < 4000; ++i) {
    m.add(1, Bytes(rng, 40));
    m.add(0, Bytes(rng, 140));
    m.release(0, static_cast<std::uint32_t>(m.refs[0].size() - 1));
  }
  m.expect_all_readable();
  EXPECT_GT(m.moves, 0);
  m.expect_held_near_live();
}

TEST(HistoryArena, OwnersChangeAndReleasedChunksAreReused) {
  Model m;
  std::mt19937 rng(10);
  for (int i = 0; i < 2000; ++i) m.add(0, Bytes(rng, 60));
  // Owner 0's records now belong to owner 1 (an entity re-built into its
  // place): a later move must name owner 1.
  m.refs.resize(2);
  m.contents.resize(2);
  m.live.resize(2);
  std::swap(m.refs[0], m.refs[1]);
  std::swap(m.contents[0], m.contents[1]);
  std::swap(m.live[0], m.live[1]);
  for (const Ref r : m.refs[1]) m.arena.set_owner(r, 1);
  for (int i = 0; i < 2000; ++i) m.add(2, Bytes(rng, 60));
  for (std::uint32_t i = 0; i < m.refs[1].size(); i += 3) m.release(1, i);
  for (std::uint32_t i = 1; i < m.refs[1].size(); i += 3) m.release(1, i);
  m.expect_all_readable();
  const std::size_t held = m.arena.held_bytes();
  for (int i = 0; i < 1000; ++i) m.add(3, Bytes(rng, 60));  // into the chunks freed
  m.expect_all_readable();
  EXPECT_LE(m.arena.held_bytes(), held + HistoryArena::kChunkBytes);
}

TEST(HistoryArena, RandomAddsAndReleasesAgainstTheModel) {
  Model m;
  std::mt19937 rng(11);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> alive;
  for (int step = 0; step < 40000; ++step) {
    if (alive.empty() || rng() % 3 != 0) {
      const auto owner = static_cast<std::uint32_t>(rng() % 64);
      const std::size_t n = rng() % 16 == 0 ? 2000 + rng() % 3000 : 1 + rng() % 150;
      m.add(owner, Bytes(rng, n));
      alive.emplace_back(owner, static_cast<std::uint32_t>(m.refs[owner].size() - 1));
    } else {
      const std::size_t k = rng() % alive.size();
      m.release(alive[k].first, alive[k].second);
      alive[k] = alive.back();
      alive.pop_back();
    }
    if (step % 5000 == 0) m.expect_all_readable();
  }
  m.expect_all_readable();
  EXPECT_GT(m.moves, 0);
  for (const auto& [owner, index] : alive) m.release(owner, index);
  EXPECT_EQ(m.arena.live_bytes(), 0u);
  // Empty but for the current chunk and the ones kept for reuse.
  EXPECT_LE(m.arena.held_bytes(), HistoryArena::kKeptFreeBytes + HistoryArena::kChunkBytes);
}

// Past kLargeChunksFrom the tails are 2 MiB chunks: records still read
// back, emptied large chunks move their records, the chunks in use stay
// near what lives, and an emptied arena keeps at most kKeptFreeBytes.
TEST(HistoryArena, GrowsIntoLargeChunks) {
  Model m;
  std::mt19937 rng(13);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> alive;
  std::size_t written = 0;
  while (written < 6 * HistoryArena::kLargeChunksFrom) {
    const auto owner = static_cast<std::uint32_t>(rng() % 500);
    const std::size_t n = 100 + rng() % 900;
    m.add(owner, Bytes(rng, n));
    written += n;
    alive.emplace_back(owner, static_cast<std::uint32_t>(m.refs[owner].size() - 1));
    // One record in three released: chunks fall below half live.
    if (rng() % 3 == 0) {
      const std::size_t k = rng() % alive.size();
      m.release(alive[k].first, alive[k].second);
      alive[k] = alive.back();
      alive.pop_back();
    }
  }
  ASSERT_GE(m.arena.held_bytes(), HistoryArena::kLargeChunksFrom);
  const int moves_before = m.moves;
  // Release the older half: whole large chunks die or fall below half.
  for (std::size_t k = 0; k < alive.size() / 2; ++k) m.release(alive[k].first, alive[k].second);
  alive.erase(alive.begin(), alive.begin() + static_cast<std::ptrdiff_t>(alive.size() / 2));
  m.expect_all_readable();
  // Besides up to kKeptFreeBytes of free chunks kept for reuse.
  EXPECT_LE(m.arena.used_chunk_bytes(),
            2 * m.arena.live_bytes() + 3 * HistoryArena::kLargeChunkBytes);
  EXPECT_LE(m.arena.held_bytes() - m.arena.used_chunk_bytes(), HistoryArena::kKeptFreeBytes);
  EXPECT_GT(m.moves, moves_before);
  for (const auto& [owner, index] : alive) m.release(owner, index);
  EXPECT_EQ(m.arena.live_bytes(), 0u);
  EXPECT_LE(m.arena.held_bytes(), HistoryArena::kKeptFreeBytes + HistoryArena::kLargeChunkBytes);
}

}  // namespace
}  // namespace kefu::engine
