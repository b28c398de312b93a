// ExpiryQueue: (instant, hash) pairs taken out earliest instant first, for
// the remembered event ids, each forgotten a late window after its event.
//
// Events arrive nearly in time order, so most pairs come in no earlier than
// the last one: those go to the back of a FIFO (a deque, O(1), growing and
// shrinking a block at a time). Only a late event's pair goes to a min-heap
// beside it; top() is the earlier of the two fronts. The binary heap this
// replaces paid a sift-up per event and, at millions of ids, doubled its
// whole buffer at once (tens of MB of fresh pages in one event).
//
// Pairs of equal instants come out in no particular order, as from the heap
// before it: the engine forgets ids by (instant, hash), all those of an
// instant in the same advance.
//
// Thread safety: a value.
#ifndef KEFU_SRC_ENGINE_EXPIRY_QUEUE_H_
#define KEFU_SRC_ENGINE_EXPIRY_QUEUE_H_

#include <algorithm>
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <queue>
#include <utility>
#include <vector>

#include "kefu/time/instant.h"

namespace kefu::engine {

class ExpiryQueue {
 public:
  using Entry = std::pair<time::Instant, std::uint64_t>;

  ExpiryQueue() = default;
  // The queue of `entries`, in any order (a restore).
  explicit ExpiryQueue(std::vector<Entry> entries) {
    std::sort(entries.begin(), entries.end(),
              [](const Entry& a, const Entry& b) { return a.first < b.first; });
    in_order_.assign(entries.begin(), entries.end());
  }

  bool empty() const { return in_order_.empty() && late_.empty(); }
  std::size_t size() const { return in_order_.size() + late_.size(); }

  void push(time::Instant at, std::uint64_t hash) {
    if (in_order_.empty() || in_order_.back().first <= at)
      in_order_.emplace_back(at, hash);
    else
      late_.emplace(at, hash);
  }

  // The earliest pair; the queue is not empty.
  const Entry& top() const {
    assert(!empty());
    if (late_.empty()) return in_order_.front();
    if (in_order_.empty() || late_.top().first < in_order_.front().first) return late_.top();
    return in_order_.front();
  }

  // Removes top().
  void pop() {
    assert(!empty());
    if (!late_.empty() &&
        (in_order_.empty() || late_.top().first < in_order_.front().first))
      late_.pop();
    else
      in_order_.pop_front();
  }

 private:
  struct Later {
    bool operator()(const Entry& a, const Entry& b) const { return a.first > b.first; }
  };

  std::deque<Entry> in_order_;  // instants non-decreasing front to back
  std::priority_queue<Entry, std::vector<Entry>, Later> late_;
};

}  // namespace kefu::engine

#endif  // KEFU_SRC_ENGINE_EXPIRY_QUEUE_H_
