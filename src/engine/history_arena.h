// HistoryArena: the bytes of every entity's history, for one engine.
//
// Records are appended one after another into chunks, each behind a
// small header naming its owner (entity handle, and the event's place in
// that entity's history); an entity keeps only each record's place (a
// Ref). Where each entity kept its own buffer, an append re-allocated and
// copied the whole buffer as it doubled and zero-filled the room first: at
// a million live orders a third of an event's time went there, most of it
// the kernel clearing the fresh pages of the doublings (bench/README.md,
// run M). Here an append copies one record to the end of the current
// chunk, and the memory grows by what is written.
//
// A released record (its entity left memory, or was re-built) is marked
// dead. A chunk whose records are all dead is kept for reuse (up to
// kKeptFreeBytes of such chunks; past that its memory is given back); one
// left less than half live is emptied at once, its live records copied to the end and
// their owners told of their new places (`moved`), so the dead bytes held
// stay below the live ones, chunk by chunk, without a pause to compact
// everything. Copies are paid for by the dead bytes they free: at most one
// byte copied per byte released.
//
// Chunk sizes: 64 KiB until the arena holds kLargeChunksFrom, 2 MiB after,
// a large block on a huge page (large_block.h). The history is the
// second largest part of what a busy engine adds at each event (about 65
// of its 300 bytes at a million orders, after the timers' 70), and on
// the project's VM a fresh small page costs far
// more per byte than a fresh huge page: BM_IngestOrders measured +7-35%
// (bench/README.md, run O). A small engine keeps small chunks, so it does
// not hold 2 MiB for a few records, and its emptying copies stay small.
//
// Thread safety: a value, used by one thread at a time.
#ifndef KEFU_SRC_ENGINE_HISTORY_ARENA_H_
#define KEFU_SRC_ENGINE_HISTORY_ARENA_H_

#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

#include "engine/large_block.h"

namespace kefu::engine {

class HistoryArena {
 public:
  // A record's place: its chunk in the high 32 bits, the offset of its
  // bytes (after the header) in the low.
  using Ref = std::uint64_t;
  static constexpr std::size_t kChunkBytes = std::size_t{1} << 16;
  static constexpr std::size_t kLargeChunkBytes = kLargeBlockBytes;
  // Chunks are large once the arena holds this much.
  static constexpr std::size_t kLargeChunksFrom = std::size_t{4} << 20;
  // Free chunks kept for reuse past this many bytes are given back.
  static constexpr std::size_t kKeptFreeBytes = std::size_t{16} << 20;

  HistoryArena() = default;
  HistoryArena(HistoryArena&&) noexcept = default;
  HistoryArena& operator=(HistoryArena&&) noexcept = default;

  // Room for a record of `size` bytes, event `index` of entity `owner`;
  // the caller writes the record at data() of the returned place. A record
  // larger than a chunk gets a chunk of its own.
  Ref add(std::size_t size, std::uint32_t owner, std::uint32_t index);
  char* data(Ref r) { return chunks_[chunk_of(r)].bytes.get() + offset_of(r); }
  std::string_view record(Ref r) const {
    const char* p = chunks_[chunk_of(r)].bytes.get() + offset_of(r);
    return {p, read_header(p - kHeaderBytes).size};
  }
  // The record now belongs to entity `owner` (a re-built record moved into
  // its entity's place).
  void set_owner(Ref r, std::uint32_t owner);

  // Frees the record at `r`. Records of a chunk left less than half live
  // move: moved(owner, index, new_ref) for each, where event `index` of
  // entity `owner` must take its new place before anything else is asked.
  template <typename Moved>
  void release(Ref r, Moved&& moved) {
    const std::uint32_t c = chunk_of(r);
    const std::uint32_t freed = mark_dead(r);
    chunks_[c].live -= freed;
    live_bytes_ -= freed;
    // Records that died in the tail are looked at once it is full: a chunk
    // that stops being the tail less than half live is emptied like any.
    while (!retired_.empty()) {
      const std::uint32_t old = retired_.back();
      retired_.pop_back();
      tidy(old, moved);  // may retire the tail it fills
    }
    if (c != tail_) tidy(c, moved);
  }

