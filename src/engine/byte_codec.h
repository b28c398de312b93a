// ByteWriter / ByteReader: the little-endian encoding of snapshots, and the
// checksum that guards them.
//
// Integers are fixed-width little-endian, strings a u32 length then the
// bytes. Events and attributes (event_codec.h), which make up most of a
// snapshot and all of the engine's history, use the compact forms too: a
// `var` is an unsigned LEB128 varint (7 bits a byte, low first, at most
// ten bytes, no redundant trailing zero byte, so each value has exactly
// one encoding), a `var_str` a var length then the bytes, and a `var_i64`
// a zigzag var (small negative numbers stay short). The reader never
// reads past its end: an overrun sets `failed()`
// and returns zeros, so a truncated or damaged snapshot is reported by the
// caller with the offset where decoding went wrong, never read out of
// bounds.
//
// The checksum is a 64-bit multiply-xor hash over 8-byte words (not
// cryptographic): any flipped byte changes it with overwhelming
// probability, at several GB/s.
//
// Thread safety: values.
#ifndef KEFU_SRC_ENGINE_BYTE_CODEC_H_
#define KEFU_SRC_ENGINE_BYTE_CODEC_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>

namespace kefu::engine {

// checksum64 of the concatenation of pieces, fed one at a time without
// joining them: the journal checksums a row's fields this way instead of
// copying the event line into a buffer first. The total length is part of
// the hash's seed, so it is given up front; `finish` checks nothing, the
// caller adds exactly `total` bytes.
class Checksum64 {
 public:
  explicit Checksum64(std::size_t total) : h_(0x6B65667573746F72ULL ^ (total * kMul)) {}

  void add(std::string_view bytes) {
    const char* p = bytes.data();
    std::size_t n = bytes.size();
    if (carried_ > 0) {  // complete the word a previous piece began
      const std::size_t take = n < 8 - carried_ ? n : 8 - carried_;
      std::memcpy(carry_ + carried_, p, take);
      carried_ += take;
      p += take;
      n -= take;
      if (carried_ < 8) return;
      mix(word(carry_));
      carried_ = 0;
    }
    for (; n >= 8; p += 8, n -= 8) mix(word(p));
    std::memcpy(carry_, p, n);
    carried_ = n;
  }

  std::uint64_t finish() {
    std::uint64_t tail = 0;
    std::memcpy(&tail, carry_, carried_);
    mix(tail ^ (static_cast<std::uint64_t>(carried_) << 56));
    return h_ ^ (h_ >> 29);
  }

 private:
  static constexpr std::uint64_t kMul = 0x9E3779B97F4A7C15ULL;
  static std::uint64_t word(const char* p) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    return w;
  }
  void mix(std::uint64_t w) {
    h_ ^= w * kMul;
    h_ = (h_ << 31) | (h_ >> 33);
    h_ *= 0xC2B2AE3D27D4EB4FULL;
  }
  std::uint64_t h_;
  char carry_[8] = {};
  std::size_t carried_ = 0;
};

inline std::uint64_t checksum64(std::string_view bytes) {
  Checksum64 sum(bytes.size());
  sum.add(bytes);
  return sum.finish();
}

inline constexpr std::size_t kMaxVarBytes = 10;  // 64 bits, 7 a byte

// The bytes of var `v`.
inline std::size_t var_size(std::uint64_t v) {
  std::size_t n = 1;
  while (v >= 0x80) {
    v >>= 7;
    ++n;
  }
  return n;
}
// Writes var `v` at `p` (room for kMaxVarBytes); returns the bytes written.
inline std::size_t put_var(char* p, std::uint64_t v) {
  std::size_t n = 0;
  while (v >= 0x80) {
    p[n++] = static_cast<char>((v & 0x7F) | 0x80);
    v >>= 7;
  }
  p[n++] = static_cast<char>(v);
  return n;
}
// Signed to unsigned with the sign in the low bit: -1 -> 1, 1 -> 2.
inline std::uint64_t zigzag(std::int64_t v) {
  return (static_cast<std::uint64_t>(v) << 1) ^ (v < 0 ? ~std::uint64_t{0} : 0);
}
inline std::int64_t unzigzag(std::uint64_t v) {
  return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1);
}

class ByteWriter {
 public:
  ByteWriter() = default;
  // Appends to `out` (moved in; take it back with take()).
  explicit ByteWriter(std::string out) : out_(std::move(out)) {}
  std::string take() { return std::move(out_); }
  void u8(std::uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void u16(std::uint16_t v) { raw(v); }
  void u32(std::uint32_t v) { raw(v); }
  void u64(std::uint64_t v) { raw(v); }
  void i32(std::int32_t v) { raw(static_cast<std::uint32_t>(v)); }
  void i64(std::int64_t v) { raw(static_cast<std::uint64_t>(v)); }
  void f64(double v) { raw(v); }
  void str(std::string_view s) {
    u32(static_cast<std::uint32_t>(s.size()));
    out_.append(s);
  }
  void var(std::uint64_t v) {
    char buf[kMaxVarBytes];
    out_.append(buf, put_var(buf, v));
  }
  void var_i64(std::int64_t v) { var(zigzag(v)); }
  void var_str(std::string_view s) {
    var(s.size());
    out_.append(s);
  }
  std::string& bytes() { return out_; }

 private:
  template <typename T>
  void raw(T v) {
    char buf[sizeof(T)];
    std::memcpy(buf, &v, sizeof(T));  // the build targets little-endian hosts
    out_.append(buf, sizeof(T));
  }
  std::string out_;
};

// Counts the bytes a ByteWriter would append, writing nothing: with a
// ByteFiller, a record is encoded into room made once (EventHistory), not
// appended a field at a time, each append a capacity check and a call.
class ByteCounter {
 public:
  void u8(std::uint8_t) { n_ += 1; }
  void u16(std::uint16_t) { n_ += 2; }
  void u32(std::uint32_t) { n_ += 4; }
  void u64(std::uint64_t) { n_ += 8; }
  void i64(std::int64_t) { n_ += 8; }
  void f64(double) { n_ += 8; }
  void str(std::string_view s) { n_ += 4 + s.size(); }
  void var(std::uint64_t v) { n_ += var_size(v); }
  void var_i64(std::int64_t v) { var(zigzag(v)); }
  void var_str(std::string_view s) { n_ += var_size(s.size()) + s.size(); }
  std::size_t size() const { return n_; }

