// The snapshot and journal encoding's checksum: the streamed form
// (Checksum64, fed piece by piece) must give exactly checksum64 of the
// joined bytes, or files written before it would fail their checksums.
// And the compact forms (vars) of events and attributes: the writer, the
// counter and the filler agree byte for byte, the reader gives back what
// was written, and refuses what no writer makes.
#include "engine/byte_codec.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

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

// Values at every length boundary of a var, and signed ones around zero.
std::vector<std::uint64_t> VarSamples() {
  std::vector<std::uint64_t> v = {0, 1, 127, 128, 255, 300, 16383, 16384,
                                  std::numeric_limits<std::uint64_t>::max()};
  for (int bits = 7; bits < 64; bits += 7) {
    v.push_back((std::uint64_t{1} << bits) - 1);
    v.push_back(std::uint64_t{1} << bits);
  }
  return v;
}

TEST(ByteCodec, VarsRoundTripAndAllThreeWritersAgree) {
  for (const std::uint64_t value : VarSamples()) {
    ByteWriter w;
    w.var(value);
    const std::string bytes = w.take();
    ByteCounter count;
    count.var(value);
    ASSERT_EQ(count.size(), bytes.size()) << value;
    ASSERT_EQ(var_size(value), bytes.size()) << value;
    std::string filled(bytes.size(), '\0');
    ByteFiller fill(filled.data());
    fill.var(value);
    EXPECT_EQ(filled, bytes) << value;
    ByteReader r(bytes);
    EXPECT_EQ(r.var(), value);
    EXPECT_FALSE(r.failed()) << value;
    EXPECT_TRUE(r.at_end()) << value;
  }
  EXPECT_EQ(var_size(127), 1u);
  EXPECT_EQ(var_size(128), 2u);
  EXPECT_EQ(var_size(std::numeric_limits<std::uint64_t>::max()), kMaxVarBytes);
}

TEST(ByteCodec, SignedVarsKeepSmallNumbersShort) {
  for (const std::int64_t value :
       {std::int64_t{0}, std::int64_t{-1}, std::int64_t{1}, std::int64_t{-64}, std::int64_t{63},
        std::int64_t{-65}, std::int64_t{120000}, std::numeric_limits<std::int64_t>::min(),
        std::numeric_limits<std::int64_t>::max()}) {
    ByteWriter w;
    w.var_i64(value);
    const std::string bytes = w.take();
    ByteReader r(bytes);
    EXPECT_EQ(r.var_i64(), value);
    EXPECT_TRUE(r.at_end() && !r.failed()) << value;
  }
  EXPECT_EQ(zigzag(-1), 1u);
  EXPECT_EQ(zigzag(1), 2u);
  EXPECT_EQ(var_size(zigzag(-64)), 1u);
  EXPECT_EQ(var_size(zigzag(-65)), 2u);
}

TEST(ByteCodec, VarStringsRoundTrip) {
  const std::string long_one(300, 'x');
  ByteWriter w;
  w.var_str("");
  w.var_str("tier");
  w.var_str(long_one);
  const std::string bytes = w.take();
  EXPECT_EQ(bytes.size(), 1u + 1 + 4 + 2 + 300);
  ByteCounter count;
  count.var_str("");
  count.var_str("tier");
  count.var_str(long_one);
  EXPECT_EQ(count.size(), bytes.size());
  ByteReader r(bytes);
  EXPECT_EQ(r.var_view(), "");
  EXPECT_EQ(r.var_str(), "tier");
  EXPECT_EQ(r.var_view(), long_one);
  EXPECT_TRUE(r.at_end() && !r.failed());
}

TEST(ByteCodec, TheReaderRefusesVarsNoWriterMakes) {
  const auto refused = [](std::string bytes) {
    ByteReader r(bytes);
    r.var();
    return r.failed();
  };
  EXPECT_TRUE(refused(""));                    // nothing there
  EXPECT_TRUE(refused("\x80"));                // cut short
  EXPECT_TRUE(refused(std::string("\x80\0", 2)));  // 0 written long: not its shortest form
  EXPECT_TRUE(refused(std::string("\xFF\0", 2)));  // a redundant trailing zero
  EXPECT_TRUE(refused(std::string(9, '\xFF') + "\x02"));  // 65 bits
  EXPECT_TRUE(refused(std::string(10, '\xFF') + "\x01"));  // eleven bytes
  EXPECT_FALSE(refused(std::string(9, '\xFF') + "\x01"));  // 2^64 - 1
  {  // a length past the end
    ByteReader r("\x05" "abc");
    EXPECT_EQ(r.var_view(), "");
    EXPECT_TRUE(r.failed());
  }
  {  // a count that the bytes left cannot hold
    ByteReader r("\x03" "ab");
    EXPECT_EQ(r.var_count(1), 0u);
    EXPECT_TRUE(r.failed());
  }
  {  // nothing is read once a read failed
    ByteReader r("\x80");
    r.var();
    EXPECT_EQ(r.var(), 0u);
    EXPECT_TRUE(r.failed());
  }
}

}  // namespace
}  // namespace kefu::engine
