// ISO 8601 instants, offsets and dates: parsing, printing and their errors.
#include "kefu/time/instant.h"

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
