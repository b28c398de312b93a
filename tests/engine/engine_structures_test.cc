// The engine's internal structures: the flat hash table (exact keys despite
// equal hashes, erasure that keeps probe runs intact), the 4-ary due heap
// (order by instant then handle) and the timer log store (lists, reuse).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "engine/due_heap.h"
#include "engine/due_index.h"
#include "engine/flat_table.h"
#include "engine/timer_log.h"

namespace kefu::engine {
namespace {

using Table = FlatTable<std::string>;

std::size_t find(const Table& t, std::uint64_t hash, const std::string& key) {
  return t.find(hash, [&](const std::string& v) { return v == key; });
}

TEST(FlatTable, KeysWithTheSameHashStayDistinct) {
  Table t;
  t.insert(42, "a");
  t.insert(42, "b");
  ASSERT_NE(find(t, 42, "a"), Table::kNone);
  ASSERT_NE(find(t, 42, "b"), Table::kNone);
  EXPECT_EQ(find(t, 42, "c"), Table::kNone);
  EXPECT_EQ(t.at(find(t, 42, "b")), "b");
  t.erase(find(t, 42, "a"));
  EXPECT_EQ(find(t, 42, "a"), Table::kNone);
  ASSERT_NE(find(t, 42, "b"), Table::kNone);
  EXPECT_EQ(t.size(), 1u);
}

// Random inserts and erases with few distinct hashes (long probe runs that
// wrap around the table) agree with a std::multimap model.
TEST(FlatTable, AgreesWithAModelUnderChurn) {
  Table t;
  std::map<std::string, std::uint64_t> model;
  std::mt19937_64 rng(7);
  for (int step = 0; step < 20000; ++step) {
    const std::string key = "k" + std::to_string(rng() % 500);
    // Hashes that collide often and fall near the table's end.
    const std::uint64_t hash = ((rng() % 2) ? 0xFFFFFFFFFFFFFFF0ULL : 1) + (std::hash<std::string>{}(key) % 7);
    auto it = model.find(key);
    if (it == model.end()) {
      if (find(t, hash, key) != Table::kNone) FAIL() << "found a key never inserted: " << key;
      t.insert(hash, key);
      model.emplace(key, hash);
    } else {
      const std::size_t slot = find(t, it->second, key);
      ASSERT_NE(slot, Table::kNone) << key;
      t.erase(slot);
      model.erase(it);
    }
    ASSERT_EQ(t.size(), model.size());
  }
  for (const auto& [key, hash] : model) EXPECT_NE(find(t, hash, key), Table::kNone) << key;
}

// A value of 4-byte alignment shares a 12-byte slot with its hash, kept as
// two halves: the whole 64 bits still decide a match, survive re-hashing
// and erasure's moves, and come back from for_each.
TEST(FlatTable, NarrowSlotsKeepTheWholeHash) {
  static_assert(sizeof(FlatSlot<std::uint32_t>) == 12);
  FlatTable<std::uint32_t> t;
  // Hashes that differ only above bit 32 share their home slot.
  for (std::uint32_t i = 0; i < 1000; ++i)
    t.insert((std::uint64_t{i % 50 + 1} << 40) | (i % 3 + 1), i);
  const auto find_value = [&](std::uint64_t hash, std::uint32_t value) {
    return t.find(hash, [&](std::uint32_t v) { return v == value; });
  };
  for (std::uint32_t i = 0; i < 1000; ++i) {
    const std::uint64_t hash = (std::uint64_t{i % 50 + 1} << 40) | (i % 3 + 1);
    ASSERT_NE(find_value(hash, i), FlatTable<std::uint32_t>::kNone) << i;
    // The low half alone does not match.
    EXPECT_EQ(find_value(i % 3 + 1, i), FlatTable<std::uint32_t>::kNone) << i;
    if (i % 2 == 0) t.erase(find_value(hash, i));
  }
  std::size_t visited = 0;
  t.for_each([&](std::uint64_t hash, std::uint32_t v) {
    ++visited;
    EXPECT_EQ(v % 2, 1u);
    EXPECT_EQ(hash, (std::uint64_t{v % 50 + 1} << 40) | (v % 3 + 1));
  });
  EXPECT_EQ(visited, 500u);
  EXPECT_EQ(t.size(), 500u);
}

TEST(HashBytes, IsNeverZeroAndDependsOnEveryByte) {
  EXPECT_NE(hash_bytes(""), 0u);
  EXPECT_NE(hash_bytes("e-000000001"), hash_bytes("e-000000002"));
  EXPECT_NE(hash_bytes("abcdefgh1"), hash_bytes("abcdefgh2"));
  EXPECT_NE(hash_bytes("a"), hash_bytes(std::string("a\0", 2)));
  EXPECT_EQ(hash_bytes("WB00000001"), hash_bytes(std::string("WB00000001")));
}

// hash_bytes as first written, a byte at a time for the tail: the loads
// that replaced it must give the same values (a hash change would reorder
// the tables, and with them a snapshot's bytes).
std::uint64_t HashBytesByteAtATime(std::string_view s) {
  std::uint64_t h = 0x9e3779b97f4a7c15ULL ^ (s.size() * 0xff51afd7ed558ccdULL);
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t w = 0;
    for (std::size_t b = 0; b < 8; ++b)
      w |= std::uint64_t{static_cast<unsigned char>(s[i + b])} << (8 * b);
    h = (h ^ w) * 0x9fb21c651e98df25ULL;
    h ^= h >> 29;
  }
  if (i < s.size()) {
    std::uint64_t w = 0;
    for (std::size_t b = 0; i + b < s.size(); ++b)
      w |= std::uint64_t{static_cast<unsigned char>(s[i + b])} << (8 * b);
    h = (h ^ w) * 0x9fb21c651e98df25ULL;
  }
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h | (h == 0);
}

TEST(HashBytes, EqualsTheByteAtATimeDefinitionAtEveryLength) {
  std::mt19937_64 rng(5);
  for (std::size_t length = 0; length < 70; ++length) {
    for (int trial = 0; trial < 200; ++trial) {
      std::string s(length, '\0');
      for (char& c : s) c = static_cast<char>(rng());
      // At the start of a larger buffer too: the loads stay inside the view.
      const std::string padded = s + "tail";
      ASSERT_EQ(hash_bytes(s), HashBytesByteAtATime(s)) << "length " << length;
      ASSERT_EQ(hash_bytes(std::string_view(padded).substr(0, length)), HashBytesByteAtATime(s));
    }
  }
}

TEST(DueHeap, PopsByInstantThenHandle) {
  DueHeap heap;
  std::mt19937_64 rng(11);
  std::vector<std::pair<std::int64_t, std::uint32_t>> model;
  for (std::uint32_t i = 0; i < 5000; ++i) {
    const auto at = static_cast<std::int64_t>(rng() % 300);
    const auto timer = static_cast<std::uint32_t>(rng() % 1000);
    heap.push(time::Instant(std::chrono::seconds(at)), timer);
    model.emplace_back(at, timer);
  }
  std::sort(model.begin(), model.end());
  for (const auto& [at, timer] : model) {
    ASSERT_FALSE(heap.empty());
    const std::int64_t top_at = heap.top().at;  // packed: no reference to it
    EXPECT_EQ(top_at, at);
    EXPECT_EQ(heap.top().timer, timer);
    heap.pop();
  }
  EXPECT_TRUE(heap.empty());
}

std::vector<std::int32_t> auxes(const TimerLogStore& store, std::uint32_t tail) {
  std::vector<std::int32_t> out;
  for (const LogEntry* e : store.list(tail)) out.push_back(e->aux);
  return out;
}

TEST(TimerLogStore, KeepsEachListInOrderAndReusesReleasedEntries) {
  TimerLogStore store;
  std::uint32_t a = kNoLogEntry, b = kNoLogEntry;
  for (int i = 0; i < 3; ++i) {
    LogEntry e;
    e.aux = i;
    a = store.append(a, e);
    e.aux = 10 + i;
    b = store.append(b, e);
  }
  EXPECT_EQ(auxes(store, a), (std::vector<std::int32_t>{0, 1, 2}));
  EXPECT_EQ(auxes(store, b), (std::vector<std::int32_t>{10, 11, 12}));
  const std::uint32_t highest = std::max(a, b);
  store.release(a);
  std::uint32_t c = kNoLogEntry;
  for (int i = 0; i < 3; ++i) {
    LogEntry e;
    e.aux = 20 + i;
    c = store.append(c, e);
    EXPECT_LE(c, highest) << "a released entry is reused before the store grows";
  }
  EXPECT_EQ(auxes(store, c), (std::vector<std::int32_t>{20, 21, 22}));
  EXPECT_EQ(auxes(store, b), (std::vector<std::int32_t>{10, 11, 12}));
  EXPECT_TRUE(store.list(kNoLogEntry).empty());
}

}  // namespace
}  // namespace kefu::engine

