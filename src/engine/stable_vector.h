// StableVector<T>: an indexed sequence that grows without moving its
// elements, for the engine's dense tables of millions of records (timers,
// entities, timer log entries).
//
// A std::vector at a million 80-byte timers copies 80 MB into a fresh
// allocation at each doubling, and holds both while it does: a pause of
// tens of milliseconds in the middle of an ingest, and memory the kernel
// must clear twice. Here the storage is a list of chunks, chunk k holding
// 2^(k+4) elements: capacity doubles as a vector's does (so at most half
// is unused, and the untouched tail of a large chunk is never paged in),
// but a full table only gains a chunk. An index finds its chunk with one
// bit count. Chunks of 2 MiB and more are large blocks (large_block.h), on
// huge pages where the system offers them: there the untouched tail is
// paged in up to the end of the huge page being filled, at most 2 MiB.
//
// Elements are only appended (and, with the container, destroyed); an
// element's address is stable for the container's life.
//
// Thread safety: as a std::vector.
#ifndef KEFU_SRC_ENGINE_STABLE_VECTOR_H_
#define KEFU_SRC_ENGINE_STABLE_VECTOR_H_

#include <array>
#include <bit>
#include <cstddef>
#include <new>
#include <utility>

#include "engine/large_block.h"

namespace kefu::engine {

template <typename T>
class StableVector {
 public:
  StableVector() = default;
  StableVector(const StableVector&) = delete;
  StableVector& operator=(const StableVector&) = delete;
  StableVector(StableVector&& other) noexcept
      : chunks_(std::exchange(other.chunks_, {})), size_(std::exchange(other.size_, 0)) {}
  StableVector& operator=(StableVector&& other) noexcept {
    if (this != &other) {
      destroy();
      chunks_ = std::exchange(other.chunks_, {});
      size_ = std::exchange(other.size_, 0);
    }
    return *this;
  }
  ~StableVector() { destroy(); }

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

  // Inlined: GCC kept them out of line, a call on every entity and timer access.
  [[gnu::always_inline]] T& operator[](std::size_t i) { return *locate(i); }
  [[gnu::always_inline]] const T& operator[](std::size_t i) const { return *locate(i); }

  // Starts loading element `i` (a caller that will read it soon).
  void prefetch(std::size_t i) const { __builtin_prefetch(locate(i)); }

  template <typename... Args>
  T& emplace_back(Args&&... args) {
    T* slot = room();
    new (slot) T(std::forward<Args>(args)...);
    ++size_;
    return *slot;
  }
  void push_back(const T& v) { emplace_back(v); }
  void push_back(T&& v) { emplace_back(std::move(v)); }

  // Allocates the chunks `n` elements need (a restore that knows its size).
  void reserve(std::size_t n) {
    for (std::size_t chunk = 0; capacity_of(chunk) < n; ++chunk)
      if (chunks_[chunk] == nullptr) chunks_[chunk] = allocate(chunk);
  }

  template <typename V>
  class Iterator {
   public:
    Iterator(V* v, std::size_t i) : v_(v), i_(i) {}
    auto& operator*() const { return (*v_)[i_]; }
    auto* operator->() const { return &(*v_)[i_]; }
    Iterator& operator++() {
      ++i_;
      return *this;
    }
    bool operator==(const Iterator& o) const { return i_ == o.i_; }

   private:
    V* v_;
    std::size_t i_;
  };
  Iterator<StableVector> begin() { return {this, 0}; }
  Iterator<StableVector> end() { return {this, size_}; }
  Iterator<const StableVector> begin() const { return {this, 0}; }
  Iterator<const StableVector> end() const { return {this, size_}; }

 private:
  static constexpr unsigned kFirstBits = 4;  // the first chunk holds 16
  static constexpr std::size_t kFirst = std::size_t{1} << kFirstBits;
  static constexpr std::size_t kChunks = 64 - kFirstBits;

  // Elements in chunks 0..chunk together.
  static std::size_t capacity_of(std::size_t chunk) {
    return (kFirst << (chunk + 1)) - kFirst;
  }
  static std::size_t chunk_bytes(std::size_t chunk) { return sizeof(T) * (kFirst << chunk); }
  static T* allocate(std::size_t chunk) {
    return static_cast<T*>(allocate_block(chunk_bytes(chunk), alignof(T)));
  }

  [[gnu::always_inline]] T* locate(std::size_t i) const {
    const std::size_t j = i + kFirst;
    const unsigned chunk = static_cast<unsigned>(std::bit_width(j)) - 1 - kFirstBits;
    return chunks_[chunk] + (j - (kFirst << chunk));
  }

  T* room() {
    const std::size_t j = size_ + kFirst;
    const unsigned chunk = static_cast<unsigned>(std::bit_width(j)) - 1 - kFirstBits;
    if (chunks_[chunk] == nullptr) chunks_[chunk] = allocate(chunk);
    return chunks_[chunk] + (j - (kFirst << chunk));
  }

  void destroy() {
    for (std::size_t i = 0; i < size_; ++i) locate(i)->~T();
    for (std::size_t chunk = 0; chunk < kChunks; ++chunk)
      free_block(chunks_[chunk], chunk_bytes(chunk), alignof(T));
    chunks_ = {};
    size_ = 0;
  }

  std::array<T*, kChunks> chunks_{};
  std::size_t size_ = 0;
};

}  // namespace kefu::engine

#endif  // KEFU_SRC_ENGINE_STABLE_VECTOR_H_
