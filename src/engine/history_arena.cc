// The chunks of the history arena (history_arena.h).
#include "engine/history_arena.h"

#include <algorithm>
#include <cassert>
#include <cstddef>

namespace kefu::engine {

HistoryArena::Ref HistoryArena::add(std::size_t size, std::uint32_t owner, std::uint32_t index) {
  assert(owner != kDead);
  const std::size_t need = kHeaderBytes + size;
  std::uint32_t c;
  if (need > kChunkBytes) {
    c = new_chunk(need, false);  // its own chunk; the tail stays where it is
  } else {
    if (tail_ == kNoChunk || chunks_[tail_].capacity - chunks_[tail_].used < need) {
      // Records may have died in the old tail (release leaves the tail
      // alone): the next release looks at it, with the owners to tell.
      if (tail_ != kNoChunk && chunks_[tail_].live < chunks_[tail_].used)
        retired_.push_back(tail_);
      tail_ = new_chunk(tail_bytes(), true);
    }
    c = tail_;
  }
  Chunk& k = chunks_[c];
  const std::uint32_t at = k.used;
  const Header h{static_cast<std::uint32_t>(size), owner, index};
  std::memcpy(k.bytes.get() + at, &h, sizeof h);
  k.used += static_cast<std::uint32_t>(need);
  k.live += static_cast<std::uint32_t>(need);
  live_bytes_ += need;
  return (Ref{c} << 32) | (at + kHeaderBytes);
}

void HistoryArena::set_owner(Ref r, std::uint32_t owner) {
  assert(owner != kDead);
  std::memcpy(header_of(r) + offsetof(Header, owner), &owner, sizeof owner);
}

std::uint32_t HistoryArena::mark_dead(Ref r) {
  char* p = header_of(r);
  Header h = read_header(p);
  assert(h.owner != kDead);
  h.owner = kDead;
  std::memcpy(p, &h, sizeof h);
  return static_cast<std::uint32_t>(kHeaderBytes) + h.size;
}

std::uint32_t HistoryArena::new_chunk(std::size_t capacity, bool shared) {
  // For a tail, a free chunk of that size whose bytes were kept: no fresh
  // pages to fault in. (Both sizes may be kept while an arena crosses
  // kLargeChunksFrom; at most kKeptFreeBytes / kChunkBytes of them.)
  auto kept = kept_.rend();
  if (shared)
    kept = std::find_if(kept_.rbegin(), kept_.rend(),
                        [&](std::uint32_t k) { return chunks_[k].capacity == capacity; });
  std::uint32_t c;
  if (kept != kept_.rend()) {
    c = *kept;
    kept_.erase(std::next(kept).base());
    kept_bytes_ -= capacity;
  } else {
    if (!empty_slots_.empty()) {
      c = empty_slots_.back();
      empty_slots_.pop_back();
    } else {
      c = static_cast<std::uint32_t>(chunks_.size());
      chunks_.emplace_back();
    }
    // Not value-initialised: the bytes are written before they are read.
    chunks_[c].bytes = std::unique_ptr<char[], BlockFree>(
        static_cast<char*>(allocate_block(capacity, 1)), BlockFree{capacity});
    chunks_[c].capacity = static_cast<std::uint32_t>(capacity);
    held_bytes_ += capacity;
  }
  chunks_[c].shared = shared;
  chunks_[c].used = 0;
  chunks_[c].live = 0;
  return c;
}

void HistoryArena::free_chunk(std::uint32_t c) {
  Chunk& k = chunks_[c];
  k.used = 0;
  k.live = 0;
  if (k.shared && kept_bytes_ + k.capacity <= kKeptFreeBytes) {
    kept_.push_back(c);
    kept_bytes_ += k.capacity;
    return;
  }
  held_bytes_ -= k.capacity;
  k.bytes.reset();
  k.capacity = 0;
  empty_slots_.push_back(c);
}

}  // namespace kefu::engine