 private:
  std::size_t n_ = 0;
};

// Writes what a ByteWriter would append into room made beforehand: as many
// bytes as a ByteCounter counted for the same calls.
class ByteFiller {
 public:
  explicit ByteFiller(char* at) : p_(at) {}
  void u8(std::uint8_t v) { *p_++ = static_cast<char>(v); }
  void u16(std::uint16_t v) { raw(v); }
  void u32(std::uint32_t v) { raw(v); }
  void u64(std::uint64_t v) { raw(v); }
  void i64(std::int64_t v) { raw(static_cast<std::uint64_t>(v)); }
  void f64(double v) { raw(v); }
  void str(std::string_view s) {
    u32(static_cast<std::uint32_t>(s.size()));
    bytes(s);
  }
  void var(std::uint64_t v) { p_ += put_var(p_, v); }
  void var_i64(std::int64_t v) { var(zigzag(v)); }
  void var_str(std::string_view s) {
    var(s.size());
    bytes(s);
  }

 private:
  void bytes(std::string_view s) {
    if (!s.empty()) std::memcpy(p_, s.data(), s.size());
    p_ += s.size();
  }
  template <typename T>
  void raw(T v) {
    std::memcpy(p_, &v, sizeof(T));  // little-endian, as ByteWriter
    p_ += sizeof(T);
  }
  char* p_;
};

class ByteReader {
 public:
  explicit ByteReader(std::string_view in) : in_(in) {}
  std::uint8_t u8() { return raw<std::uint8_t>(); }
  std::uint16_t u16() { return raw<std::uint16_t>(); }
  std::uint32_t u32() { return raw<std::uint32_t>(); }
  std::uint64_t u64() { return raw<std::uint64_t>(); }
  std::int32_t i32() { return static_cast<std::int32_t>(raw<std::uint32_t>()); }
  std::int64_t i64() { return static_cast<std::int64_t>(raw<std::uint64_t>()); }
  double f64() { return raw<double>(); }
  std::string str() { return std::string(view()); }
  // A string without copying it: valid as long as the input is.
  std::string_view view() { return take(u32()); }
  // A var; a truncated one, one longer than 64 bits or one that is not in
  // its shortest form fails.
  std::uint64_t var() {
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < kMaxVarBytes; ++i) {
      if (failed_ || pos_ == in_.size()) break;
      const auto byte = static_cast<std::uint8_t>(in_[pos_++]);
      const std::uint64_t bits = byte & 0x7F;
      if (i == kMaxVarBytes - 1 && bits > 1) break;  // past 64 bits
      v |= bits << (7 * i);
      if (byte < 0x80) {
        if (byte == 0 && i > 0) break;  // a redundant trailing zero
        return v;
      }
    }
    fail();
    return 0;
  }
  std::int64_t var_i64() { return unzigzag(var()); }
  std::string_view var_view() { return take(var()); }
  std::string var_str() { return std::string(var_view()); }
  // As count, for a var count.
  std::uint32_t var_count(std::size_t min_bytes) { return bounded(var(), min_bytes); }
  // A count of items each at least `min_bytes` long: a damaged count that
  // could not fit in what is left fails here instead of allocating.
  std::uint32_t count(std::size_t min_bytes) { return bounded(u32(), min_bytes); }
  void fail() { failed_ = true; }
  bool failed() const { return failed_; }
  std::size_t offset() const { return pos_; }
  // The bytes read since offset `from`.
  std::string_view since(std::size_t from) const { return in_.substr(from, pos_ - from); }
  bool at_end() const { return pos_ == in_.size(); }

 private:
  // Count `n`, or 0 and a failed read when it exceeds 32 bits or items of
  // `min_bytes` each could not fit in what is left.
  std::uint32_t bounded(std::uint64_t n, std::size_t min_bytes) {
    if (!failed_ && (n > 0xFFFFFFFFu || (min_bytes > 0 && n > (in_.size() - pos_) / min_bytes)))
      fail();
    return failed_ ? 0 : static_cast<std::uint32_t>(n);
  }
  // The next `n` bytes, or a failed read.
  std::string_view take(std::size_t n) {
    if (failed_ || n > in_.size() - pos_) return fail(), std::string_view();
    std::string_view s = in_.substr(pos_, n);
    pos_ += n;
    return s;
  }
  template <typename T>
  T raw() {
    T v{};
    if (failed_ || in_.size() - pos_ < sizeof(T)) return fail(), v;
    std::memcpy(&v, in_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return v;
  }
  std::string_view in_;
  std::size_t pos_ = 0;
  bool failed_ = false;
};

}  // namespace kefu::engine

#endif  // KEFU_SRC_ENGINE_BYTE_CODEC_H_
