// Huge-page-advised mappings for the big tables (large_pages.h).
#include "engine/large_pages.h"

#include <cstdint>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace kefu::engine {
namespace {

// operator new's alignment: every table's element type needs at most this.
constexpr std::align_val_t kAlign{__STDCPP_DEFAULT_NEW_ALIGNMENT__};

// The next multiple of a huge page: of a size, or of an address.
std::uintptr_t round_up(std::uintptr_t n) {
  return (n + kLargePageBytes - 1) & ~std::uintptr_t{kLargePageBytes - 1};
}

}  // namespace

void* allocate_large(std::size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  if (bytes >= kLargePageBytes) {
    // Mapped with a huge page's worth to spare, then trimmed to an aligned
    // range: the kernel backs only aligned 2 MiB ranges with huge pages.
    const std::size_t size = round_up(bytes);
    const std::size_t span = size + kLargePageBytes;
    void* raw = mmap(nullptr, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED) throw std::bad_alloc();
    const auto start = reinterpret_cast<std::uintptr_t>(raw);
    const std::uintptr_t aligned = round_up(start);
    if (aligned > start) munmap(raw, aligned - start);
    const std::uintptr_t end = start + span;
    if (end > aligned + size) munmap(reinterpret_cast<void*>(aligned + size), end - aligned - size);
    void* p = reinterpret_cast<void*>(aligned);
    madvise(p, size, MADV_HUGEPAGE);  // advice: without it the memory still works
    return p;
  }
#endif
  return ::operator new(bytes, kAlign);
}

void free_large(void* p, std::size_t bytes) noexcept {
  if (p == nullptr) return;
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  if (bytes >= kLargePageBytes) {
    munmap(p, round_up(bytes));
    return;
  }
#endif
  ::operator delete(p, kAlign);
}

}  // namespace kefu::engine
