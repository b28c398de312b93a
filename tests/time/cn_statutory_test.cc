// The bundled cn-statutory set against the State Council notices, typed here
// independently of src/time/data/cn-statutory.json.
#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "kefu/time/calendar.h"
#include "kefu/time/instant.h"
#include "nlohmann/json.hpp"

namespace kefu::time {
namespace {

using std::chrono::days;

constexpr std::int32_t H(int h, int m = 0) { return h * 3600 + m * 60; }

Date D(int y, unsigned m, unsigned d) {
  return Date(std::chrono::year(y) / std::chrono::month(m) /
              std::chrono::day(d));
}

// Mon-Fri 09:00-17:00 at +08:00 with the statutory holidays.
const Calendar& Weekdays() {
  static const Calendar* cal = [] {
    CalendarDefinition def;
    def.name = "weekdays";
    def.offset = UtcOffset::hours(8);
    for (int i = 0; i < 5; ++i) def.week[i] = {{H(9), H(17)}};
    Result<HolidaySet> statutory = bundled_holiday_set("cn-statutory");
    EXPECT_TRUE(statutory.ok()) << statutory.status().to_string();
    if (statutory.ok()) def.holidays.push_back(*statutory);
    Result<Calendar> c = Calendar::Build(def);
    EXPECT_TRUE(c.ok()) << c.status().to_string();
    return new Calendar(std::move(c).value());
  }();
  return *cal;
}

bool Working(Date d) {
  Result<bool> w = Weekdays().is_working_day(d);
  EXPECT_TRUE(w.ok()) << format_date(d) << ": " << w.status().to_string();
  return w.ok() && *w;
}

bool IsWeekend(Date d) {
  const std::chrono::weekday wd(d);
  return wd == std::chrono::Saturday || wd == std::chrono::Sunday;
}

std::vector<Date> Range(Date first, Date last) {
  std::vector<Date> out;
  for (Date d = first; d <= last; d += days(1)) out.push_back(d);
  return out;
}

// 国务院办公厅关于2026年部分节假日安排的通知 (国办发明电〔2025〕7号).
TEST(CnStatutory, Matches2026NoticeDayByDay) {
  std::set<Date> off;
  auto add_off = [&](Date first, Date last) {
    for (Date d : Range(first, last)) off.insert(d);
  };
  add_off(D(2026, 1, 1), D(2026, 1, 3));    // New Year's Day
  add_off(D(2026, 2, 15), D(2026, 2, 23));  // Spring Festival
  add_off(D(2026, 4, 4), D(2026, 4, 6));    // Qingming
  add_off(D(2026, 5, 1), D(2026, 5, 5));    // Labour Day
  add_off(D(2026, 6, 19), D(2026, 6, 21));  // Dragon Boat
  add_off(D(2026, 9, 25), D(2026, 9, 27));  // Mid-Autumn
  add_off(D(2026, 10, 1), D(2026, 10, 7));  // National Day
  const std::set<Date> makeup = {D(2026, 1, 4),  D(2026, 2, 14),
                                 D(2026, 2, 28), D(2026, 5, 9),
                                 D(2026, 9, 20), D(2026, 10, 10)};
  int working_days = 0;
  for (Date d : Range(D(2026, 1, 1), D(2026, 12, 31))) {
    const bool expected = makeup.count(d) || (!IsWeekend(d) && !off.count(d));
    EXPECT_EQ(Working(d), expected) << format_date(d);
    working_days += expected;
  }
  // 261 weekdays, 19 of them off, 6 weekend days made up.
  EXPECT_EQ(working_days, 248);
  for (Date d : makeup)
    EXPECT_TRUE(IsWeekend(d)) << format_date(d) << " is not a weekend day";
}

// The 2019 Labour Day arrangement was amended (国办发明电〔2019〕3号):
// 05-01..05-04 off, Sunday 04-28 and Sunday 05-05 made up.
TEST(CnStatutory, Has2019LabourDayAmendment) {
  EXPECT_TRUE(Working(D(2019, 4, 28)));
  EXPECT_TRUE(Working(D(2019, 4, 30)));
  for (Date d : Range(D(2019, 5, 1), D(2019, 5, 4)))
    EXPECT_FALSE(Working(d)) << format_date(d);
  EXPECT_TRUE(Working(D(2019, 5, 5)));
  EXPECT_TRUE(Working(D(2019, 5, 6)));
  const std::vector<HolidayNotice> notices =
      Weekdays().notices_between(*parse_instant("2019-05-02T10:00:00+08:00"),
                                 *parse_instant("2019-05-02T11:00:00+08:00"));
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_NE(notices[0].notice.find("国办发明电〔2019〕3号"), std::string::npos)
      << notices[0].notice;
}

// The 2020 Spring Festival was extended to 02-02 (国办发明电〔2020〕1号), which
// also cancelled Saturday 02-01 as a make-up day.
TEST(CnStatutory, Has2020SpringFestivalExtension) {
  EXPECT_TRUE(
      Working(D(2020, 1, 19)));  // make-up Sunday of the original notice
  for (Date d : Range(D(2020, 1, 24), D(2020, 2, 2)))
    EXPECT_FALSE(Working(d)) << format_date(d);
  EXPECT_FALSE(Working(D(2020, 1, 31)));
  EXPECT_FALSE(Working(D(2020, 2, 1)));  // no longer a make-up day
  EXPECT_TRUE(Working(D(2020, 2, 3)));
  const std::vector<HolidayNotice> notices =
      Weekdays().notices_between(*parse_instant("2020-01-31T10:00:00+08:00"),
                                 *parse_instant("2020-01-31T11:00:00+08:00"));
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_NE(notices[0].notice.find("国办发明电〔2020〕1号"), std::string::npos)
      << notices[0].notice;
  EXPECT_LE(notices[0].first, D(2020, 1, 24));
  EXPECT_GE(notices[0].last, D(2020, 2, 2));
}

TEST(CnStatutory, NoticesBetweenCitesNationalDay2026) {
  const std::vector<HolidayNotice> notices =
      Weekdays().notices_between(*parse_instant("2026-09-30T17:00:00+08:00"),
                                 *parse_instant("2026-10-08T11:30:00+08:00"));
  ASSERT_EQ(notices.size(), 1u);
  const HolidayNotice& n = notices[0];
  EXPECT_EQ(n.holiday, "National Day");
  EXPECT_NE(n.notice.find("国办发明电〔2025〕7号"), std::string::npos)
      << n.notice;
  EXPECT_NE(n.notice.find("2026"), std::string::npos) << n.notice;
  EXPECT_LE(n.first, D(2026, 10, 1));
  EXPECT_GE(n.last, D(2026, 10, 7));

  // A quiet week cites nothing; a range over both autumn blocks cites both.
  EXPECT_TRUE(Weekdays()
                  .notices_between(*parse_instant("2026-03-02T09:00:00+08:00"),
                                   *parse_instant("2026-03-06T18:00:00+08:00"))
                  .empty());
  const std::vector<HolidayNotice> autumn =
      Weekdays().notices_between(*parse_instant("2026-09-24T09:00:00+08:00"),
                                 *parse_instant("2026-10-08T09:00:00+08:00"));
  std::set<std::string> names;
  for (const HolidayNotice& a : autumn) names.insert(a.holiday);
  EXPECT_EQ(names,
            (std::set<std::string>{"Mid-Autumn Festival", "National Day"}));
}

// Every year 2018-2026 is answered, and its fixed-date holidays are off;
// 2017 and 2027 are not covered.
TEST(CnStatutory, CoversEveryYearFrom2018To2026) {
  Result<HolidaySet> set = bundled_holiday_set("cn-statutory");
  ASSERT_TRUE(set.ok());
  EXPECT_TRUE(set->bundled);
  EXPECT_EQ(set->name, "cn-statutory");
  EXPECT_EQ(set->years, (std::vector<int>{2018, 2019, 2020, 2021, 2022, 2023,
                                          2024, 2025, 2026}));
  for (int y = 2018; y <= 2026; ++y) {
    SCOPED_TRACE(y);
    EXPECT_FALSE(Working(D(y, 1, 1)));
    EXPECT_FALSE(Working(D(y, 5, 1)));
    for (unsigned d = 1; d <= 3; ++d) EXPECT_FALSE(Working(D(y, 10, d)));
    ASSERT_TRUE(Weekdays().is_working_day(D(y, 12, 31)).ok());
    // Each notice's blocks: seven holidays, two of them merged in some years.
    const std::vector<HolidayNotice> year = Weekdays().notices_between(
        to_instant(D(y, 1, 1) + std::chrono::hours(12), UtcOffset::hours(8)),
        to_instant(D(y, 12, 31) - days(20), UtcOffset::hours(8)));
    EXPECT_GE(year.size(), 6u);
    // Spring Festival: at least seven consecutive days off.
    int longest = 0, run = 0;
    for (Date d : Range(D(y, 1, 15), D(y, 3, 1))) {
      run = Working(d) ? 0 : run + 1;
      longest = std::max(longest, run);
    }
    EXPECT_GE(longest, 7);
  }
  for (Date d : {D(2017, 12, 29), D(2017, 12, 31), D(2027, 1, 1)}) {
    Result<bool> w = Weekdays().is_working_day(d);
    ASSERT_FALSE(w.ok()) << format_date(d);
    EXPECT_EQ(w.status().code(), StatusCode::kOutOfRange);
  }
  // Every make-up day in the data is a weekend day: a make-up weekday would
  // be a typo.
  for (Date d : set->workdays) EXPECT_TRUE(IsWeekend(d)) << format_date(d);
  for (const auto& [d, hours] : set->hours)
    ADD_FAILURE() << "unexpected hours on " << format_date(d);
}

// The loaded set is exactly the data file: every block, off day and make-up
// day, and a notice for every block.
TEST(CnStatutory, LoadedSetMatchesTheDataFile) {
  std::ifstream in(KEFU_SOURCE_DIR "/src/time/data/cn-statutory.json");
  ASSERT_TRUE(in) << "cannot read the data file";
  const nlohmann::json data = nlohmann::json::parse(in);
  std::set<Date> off, workdays;
  std::size_t blocks = 0;
  for (const nlohmann::json& block : data.at("blocks")) {
    ++blocks;
    for (const auto& d : block.at("off"))
      off.insert(*parse_date(d.get<std::string>()));
    for (const auto& d : block.at("workdays"))
      workdays.insert(*parse_date(d.get<std::string>()));
  }
  Result<HolidaySet> set = bundled_holiday_set("cn-statutory");
  ASSERT_TRUE(set.ok());
  EXPECT_EQ(std::set<Date>(set->off.begin(), set->off.end()), off);
  EXPECT_EQ(std::set<Date>(set->workdays.begin(), set->workdays.end()),
            workdays);
  EXPECT_EQ(set->notices.size(), blocks);
  for (const HolidayNotice& n : set->notices) {
    EXPECT_LE(n.first, n.last) << n.holiday;
    EXPECT_NE(n.notice.find("国办发明电"), std::string::npos) << n.notice;
  }
}

}  // namespace
}  // namespace kefu::time
