// Memory for the engine's big random-access tables (the entity and timer
// records, the key and id tables), backed by transparent huge pages where
// the system offers them.
//
// Why: at a million entities those tables span hundreds of megabytes that
// every event reads at random places. With 4 KiB pages nearly each such
// read also misses the TLB, and the page walk that follows costs about as
// much as the miss itself (more again under a hypervisor's nested paging);
// a 2 MiB page covers 512 times as much, so most walks are gone. An
// allocation of at least 2 MiB is mapped on its own, aligned to 2 MiB, and
// advised MADV_HUGEPAGE (only where transparent huge pages are in madvise
// or always mode does it change anything); smaller ones come from operator
// new. The advice is per mapping: nothing global changes.
//
// Thread safety: the functions are; the memory is the caller's.
#ifndef KEFU_SRC_ENGINE_LARGE_PAGES_H_
#define KEFU_SRC_ENGINE_LARGE_PAGES_H_

#include <cstddef>
#include <limits>
#include <new>

namespace kefu::engine {

// Allocations this large or larger are mapped with huge-page advice.
inline constexpr std::size_t kLargePageBytes = std::size_t{2} << 20;

// `bytes` of memory aligned for any object (throws std::bad_alloc).
void* allocate_large(std::size_t bytes);
// Frees what allocate_large(bytes) returned, with the same `bytes`.
void free_large(void* p, std::size_t bytes) noexcept;

// An allocator for std::vector over allocate_large.
template <typename T>
struct LargePageAllocator {
  using value_type = T;
  LargePageAllocator() = default;
  template <typename U>
  LargePageAllocator(const LargePageAllocator<U>&) {}  // NOLINT: rebinding converts implicitly
  T* allocate(std::size_t n) {
    if (n > std::numeric_limits<std::size_t>::max() / sizeof(T)) throw std::bad_alloc();
    return static_cast<T*>(allocate_large(n * sizeof(T)));
  }
  void deallocate(T* p, std::size_t n) noexcept { free_large(p, n * sizeof(T)); }
  template <typename U>
  bool operator==(const LargePageAllocator<U>&) const { return true; }
};

}  // namespace kefu::engine

#endif  // KEFU_SRC_ENGINE_LARGE_PAGES_H_
