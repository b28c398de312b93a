// The due-time index: which timer fires next, in (instant, handle) order.
//
// A calendar queue in front of heaps. Instants are grouped in buckets of
// 64 seconds; a ring of 4,096 buckets covers the next ~3 days after the
// cursor, the bucket being drained. The cursor's bucket, as it is reached,
// is sorted once into `bucket_` and popped from the front; entries pushed
// at or before the cursor's bucket after that go to `near_`, a small 4-ary
// heap; entries beyond the ring wait in `far_`, a heap, and move into the
// ring as the cursor comes within 3 days of them. A push into the ring is
// an append, and an entry reaches a heap only when it is pushed into its
// last 64 seconds (or once, from far away), so the cost per timer does not
// grow with the number of timers as a single heap's depth does.
//
// Why a sort and not the heap for the bucket: a branch's hub has hundreds
// of timers due in each 64 seconds, and each pop from a heap that size
// walks its depth. Draining the index cost ~300 instructions a pop with
// the heap, ~160 with the sort (bench/README.md, run K).
//
// Entries are never removed: a schedule change pushes a new entry and the
// old one goes stale (due_heap.h says how the engine tells them apart).
//
// `pop_due(limit)` pops in exactly the order a single heap would: every
// entry in `bucket_` and `near_` precedes every entry in the ring, which
// precede `far_`.
#ifndef KEFU_SRC_ENGINE_DUE_INDEX_H_
#define KEFU_SRC_ENGINE_DUE_INDEX_H_

#include <algorithm>
#include <array>
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

  std::size_t size() const {
    return near_.size() + (bucket_.size() - drained_) + ring_count_ + far_.size();
  }
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
  // `loading(handle)` is called for each entry of a bucket as the cursor
  // reaches it, ahead of its pop: the engine prefetches the timer records
  // there (at 10M timers each record is a cache and TLB miss).
  template <typename Loading>
  bool pop_due(time::Instant limit, DueEntry* out, Loading&& loading) {
    const std::int64_t limit_seconds = limit.time_since_epoch().count();
    const std::int64_t limit_bucket = bucket(limit_seconds);
    while (near_.empty() && drained_ == bucket_.size()) {
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
      // The bucket swaps places with the drained one, so both keep their
      // capacity (no allocation at each minute).
      std::vector<DueEntry>& current = ring_[slot(cursor_)];
      ring_count_ -= current.size();
      bucket_.clear();
      drained_ = 0;
      bucket_.swap(current);
      if (current.capacity() > kKeptCapacity) current.shrink_to_fit();
      for (const DueEntry& e : bucket_) loading(e.timer);
      sort_bucket();
    }
    const bool from_bucket =
        drained_ < bucket_.size() && (near_.empty() || due_before(bucket_[drained_], near_.top()));
    const DueEntry& next = from_bucket ? bucket_[drained_] : near_.top();
    if (next.at > limit_seconds) return false;
    *out = next;
    if (from_bucket) {
      ++drained_;
    } else {
      near_.pop();
    }
    return true;
  }

  bool pop_due(time::Instant limit, DueEntry* out) {
    return pop_due(limit, out, [](std::uint32_t) {});
  }

  // How many entries still to pop are due at or before `limit` in the
  // cursor's bucket and in `near_` (stale ones included): a lower bound of
  // what pop_due(limit) gives before the cursor moves on. The engine sizes
  // its release list with it: a clump of timers falling due together (a
  // hundred thousand at a business day's opening) then takes one
  // allocation, not a doubling chain of fresh pages.
  std::size_t due_in_bucket(time::Instant limit) const {
    const std::int64_t limit_seconds = limit.time_since_epoch().count();
    const auto first = bucket_.begin() + static_cast<std::ptrdiff_t>(drained_);
    const auto last = std::upper_bound(
        first, bucket_.end(), limit_seconds,
        [](std::int64_t at, const DueEntry& e) { return at < e.at; });
    return static_cast<std::size_t>(last - first) + near_.size();
  }

 private:
  static constexpr int kShift = 6;  // 64-second buckets
  static constexpr std::size_t kBucketSeconds = std::size_t{1} << kShift;
  static constexpr std::size_t kRing = 4096;
  static constexpr std::int64_t kRingSigned = static_cast<std::int64_t>(kRing);
  static constexpr std::size_t kKeptCapacity = 1024;  // entries a drained bucket keeps

  static std::int64_t bucket(std::int64_t seconds) { return seconds >> kShift; }  // floor
  static std::size_t slot(std::int64_t b) {
    return static_cast<std::size_t>(b) & (kRing - 1);
  }

  // Sorts bucket_ (one bucket: 64 seconds) by (instant, handle): counted
  // into its seconds, then each second's few entries by handle.
  void sort_bucket() {
    const std::size_t n = bucket_.size();
    if (n < 2) return;
    std::array<std::uint32_t, kBucketSeconds + 1> start{};
    for (const DueEntry& e : bucket_) ++start[second_of(e) + 1];
    for (std::size_t s = 1; s <= kBucketSeconds; ++s) start[s] += start[s - 1];
    scratch_.resize(n);
    std::array<std::uint32_t, kBucketSeconds> fill{};
    std::copy(start.begin(), start.end() - 1, fill.begin());
    for (const DueEntry& e : bucket_) scratch_[fill[second_of(e)]++] = e;
    for (std::size_t s = 0; s < kBucketSeconds; ++s) {
      auto first = scratch_.begin() + start[s], last = scratch_.begin() + start[s + 1];
      if (last - first < 2) continue;
      std::sort(first, last, [](const DueEntry& a, const DueEntry& b) { return a.timer < b.timer; });
    }
    bucket_.swap(scratch_);
    scratch_.clear();
    if (scratch_.capacity() > kKeptCapacity) scratch_.shrink_to_fit();
  }
  static std::size_t second_of(const DueEntry& e) {
    return static_cast<std::size_t>(e.at & (kBucketSeconds - 1));
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
  std::vector<DueEntry> bucket_;  // the cursor's bucket, sorted; popped up to drained_
  std::size_t drained_ = 0;
  std::vector<DueEntry> scratch_;  // sort_bucket's, kept for its capacity
  DueHeap near_;
  std::vector<std::vector<DueEntry>> ring_;
  std::size_t ring_count_ = 0;
  DueHeap far_;
};

}  // namespace kefu::engine

#endif  // KEFU_SRC_ENGINE_DUE_INDEX_H_
