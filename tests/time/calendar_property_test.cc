// Calendar against the brute-force reference, on thousands of random
// calendars and questions. Every case is reproducible from the seed and the
// indexes printed with a failure.
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "kefu/time/calendar.h"
#include "kefu/time/due_spec.h"
#include "kefu/time/instant.h"
#include "time/brute_force_calendar.h"

namespace kefu::time {
namespace {

using reference::BruteForceCalendar;
using std::chrono::days;
using std::chrono::seconds;

constexpr std::int32_t kDay = 86400;

// Small helpers over std::mt19937_64 so that generation reads as intent.
class Random {
 public:
  explicit Random(std::uint64_t seed) : rng_(seed) {}
  std::int64_t uniform(std::int64_t lo, std::int64_t hi) {  // [lo, hi]
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng_);
  }
  bool chance(double p) { return std::bernoulli_distribution(p)(rng_); }
  template <typename T>
  const T& pick(const std::vector<T>& v) {
    return v[static_cast<std::size_t>(
        uniform(0, static_cast<std::int64_t>(v.size()) - 1))];
  }

 private:
  std::mt19937_64 rng_;
};

std::string clock_text(std::int32_t s) {
  char buf[16];
  if (s % 60 == 0) {
    std::snprintf(buf, sizeof buf, "%02d:%02d", s / 3600, s / 60 % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", s / 3600, s / 60 % 60,
                  s % 60);
  }
  return buf;
}

std::string hours_text(const DayHours& h) {
  std::string out = "[";
  for (const OpenInterval& iv : h) {
    if (out.size() > 1) out += " ";
    out += clock_text(iv.begin) + "-" + clock_text(iv.end);
  }
  return out + "]";
}

std::string offset_text(UtcOffset o) {
  const auto s = o.value().count();
  char buf[16];
  const long long a = s < 0 ? -s : s;
  std::snprintf(buf, sizeof buf, "%c%02lld:%02lld", s < 0 ? '-' : '+', a / 3600,
                a / 60 % 60);
  return buf;
}

std::string date_text(Date d) {
  const std::chrono::year_month_day ymd(d);
  char buf[24];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return buf;
}

// "2026-10-01 09:00:00 local (+08:00)" without relying on format_instant,
// which is under test elsewhere.
std::string instant_text(Instant t, UtcOffset o) {
  const LocalSeconds l = to_local(t, o);
  char buf[16];
  const std::int32_t s = second_of_day(l);
  std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", s / 3600, s / 60 % 60,
                s % 60);
  return date_text(date_of(l)) + "T" + buf + offset_text(o) + " (unix " +
         std::to_string(t.time_since_epoch().count()) + ")";
}

constexpr std::array<const char*, 7> kDayNames = {"mon", "tue", "wed", "thu",
                                                  "fri", "sat", "sun"};

std::string spec_text(const DueSpec& spec) {
  struct {
    std::string operator()(BusinessDuration d) {
      return "BusinessDuration(" + std::to_string(d.seconds()) + "s)";
    }
    std::string operator()(WorkingDays d) {
      return std::to_string(d.count()) + "wd";
    }
    std::string operator()(CalendarDays d) {
      return std::to_string(d.count()) + "d";
    }
    std::string operator()(CalendarMonths d) {
      return std::to_string(d.count()) + "mo";
    }
    std::string operator()(AtTimeOfDay a) {
      return "{at:" + clock_text(a.at.seconds()) + "}";
    }
    std::string operator()(WeekdayAt w) {
      return std::string("{weekday:") +
             kDayNames[w.weekday.iso_encoding() - 1] +
             (w.at ? ",at:" + clock_text(w.at->seconds()) : "") + "}";
    }
    std::string operator()(DayOfMonth m) {
      return "{day_of_month:" + std::to_string(m.day) +
             ",months_after:" + std::to_string(m.months_after) +
             (m.at ? ",at:" + clock_text(m.at->seconds()) : "") + "}";
    }
  } visitor;
  return std::visit(visitor, spec);
}

