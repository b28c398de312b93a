// ISO 8601 parsing and formatting. GCC 12 has neither std::format nor
// chrono::parse, so this is the one place kefu reads and writes timestamps.
#include "kefu/time/instant.h"

#include <optional>
#include <string>

namespace kefu::time {
namespace {

using std::chrono::days;
using std::chrono::seconds;

// Reads exactly `width` digits at `pos`; -1 if any is not a digit.
int read_digits(std::string_view s, std::size_t pos, std::size_t width) {
  if (pos + width > s.size()) return -1;
  int v = 0;
  for (std::size_t i = pos; i < pos + width; ++i) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

Status bad(std::string_view text, std::string_view what) {
  return Status::InvalidArgument("invalid timestamp \"" + std::string(text) +
                                 "\": " + std::string(what));
}

// Parses "YYYY-MM-DD" at the start of s into a date; `what` names the thing
// for the error ("timestamp", "date").
Result<Date> parse_date_prefix(std::string_view s, std::string_view whole,
                               std::string_view what) {
  auto fail = [&](std::string_view why) {
    return Status::InvalidArgument("invalid " + std::string(what) + " \"" +
                                   std::string(whole) + "\": " +
                                   std::string(why));
  };
  int y = read_digits(s, 0, 4);
  if (y < 0 || s.size() < 10 || s[4] != '-' || s[7] != '-')
    return fail("expected a date YYYY-MM-DD");
  int m = read_digits(s, 5, 2);
  int d = read_digits(s, 8, 2);
  if (m < 0 || d < 0) return fail("expected a date YYYY-MM-DD");
  if (y < 1900) return fail("year " + std::to_string(y) + " is before 1900");
  if (m < 1 || m > 12) return fail("month " + std::to_string(m) + " does not exist");
  std::chrono::year_month_day ymd{std::chrono::year(y),
                                  std::chrono::month(static_cast<unsigned>(m)),
                                  std::chrono::day(static_cast<unsigned>(d))};
  if (!ymd.ok())
    return fail("day " + std::to_string(d) + " does not exist in " +
                std::string(s.substr(0, 7)));
  return Date(ymd);
}

// The shape every event and every timestamp attribute has in practice,
// "YYYY-MM-DDTHH:MM:SS+HH:MM" or "...SSZ", read in one pass without building
// a Result at each step (the general path costs ~270 instructions, this
// ~60; an order's transport-plan timer parses its departure at each
// start). nullopt for any other shape and for anything invalid: the
// general path then gives the answer and says what is wrong, so this
// accepts only what it accepts, with the same value.
std::optional<Instant> parse_common_instant(std::string_view s) {
  const std::size_t n = s.size();
  if (n != 25 && n != 20) return std::nullopt;
  if (s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't') || s[13] != ':' ||
      s[16] != ':')
    return std::nullopt;
  if (n == 20 ? s[19] != 'Z' : ((s[19] != '+' && s[19] != '-') || s[22] != ':'))
    return std::nullopt;
  bool digits = true;
  const auto two = [&](std::size_t i) {
    const unsigned hi = static_cast<unsigned char>(s[i]) - unsigned{'0'};
    const unsigned lo = static_cast<unsigned char>(s[i + 1]) - unsigned{'0'};
    digits = digits && hi <= 9 && lo <= 9;
    return static_cast<int>(hi * 10 + lo);
  };
  const int y = two(0) * 100 + two(2);
  const int mo = two(5), d = two(8), hh = two(11), mi = two(14), ss = two(17);
  const int oh = n == 25 ? two(20) : 0, om = n == 25 ? two(23) : 0;
  if (!digits || y < 1900 || mo < 1 || mo > 12 || hh > 23 || mi > 59 || ss > 59 || om > 59 ||
      oh * 60 + om > 18 * 60)
    return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year(y),
                                        std::chrono::month(static_cast<unsigned>(mo)),
                                        std::chrono::day(static_cast<unsigned>(d))};
  if (!ymd.ok()) return std::nullopt;
  const int offset = (oh * 3600 + om * 60) * (s[19] == '-' ? -1 : 1);
  const Instant t = to_instant(Date(ymd) + seconds(hh * 3600 + mi * 60 + ss),
                               UtcOffset::seconds(offset));
  if (t < kMinInstant || t > kMaxInstant) return std::nullopt;
  return t;
}

}  // namespace

