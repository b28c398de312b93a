// The due-time index: which timer fires next.
//
// A 4-ary min-heap of (instant, timer handle) entries, 12 bytes each. An
// entry is never searched for: a schedule change pushes a new one and the
// old one goes stale. Staleness needs no generation counter: an entry is
// current exactly when its instant equals the timer's `next_at` (the engine
// checks that when it pops). Two entries of one timer with the same instant
// fire it once, since firing moves `next_at` past the clock.
//
// Why 4-ary: at 10M timers a binary heap's sift-down walks ~23 levels whose
// lower ones miss cache and TLB; four children of 12 bytes share one or two
// cache lines, and the walk is ~12 levels. Measured in bench/README.md.
#ifndef KEFU_SRC_ENGINE_DUE_HEAP_H_
#define KEFU_SRC_ENGINE_DUE_HEAP_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "kefu/time/instant.h"

namespace kefu::engine {

#pragma pack(push, 4)
struct DueEntry {
  std::int64_t at;  // seconds since the epoch
  std::uint32_t timer;
  // Copied out first: seconds' constructor takes a reference, which a
  // packed member would make misaligned.
  time::Instant instant() const {
    const std::int64_t seconds = at;
    return time::Instant(std::chrono::seconds(seconds));
  }
};
#pragma pack(pop)
static_assert(sizeof(DueEntry) == 12);

// The order entries fire in: by instant, ties by handle, so that the order
// two timers due at one instant fire in is fixed, whatever the history of
// the index.
inline bool due_before(const DueEntry& a, const DueEntry& b) {
  if (a.at != b.at) return a.at < b.at;
  return a.timer < b.timer;
}

class DueHeap {
 public:
  bool empty() const { return entries_.empty(); }
  std::size_t size() const { return entries_.size(); }
  const DueEntry& top() const { return entries_.front(); }
  const std::vector<DueEntry>& entries() const { return entries_; }

  void push(time::Instant at, std::uint32_t timer) {
    DueEntry e{at.time_since_epoch().count(), timer};
    std::size_t i = entries_.size();
    entries_.push_back(e);
    while (i > 0) {
      const std::size_t parent = (i - 1) / kArity;
      if (!before(e, entries_[parent])) break;
      entries_[i] = entries_[parent];
      i = parent;
    }
    entries_[i] = e;
  }

  void pop() {
    const DueEntry last = entries_.back();
    entries_.pop_back();
    const std::size_t n = entries_.size();
    if (n == 0) return;
    std::size_t i = 0;
    for (;;) {
      const std::size_t first = i * kArity + 1;
      if (first >= n) break;
      std::size_t best = first;
      const std::size_t end = first + kArity < n ? first + kArity : n;
      for (std::size_t c = first + 1; c < end; ++c)
        if (before(entries_[c], entries_[best])) best = c;
      if (!before(entries_[best], last)) break;
      entries_[i] = entries_[best];
      i = best;
    }
    entries_[i] = last;
  }

  void clear() { entries_.clear(); }

 private:
  static constexpr std::size_t kArity = 4;
  static bool before(const DueEntry& a, const DueEntry& b) { return due_before(a, b); }
  std::vector<DueEntry> entries_;
};

}  // namespace kefu::engine

#endif  // KEFU_SRC_ENGINE_DUE_HEAP_H_