std::string definition_text(const CalendarDefinition& def,
                            bool with_sets = true) {
  std::ostringstream out;
  out << "offset " << offset_text(def.offset) << ", makeup_hours "
      << kDayNames[def.makeup_hours.iso_encoding() - 1] << "\n  week:";
  for (int i = 0; i < 7; ++i)
    out << " " << kDayNames[i] << hours_text(def.week[i]);
  if (!with_sets)
    return out.str() + "\n  sets: " + std::to_string(def.holidays.size());
  for (std::size_t k = 0; k < def.holidays.size(); ++k) {
    const HolidaySet& set = def.holidays[k];
    out << "\n  set " << k << ": off {";
    for (Date d : set.off) out << " " << date_text(d);
    out << " } workdays {";
    for (Date d : set.workdays) out << " " << date_text(d);
    out << " } hours {";
    for (const auto& [d, h] : set.hours)
      out << " " << date_text(d) << hours_text(h);
    out << " }";
  }
  return out.str();
}

// Intervals on one day: 1-4 of them, with gaps between them, sometimes
// starting at 00:00 or ending at 24:00; minute, quarter-hour or second
// resolution.
DayHours random_hours(Random& r) {
  if (r.chance(0.1)) return {{0, kDay}};
  const std::int32_t step = r.chance(0.7) ? 60 : (r.chance(0.6) ? 900 : 1);
  const std::int64_t units = kDay / step;
  const int n = static_cast<int>(r.uniform(1, 4));
  std::set<std::int64_t> points;
  if (r.chance(0.25)) points.insert(0);
  if (r.chance(0.25)) points.insert(units);
  while (points.size() < static_cast<std::size_t>(2 * n))
    points.insert(r.uniform(0, units));
  // Forced 00:00 and 24:00 may have made one point too many: drop from the
  // middle so both ends survive.
  std::vector<std::int64_t> p(points.begin(), points.end());
  while (p.size() > static_cast<std::size_t>(2 * n)) p.erase(p.begin() + 1);
  DayHours h;
  for (std::size_t i = 0; i + 1 < p.size(); i += 2) {
    h.push_back({static_cast<std::int32_t>(p[i] * step),
                 static_cast<std::int32_t>(p[i + 1] * step)});
  }
  // Touching intervals (12:00-13:00 then 13:00-14:00) are valid and must
  // count as one stretch of open time.
  if (h.size() >= 2 && r.chance(0.15)) {
    const std::size_t i = static_cast<std::size_t>(r.uniform(0, h.size() - 2));
    h[i].end = h[i + 1].begin;
  }
  return h;
}

UtcOffset random_offset(Random& r) {
  static const std::vector<std::int32_t> kOffsets = {0,
                                                     8 * 3600,
                                                     -5 * 3600,
                                                     5 * 3600 + 45 * 60,
                                                     -(9 * 3600 + 30 * 60),
                                                     14 * 3600,
                                                     -12 * 3600,
                                                     18 * 3600,
                                                     -18 * 3600,
                                                     3 * 3600 + 30 * 60,
                                                     -3600};
  if (r.chance(0.75)) return UtcOffset::seconds(r.pick(kOffsets));
  return UtcOffset::seconds(
      static_cast<std::int32_t>(r.uniform(-14 * 60, 14 * 60) * 60));
}

struct Scenario {
  CalendarDefinition def;
  Date first;  // the window questions start in
  Date last;
  // Near 1900 or 9999: only questions whose answers stay near the window.
  bool near_range_edge = false;
};

