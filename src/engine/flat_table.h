// An open-addressing hash table of 64-bit hashes and values, for the
// engine's two big indexes: entity keys and remembered event ids.
//
// Why not std::unordered_map: at a million entities and four million ids,
// every lookup there is a bucket miss and then a node miss, and every
// insert a malloc. Here each slot holds a full 64-bit hash beside its
// value, probed linearly: a lookup usually reads one cache line, and an
// insert allocates nothing (ids of up to 15 bytes stay in std::string's
// inline buffer). The table does not know the keys: `find` takes a
// predicate that confirms a hash match against the real key, so two keys
// with the same hash stay distinct (the hash only narrows the search, it
// never decides).
//
// Why the hash and the value share a slot (they were two parallel arrays
// until run O, bench/README.md): at a million entities each array is a
// random read on a page of its own, and on this VM a page walk costs more
// than the line; a key lookup read two, an id's insert wrote to a second.
// A value of 4-byte alignment keeps its slot at 12 or 16 bytes: the hash
// is then stored as two 32-bit halves.
//
// Erasure shifts the following run back (no tombstones), so a table that
// churns (ids come and go with the late window) does not degrade. Slot
// indexes are stable until the next insert or erase.
//
// Thread safety: a value type; one owner at a time.
#ifndef KEFU_SRC_ENGINE_FLAT_TABLE_H_
#define KEFU_SRC_ENGINE_FLAT_TABLE_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/large_block.h"

namespace kefu::engine {

// A fast, well-mixed 64-bit hash of a short string (keys, event ids): eight
// bytes a step, multiply and fold, then a final avalanche. Not seeded: the
// engine is deterministic; collisions cost probes, never correctness.
inline std::uint64_t hash_bytes(std::string_view s) {
  std::uint64_t h = 0x9e3779b97f4a7c15ULL ^ (s.size() * 0xff51afd7ed558ccdULL);
  const char* p = s.data();
  std::size_t n = s.size();
  while (n >= 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    h = (h ^ w) * 0x9fb21c651e98df25ULL;
    h ^= h >> 29;
    p += 8;
    n -= 8;
  }
  if (n > 0) {
    // The last n bytes as a little-endian number, read with whole loads
    // (a memcpy of n bytes compiles to a byte loop): inside the string,
    // ending at its end, then shifted or combined.
    std::uint64_t w;
    if (s.size() >= 8) {
      std::memcpy(&w, p + n - 8, 8);
      w >>= (8 - n) * 8;
    } else if (n >= 4) {
      std::uint32_t lo, hi;
      std::memcpy(&lo, p, 4);
      std::memcpy(&hi, p + n - 4, 4);
      w = lo | (std::uint64_t{hi} << ((n - 4) * 8));
    } else {
      w = std::uint64_t{static_cast<unsigned char>(p[0])} |
          std::uint64_t{static_cast<unsigned char>(p[n / 2])} << (n / 2 * 8) |
          std::uint64_t{static_cast<unsigned char>(p[n - 1])} << ((n - 1) * 8);
    }
    h = (h ^ w) * 0x9fb21c651e98df25ULL;
  }
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h | (h == 0);  // 0 marks an empty slot
}

// A slot: the hash (0 when empty) and the value. For a value of at most
// 4-byte alignment the hash is two 32-bit halves, so no padding is added
// (a std::uint32_t value: 12 bytes, not 16).
template <typename Value, bool kNarrow = (alignof(Value) <= 4)>
struct FlatSlot {
  std::uint64_t hash() const { return hash_; }
  void set_hash(std::uint64_t h) { hash_ = h; }
  std::uint64_t hash_ = 0;
  Value value{};
};
template <typename Value>
struct FlatSlot<Value, true> {
  std::uint64_t hash() const { return lo_ | std::uint64_t{hi_} << 32; }
  void set_hash(std::uint64_t h) {
    lo_ = static_cast<std::uint32_t>(h);
    hi_ = static_cast<std::uint32_t>(h >> 32);
  }
  std::uint32_t lo_ = 0, hi_ = 0;
  Value value{};
};

template <typename Value>
class FlatTable {
 public:
  static constexpr std::size_t kNone = ~std::size_t{0};

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