namespace kefu::engine {
namespace {

// A DueIndex and the single heap it must pop like, fed the same entries.
struct IndexBesideHeap {
  DueIndex index;
  DueHeap model;

  void push(std::int64_t at, std::uint32_t timer) {
    index.push(time::Instant(std::chrono::seconds(at)), timer);
    model.push(time::Instant(std::chrono::seconds(at)), timer);
  }
  // Pops everything due by `now` from both, checking each pair, and calls
  // popped(entry) after each (which may push).
  template <typename Popped>
  void drain(std::int64_t now, Popped&& popped) {
    const time::Instant limit{std::chrono::seconds(now)};
    DueEntry e;
    while (index.pop_due(limit, &e)) {
      ASSERT_FALSE(model.empty());
      const std::int64_t at = e.at, expected = model.top().at;  // packed
      ASSERT_EQ(at, expected);
      ASSERT_EQ(e.timer, model.top().timer);
      model.pop();
      popped(e);
    }
    ASSERT_TRUE(model.empty() || model.top().instant() > limit);
    ASSERT_EQ(index.size(), model.size());
  }
};

// The calendar queue pops in the order of one heap, over instants near and
// far (beyond its ring), pushed before and while popping, with limits that
// move by seconds, by days and by years.
TEST(DueIndex, PopsInTheOrderOfOneHeap) {
  IndexBesideHeap q;
  std::mt19937_64 rng(5);
  std::int64_t now = 1'788'220'800;
  auto push = [&](std::int64_t at, std::uint32_t timer) { q.push(at, timer); };
  for (std::uint32_t i = 0; i < 3000; ++i)
    push(now + static_cast<std::int64_t>(rng() % (30 * 86400)), i);
  for (int step = 0; step < 4000; ++step) {
    const std::uint64_t r = rng() % 100;
    now += r < 80 ? static_cast<std::int64_t>(rng() % 120)
                  : r < 98 ? static_cast<std::int64_t>(rng() % (2 * 86400))
                           : static_cast<std::int64_t>(rng() % (400 * 86400));
    q.drain(now, [&](const DueEntry& e) {
      // Re-schedule some: into the past, the current bucket, the ring, far.
      const std::uint64_t k = rng() % 10;
      if (k < 2) push(now - static_cast<std::int64_t>(rng() % 100), e.timer);
      else if (k < 5) push(now + static_cast<std::int64_t>(rng() % 64), e.timer);
      else if (k < 8) push(now + static_cast<std::int64_t>(rng() % (3 * 86400)), e.timer);
      else if (k < 9) push(now + static_cast<std::int64_t>(rng() % (90 * 86400)), e.timer);
    });
    if (HasFatalFailure()) return;
  }
}

// A hub's minute: hundreds of timers in each 64-second bucket, many at the
// same second (ties by handle), and re-schedules into the bucket being
// drained, which go to the heap beside it.
TEST(DueIndex, PopsInTheOrderOfOneHeapWhenBucketsAreCrowded) {
  IndexBesideHeap q;
  std::mt19937_64 rng(11);
  std::int64_t now = 1'788'220'800;
  auto push = [&](std::int64_t at, std::uint32_t timer) { q.push(at, timer); };
  for (std::uint32_t i = 0; i < 40000; ++i)
    push(now + static_cast<std::int64_t>(rng() % 7200), static_cast<std::uint32_t>(rng() % 5000));
  std::size_t popped_total = 0;
  while (now < 1'788'220'800 + 8000) {
    now += static_cast<std::int64_t>(rng() % 20);
    q.drain(now, [&](const DueEntry& e) {
      ++popped_total;
      if (rng() % 4 == 0) push(now + static_cast<std::int64_t>(rng() % 30), e.timer);
    });
    if (HasFatalFailure()) return;
  }
  EXPECT_GT(popped_total, 40000u);
}

// due_in_bucket(limit) never counts more than pop_due(limit) then gives
// before the cursor leaves its bucket, and counts the whole of a clump due
// at one instant once its bucket is reached.
TEST(DueIndex, CountsWhatIsDueInItsBucket) {
  DueIndex q;
  const auto at = [](std::int64_t s) { return time::Instant(std::chrono::seconds(s)); };
  const std::int64_t t0 = 1'788'220'800;  // a bucket's first second (a multiple of 64)
  ASSERT_EQ(t0 % 64, 0);
  for (std::uint32_t i = 0; i < 1000; ++i) q.push(at(t0 + 10), i);  // the clump
  for (std::uint32_t i = 0; i < 50; ++i) q.push(at(t0 + 40), 1000 + i);
  q.push(at(t0 + 200), 2000);  // a later bucket
  EXPECT_EQ(q.due_in_bucket(at(t0 + 10)), 0u);  // the cursor has not reached it
  DueEntry e;
  ASSERT_TRUE(q.pop_due(at(t0 + 10), &e));
  EXPECT_EQ(q.due_in_bucket(at(t0 + 10)), 999u);
  EXPECT_EQ(q.due_in_bucket(at(t0 + 63)), 1049u);
  q.push(at(t0 + 5), 3000);  // behind the cursor: into near_
  EXPECT_EQ(q.due_in_bucket(at(t0 + 10)), 1000u);
  std::size_t popped = 0;
  while (q.pop_due(at(t0 + 10), &e)) ++popped;
  EXPECT_EQ(popped, 1000u);
  EXPECT_EQ(q.due_in_bucket(at(t0 + 10)), 0u);
  EXPECT_EQ(q.due_in_bucket(at(t0 + 63)), 50u);
}

TEST(DueIndex, TakesEntriesEarlierThanItsCursor) {
  DueIndex index;
  const time::Instant t0{std::chrono::seconds(1'000'000)};
  index.push(t0 + std::chrono::hours(1), 1);
  DueEntry e;
  EXPECT_FALSE(index.pop_due(t0 + std::chrono::minutes(30), &e));
  index.push(t0, 2);  // before the cursor, which moved to t0 + 30 min
  ASSERT_TRUE(index.pop_due(t0 + std::chrono::minutes(30), &e));
  EXPECT_EQ(e.timer, 2u);
  EXPECT_FALSE(index.pop_due(t0 + std::chrono::minutes(30), &e));
  ASSERT_TRUE(index.pop_due(t0 + std::chrono::hours(2), &e));
  EXPECT_EQ(e.timer, 1u);
  EXPECT_TRUE(index.empty());
}

}  // namespace
}  // namespace kefu::engine