Scenario random_scenario(Random& r) {
  Scenario s;
  s.def.name = "random";
  s.def.offset = random_offset(r);
  const int shape = static_cast<int>(r.uniform(0, 19));
  const int sparse_day = static_cast<int>(r.uniform(0, 6));
  for (int i = 0; i < 7; ++i) {
    if (shape == 3) {
      // One short interval a week: spans get long fast.
      s.def.week[i] = i == sparse_day
                          ? DayHours{{10 * 3600, 10 * 3600 + 15 * 60}}
                          : DayHours{};
    } else if (shape == 0) {
      s.def.week[i] = {};  // a week that never opens
    } else if (shape == 1) {
      s.def.week[i] = {{0, kDay}};
    } else if (shape == 2) {
      s.def.week[i] = {{0, 6 * 3600}, {22 * 3600, kDay}};  // night shift
    } else if (r.chance(0.3)) {
      s.def.week[i] = {};
    } else {
      s.def.week[i] = random_hours(r);
    }
  }
  s.def.makeup_hours =
      std::chrono::weekday(static_cast<unsigned>(r.uniform(0, 6)));
  // 1995..2060, a window of four months; sometimes near the ends of the
  // years kefu accepts.
  const int era = static_cast<int>(r.uniform(0, 49));
  if (era == 0) {
    s.first = Date(std::chrono::year(1900) / 3 / 1) + days(r.uniform(0, 200));
    s.near_range_edge = true;
  } else if (era == 1) {
    s.first = Date(std::chrono::year(9998) / 3 / 1) + days(r.uniform(0, 200));
    s.near_range_edge = true;
  } else {
    s.first =
        Date(std::chrono::year(1995) / 1 / 1) + days(r.uniform(0, 66 * 365));
  }
  s.last = s.first + days(120);
  const int sets =
      static_cast<int>(r.pick(std::vector<std::int64_t>{0, 1, 1, 2, 2, 3}));
  for (int k = 0; k < sets; ++k) {
    HolidaySet set;
    set.name = "inline";
    const int m = static_cast<int>(r.uniform(0, 25));
    std::set<Date> used;  // within one set a date has one meaning
    for (int j = 0; j < m; ++j) {
      const Date d = s.first + days(r.uniform(-10, 150));
      if (!used.insert(d).second) continue;
      const double kind = r.uniform(0, 99) / 100.0;
      if (kind < 0.5) {
        set.off.push_back(d);
      } else if (kind < 0.75) {
        set.workdays.push_back(d);
      } else if (kind < 0.95) {
        set.hours.emplace_back(d, random_hours(r));
      } else if (kind < 0.97) {
        set.hours.emplace_back(d, DayHours{});  // its own hours: none
      } else {
        // Within a set, a date's own hours win over its make-up day.
        set.workdays.push_back(d);
        set.hours.emplace_back(d, random_hours(r));
      }
    }
    // Inline `years` matter only next to a bundled set: they must not bound
    // this calendar.
    if (r.chance(0.2))
      set.years.push_back(
          static_cast<int>(std::chrono::year_month_day(s.first).year()));
    s.def.holidays.push_back(std::move(set));
  }
  return s;
}

// A start: anywhere, at a boundary of the day's hours, at local midnight, or
// on a date some set names.
Instant random_start(Random& r, const Scenario& s,
                     const BruteForceCalendar& brute) {
  Date d = s.first + days(r.uniform(0, (s.last - s.first).count()));
  // Far before or after the dates the sets touch, where only the week counts.
  if (!s.near_range_edge && r.chance(0.1))
    d = s.first + days(r.uniform(-3 * 365, 3 * 365));
  const int kind = static_cast<int>(r.uniform(0, 9));
  std::int32_t sod = static_cast<std::int32_t>(r.uniform(0, kDay - 1));
  Date day = d;
  if (kind <= 2) {
    const DayHours h = brute.hours_on(d);
    if (!h.empty()) {
      const OpenInterval& iv =
          h[static_cast<std::size_t>(r.uniform(0, h.size() - 1))];
      sod = r.chance(0.5) ? iv.begin : iv.end;
      if (r.chance(0.2)) sod += r.chance(0.5) ? 1 : -1;
    }
  } else if (kind == 3) {
    sod = 0;
  } else if (kind == 4 && !s.def.holidays.empty()) {
    const HolidaySet& set =
        s.def.holidays[r.uniform(0, s.def.holidays.size() - 1)];
    if (!set.off.empty()) day = r.pick(set.off);
  } else if (kind == 5) {
    sod = static_cast<std::int32_t>(r.uniform(0, 1439) * 60);
  }
  if (sod < 0) {
    sod += kDay;
    day -= days(1);
  }
  return to_instant(day + seconds(sod), s.def.offset);
}