  // The slot whose hash is `hash` and whose value `same` confirms, or kNone.
  template <typename Same>
  std::size_t find(std::uint64_t hash, Same&& same) const {
    if (slots_.empty()) return kNone;
    for (std::size_t i = hash & mask_;; i = (i + 1) & mask_) {
      const std::uint64_t h = slots_[i].hash();
      if (h == 0) return kNone;
      if (h == hash && same(slots_[i].value)) return i;
    }
  }

  // Starts loading the home slot of `hash`: a caller that knows what it
  // will look up soon overlaps the cache miss with other work, or with
  // another table's.
  void prefetch(std::uint64_t hash) const {
    if (slots_.empty()) return;
    __builtin_prefetch(&slots_[hash & mask_]);
  }

  // Room for `n` members without growing: a restore that knows the count
  // sizes the table once instead of re-hashing it at every doubling.
  void reserve(std::size_t n) {
    std::size_t capacity = slots_.empty() ? 16 : slots_.size();
    while (n * 4 > capacity * 3) capacity *= 2;
    if (capacity > slots_.size()) rehash(capacity);
  }

  // Inserts without looking for an equal key (the caller found none);
  // returns the slot.
  std::size_t insert(std::uint64_t hash, Value value) {
    if ((size_ + 1) * 4 > slots_.size() * 3) grow();
    std::size_t i = hash & mask_;
    while (slots_[i].hash() != 0) i = (i + 1) & mask_;
    slots_[i].set_hash(hash);
    slots_[i].value = std::move(value);
    ++size_;
    return i;
  }

  Value& at(std::size_t slot) { return slots_[slot].value; }
  const Value& at(std::size_t slot) const { return slots_[slot].value; }

  // Empties `slot`, moving later members of its probe run back.
  void erase(std::size_t slot) {
    std::size_t hole = slot;
    for (std::size_t i = (slot + 1) & mask_;; i = (i + 1) & mask_) {
      const std::uint64_t h = slots_[i].hash();
      if (h == 0) break;
      const std::size_t home = h & mask_;
      // The member at i may fill the hole when its home is not in (hole, i].
      const bool stays = hole <= i ? (hole < home && home <= i) : (hole < home || home <= i);
      if (stays) continue;
      slots_[hole] = std::move(slots_[i]);
      hole = i;
    }
    slots_[hole] = Slot();
    --size_;
  }

  // Every occupied slot, in slot order (which depends only on the inserts
  // and erases made, so it is deterministic).
  template <typename Visit>
  void for_each(Visit&& visit) const {
    for (const Slot& slot : slots_)
      if (slot.hash() != 0) visit(slot.hash(), slot.value);
  }

 private:
  using Slot = FlatSlot<Value>;

  void grow() { rehash(slots_.empty() ? 16 : slots_.size() * 2); }

  void rehash(std::size_t capacity) {
    Array old = std::move(slots_);
    slots_.clear();
    slots_.resize(capacity);
    mask_ = capacity - 1;
    for (Slot& from : old) {
      if (from.hash() == 0) continue;
      std::size_t i = from.hash() & mask_;
      while (slots_[i].hash() != 0) i = (i + 1) & mask_;
      slots_[i] = std::move(from);
    }
  }

  // Past 2 MiB the array is a large block, on huge pages where the system
  // offers them: every lookup at a million entities is a random read of it.
  using Array = std::vector<Slot, LargeBlockAllocator<Slot>>;
  Array slots_;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
};

}  // namespace kefu::engine

#endif  // KEFU_SRC_ENGINE_FLAT_TABLE_H_
