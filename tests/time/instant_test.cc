// ISO 8601 instants, offsets and dates: parsing, printing and their errors.
#include "kefu/time/instant.h"

#include <cstdint>
#include <optional>
#include <random>
#include <string>

#include "gtest/gtest.h"

namespace kefu::time {
namespace {

using std::chrono::seconds;

// 2026-10-01T01:00:00Z.
constexpr Instant kOct1 = Instant(seconds(1790816400));

// An error must quote the text it refuses and say what is wrong with it.
void ExpectRefused(std::string_view text, std::string_view what) {
  Result<Instant> t = parse_instant(text);
  ASSERT_FALSE(t.ok()) << text << " parsed as "
                       << t->time_since_epoch().count();
  EXPECT_EQ(t.status().code(), StatusCode::kInvalidArgument) << text;
  const std::string m = t.status().message();
  EXPECT_NE(m.find("\"" + std::string(text) + "\""), std::string::npos)
      << "the message should quote the text: " << m;
  EXPECT_NE(m.find(what), std::string::npos)
      << "the message should mention '" << what << "': " << m;
}

TEST(Instant, ParsesZulu) {
  Result<Instant> t = parse_instant("2026-10-01T01:00:00Z");
  ASSERT_TRUE(t.ok()) << t.status().to_string();
  EXPECT_EQ(*t, kOct1);
}

TEST(Instant, ParsesPositiveOffset) {
  Result<Instant> t = parse_instant("2026-10-01T09:00:00+08:00");
  ASSERT_TRUE(t.ok()) << t.status().to_string();
  EXPECT_EQ(*t, kOct1);
}

TEST(Instant, ParsesNegativeHalfHourOffset) {
  // 2026-09-30T19:30:00-05:30 is 2026-10-01T01:00:00Z.
  Result<Instant> t = parse_instant("2026-09-30T19:30:00-05:30");
  ASSERT_TRUE(t.ok()) << t.status().to_string();
  EXPECT_EQ(*t, kOct1);
}

TEST(Instant, ParsesWithoutSeconds) {
  Result<Instant> t = parse_instant("2026-10-01T09:00+08:00");
  ASSERT_TRUE(t.ok()) << t.status().to_string();
  EXPECT_EQ(*t, kOct1);
  Result<Instant> z = parse_instant("2026-10-01T01:00Z");
  ASSERT_TRUE(z.ok()) << z.status().to_string();
  EXPECT_EQ(*z, kOct1);
}

TEST(Instant, ParsesTheUnixEpochAndSeconds) {
  EXPECT_EQ(*parse_instant("1970-01-01T00:00:00Z"), Instant(seconds(0)));
  EXPECT_EQ(*parse_instant("1970-01-01T00:00:59+00:00"), Instant(seconds(59)));
  EXPECT_EQ(*parse_instant("1969-12-31T23:59:59Z"), Instant(seconds(-1)));
}

TEST(Instant, ParsesLeapDay) {
  Result<Instant> t = parse_instant("2024-02-29T12:00:00Z");
  ASSERT_TRUE(t.ok()) << t.status().to_string();
  EXPECT_EQ(format_instant(*t, UtcOffset()), "2024-02-29T12:00:00+00:00");
}

TEST(Instant, AcceptsTheWholeRange) {
  EXPECT_EQ(*parse_instant("1900-01-01T00:00:00Z"), kMinInstant);
  EXPECT_EQ(*parse_instant("9999-12-31T23:59:59Z"), kMaxInstant);
}

TEST(Instant, RefusesMonthThirteen) {
  ExpectRefused("2026-13-01T09:00:00+08:00", "month");
}

TEST(Instant, RefusesFebruaryThirtieth) {
  ExpectRefused("2026-02-30T09:00:00+08:00", "day");
  ExpectRefused("2025-02-29T09:00:00+08:00", "day");  // not a leap year
}

TEST(Instant, RefusesMissingOffset) {
  // A time without an offset is civil time, not an instant.
  ExpectRefused("2026-10-01T09:00:00", "offset");
  ExpectRefused("2026-10-01T09:00", "offset");
}

TEST(Instant, RefusesTrailingJunk) {
  for (const char* text :
       {"2026-10-01T09:00:00+08:00junk", "2026-10-01T09:00:00Z ",
        "2026-10-01T09:00:00+08:00:00", "2026-10-01T09:00:00Zx"}) {
    Result<Instant> t = parse_instant(text);
    ASSERT_FALSE(t.ok()) << text;
    EXPECT_NE(t.status().message().find(text), std::string::npos)
        << t.status().message();
  }
}

TEST(Instant, RefusesYearsOutOfRange) {
  ExpectRefused("1899-12-31T23:59:59Z", "1899");
  ExpectRefused("0001-01-01T00:00:00Z", "year");
  // Inside 9999 locally, after it in UTC.
  Result<Instant> late = parse_instant("9999-12-31T23:00:00-05:00");
  EXPECT_FALSE(late.ok());
  Result<Instant> five_digits = parse_instant("10000-01-01T00:00:00Z");
  ASSERT_FALSE(five_digits.ok());
  EXPECT_NE(five_digits.status().message().find("10000-01-01T00:00:00Z"),
            std::string::npos);
}

TEST(Instant, RefusesBadClockFields) {
  ExpectRefused("2026-10-01T24:00:00Z", "hour");
  ExpectRefused("2026-10-01T09:60:00Z", "minute");
  ExpectRefused("2026-10-01T09:00:60Z", "second");
}

TEST(Instant, RefusesMalformedText) {
  for (const char* text :
       {"", "2026-10-01", "2026-10-01 09:00:00+08:00", "2026/10/01T09:00Z",
        "26-10-01T09:00Z", "2026-10-01T09:00:00+8:00", "2026-10-01T09:00:00+08",
        "2026-10-01T0900Z"}) {
    Result<Instant> t = parse_instant(text);
    EXPECT_FALSE(t.ok()) << "\"" << text << "\" parsed";
    if (!t.ok()) {
      EXPECT_EQ(t.status().code(), StatusCode::kInvalidArgument);
    }
  }
}

TEST(Instant, FormatsWithSecondsAndNumericOffset) {
  EXPECT_EQ(format_instant(kOct1, UtcOffset::hours(8)),
            "2026-10-01T09:00:00+08:00");
  EXPECT_EQ(format_instant(kOct1, UtcOffset()),
            "2026-10-01T01:00:00+00:00");  // never Z
  EXPECT_EQ(format_instant(kOct1, UtcOffset::seconds(-(5 * 3600 + 1800))),
            "2026-09-30T19:30:00-05:30");
  EXPECT_EQ(format_instant(kOct1 + seconds(7),
                           UtcOffset::seconds(5 * 3600 + 45 * 60)),
            "2026-10-01T06:45:07+05:45");
  EXPECT_EQ(format_instant(Instant(seconds(-1)), UtcOffset()),
            "1969-12-31T23:59:59+00:00");
}

TEST(Instant, RoundTripsThroughText) {
  for (const char* text :
       {"2026-10-01T09:00:00+08:00", "2026-01-01T00:00:00-09:30",
        "2024-02-29T23:59:59+05:45", "1900-01-01T00:00:00+00:00",
        "9999-12-31T23:59:59+00:00"}) {
    Result<Instant> t = parse_instant(text);
    ASSERT_TRUE(t.ok()) << t.status().to_string();
    const std::string offset(std::string_view(text).substr(19));
    EXPECT_EQ(format_instant(*t, *parse_utc_offset(offset)), text);
  }
}

// A reference reader of the common shape "YYYY-MM-DDTHH:MM:SS+HH:MM" (or
// "...Z") written by brute force: the days before the date summed year by
// year and month by month from 1900, so it shares no arithmetic with the
// parser. The seconds since 1970, or nullopt for what kefu refuses.
std::optional<std::int64_t> ReferenceSeconds(const std::string& s) {
  const bool zulu = s.size() == 20;
  if (s.size() != 25 && !zulu) return std::nullopt;
  const auto digits = [&](std::size_t at, std::size_t n) -> std::optional<int> {
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      if (s[i] < '0' || s[i] > '9') return std::nullopt;
      v = v * 10 + (s[i] - '0');
    }
    return v;
  };
  const auto y = digits(0, 4), mo = digits(5, 2), d = digits(8, 2);
  const auto hh = digits(11, 2), mi = digits(14, 2), ss = digits(17, 2);
  if (!y || !mo || !d || !hh || !mi || !ss) return std::nullopt;
  if (s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't') || s[13] != ':' ||
      s[16] != ':')
    return std::nullopt;
  std::int64_t offset = 0;
  if (zulu) {
    if (s[19] != 'Z') return std::nullopt;
  } else {
    const auto oh = digits(20, 2), om = digits(23, 2);
    if ((s[19] != '+' && s[19] != '-') || s[22] != ':' || !oh || !om) return std::nullopt;
    if (*om > 59 || *oh * 60 + *om > 18 * 60) return std::nullopt;
    offset = (*oh * 3600 + *om * 60) * (s[19] == '-' ? -1 : 1);
  }
  const auto leap = [](int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; };
  const int month_days[] = {31, leap(*y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (*y < 1900 || *mo < 1 || *mo > 12 || *d < 1 || *d > month_days[*mo - 1]) return std::nullopt;
  if (*hh > 23 || *mi > 59 || *ss > 59) return std::nullopt;
  std::int64_t days = 0;  // from 1900-01-01
  for (int year = 1900; year < *y; ++year) days += leap(year) ? 366 : 365;
  for (int m = 1; m < *mo; ++m) days += month_days[m - 1];
  days += *d - 1;
  const std::int64_t days_1900_to_1970 = 25567;
  const std::int64_t t =
      (days - days_1900_to_1970) * 86400 + *hh * 3600 + *mi * 60 + *ss - offset;
  if (t < kMinInstant.time_since_epoch().count() || t > kMaxInstant.time_since_epoch().count())
    return std::nullopt;
  return t;
}

// Random text of the common shape, its fields often out of range and now
// and then one character replaced, read by parse_instant and by the
// reference: both accept the same texts, with the same instant. (The
// common shape has a fast path of its own in instant.cc.)
TEST(Instant, CommonShapeMatchesABruteForceReaderOnRandomText) {
  std::mt19937_64 rng(20261203);
  const auto pick = [&](int lo, int hi) {
    return static_cast<int>(std::uniform_int_distribution<int>(lo, hi)(rng));
  };
  const auto put = [](std::string& out, int v, int width) {
    std::string digits = std::to_string(v);
    out += std::string(static_cast<std::size_t>(width) - digits.size(), '0') + digits;
  };
  int accepted = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string s;
    const int year = pick(0, 9) == 0 ? pick(9995, 9999) : pick(0, 9) == 0 ? pick(1898, 1901)
                                                                         : pick(1960, 2100);
    put(s, year, 4);
    s += '-';
    put(s, pick(0, 13), 2);
    s += '-';
    put(s, pick(0, 32), 2);
    s += pick(0, 9) == 0 ? 't' : 'T';
    put(s, pick(0, 25), 2);
    s += ':';
    put(s, pick(0, 61), 2);
    s += ':';
    put(s, pick(0, 61), 2);
    if (pick(0, 4) == 0) {
      s += 'Z';
    } else {
      s += pick(0, 1) == 0 ? '+' : '-';
      put(s, pick(0, 19), 2);
      s += ':';
      put(s, pick(0, 61), 2);
    }
    if (pick(0, 9) == 0)
      s[static_cast<std::size_t>(pick(0, static_cast<int>(s.size()) - 1))] =
          static_cast<char>(pick(32, 126));
    const std::optional<std::int64_t> expected = ReferenceSeconds(s);
    const Result<Instant> got = parse_instant(s);
    ASSERT_EQ(got.ok(), expected.has_value())
        << s << (got.ok() ? "" : ": " + got.status().message());
    if (!expected) continue;
    ++accepted;
    EXPECT_EQ(got->time_since_epoch().count(), *expected) << s;
  }
  EXPECT_GT(accepted, 2000);  // the valid texts are a fair share, not a handful
}

TEST(UtcOffset, ParsesAndFormats) {
  EXPECT_EQ(*parse_utc_offset("+08:00"), UtcOffset::hours(8));
  EXPECT_EQ(*parse_utc_offset("-05:30"), UtcOffset::seconds(-19800));
  EXPECT_EQ(*parse_utc_offset("Z"), UtcOffset());
  EXPECT_EQ(*parse_utc_offset("+00:00"), UtcOffset());
  EXPECT_EQ(*parse_utc_offset("+18:00"), UtcOffset::hours(18));
  EXPECT_EQ(format_offset(UtcOffset::hours(8)), "+08:00");
  EXPECT_EQ(format_offset(UtcOffset::seconds(-19800)), "-05:30");
  EXPECT_EQ(format_offset(UtcOffset()), "+00:00");
  EXPECT_EQ(format_offset(UtcOffset::seconds(5 * 3600 + 45 * 60)), "+05:45");
}

TEST(UtcOffset, RefusesMalformedOffsets) {
  for (const char* text : {"", "08:00", "+8:00", "+08", "+0800", "+18:01",
                           "+19:00", "+08:60", "z", "UTC"}) {
    Result<UtcOffset> o = parse_utc_offset(text);
    EXPECT_FALSE(o.ok()) << "\"" << text << "\" parsed";
    if (!o.ok()) {
      EXPECT_NE(o.status().message().find("\"" + std::string(text) + "\""),
                std::string::npos)
          << o.status().message();
    }
  }
}

TEST(Date, ParsesAndFormats) {
  Result<Date> d = parse_date("2026-10-01");
  ASSERT_TRUE(d.ok()) << d.status().to_string();
  EXPECT_EQ(*d, Date(std::chrono::year(2026) / 10 / 1));
  EXPECT_EQ(format_date(*d), "2026-10-01");
  EXPECT_EQ(format_date(Date(std::chrono::year(2024) / 2 / 29)), "2024-02-29");
}

TEST(Date, RefusesDatesThatDoNotExist) {
  for (const char* text :
       {"2026-02-29", "2026-13-01", "2026-04-31", "2026-00-10", "2026-10-00",
        "2026-10-1", "2026-10-01T00:00Z", "2026-10-01 "}) {
    Result<Date> d = parse_date(text);
    EXPECT_FALSE(d.ok()) << "\"" << text << "\" parsed";
    if (!d.ok()) {
      EXPECT_NE(d.status().message().find(text), std::string::npos)
          << d.status().message();
    }
  }
}

TEST(LocalTime, ConvertsWithTheOffset) {
  const LocalSeconds l = to_local(kOct1, UtcOffset::hours(8));
  EXPECT_EQ(date_of(l), Date(std::chrono::year(2026) / 10 / 1));
  EXPECT_EQ(second_of_day(l), 9 * 3600);
  EXPECT_EQ(to_instant(l, UtcOffset::hours(8)), kOct1);
  // Before the epoch, the day still starts at local midnight.
  const LocalSeconds before = to_local(Instant(seconds(-1)), UtcOffset());
  EXPECT_EQ(second_of_day(before), 86399);
  EXPECT_EQ(date_of(before), Date(std::chrono::year(1969) / 12 / 31));
}

}  // namespace
}  // namespace kefu::time
