// The snapshot and journal encoding's checksum: the streamed form
// (Checksum64, fed piece by piece) must give exactly checksum64 of the
// joined bytes, or files written before it would fail their checksums.
#include "engine/byte_codec.h"

#include <gtest/gtest.h>

#include <string>

namespace kefu::engine {
namespace {

TEST(ByteCodec, ChecksumOfPiecesEqualsChecksumOfTheWhole) {
  for (std::size_t n = 0; n <= 40; ++n) {
    std::string bytes;
    for (std::size_t i = 0; i < n; ++i) bytes.push_back(static_cast<char>(i * 37 + n));
    const std::uint64_t whole = checksum64(bytes);
    const std::string_view v(bytes);
    for (std::size_t a = 0; a <= n; ++a) {
      for (std::size_t b = a; b <= n; ++b) {
        Checksum64 sum(n);
        sum.add(v.substr(0, a));
        sum.add(v.substr(a, b - a));
        sum.add(v.substr(b));
        ASSERT_EQ(sum.finish(), whole) << "length " << n << ", split at " << a << " and " << b;
      }
    }
  }
}

TEST(ByteCodec, ChecksumDependsOnEveryByteAndTheLength) {
  const std::string bytes = "KEFUSNAP and then some payload bytes";
  const std::uint64_t sum = checksum64(bytes);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    std::string flipped = bytes;
    flipped[i] = static_cast<char>(flipped[i] ^ 1);
    EXPECT_NE(checksum64(flipped), sum) << "byte " << i;
  }
  EXPECT_NE(checksum64(bytes + std::string(1, '\0')), sum);
}

}  // namespace
}  // namespace kefu::engine