std::int64_t weekly_open_seconds(const CalendarDefinition& def) {
  std::int64_t total = 0;
  for (const DayHours& h : def.week) {
    for (const OpenInterval& iv : h) total += iv.end - iv.begin;
  }
  return total;
}

std::optional<TimeOfDay> random_time_of_day(Random& r) {
  const int kind = static_cast<int>(r.uniform(0, 9));
  if (kind == 0) return TimeOfDay::from_seconds(0);
  if (kind == 1) return TimeOfDay::from_seconds(kDay);
  return TimeOfDay::from_seconds(
      static_cast<std::int32_t>(r.uniform(0, 96) * 900));
}

// Long spans: years of open time, thousands of days, across and far past
// the dates the sets touch.
DueSpec random_long_spec(Random& r, const Scenario& s) {
  const std::int64_t week = weekly_open_seconds(s.def);
  switch (r.uniform(0, 4)) {
    case 0:
      return BusinessDuration(
          seconds(r.uniform(1, std::max<std::int64_t>(week, kDay) * 120)));
    case 1:
      return WorkingDays(static_cast<int>(r.uniform(25, 1500)));
    case 2:
      return CalendarDays(static_cast<int>(r.uniform(400, 3000)));
    case 3:
      return CalendarMonths(static_cast<int>(r.uniform(14, 120)));
    default:
      return DayOfMonth{static_cast<int>(r.uniform(1, 31)),
                        static_cast<int>(r.uniform(4, 60)), std::nullopt};
  }
}

DueSpec random_spec(Random& r, const Scenario& s) {
  const std::int64_t week = weekly_open_seconds(s.def);
  if (!s.near_range_edge && r.chance(0.08)) return random_long_spec(r, s);
  switch (r.uniform(0, 6)) {
    case 0: {
      std::int64_t n;
      const int kind = static_cast<int>(r.uniform(0, 3));
      if (kind == 0) {
        n = r.uniform(1, 3600);
      } else if (kind == 1) {
        n = r.uniform(1, 40) * 3600;  // "4h"-like
      } else {
        n = r.uniform(1, std::max<std::int64_t>(2 * week, 2 * kDay));
      }
      return BusinessDuration(seconds(n));
    }
    case 1:
      return WorkingDays(static_cast<int>(r.uniform(1, 25)));
    case 2:
      return CalendarDays(static_cast<int>(r.uniform(1, 60)));
    case 3:
      return CalendarMonths(static_cast<int>(r.uniform(1, 14)));
    case 4:
      return AtTimeOfDay{*random_time_of_day(r)};
    case 5: {
      WeekdayAt w{std::chrono::weekday(static_cast<unsigned>(r.uniform(0, 6))),
                  std::nullopt};
      if (r.chance(0.7)) w.at = random_time_of_day(r);
      return w;
    }
    default: {
      DayOfMonth m;
      m.day = static_cast<int>(r.chance(0.3) ? r.uniform(28, 31)
                                             : r.uniform(1, 31));
      m.months_after = static_cast<int>(r.uniform(0, 3));
      if (r.chance(0.4)) m.at = random_time_of_day(r);
      return m;
    }
  }
}

// Stops a run from printing thousands of lines for one bug.
bool too_many_failures() {
  return ::testing::Test::HasFailure() && ::testing::UnitTest::GetInstance()
                                                  ->current_test_info()
                                                  ->result()
                                                  ->total_part_count() > 40;
}