#include <nlohmann/json.hpp>

#include "rule_story.h"

namespace kefu::engine {
namespace {

// NotStarted keeps indexes, not texts: explain still gives each reason
// once, with the target's id, the pointer of the entry tried and why.
TEST(EngineExplain, NotStartedNamesTheTargetThePointerAndWhy) {
  RuleStory story;
  story.feed(R"~(
    {"id":"e1","type":"order.created","at":"2026-10-01T09:00:00+08:00","order":"WB1","customer":"C1","attrs":{"tier":"C"}}
    {"id":"e2","type":"order.confirmed","at":"2026-10-01T09:10:00+08:00","order":"WB1"}
    {"id":"e3","type":"order.updated","at":"2026-10-01T09:20:00+08:00","order":"WB1","attrs":{"cargo":"general"}}
  )~");
  Result<std::string> explain = story.engine().explain(policy::EntityKind::kOrder, "WB1");
  ASSERT_TRUE(explain.ok()) << explain.status().to_string();
  const nlohmann::json not_started = nlohmann::json::parse(*explain)["not_started"];
  // Once per reason, in the order first met; the retarget on e3 adds none
  // (Q-1's case review, which e3 could start, did not match: no score).
  EXPECT_EQ(not_started, nlohmann::json::parse(R"~([
    {"at":"2026-10-01T01:00:00+00:00","sla":"order.risk_assessment","target":"",
     "why":"no entry of \"order.risk_assessment\" matches the attributes"},
    {"at":"2026-10-01T01:00:00+00:00","sla":"order.departure_check","target":"",
     "why":"no entry of \"order.departure_check\" matches the attributes"},
    {"at":"2026-10-01T01:10:00+00:00","sla":"order.transport_plan","target":"/sla/4",
     "why":"attribute \"departure_at\" is missing"},
    {"at":"2026-10-01T01:20:00+00:00","sla":"order.case_review","target":"",
     "why":"no entry of \"order.case_review\" matches the attributes"}
  ])~"));
}

}  // namespace
}  // namespace kefu::engine