  // What the records take (headers included); what the arena holds, and
  // of that what the chunks in use take (the rest: free chunks kept for
  // reuse, at most kKeptFreeBytes).
  std::size_t live_bytes() const { return live_bytes_; }
  std::size_t held_bytes() const { return held_bytes_; }
  std::size_t used_chunk_bytes() const { return held_bytes_ - kept_bytes_; }

 private:
  static constexpr std::size_t kHeaderBytes = 12;
  static constexpr std::uint32_t kDead = 0xFFFFFFFFu;
  static constexpr std::uint32_t kNoChunk = 0xFFFFFFFFu;

  struct Header {
    std::uint32_t size;   // the record's bytes, the header not included
    std::uint32_t owner;  // entity handle, or kDead
    std::uint32_t index;  // the event's place in its entity's history
  };
  struct BlockFree {
    std::size_t bytes;
    void operator()(char* p) const noexcept { free_block(p, bytes, 1); }
  };
  struct Chunk {
    std::unique_ptr<char[], BlockFree> bytes;  // null for a slot given back
    std::uint32_t capacity = 0;
    bool shared = false;     // a tail's chunk (not one record's own)
    std::uint32_t used = 0;  // bytes written, headers included
    std::uint32_t live = 0;  // bytes of live records, headers included
  };

  static std::uint32_t chunk_of(Ref r) { return static_cast<std::uint32_t>(r >> 32); }
  static std::uint32_t offset_of(Ref r) { return static_cast<std::uint32_t>(r); }
  static Header read_header(const char* p) {
    Header h;
    std::memcpy(&h, p, sizeof h);
    return h;
  }
  char* header_of(Ref r) { return data(r) - kHeaderBytes; }

  // Marks the record dead; returns the bytes it took, header included.
  std::uint32_t mark_dead(Ref r);
  // A chunk of `capacity` bytes, reused when one is free; `shared` for a
  // tail.
  std::uint32_t new_chunk(std::size_t capacity, bool shared);
  // The size of the next tail's chunk.
  std::size_t tail_bytes() const {
    return held_bytes_ >= kLargeChunksFrom ? kLargeChunkBytes : kChunkBytes;
  }
  void free_chunk(std::uint32_t c);

  // Frees chunk `c` when nothing in it lives, empties it when less than
  // half does. A retired chunk may have been freed since, or taken again.
  template <typename Moved>
  void tidy(std::uint32_t c, Moved& moved) {
    const Chunk& k = chunks_[c];
    if (c == tail_ || !k.bytes || k.used == 0) return;
    if (k.live == 0) return free_chunk(c);
    if (k.shared && k.live * 2 < k.used) evacuate(c, moved);
  }

  template <typename Moved>
  void evacuate(std::uint32_t c, Moved& moved) {
    // The chunk's buffer stays where it is while records are added (only
    // the vector of chunks may grow), and the chunk is not the tail, so
    // nothing is added into it.
    const char* base = chunks_[c].bytes.get();
    const std::uint32_t used = chunks_[c].used;
    for (std::uint32_t at = 0; at < used;) {
      const Header h = read_header(base + at);
      if (h.owner != kDead) {
        const Ref to = add(h.size, h.owner, h.index);
        std::memcpy(data(to), base + at + kHeaderBytes, h.size);
        moved(h.owner, h.index, to);
      }
      at += static_cast<std::uint32_t>(kHeaderBytes) + h.size;
    }
    const std::uint32_t live = chunks_[c].live;
    chunks_[c].live = 0;
    live_bytes_ -= live;
    free_chunk(c);
  }

  std::vector<Chunk> chunks_;
  std::vector<std::uint32_t> kept_;         // free chunks whose bytes are kept
  std::vector<std::uint32_t> empty_slots_;  // chunks whose bytes were given back
  std::uint32_t tail_ = kNoChunk;           // where records are added
  std::vector<std::uint32_t> retired_;      // tails before, not looked at yet
  std::size_t live_bytes_ = 0;
  std::size_t held_bytes_ = 0;  // every chunk's capacity
  std::size_t kept_bytes_ = 0;  // the capacity of the chunks in kept_
};

}  // namespace kefu::engine

#endif  // KEFU_SRC_ENGINE_HISTORY_ARENA_H_
