// The JSON scanner parse_event reads events with: a strict RFC 8259 reader
// over one line of text, value by value, that the event reader drives.
//
// It exists because events come by the million: a general JSON library
// lexes char by char into std::string, while an event is a small flat
// object whose strings seldom hold escapes. The scanner hands out strings
// as views into the text (decoding into a buffer only when a string holds
// escapes), reads integers in one pass, and allocates nothing on the common
// path. It is still a complete JSON reader: escapes including \uXXXX and
// surrogate pairs become UTF-8, raw UTF-8 is validated, numbers follow the
// grammar, and errors give the byte offset (1-based, as nlohmann's
// parse_error::byte: the byte where reading failed, or the text's size + 1
// at its end) and nlohmann's wording ("syntax error while parsing object
// key - unexpected '}'; expected string literal"), so event and policy
// errors read alike. Unlike nlohmann it bounds nesting (kMaxDepth; an
// event needs two levels), and its "last read: '...'" shows the failing
// token alone, cut to its last 40 bytes, in valid UTF-8.
//
// Numbers read as nlohmann reads them: an integer that fits 64 bits is an
// integer (kUnsigned when only uint64 holds it), a larger one and any
// number with a fraction or exponent a double; a double that overflows is
// an error ("number overflow parsing '1e400'"), one that underflows is 0.
//
// Example:
//   JsonScanner in(text);
//   in.skip_whitespace();
//   JsonValue v;
//   if (!in.value(&v)) return in.error();  // "invalid JSON at byte 3: ..."
//   // v.text is valid until the next string is read.
//   if (v.kind == JsonValue::Kind::kString) use(v.text);
//
// Thread safety: a scanner is used by one thread.
#ifndef KEFU_SRC_DOMAIN_EVENT_SCANNER_H_
#define KEFU_SRC_DOMAIN_EVENT_SCANNER_H_

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace kefu::domain::internal {

// Bytes a string's fast path takes as they are: printable ASCII but '"' and
// '\\'.
inline constexpr std::array<bool, 256> kJsonPlainBytes = [] {
  std::array<bool, 256> plain{};
  for (int c = 0x20; c < 0x80; ++c) plain[c] = c != '"' && c != '\\';
  return plain;
}();

// One value as read. Objects and arrays are only opened: their content is
// read by the caller (or skipped with skip_content()).
struct JsonValue {
  enum class Kind : std::uint8_t {
    kString,
    kInteger,   // fits int64
    kUnsigned,  // above INT64_MAX, fits uint64
    kReal,
    kTrue,
    kFalse,
    kNull,
    kObject,  // '{' consumed
    kArray,   // '[' consumed
  };
  Kind kind = Kind::kNull;
  // kString: the decoded string; a view into the text, or into the
  // scanner's buffer when the string held escapes, valid until the next
  // string is read. Numbers: their text.
  std::string_view text;
  std::int64_t integer = 0;
  std::uint64_t unsigned_integer = 0;
  double real = 0;
};

class JsonScanner {
 public:
  // Arrays and objects nested deeper than max_depth (at most kMaxDepth,
  // which one bit per open level in skip_content() allows) are refused. An
  // event is an object holding one object.
  static constexpr int kMaxDepth = 64;

  // A leading UTF-8 byte order mark is skipped, as nlohmann does.
  explicit JsonScanner(std::string_view text, int max_depth = kMaxDepth);

  JsonScanner(const JsonScanner&) = delete;
  JsonScanner& operator=(const JsonScanner&) = delete;

  void skip_whitespace() {
    // Events seldom hold whitespace: one test when there is none.
    while (p_ != end_ && static_cast<unsigned char>(*p_) <= ' ' &&
           (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) {
      ++p_;
    }
  }
  bool at_end() const { return p_ == end_; }
  // Consumes `c` if it is the next byte (whitespace is not skipped).
  bool consume(char c) {
    if (p_ != end_ && *p_ == c) {
      ++p_;
      return true;
    }
    return false;
  }

  // Reads the value that starts at the next byte. False on an error, which
  // error() then holds.
  bool value(JsonValue* v);

  // Reads an object key: a string at the next byte. `*key` is valid until
  // the next string is read.
  bool key(std::string_view* key) {
    if (p_ != end_ && *p_ == '"' && string(key)) return true;
    return fail("object key", "string literal");
  }

  // Whether a string read lies in the scanner's buffer (it held escapes)
  // rather than in the text, which outlives the scanner.
  bool in_buffer(std::string_view s) const {
    return s.data() == buffer_.data();
  }

  // Skips the content of an object or array whose opening bracket value()
  // consumed, up to its closing bracket, checking it all. `depth` is the
  // nesting level of that object or array (the document's is 1).
  bool skip_content(JsonValue::Kind kind, int depth);

  // Reports a syntax error at the next token: `context` is what was being
  // read ("object", "object separator"), `expected` the token wanted
  // ("'}'"). Returns false.
  bool fail(std::string_view context, std::string_view expected) {
    return fail_at_token(context, expected, /*expected_after_lex_error=*/true);
  }

  // The error, a complete message: "invalid JSON at byte 20: syntax error
  // while parsing value - unexpected '}'; expected '[', '{', or a literal".
  const std::string& error() const { return error_; }

 private:
  // Strings: a quoted string at p_. The common case, no escape, no control
  // character, nothing beyond ASCII, stays inline.
  bool string(std::string_view* out) {
    const char* begin = ++p_;
    skip_plain_words();
    while (p_ != end_ && kJsonPlainBytes[static_cast<unsigned char>(*p_)]) ++p_;
    if (p_ != end_ && *p_ == '"') {
      *out = std::string_view(begin, static_cast<std::size_t>(p_ - begin));
      ++p_;
      return true;
    }
    return string_rest(begin, out);
  }
  // Skips plain bytes eight at a time (SWAR), stopping at the first word
  // that holds a byte to look at: '"', '\\', a control character or a
  // byte of a multi-byte character. Never reads past the text.
  void skip_plain_words() {
    if constexpr (std::endian::native == std::endian::little) {
      constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
      constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
      while (end_ - p_ >= 8) {
        std::uint64_t w;
        std::memcpy(&w, p_, sizeof w);
        const std::uint64_t quote = w ^ (kOnes * '"');
        const std::uint64_t backslash = w ^ (kOnes * '\\');
        // Each term flags its lowest matching byte exactly (a borrow can
        // only flag bytes above it), which is all the count below uses.
        const std::uint64_t stop = ((quote - kOnes) & ~quote) |
                                   ((backslash - kOnes) & ~backslash) |
                                   ((w - kOnes * 0x20) & ~w) | w;
        if ((stop & kHigh) != 0) {
          p_ += std::countr_zero(stop & kHigh) / 8;
          return;
        }
        p_ += 8;
      }
    }
  }
  bool string_rest(const char* begin, std::string_view* out);
  bool number(JsonValue* v);
  bool number_rest(const char* begin, JsonValue* v);
  bool literal(std::string_view word);

  // Error reporting. A lexical error (in a string, number or literal)
  // records what and where; the token describer turns it or the token
  // found into the message.
  bool lex_error(const char* token, const char* at, std::string message);
  bool fail_lexical(std::string_view context, std::string_view expected);
  bool fail_at_token(std::string_view context, std::string_view expected,
                     bool expected_after_lex_error);
  bool fail_depth();
  std::size_t byte_of(const char* at) const {
    return static_cast<std::size_t>(at - begin_) + 1;
  }

  const char* const begin_;
  const char* const end_;
  const char* p_;
  const int max_depth_;
  // Lexical error, until reported.
  const char* token_ = nullptr;   // where the failing token starts
  const char* lex_at_ = nullptr;  // the byte it failed at (end_: at end)
  std::string lex_message_;
  std::string buffer_;  // strings with escapes, decoded
  std::string error_;
};

// The whole value at `in`'s next byte, inline for the event reader's loop.
inline bool JsonScanner::value(JsonValue* v) {
  if (p_ == end_)
    return fail_at_token("value", "'[', '{', or a literal", false);
  switch (*p_) {
    case '"':
      v->kind = JsonValue::Kind::kString;
      return string(&v->text) || fail_lexical("value", "");
    case '-':
    case '0':
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7':
    case '8':
    case '9':
      return number(v);
    case '{':
      ++p_;
      v->kind = JsonValue::Kind::kObject;
      return true;
    case '[':
      ++p_;
      v->kind = JsonValue::Kind::kArray;
      return true;
    case 't':
      v->kind = JsonValue::Kind::kTrue;
      return literal("true") || fail_lexical("value", "");
    case 'f':
      v->kind = JsonValue::Kind::kFalse;
      return literal("false") || fail_lexical("value", "");
    case 'n':
      v->kind = JsonValue::Kind::kNull;
      return literal("null") || fail_lexical("value", "");
    default:
      return fail_at_token("value", "'[', '{', or a literal", false);
  }
}

// Integers of up to 18 digits inline; the rest (fractions, exponents, long
// integers, errors) out of line.
inline bool JsonScanner::number(JsonValue* v) {
  const char* begin = p_;
  const bool negative = *p_ == '-';
  if (negative) ++p_;
  const char* digits = p_;
  std::uint64_t n = 0;
  if (p_ != end_ && *p_ == '0') {
    ++p_;
  } else {
    while (p_ != end_ && static_cast<unsigned char>(*p_ - '0') <= 9) {
      n = n * 10 + static_cast<unsigned char>(*p_ - '0');  // wraps past 19
      ++p_;
    }
  }
  const std::size_t count = static_cast<std::size_t>(p_ - digits);
  if (count == 0 || count > 18 ||
      (p_ != end_ && (*p_ == '.' || *p_ == 'e' || *p_ == 'E'))) {
    p_ = begin;
    return number_rest(begin, v);
  }
  v->kind = JsonValue::Kind::kInteger;
  v->integer =
      negative ? -static_cast<std::int64_t>(n) : static_cast<std::int64_t>(n);
  v->text = std::string_view(begin, static_cast<std::size_t>(p_ - begin));
  return true;
}

}  // namespace kefu::domain::internal

#endif  // KEFU_SRC_DOMAIN_EVENT_SCANNER_H_
