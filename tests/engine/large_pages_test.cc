// allocate_large: small and large blocks usable and aligned, large ones
// mapped on 2 MiB boundaries and advised for huge pages, and std::vector
// growing across the threshold with LargePageAllocator.
#include "engine/large_pages.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace kefu::engine {
namespace {

std::uintptr_t address(const void* p) { return reinterpret_cast<std::uintptr_t>(p); }

TEST(LargePages, SmallAndLargeBlocksHoldWhatIsWritten) {
  for (std::size_t bytes : {std::size_t{1}, std::size_t{4096}, kLargePageBytes - 1,
                            kLargePageBytes, kLargePageBytes * 3 + 17}) {
    auto* p = static_cast<unsigned char*>(allocate_large(bytes));
    ASSERT_NE(p, nullptr) << bytes;
    EXPECT_EQ(address(p) % __STDCPP_DEFAULT_NEW_ALIGNMENT__, 0u) << bytes;
    std::memset(p, 0xab, bytes);
    EXPECT_EQ(p[0], 0xab);
    EXPECT_EQ(p[bytes - 1], 0xab);
    free_large(p, bytes);
  }
  free_large(nullptr, kLargePageBytes);  // like delete of null: nothing
}

#if defined(__linux__)
// The smaps entry of the mapping that holds `p`, or "" when none does.
std::string smaps_entry(const void* p) {
  std::ifstream smaps("/proc/self/smaps");
  std::string line, entry;
  bool inside = false;
  while (std::getline(smaps, line)) {
    std::uintptr_t from = 0, to = 0;
    char dash = 0;
    std::istringstream head(line);
    if (head >> std::hex >> from >> dash >> to && dash == '-') {
      if (inside) return entry;
      inside = from <= address(p) && address(p) < to;
      entry.clear();
    }
    if (inside) entry += line + "\n";
  }
  return inside ? entry : "";
}

std::string thp_mode() {
  std::ifstream f("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string mode;
  std::getline(f, mode);
  return mode;
}

TEST(LargePages, ALargeBlockIsAlignedAndAdvisedForHugePages) {
  const std::size_t bytes = kLargePageBytes * 4;
  void* p = allocate_large(bytes);
  EXPECT_EQ(address(p) % kLargePageBytes, 0u) << "a huge page needs an aligned 2 MiB range";
  const std::string entry = smaps_entry(p);
  ASSERT_FALSE(entry.empty()) << "no mapping holds the block";
  if (thp_mode().empty() || thp_mode().find("[never]") != std::string::npos) {
    free_large(p, bytes);
    GTEST_SKIP() << "transparent huge pages are off on this system";
  }
  // VmFlags "hg": advised MADV_HUGEPAGE (what makes a difference in the
  // default "madvise" mode).
  const std::size_t flags = entry.find("VmFlags:");
  ASSERT_NE(flags, std::string::npos) << entry;
  EXPECT_NE(entry.find(" hg", flags), std::string::npos) << entry;
  free_large(p, bytes);
}
#endif

TEST(LargePages, AVectorGrowsAcrossTheThresholdKeepingItsElements) {
  std::vector<std::uint64_t, LargePageAllocator<std::uint64_t>> v;
  const std::size_t n = kLargePageBytes / sizeof(std::uint64_t) * 3;  // three huge pages
  for (std::uint64_t i = 0; i < n; ++i) v.push_back(i * 3);
  for (std::uint64_t i = 0; i < n; i += 4099) ASSERT_EQ(v[i], i * 3) << i;
  EXPECT_EQ(v.back(), (n - 1) * 3);
  v.clear();
  v.shrink_to_fit();
  EXPECT_EQ(v.capacity(), 0u);
}

}  // namespace
}  // namespace kefu::engine
