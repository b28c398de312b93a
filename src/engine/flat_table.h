// An open-addressing hash table of 64-bit hashes and values, for the
// engine's two big indexes: entity keys and remembered event ids.
//
// Why not std::unordered_map: at a million entities and four million ids,
// every lookup there is a bucket miss and then a node miss, and every
// insert a malloc. Here the full 64-bit hashes sit in one array probed
// linearly, the values in a parallel one: a lookup usually reads one line
// of hashes and, on a match, one value; an insert allocates nothing (ids of up to 15 bytes stay in std::string's inline
// buffer). The table does not know the keys: `find` takes a predicate that
// confirms a hash match against the real key, so two keys with the same
// hash stay distinct (the hash only narrows the search, it never decides).
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

template <typename Value>
class FlatTable {
 public:
  static constexpr std::size_t kNone = ~std::size_t{0};

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

  // The slot whose hash is `hash` and whose value `same` confirms, or kNone.
  template <typename Same>
  std::size_t find(std::uint64_t hash, Same&& same) const {
    if (hashes_.empty()) return kNone;
    for (std::size_t i = hash & mask_;; i = (i + 1) & mask_) {
      const std::uint64_t h = hashes_[i];
      if (h == 0) return kNone;
      if (h == hash && same(values_[i])) return i;
    }
  }

  // Starts loading the home slot of `hash` (its hash and its value, which
  // live in two arrays): a caller that knows what it will look up soon
  // overlaps these cache misses with other work, or with each other.
  void prefetch(std::uint64_t hash) const {
    if (hashes_.empty()) return;
    __builtin_prefetch(&hashes_[hash & mask_]);
    __builtin_prefetch(&values_[hash & mask_]);
  }

  // Room for `n` members without growing: a restore that knows the count
  // sizes the table once instead of re-hashing it at every doubling.
  void reserve(std::size_t n) {
    std::size_t capacity = hashes_.empty() ? 16 : hashes_.size();
    while (n * 4 > capacity * 3) capacity *= 2;
    if (capacity > hashes_.size()) rehash(capacity);
  }

  // Inserts without looking for an equal key (the caller found none);
  // returns the slot.
  std::size_t insert(std::uint64_t hash, Value value) {
    if ((size_ + 1) * 4 > hashes_.size() * 3) grow();
    std::size_t i = hash & mask_;
    while (hashes_[i] != 0) i = (i + 1) & mask_;
    hashes_[i] = hash;
    values_[i] = std::move(value);
    ++size_;
    return i;
  }

  Value& at(std::size_t slot) { return values_[slot]; }
  const Value& at(std::size_t slot) const { return values_[slot]; }

  // Empties `slot`, moving later members of its probe run back.
  void erase(std::size_t slot) {
    std::size_t hole = slot;
    for (std::size_t i = (slot + 1) & mask_;; i = (i + 1) & mask_) {
      const std::uint64_t h = hashes_[i];
      if (h == 0) break;
      const std::size_t home = h & mask_;
      // The member at i may fill the hole when its home is not in (hole, i].
      const bool stays = hole <= i ? (hole < home && home <= i) : (hole < home || home <= i);
      if (stays) continue;
      hashes_[hole] = h;
      values_[hole] = std::move(values_[i]);
      hole = i;
    }
    hashes_[hole] = 0;
    values_[hole] = Value();
    --size_;
  }

  // Every occupied slot, in slot order (which depends only on the inserts
  // and erases made, so it is deterministic).
  template <typename Visit>
  void for_each(Visit&& visit) const {
    for (std::size_t i = 0; i < hashes_.size(); ++i)
      if (hashes_[i] != 0) visit(hashes_[i], values_[i]);
  }

 private:
  void grow() { rehash(hashes_.empty() ? 16 : hashes_.size() * 2); }

  void rehash(std::size_t capacity) {
    Array<std::uint64_t> old_hashes = std::move(hashes_);
    Array<Value> old_values = std::move(values_);
    hashes_.assign(capacity, 0);
    values_.clear();
    values_.resize(capacity);
    mask_ = capacity - 1;
    for (std::size_t j = 0; j < old_hashes.size(); ++j) {
      if (old_hashes[j] == 0) continue;
      std::size_t i = old_hashes[j] & mask_;
      while (hashes_[i] != 0) i = (i + 1) & mask_;
      hashes_[i] = old_hashes[j];
      values_[i] = std::move(old_values[j]);
    }
  }

  // Probing reads only the hashes (eight to a cache line); a value is
  // touched on a hash match. Past 2 MiB the arrays are large blocks, on
  // huge pages where the system offers them: every lookup at a million
  // entities is a random read of them.
  template <typename T>
  using Array = std::vector<T, LargeBlockAllocator<T>>;
  Array<std::uint64_t> hashes_;
  Array<Value> values_;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
};

}  // namespace kefu::engine

#endif  // KEFU_SRC_ENGINE_FLAT_TABLE_H_