Result<UtcOffset> parse_utc_offset(std::string_view text) {
  auto fail = [&] {
    return Status::InvalidArgument("invalid UTC offset \"" + std::string(text) +
                                   "\": expected \"+HH:MM\", \"-HH:MM\" or \"Z\"");
  };
  if (text == "Z") return UtcOffset();
  if (text.size() != 6 || (text[0] != '+' && text[0] != '-') || text[3] != ':')
    return fail();
  int h = read_digits(text, 1, 2);
  int m = read_digits(text, 4, 2);
  if (h < 0 || m < 0 || m > 59) return fail();
  if (h * 60 + m > 18 * 60)
    return Status::InvalidArgument("invalid UTC offset \"" + std::string(text) +
                                   "\": beyond +-18:00");
  int s = (h * 3600 + m * 60) * (text[0] == '-' ? -1 : 1);
  return UtcOffset::seconds(s);
}

Result<Date> parse_date(std::string_view text) {
  if (text.size() != 10)
    return Status::InvalidArgument("invalid date \"" + std::string(text) +
                                   "\": expected YYYY-MM-DD");
  return parse_date_prefix(text, text, "date");
}

Result<Instant> parse_instant(std::string_view text) {
  if (const std::optional<Instant> t = parse_common_instant(text)) return *t;
  Result<Date> date = parse_date_prefix(text, text, "timestamp");
  if (!date.ok()) return date.status();
  if (text.size() < 16 || (text[10] != 'T' && text[10] != 't'))
    return bad(text, "expected 'T' and a time after the date");
  int hh = read_digits(text, 11, 2);
  int mm = text[13] == ':' ? read_digits(text, 14, 2) : -1;
  if (hh < 0 || mm < 0) return bad(text, "expected a time HH:MM or HH:MM:SS");
  std::size_t pos = 16;
  int ss = 0;
  if (pos < text.size() && text[pos] == ':') {
    ss = read_digits(text, pos + 1, 2);
    if (ss < 0) return bad(text, "expected two digits of seconds");
    pos += 3;
  }
  if (hh > 23) return bad(text, "hour " + std::to_string(hh) + " is not 00-23");
  if (mm > 59) return bad(text, "minute " + std::to_string(mm) + " is not 00-59");
  if (ss > 59) return bad(text, "second " + std::to_string(ss) + " is not 00-59");
  if (pos < text.size() && text[pos] == '.')
    return bad(text, "fractional seconds are not supported");
  if (pos >= text.size())
    return bad(text, "missing UTC offset (\"+08:00\" or \"Z\"): a time without "
                     "one is not an instant");
  Result<UtcOffset> offset = parse_utc_offset(text.substr(pos));
  if (!offset.ok())
    return bad(text, "expected a UTC offset \"+HH:MM\" or \"Z\" after the time, got \"" +
                         std::string(text.substr(pos)) + "\"");
  LocalSeconds local = *date + seconds(hh * 3600 + mm * 60 + ss);
  Instant t = to_instant(local, *offset);
  if (t < kMinInstant || t > kMaxInstant)
    return bad(text, "outside the years 1900-9999 in UTC");
  return t;
}

namespace {

// Writes `value` as `width` digits at `out` (the output path formats every
// notification's instants: no snprintf).
char* put_digits(char* out, unsigned value, int width) {
  for (int i = width - 1; i >= 0; --i) {
    out[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  return out + width;
}

char* put_date(char* out, Date d) {
  std::chrono::year_month_day ymd(d);
  out = put_digits(out, static_cast<unsigned>(static_cast<int>(ymd.year())), 4);
  *out++ = '-';
  out = put_digits(out, static_cast<unsigned>(ymd.month()), 2);
  *out++ = '-';
  return put_digits(out, static_cast<unsigned>(ymd.day()), 2);
}

char* put_offset(char* out, UtcOffset offset) {
  auto s = offset.value().count();
  *out++ = s < 0 ? '-' : '+';
  if (s < 0) s = -s;
  out = put_digits(out, static_cast<unsigned>(s / 3600), 2);
  *out++ = ':';
  return put_digits(out, static_cast<unsigned>(s / 60 % 60), 2);
}

}  // namespace

std::string format_offset(UtcOffset offset) {
  char buf[8];
  return std::string(buf, put_offset(buf, offset));
}

std::string format_date(Date d) {
  char buf[16];
  return std::string(buf, put_date(buf, d));
}

std::string format_instant(Instant t, UtcOffset offset) {
  LocalSeconds local = to_local(t, offset);
  const auto sod = static_cast<unsigned>(second_of_day(local));
  char buf[32];
  char* out = put_date(buf, date_of(local));
  *out++ = 'T';
  out = put_digits(out, sod / 3600, 2);
  *out++ = ':';
  out = put_digits(out, sod / 60 % 60, 2);
  *out++ = ':';
  out = put_digits(out, sod % 60, 2);
  out = put_offset(out, offset);
  return std::string(buf, out);
}

}  // namespace kefu::time