constexpr std::uint64_t kSeed = 0x6b656675'74696d65ULL;  // "kefutime"
constexpr int kCalendars = 4000;
constexpr int kQueriesPerCalendar = 40;

TEST(CalendarProperty, MatchesBruteForceOnRandomCalendars) {
  int built = 0, compared = 0, never_open = 0;
  for (int c = 0; c < kCalendars && !too_many_failures(); ++c) {
    Random r(kSeed + static_cast<std::uint64_t>(c));
    const Scenario s = random_scenario(r);
    const std::string where = "seed " + std::to_string(kSeed) + " + calendar " +
                              std::to_string(c) + "\n  " +
                              definition_text(s.def);
    Result<Calendar> built_cal = Calendar::Build(s.def);
    ASSERT_TRUE(built_cal.ok())
        << where << "\n  " << built_cal.status().to_string();
    ++built;
    const Calendar& cal = *built_cal;
    const BruteForceCalendar brute(s.def);
    EXPECT_FALSE(cal.has_bounds()) << where;

    for (int q = 0; q < kQueriesPerCalendar; ++q) {
      const Instant start = random_start(r, s, brute);
      const DueSpec spec = random_spec(r, s);
      auto context = [&] {
        return where + "\n  query " + std::to_string(q) + ": from " +
               instant_text(start, s.def.offset) + " add " + spec_text(spec);
      };
      const std::optional<Instant> want = brute.add(start, spec);
      const Result<Instant> got = cal.add(start, spec);
      ++compared;
      if (want) {
        ASSERT_TRUE(got.ok())
            << context() << "\n  expected " << instant_text(*want, s.def.offset)
            << ", got error " << got.status().to_string();
        EXPECT_EQ(got->time_since_epoch().count(),
                  want->time_since_epoch().count())
            << context() << "\n  expected " << instant_text(*want, s.def.offset)
            << "\n  got      " << instant_text(*got, s.def.offset);
      } else {
        ++never_open;
        ASSERT_FALSE(got.ok())
            << context() << "\n  expected OutOfRange (never opens), got "
            << instant_text(*got, s.def.offset);
        EXPECT_EQ(got.status().code(), StatusCode::kOutOfRange)
            << context() << "\n  " << got.status().to_string();
      }
      if (const auto* d = std::get_if<BusinessDuration>(&spec); d && want) {
        const Result<BusinessDuration> back = cal.elapsed(start, *want);
        ASSERT_TRUE(back.ok())
            << context() << "\n  " << back.status().to_string();
        EXPECT_EQ(back->seconds(), d->seconds())
            << context() << "\n  elapsed(start, due)";
      }

      // elapsed both ways between the start and another instant: near it, at
      // a boundary of some day's hours, or years away.
      const std::int64_t reach =
          !s.near_range_edge && r.chance(0.1) ? 4 * 365 : 14;
      const Instant other =
          r.chance(0.3)
              ? random_start(r, s, brute)
              : start + seconds(r.uniform(-reach * kDay, reach * kDay));
      const Result<BusinessDuration> forward = cal.elapsed(start, other);
      const Result<BusinessDuration> backward = cal.elapsed(other, start);
      ASSERT_TRUE(forward.ok() && backward.ok()) << context();
      EXPECT_EQ(forward->seconds(), brute.elapsed(start, other))
          << context() << "\n  elapsed to "
          << instant_text(other, s.def.offset);
      EXPECT_EQ(backward->seconds(), -forward->seconds())
          << context() << "\n  elapsed from "
          << instant_text(other, s.def.offset);

      const Instant probe = r.chance(0.5) ? start : other;
      const Result<bool> open = cal.is_open(probe);
      ASSERT_TRUE(open.ok()) << context();
      EXPECT_EQ(*open, brute.is_open(probe))
          << context() << "\n  is_open " << instant_text(probe, s.def.offset);
      const std::optional<Instant> next_want = brute.next_open(probe);
      const Result<Instant> next_got = cal.next_open(probe);
      if (next_want) {
        ASSERT_TRUE(next_got.ok())
            << context() << "\n  next_open: " << next_got.status().to_string();
        EXPECT_EQ(next_got->time_since_epoch().count(),
                  next_want->time_since_epoch().count())
            << context() << "\n  next_open("
            << instant_text(probe, s.def.offset) << ") expected "
            << instant_text(*next_want, s.def.offset) << ", got "
            << instant_text(*next_got, s.def.offset);
      } else {
        EXPECT_FALSE(next_got.ok())
            << context() << "\n  next_open should be OutOfRange";
        if (!next_got.ok()) {
          EXPECT_EQ(next_got.status().code(), StatusCode::kOutOfRange)
              << context();
        }
      }

      const Date day = s.first + days(r.uniform(-15, 160));
      const Result<bool> working = cal.is_working_day(day);
      const Result<DayHours> hours = cal.hours_on(day);
      ASSERT_TRUE(working.ok() && hours.ok()) << context();
      EXPECT_EQ(*working, brute.is_working_day(day))
          << context() << "\n  is_working_day " << date_text(day);
      EXPECT_EQ(*hours, brute.hours_on(day))
          << context() << "\n  hours_on " << date_text(day) << " expected "
          << hours_text(brute.hours_on(day)) << ", got " << hours_text(*hours);
      if (too_many_failures()) return;
    }
  }
  RecordProperty("calendars", built);
  RecordProperty("queries", compared);
  std::printf("[ property ] %d calendars, %d add queries (%d never open)\n",
              built, compared, never_open);
}

