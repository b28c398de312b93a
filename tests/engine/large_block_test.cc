// Large blocks (src/engine/large_block.h): memory that holds what is
// written to it, aligned as asked, a large one on a huge-page boundary and
// (where the kernel has transparent huge pages) marked for them; and the
// allocator built on them keeps a vector's contents as it grows past the
// threshold.
#include "engine/large_block.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace kefu::engine {
namespace {

bool AlignedTo(const void* p, std::size_t align) {
  return reinterpret_cast<std::uintptr_t>(p) % align == 0;
}

// The VmFlags line of the mapping of /proc/self/smaps that holds `p`, or "".
std::string VmFlagsOf(const void* p) {
  std::ifstream smaps("/proc/self/smaps");
  std::string line;
  bool inside = false;
  const auto at = reinterpret_cast<std::uintptr_t>(p);
  while (std::getline(smaps, line)) {
    std::uintptr_t from = 0, to = 0;
    char dash = 0;
    std::istringstream head(line);
    if (head >> std::hex >> from >> dash >> to && dash == '-') {
      inside = from <= at && at < to;
      continue;
    }
    if (inside && line.rfind("VmFlags:", 0) == 0) return line;
  }
  return "";
}

TEST(LargeBlock, ASmallBlockIsAlignedAndHoldsWhatIsWritten) {
  for (const std::size_t align : {std::size_t{8}, std::size_t{64}}) {
    void* p = allocate_block(1000, align);
    ASSERT_NE(p, nullptr);
    EXPECT_TRUE(AlignedTo(p, align));
    std::memset(p, 0x5A, 1000);
    EXPECT_EQ(static_cast<unsigned char*>(p)[999], 0x5A);
    free_block(p, 1000, align);
  }
}

TEST(LargeBlock, ALargeBlockStartsOnAHugePageAndHoldsEveryByte) {
  // Not a multiple of the page: the block's end is on small pages.
  const std::size_t bytes = kLargeBlockBytes * 2 + 12345;
  auto* p = static_cast<unsigned char*>(allocate_block(bytes, 8));
  ASSERT_NE(p, nullptr);
  EXPECT_TRUE(AlignedTo(p, kHugePageBytes));
  for (std::size_t i = 0; i < bytes; i += 4096) p[i] = static_cast<unsigned char>(i / 4096);
  p[bytes - 1] = 0xEE;
  for (std::size_t i = 0; i < bytes; i += 4096)
    ASSERT_EQ(p[i], static_cast<unsigned char>(i / 4096)) << i;
  EXPECT_EQ(p[bytes - 1], 0xEE);
  free_block(p, bytes, 8);
}

TEST(LargeBlock, ALargeBlockIsOfferedHugePages) {
  std::ifstream thp("/sys/kernel/mm/transparent_hugepage/enabled");
  if (!thp) GTEST_SKIP() << "this kernel has no transparent huge pages";
  const std::size_t bytes = kLargeBlockBytes * 3;
  void* p = allocate_block(bytes, 8);
  const std::string flags = VmFlagsOf(p);
  ASSERT_FALSE(flags.empty()) << "no mapping in /proc/self/smaps holds the block";
  // "hg": madvise(MADV_HUGEPAGE) was applied to the mapping.
  EXPECT_NE(flags.find(" hg"), std::string::npos) << flags;
  free_block(p, bytes, 8);
}

TEST(LargeBlock, AVectorKeepsItsContentsAsItGrowsPastTheThreshold) {
  std::vector<std::uint64_t, LargeBlockAllocator<std::uint64_t>> v;
  const std::size_t n = 3 * kLargeBlockBytes / sizeof(std::uint64_t);
  for (std::size_t i = 0; i < n; ++i) v.push_back(i * 7);
  for (std::size_t i = 0; i < n; i += 997) ASSERT_EQ(v[i], i * 7) << i;
  EXPECT_TRUE(AlignedTo(v.data(), kHugePageBytes));  // large by now
  v.clear();
  v.shrink_to_fit();
  v.assign(10, 3);  // small again
  EXPECT_EQ(v[9], 3u);
}

}  // namespace
}  // namespace kefu::engine
