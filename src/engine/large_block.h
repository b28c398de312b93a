// Large blocks: the memory of the engine's biggest tables (the entity,
// timer and timer-log chunks of StableVector, the slot arrays of
// FlatTable, a large engine's history chunks), offered transparent huge
// pages.
//
// Why: at a million orders the engine holds gigabytes, and an event reads
// records scattered over all of them (its id's slot, its entity's slot and
// record, the entity's timers). With 4 KiB pages nearly each of those reads
// also misses the TLB, and the page walk that follows misses the cache in
// turn; a 2 MiB page covers 512 times as much. And a block first touched a
// huge page at a time takes one page fault per 2 MiB instead of 512.
// Measured on this project's VM with the system switched to huge pages
// everywhere (bench/README.md, run N): BM_IngestOrders +8-16%,
// BM_ReplayJsonl +18-34%, page faults per event -44% and -72%.
//
// How: a block of at least kLargeBlockBytes is mapped on its own (mmap),
// starting on a 2 MiB boundary, and marked with madvise(MADV_HUGEPAGE).
// Debian's default THP mode, "madvise", gives huge pages to exactly such
// regions; "never" turns them off for every program, kefu included, and
// "always" gives them to all memory anyway. The end of a block that does
// not fill a whole huge page stays on small pages, so no memory is
// committed beyond what the table touches. A smaller block, or any block
// on a system without madvise, comes from operator new as before. The
// bytes are not zeroed: callers construct what they store.
//
// A known cost of huge pages: where physical memory is fragmented, the
// kernel may compact it at the fault (/sys/kernel/mm/transparent_hugepage/
// defrag decides); docs/architecture.md says how a host turns them off.
//
// Thread safety: the functions are thread-safe (they keep no state).
#ifndef KEFU_SRC_ENGINE_LARGE_BLOCK_H_
#define KEFU_SRC_ENGINE_LARGE_BLOCK_H_

#include <cstddef>
#include <new>

namespace kefu::engine {

inline constexpr std::size_t kHugePageBytes = std::size_t{2} << 20;
inline constexpr std::size_t kLargeBlockBytes = kHugePageBytes;

// `bytes` of memory aligned to at least `align` (at most 4096): mapped and
// offered huge pages when `bytes` >= kLargeBlockBytes. Throws
// std::bad_alloc when there is no memory.
void* allocate_block(std::size_t bytes, std::size_t align);
// Frees a block from allocate_block(bytes, align), with the same arguments.
void free_block(void* block, std::size_t bytes, std::size_t align) noexcept;

// A std::allocator that takes its memory from allocate_block, for the
// vectors of the big tables.
template <typename T>
struct LargeBlockAllocator {
  using value_type = T;
  LargeBlockAllocator() = default;
  template <typename U>
  LargeBlockAllocator(const LargeBlockAllocator<U>&) noexcept {}
  T* allocate(std::size_t n) {
    if (n > static_cast<std::size_t>(-1) / sizeof(T)) throw std::bad_array_new_length();
    return static_cast<T*>(allocate_block(n * sizeof(T), alignof(T)));
  }
  void deallocate(T* p, std::size_t n) noexcept { free_block(p, n * sizeof(T), alignof(T)); }
  template <typename U>
  bool operator==(const LargeBlockAllocator<U>&) const noexcept {
    return true;
  }
};

}  // namespace kefu::engine

#endif  // KEFU_SRC_ENGINE_LARGE_BLOCK_H_