// Zero open time is due at once: the earliest instant at which no open time
// has passed is the start itself, open or not.
TEST(CalendarProperty, ZeroOpenTimeIsDueAtStart) {
  for (int c = 0; c < 50; ++c) {
    Random r(kSeed ^ (0x5a5aULL + static_cast<std::uint64_t>(c)));
    const Scenario s = random_scenario(r);
    Result<Calendar> cal = Calendar::Build(s.def);
    ASSERT_TRUE(cal.ok()) << "calendar " << c << "\n  "
                          << definition_text(s.def);
    const BruteForceCalendar brute(s.def);
    const Instant start = random_start(r, s, brute);
    const Result<Instant> due = cal->add(start, BusinessDuration(seconds(0)));
    ASSERT_TRUE(due.ok()) << "calendar " << c << ": "
                          << due.status().to_string();
    EXPECT_EQ(due->time_since_epoch().count(), start.time_since_epoch().count())
        << "calendar " << c << " from " << instant_text(start, s.def.offset)
        << "\n  " << definition_text(s.def);
  }
}

// The bundled statutory data against the reference fed the same dates as an
// inline set, inside the years the data covers.
TEST(CalendarProperty, MatchesBruteForceOnStatutoryHolidays) {
  Result<HolidaySet> statutory = bundled_holiday_set("cn-statutory");
  ASSERT_TRUE(statutory.ok()) << statutory.status().to_string();
  const Date covered_last = Date(std::chrono::year(2026) / 12 / 31);
  int compared = 0;
  for (int c = 0; c < 100 && !too_many_failures(); ++c) {
    Random r(kSeed * 31 + static_cast<std::uint64_t>(c));
    CalendarDefinition def;
    def.name = "statutory";
    def.offset = c == 0 ? UtcOffset::hours(8) : random_offset(r);
    for (int i = 0; i < 7; ++i) {
      if (c == 0) {
        def.week[i] = i < 5 ? DayHours{{8 * 3600 + 1800, 12 * 3600},
                                       {13 * 3600 + 1800, 18 * 3600}}
                            : DayHours{};
      } else {
        def.week[i] = (i < 5 || r.chance(0.3)) ? random_hours(r) : DayHours{};
      }
    }
    def.makeup_hours =
        std::chrono::weekday(static_cast<unsigned>(r.uniform(0, 6)));
    def.holidays.push_back(*statutory);
    if (r.chance(0.3)) {  // a company's own set on top
      HolidaySet own;
      own.name = "inline";
      own.off.push_back(Date(std::chrono::year(2026) / 10 / 9));
      own.workdays.push_back(Date(std::chrono::year(2026) / 10 / 3));
      own.hours.emplace_back(Date(std::chrono::year(2026) / 9 / 30),
                             DayHours{{9 * 3600, 12 * 3600}});
      def.holidays.push_back(own);
    }
    Result<Calendar> cal = Calendar::Build(def);
    ASSERT_TRUE(cal.ok()) << cal.status().to_string();
    EXPECT_TRUE(cal->has_bounds());
    CalendarDefinition unbounded = def;
    for (HolidaySet& set : unbounded.holidays) set.bundled = false;
    const BruteForceCalendar brute(unbounded);
    const std::string where = "seed " + std::to_string(kSeed * 31) +
                              " + calendar " + std::to_string(c) + "\n  " +
                              definition_text(def, false);
    for (int q = 0; q < 50; ++q) {
      // 2018-01-10 .. about 2026-11-15, so short specs stay inside the data.
      const Date d =
          Date(std::chrono::year(2018) / 1 / 10) + days(r.uniform(0, 3230));
      const Instant start =
          to_instant(d + seconds(r.uniform(0, 96) * 900), def.offset);
      DueSpec spec = WorkingDays(1);
      switch (r.uniform(0, 6)) {
        case 0:
          spec = BusinessDuration(seconds(r.uniform(1, 40 * 3600)));
          break;
        case 1:
          spec = WorkingDays(static_cast<int>(r.uniform(1, 10)));
          break;
        case 2:
          spec = CalendarDays(static_cast<int>(r.uniform(1, 20)));
          break;
        case 3:
          spec = CalendarMonths(1);
          break;
        case 4:
          spec = AtTimeOfDay{*random_time_of_day(r)};
          break;
        case 5:
          spec = WeekdayAt{
              std::chrono::weekday(static_cast<unsigned>(r.uniform(0, 6))),
              random_time_of_day(r)};
          break;
        default:
          spec = DayOfMonth{static_cast<int>(r.uniform(1, 31)),
                            static_cast<int>(r.uniform(0, 1)), std::nullopt};
      }
      const std::optional<Instant> want = brute.add(start, spec);
      ASSERT_TRUE(want.has_value());
      if (date_of(to_local(*want, def.offset)) >= covered_last) continue;
      ++compared;
      const Result<Instant> got = cal->add(start, spec);
      ASSERT_TRUE(got.ok())
          << where << " query " << q << " from "
          << instant_text(start, def.offset) << " add " << spec_text(spec)
          << ": " << got.status().to_string();
      EXPECT_EQ(got->time_since_epoch().count(),
                want->time_since_epoch().count())
          << where << " query " << q << " from "
          << instant_text(start, def.offset) << " add " << spec_text(spec)
          << "\n  expected " << instant_text(*want, def.offset)
          << "\n  got      " << instant_text(*got, def.offset);
      const Instant other = start + seconds(r.uniform(-20 * kDay, 20 * kDay));
      if (date_of(to_local(other, def.offset)) < covered_last &&
          date_of(to_local(other, def.offset)) >
              Date(std::chrono::year(2018) / 1 / 1)) {
        const Result<BusinessDuration> e = cal->elapsed(start, other);
        ASSERT_TRUE(e.ok()) << e.status().to_string();
        EXPECT_EQ(e->seconds(), brute.elapsed(start, other))
            << where << " elapsed " << instant_text(start, def.offset) << " -> "
            << instant_text(other, def.offset);
      }
      const Result<bool> w = cal->is_working_day(d);
      ASSERT_TRUE(w.ok());
      EXPECT_EQ(*w, brute.is_working_day(d)) << where << " " << date_text(d);
      if (too_many_failures()) return;
    }
  }
  std::printf("[ property ] statutory: %d queries\n", compared);
}

}  // namespace
}  // namespace kefu::time
