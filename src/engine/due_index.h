// The due-time index: which timer fires next, in (instant, handle) order.
//
// A calendar queue in front of heaps. Instants are grouped in buckets of
// 64 seconds; a ring of 4,096 buckets covers the next ~3 days after the
// cursor, the bucket being drained. Entries at or before the cursor's
// bucket are in `near_`, a small 4-ary heap (one bucket's worth, which
// stays in cache); entries beyond the ring wait in `far_`, a heap, and
// move into the ring as the cursor comes within 3 days of them. A push into
// the ring is an append; an entry reaches a heap only in its last 64
// seconds (or once, from far away), so the cost per timer does not grow
// with the number of timers as a single heap's depth does.
//
// Entries are never removed: a schedule change pushes a new entry and the
// old one goes stale (due_heap.h says how the engine tells them apart).
//
// `pop_due(limit)` pops in exactly the order a single heap would: every
// entry in `near_` precedes every entry in the ring, which precede `far_`.
#ifndef KEFU_SRC_ENGINE_DUE_INDEX_H_
#define KEFU_SRC_ENGINE_DUE_INDEX_H_

#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "engine/due_heap.h"
#include "kefu/time/instant.h"

namespace kefu::engine {

class DueIndex {
 public:
  DueIndex() : ring_(kRing) {}

  std::size_t size() const { return near_.size() + ring_count_ + far_.size(); }
  bool empty() const { return size() == 0; }

  void push(time::Instant at, std::uint32_t timer) {
    const std::int64_t seconds = at.time_since_epoch().count();
    const std::int64_t b = bucket(seconds);
    if (!started_) {
      cursor_ = b - 1;
      started_ = true;
    }
    place(DueEntry{seconds, timer}, b);
  }

  // Pops the earliest entry into `out` if its instant is <= limit.
  bool pop_due(time::Instant limit, DueEntry* out) {
    const std::int64_t limit_seconds = limit.time_since_epoch().count();
    const std::int64_t limit_bucket = bucket(limit_seconds);
    while (near_.empty()) {
      if (!started_ || cursor_ >= limit_bucket) return false;
      if (ring_count_ == 0) {
        if (far_.empty()) {
          cursor_ = limit_bucket;
          return false;
        }
        // Nothing within the ring: jump to just before the far entries.
        const std::int64_t next = bucket(far_.top().at) - 1;
        if (next > cursor_) cursor_ = next < limit_bucket ? next : limit_bucket;
        if (cursor_ >= limit_bucket) return false;
      }
      ++cursor_;
      while (!far_.empty() && bucket(far_.top().at) < cursor_ + kRingSigned) {
        const DueEntry e = far_.top();
        far_.pop();
        place(e, bucket(e.at));
      }
      std::vector<DueEntry>& current = ring_[slot(cursor_)];
      ring_count_ -= current.size();
      for (const DueEntry& e : current) near_.push(e.instant(), e.timer);
      current.clear();
      if (current.capacity() > kKeptCapacity) current.shrink_to_fit();
    }
    if (near_.top().at > limit_seconds) return false;
    *out = near_.top();
    near_.pop();
    return true;
  }

 private:
  static constexpr int kShift = 6;  // 64-second buckets
  static constexpr std::size_t kRing = 4096;
  static constexpr std::int64_t kRingSigned = static_cast<std::int64_t>(kRing);
  static constexpr std::size_t kKeptCapacity = 1024;  // entries a drained bucket keeps

  static std::int64_t bucket(std::int64_t seconds) { return seconds >> kShift; }  // floor
  static std::size_t slot(std::int64_t b) {
    return static_cast<std::size_t>(b) & (kRing - 1);
  }

  void place(const DueEntry& e, std::int64_t b) {
    if (b <= cursor_) {
      near_.push(e.instant(), e.timer);
    } else if (b - cursor_ < kRingSigned) {
      ring_[slot(b)].push_back(e);
      ++ring_count_;
    } else {
      far_.push(e.instant(), e.timer);
    }
  }

  bool started_ = false;
  std::int64_t cursor_ = std::numeric_limits<std::int64_t>::min();
  DueHeap near_;
  std::vector<std::vector<DueEntry>> ring_;
  std::size_t ring_count_ = 0;
  DueHeap far_;
};

}  // namespace kefu::engine

#endif  // KEFU_SRC_ENGINE_DUE_INDEX_H_
