// Large blocks on huge pages (large_block.h).
#include "engine/large_block.h"

#include <cstdint>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace kefu::engine {

#if defined(__linux__)
namespace {

constexpr std::size_t kSmallPageBytes = 4096;

std::size_t round_up(std::size_t n, std::size_t to) { return (n + to - 1) / to * to; }

// The mapped length of a block of `bytes`: whole small pages.
std::size_t mapped_bytes(std::size_t bytes) { return round_up(bytes, kSmallPageBytes); }

// Maps `bytes` starting on a huge-page boundary: one huge page more is
// mapped, then the parts before the boundary and after the block are
// unmapped again.
void* map_aligned(std::size_t bytes) {
  const std::size_t length = mapped_bytes(bytes);
  const std::size_t padded = length + kHugePageBytes;
  void* raw = mmap(nullptr, padded, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) throw std::bad_alloc();
  const auto start = reinterpret_cast<std::uintptr_t>(raw);
  const std::uintptr_t aligned = round_up(start, kHugePageBytes);
  if (aligned > start) munmap(raw, aligned - start);
  const std::uintptr_t end = aligned + length;
  if (start + padded > end) munmap(reinterpret_cast<void*>(end), start + padded - end);
  // Advice only: a kernel without THP refuses it, and the block still works.
  madvise(reinterpret_cast<void*>(aligned), length, MADV_HUGEPAGE);
  return reinterpret_cast<void*>(aligned);
}

}  // namespace
#endif

void* allocate_block(std::size_t bytes, std::size_t align) {
#if defined(__linux__)
  if (bytes >= kLargeBlockBytes) return map_aligned(bytes);
#endif
  return ::operator new(bytes, std::align_val_t(align));
}

void free_block(void* block, std::size_t bytes, std::size_t align) noexcept {
  if (block == nullptr) return;
#if defined(__linux__)
  if (bytes >= kLargeBlockBytes) {
    munmap(block, mapped_bytes(bytes));
    return;
  }
#endif
  ::operator delete(block, std::align_val_t(align));
}

}  // namespace kefu::engine
