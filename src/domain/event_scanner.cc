#include "domain/event_scanner.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <system_error>

namespace kefu::domain::internal {
namespace {

bool is_digit(char c) { return static_cast<unsigned char>(c - '0') <= 9; }

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// The well-formed UTF-8 sequence starting at p (a byte >= 0x80), per RFC
// 3629's table: its length, or 0 and `*bad` the first byte that breaks it
// (`end` when the text ends inside it).
std::size_t utf8_sequence(const char* p, const char* end, const char** bad) {
  const auto byte = [](const char* q) {
    return static_cast<unsigned char>(*q);
  };
  const unsigned char lead = byte(p);
  unsigned char lo = 0x80, hi = 0xBF;  // range of the second byte
  std::size_t n;
  if (lead >= 0xC2 && lead <= 0xDF) {
    n = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    n = 3;
    if (lead == 0xE0) lo = 0xA0;  // no overlong forms
    if (lead == 0xED) hi = 0x9F;  // no surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    n = 4;
    if (lead == 0xF0) lo = 0x90;
    if (lead == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
  } else {
    *bad = p;
    return 0;
  }
  for (std::size_t i = 1; i < n; ++i) {
    if (p + i == end) {
      *bad = end;
      return 0;
    }
    const unsigned char c = byte(p + i);
    if (c < (i == 1 ? lo : 0x80) || c > (i == 1 ? hi : 0xBF)) {
      *bad = p + i;
      return 0;
    }
  }
  return n;
}

// Text of a token for "last read: '...'": its last 40 bytes or so, control
// characters as nlohmann shows them (<U+000A>) and bytes that are not
// UTF-8 in hex, so that the message stays one valid line.
std::string token_text(const char* begin, const char* end) {
  constexpr std::size_t kMaxBytes = 40;
  std::string out;
  if (static_cast<std::size_t>(end - begin) > kMaxBytes) {
    begin = end - kMaxBytes;
    while (begin != end && (static_cast<unsigned char>(*begin) & 0xC0) == 0x80)
      ++begin;  // start at a character
    out = "...";
  }
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (const char* p = begin; p != end;) {
    const auto c = static_cast<unsigned char>(*p);
    if (c < 0x20) {
      out += "<U+00";
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
      out += '>';
      ++p;
    } else if (c < 0x80) {
      out += static_cast<char>(c);
      ++p;
    } else {
      const char* bad = nullptr;
      if (std::size_t n = utf8_sequence(p, end, &bad); n > 0) {
        out.append(p, n);
        p += n;
      } else {
        out += "<0x";
        out += kHex[c >> 4];
        out += kHex[c & 0xF];
        out += '>';
        ++p;
      }
    }
  }
  return out;
}

std::string control_character_message(unsigned char c) {
  static constexpr std::array<const char*, 32> kNames = {
      "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL",
      "BS",  "HT",  "LF",  "VT",  "FF",  "CR",  "SO",  "SI",
      "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB",
      "CAN", "EM",  "SUB", "ESC", "FS",  "GS",  "RS",  "US"};
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string code = "U+00";
  code += kHex[c >> 4];
  code += kHex[c & 0xF];
  std::string message = "invalid string: control character " + code + " (" +
                        kNames[c] + ") must be escaped to \\u" + code.substr(2);
  const char* shorthand = nullptr;
  switch (c) {
    case '\b':
      shorthand = "\\b";
      break;
    case '\t':
      shorthand = "\\t";
      break;
    case '\n':
      shorthand = "\\n";
      break;
    case '\f':
      shorthand = "\\f";
      break;
    case '\r':
      shorthand = "\\r";
      break;
    default:
      break;
  }
  if (shorthand) message += std::string(" or ") + shorthand;
  return message;
}

}  // namespace

JsonScanner::JsonScanner(std::string_view text, int max_depth)
    : begin_(text.data()),
      end_(text.data() + text.size()),
      p_(begin_),
      max_depth_(max_depth < 1 || max_depth > kMaxDepth ? kMaxDepth : max_depth) {
  if (text.empty() || text[0] != '\xEF') return;
  // A byte order mark, or the error nlohmann gives for a broken one.
  for (const char* p = begin_ + 1; p != begin_ + 3; ++p) {
    if (p == end_ || *p != (p == begin_ + 1 ? '\xBB' : '\xBF')) {
      lex_error(begin_, p, "invalid BOM; must be 0xEF 0xBB 0xBF if given");
      return;
    }
  }
  p_ += 3;
}

// The slow part of a string: p_ stands at a byte the fast path stopped at.
// Strings without escapes stay views into the text; the first escape
// starts a decoded copy in buffer_.
bool JsonScanner::string_rest(const char* begin, std::string_view* out) {
  const char* const token = begin - 1;  // the opening quote
  bool copying = false;
  const char* run = begin;  // not yet copied
  for (;;) {
    if (p_ == end_) {
      return lex_error(token, end_, "invalid string: missing closing quote");
    }
    const auto c = static_cast<unsigned char>(*p_);
    if (kJsonPlainBytes[c]) {
      ++p_;
    } else if (c == '"') {
      if (copying) {
        buffer_.append(run, p_);
        *out = buffer_;
      } else {
        *out = std::string_view(begin, static_cast<std::size_t>(p_ - begin));
      }
      ++p_;
      return true;
    } else if (c == '\\') {
      if (!copying) {
        buffer_.assign(begin, p_);
        copying = true;
      } else {
        buffer_.append(run, p_);
      }
      ++p_;
      if (p_ == end_) {
        return lex_error(token, end_,
                         "invalid string: forbidden character after backslash");
      }
      switch (*p_) {
        case '"':
        case '\\':
        case '/':
          buffer_ += *p_;
          break;
        case 'b':
          buffer_ += '\b';
          break;
        case 'f':
          buffer_ += '\f';
          break;
        case 'n':
          buffer_ += '\n';
          break;
        case 'r':
          buffer_ += '\r';
          break;
        case 't':
          buffer_ += '\t';
          break;
        case 'u': {
          // Four hex digits after "\u" at p; the code unit, or -1 with
          // the error recorded.
          auto code_unit = [&](const char* p) -> std::int32_t {
            std::int32_t v = 0;
            for (int i = 1; i <= 4; ++i) {
              const int h = p + i == end_ ? -1 : hex_value(p[i]);
              if (h < 0) {
                lex_error(token, p + i,
                          "invalid string: '\\u' must be followed by 4 hex "
                          "digits");
                return -1;
              }
              v = v * 16 + h;
            }
            return v;
          };
          std::int32_t cp = code_unit(p_);
          if (cp < 0) return false;
          p_ += 4;  // at the last hex digit
          if (cp >= 0xDC00 && cp <= 0xDFFF) {
            return lex_error(token, p_,
                             "invalid string: surrogate U+DC00..U+DFFF must "
                             "follow U+D800..U+DBFF");
          }
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            constexpr const char* kUnpaired =
                "invalid string: surrogate U+D800..U+DBFF must be followed "
                "by U+DC00..U+DFFF";
            for (char expected : {'\\', 'u'}) {
              ++p_;
              if (p_ == end_ || *p_ != expected)
                return lex_error(token, p_, kUnpaired);
            }
            const std::int32_t low = code_unit(p_);
            if (low < 0) return false;
            p_ += 4;
            if (low < 0xDC00 || low > 0xDFFF)
              return lex_error(token, p_, kUnpaired);
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          }
          append_utf8(buffer_, static_cast<std::uint32_t>(cp));
          break;
        }
        default:
          return lex_error(token, p_,
                           "invalid string: forbidden character after "
                           "backslash");
      }
      ++p_;
      run = p_;
    } else if (c < 0x20) {
      return lex_error(token, p_, control_character_message(c));
    } else {
      const char* bad = nullptr;
      const std::size_t n = utf8_sequence(p_, end_, &bad);
      if (n == 0)
        return lex_error(token, bad, "invalid string: ill-formed UTF-8 byte");
      p_ += n;
    }
  }
}

// A number the inline path did not finish: p_ stands at its first byte.
bool JsonScanner::number_rest(const char* begin, JsonValue* v) {
  const char* p = begin;
  const bool negative = *p == '-';
  if (negative) ++p;
  if (p == end_ || !is_digit(*p)) {
    return lex_error(begin, p, "invalid number; expected digit after '-'") ||
           fail_lexical("value", "");
  }
  if (*p == '0') {
    ++p;
  } else {
    while (p != end_ && is_digit(*p)) ++p;
  }
  const char* const integer_end = p;
  bool integral = true;
  if (p != end_ && *p == '.') {
    ++p;
    if (p == end_ || !is_digit(*p)) {
      return lex_error(begin, p, "invalid number; expected digit after '.'") ||
             fail_lexical("value", "");
    }
    while (p != end_ && is_digit(*p)) ++p;
    integral = false;
  }
  if (p != end_ && (*p == 'e' || *p == 'E')) {
    ++p;
    if (p != end_ && (*p == '+' || *p == '-')) {
      ++p;
      if (p == end_ || !is_digit(*p)) {
        return lex_error(begin, p,
                         "invalid number; expected digit after exponent "
                         "sign") ||
               fail_lexical("value", "");
      }
    } else if (p == end_ || !is_digit(*p)) {
      return lex_error(begin, p,
                       "invalid number; expected '+', '-', or digit after "
                       "exponent") ||
             fail_lexical("value", "");
    }
    while (p != end_ && is_digit(*p)) ++p;
    integral = false;
  }
  p_ = p;
  v->text = std::string_view(begin, static_cast<std::size_t>(p - begin));

  if (integral) {
    // Integers that fit 64 bits stay integers; larger ones become doubles,
    // as with nlohmann (strtoull / strtoll, then strtod on overflow).
    std::uint64_t n = 0;
    bool fits = true;
    for (const char* d = negative ? begin + 1 : begin; d != integer_end; ++d) {
      if (__builtin_mul_overflow(n, 10u, &n) ||
          __builtin_add_overflow(n, static_cast<unsigned>(*d - '0'), &n)) {
        fits = false;
        break;
      }
    }
    constexpr std::uint64_t kInt64Max = 0x7FFFFFFFFFFFFFFFULL;
    if (fits && !negative) {
      if (n <= kInt64Max) {
        v->kind = JsonValue::Kind::kInteger;
        v->integer = static_cast<std::int64_t>(n);
      } else {
        v->kind = JsonValue::Kind::kUnsigned;
        v->unsigned_integer = n;
      }
      return true;
    }
    if (fits && n <= kInt64Max + 1) {
      v->kind = JsonValue::Kind::kInteger;
      v->integer = static_cast<std::int64_t>(0 - n);  // modular: -2^63 too
      return true;
    }
  }

  double d = 0;
  const std::from_chars_result r = std::from_chars(begin, p, d);
  if (r.ec == std::errc::result_out_of_range) {
    // Overflow is an error; underflow reads as 0 (or a subnormal), as
    // strtod has it.
    const std::string text(v->text);
    d = std::strtod(text.c_str(), nullptr);
  } else if (r.ec != std::errc() || r.ptr != p) {
    d = std::strtod(std::string(v->text).c_str(), nullptr);  // not expected
  }
  if (!std::isfinite(d)) {
    error_ = "invalid JSON at byte " + std::to_string(byte_of(p - 1)) +
             ": number overflow parsing '" + token_text(begin, p) + "'";
    return false;
  }
  v->kind = JsonValue::Kind::kReal;
  v->real = d;
  return true;
}

bool JsonScanner::literal(std::string_view word) {
  const char* begin = p_;
  for (char c : word) {
    if (p_ == end_ || *p_ != c) return lex_error(begin, p_, "invalid literal");
    ++p_;
  }
  return true;
}

bool JsonScanner::lex_error(const char* token, const char* at,
                            std::string message) {
  token_ = token;
  lex_at_ = at;
  lex_message_ = std::move(message);
  return false;
}

bool JsonScanner::fail_lexical(std::string_view context,
                               std::string_view expected) {
  // "Last read" holds the bytes of the token read, the failing one too.
  const char* last = lex_at_ == end_ ? end_ : lex_at_ + 1;
  error_ = "invalid JSON at byte " + std::to_string(byte_of(lex_at_)) +
           ": syntax error while parsing " + std::string(context) + " - " +
           lex_message_ + "; last read: '" + token_text(token_, last) + "'";
  if (!expected.empty()) error_ += "; expected " + std::string(expected);
  return false;
}

bool JsonScanner::fail_at_token(std::string_view context,
                                std::string_view expected,
                                bool expected_after_lex_error) {
  std::string_view lexical_expected = expected_after_lex_error ? expected : "";
  if (lex_at_ != nullptr) return fail_lexical(context, lexical_expected);
  const char* at = p_;
  std::string_view name;
  if (p_ == end_) {
    name = "end of input";
  } else {
    switch (*p_) {
      case '{':
        name = "'{'";
        break;
      case '}':
        name = "'}'";
        break;
      case '[':
        name = "'['";
        break;
      case ']':
        name = "']'";
        break;
      case ':':
        name = "':'";
        break;
      case ',':
        name = "','";
        break;
      case '"': {
        std::string_view ignored;
        if (!string(&ignored)) return fail_lexical(context, lexical_expected);
        name = "string literal";
        at = p_ - 1;
        break;
      }
      case 't':
      case 'f':
      case 'n': {
        const std::string_view word = *p_ == 't'   ? "true"
                                      : *p_ == 'f' ? "false"
                                                   : "null";
        if (!literal(word)) return fail_lexical(context, lexical_expected);
        name = *at == 't'   ? "true literal"
               : *at == 'f' ? "false literal"
                            : "null literal";
        at = p_ - 1;
        break;
      }
      default:
        if (*p_ == '-' || is_digit(*p_)) {
          // Only its extent and grammar matter here, not its value.
          JsonValue ignored;
          if (!number_rest(p_, &ignored)) {
            if (lex_at_ != nullptr) {
              return fail_lexical(context, lexical_expected);
            }
            error_.clear();  // an overflow, yet a number token
          }
          name = "number literal";
          at = p_ - 1;
        } else {
          lex_error(p_, p_, "invalid literal");
          return fail_lexical(context, lexical_expected);
        }
    }
  }
  error_ = "invalid JSON at byte " + std::to_string(byte_of(at)) +
           ": syntax error while parsing " + std::string(context) +
           " - unexpected " + std::string(name) + "; expected " +
           std::string(expected);
  return false;
}

bool JsonScanner::fail_depth() {
  error_ = "invalid JSON at byte " + std::to_string(byte_of(p_ - 1)) +
           ": arrays and objects nested more than " +
           std::to_string(max_depth_) + " deep";
  return false;
}

bool JsonScanner::skip_content(JsonValue::Kind kind, int depth) {
  // The open arrays and objects below the first, one bit each (1: object),
  // the innermost in the lowest bit.
  std::uint64_t enclosing = 0;
  int open = 0;
  bool object = kind == JsonValue::Kind::kObject;
  bool first = true;         // just after the opening bracket
  bool after_value = false;  // a member or element was just read
  for (;;) {
    skip_whitespace();
    if (first || after_value) {
      if (consume(object ? '}' : ']')) {
        if (open == 0) return true;
        object = (enclosing & 1) != 0;
        enclosing >>= 1;
        --open;
        first = false;
        after_value = true;
        continue;
      }
      if (after_value) {
        if (!consume(',')) {
          return object ? fail("object", "'}'") : fail("array", "']'");
        }
        skip_whitespace();
      }
      first = false;
    }
    after_value = false;
    if (object) {
      std::string_view key_text;
      if (!key(&key_text)) return false;
      skip_whitespace();
      if (!consume(':')) return fail("object separator", "':'");
      skip_whitespace();
    }
    JsonValue v;
    if (!value(&v)) return false;
    if (v.kind == JsonValue::Kind::kObject ||
        v.kind == JsonValue::Kind::kArray) {
      if (depth + open + 1 > max_depth_) return fail_depth();
      enclosing = enclosing << 1 | (object ? 1 : 0);
      ++open;
      object = v.kind == JsonValue::Kind::kObject;
      first = true;
    } else {
      after_value = true;
    }
  }
}

}  // namespace kefu::domain::internal
