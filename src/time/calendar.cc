// Business-calendar arithmetic over precomputed tables.
//
// Days are numbered from 1970-01-01 in the calendar's local time. The table
// covers [t0, t0 + n), t0 a Monday and n a multiple of 7: every day a holiday
// set touches (or, for a calendar bounded by bundled holidays, every day it
// covers). For each day it holds the schedule (its open intervals), the open
// seconds before the day (cum) and the working days before it (wd). Outside
// the table only the weekly pattern applies, so the same two sums are
// computed by whole weeks. Inverting them:
//   - the n-th working day is a direct index into the list of working days;
//   - the day on which the open time reaches C starts from a bucket index
//     (C / bucket) into the working days, then steps at most a few days.
// Neither walks the span, so add() and elapsed() cost O(1).
#include "kefu/time/calendar.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <map>
#include <span>
#include <string>
#include <utility>

namespace kefu::time {
namespace {

using std::int32_t;
using std::int64_t;
using std::chrono::days;
using std::chrono::seconds;

constexpr int64_t kDay = 86400;
// Schedule ids 0..6 are the weekdays (Monday = 0); 7 is "closed all day".
constexpr std::uint16_t kClosed = 7;

inline int64_t floor_div(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

constexpr int64_t kSecondsPerDay = 86400;

// The day number of a local second: a division by a constant, which the
// compiler turns into a multiplication on the usual (post-1970) path.
inline int64_t day_of(int64_t local) {
  return local >= 0 ? local / kSecondsPerDay : floor_div(local, kSecondsPerDay);
}

// Monday = 0 .. Sunday = 6; day 0 (1970-01-01) was a Thursday.
int weekday_index(int64_t dn) { return static_cast<int>(floor_div(dn + 3, 7) * -7 + dn + 3); }

int64_t day_number(Date d) { return d.time_since_epoch().count(); }
Date date_from_number(int64_t dn) { return Date(days(dn)); }
int year_of(int64_t dn) {
  return static_cast<int>(std::chrono::year_month_day(date_from_number(dn)).year());
}

int64_t open_seconds(const DayHours& hours) {
  int64_t s = 0;
  for (const OpenInterval& iv : hours) s += iv.end - iv.begin;
  return s;
}

// Open seconds of `hours` before second-of-day `sod`.
int64_t open_before(std::span<const OpenInterval> hours, int64_t sod) {
  int64_t s = 0;
  for (const OpenInterval& iv : hours) {
    if (sod <= iv.begin) break;
    s += std::min<int64_t>(sod, iv.end) - iv.begin;
  }
  return s;
}

// The days a question may touch: one contiguous covered range.
struct Span {
  int64_t first;  // day numbers, inclusive
  int64_t last;
  // Working-day ordinals of first and of last + 1, precomputed at build so
  // the bounds checks of the hot paths are two compares.
  int64_t wd_first = 0;
  int64_t wd_end = 0;
  int64_t cum_end = 0;  // open seconds before last + 1
};

}  // namespace

struct CalendarTables {
  // One table row per day: everything a lookup needs in one cache line.
  struct Day {
    int64_t cum;         // open seconds in [t0, this day)
    int32_t wd;          // working days in [t0, this day)
    std::uint16_t sid;   // the day's schedule
  };

  std::string name;
  UtcOffset offset;
  // The schedules' intervals, flat: schedule s is
  // intervals[schedule_begin[s] .. schedule_begin[s + 1]). See kClosed.
  std::vector<OpenInterval> intervals;
  std::vector<std::uint32_t> schedule_begin;
  std::vector<int64_t> schedule_open;
  std::array<int64_t, 8> week_cum{};  // open seconds of the first r weekdays
  std::array<int32_t, 8> week_wd{};   // working days among the first r
  std::vector<int32_t> week_working;  // weekday indexes that are working days
  int64_t t0 = 0;
  int64_t n = 0;
  std::vector<Day> days;              // [n + 1]; the last row's sid is unused
  std::vector<int32_t> working_days;  // table offsets of the working days
  std::vector<int64_t> working_end_cum;  // cum at the end of each working day
  std::vector<int64_t> working_close;    // close of business of each, local seconds
  int bucket_shift = 0;  // buckets are 2^bucket_shift open seconds wide
  std::vector<int32_t> bucket_first;  // first working day ending past k*bucket
  bool bounded = false;
  std::vector<Span> covered;  // ascending, disjoint, merged
  // Days [fast_first, fast_first + fast_days) lie in the table and in one
  // covered span: questions that stay inside them take the fast paths.
  int64_t fast_first = 0;
  std::uint64_t fast_days = 0;
  int64_t fast_cum_end = 0;  // open seconds before fast_first + fast_days
  int64_t fast_wd_end = 0;   // working days before fast_first + fast_days
  // Open all day every day, with no holiday set or override: business time
  // is wall time (the reference policy's "cn-24x7" and the built-in 24x7).
  // Such a table holds one week, so the fast paths above never apply.
  bool always_open = false;

  bool in_fast(int64_t dn) const {
    return static_cast<std::uint64_t>(dn - fast_first) < fast_days;
  }
  // Open seconds in [t0, local second l) for l on day dn, dn in the table.
  int64_t open_in_table(int64_t dn, int64_t l) const {
    const Day& d = days[static_cast<std::size_t>(dn - t0)];
    const OpenInterval* iv = intervals.data() + schedule_begin[d.sid];
    const OpenInterval* end = intervals.data() + schedule_begin[d.sid + 1u];
    const int64_t sod = l - dn * kDay;
    int64_t open = d.cum;
    for (; iv != end && iv->begin < sod; ++iv) open += std::min<int64_t>(sod, iv->end) - iv->begin;
    return open;
  }
  std::vector<HolidayNotice> notices;

  int64_t week_open() const { return week_cum[7]; }
  int32_t week_working_days() const { return week_wd[7]; }

  std::uint16_t sid_of(int64_t dn) const {
    if (dn >= t0 && dn < t0 + n) return days[static_cast<std::size_t>(dn - t0)].sid;
    return static_cast<std::uint16_t>(weekday_index(dn));
  }
  std::span<const OpenInterval> hours_of(int64_t dn) const {
    std::uint16_t s = sid_of(dn);
    return {intervals.data() + schedule_begin[s], intervals.data() + schedule_begin[s + 1u]};
  }
  bool is_working(int64_t dn) const { return schedule_open[sid_of(dn)] > 0; }

  // Open seconds in [t0, dn), negative before t0.
  int64_t cum_of(int64_t dn) const {
    if (dn < t0) {
      int64_t q = floor_div(dn - t0, 7);
      return q * week_open() + week_cum[static_cast<std::size_t>(dn - t0 - 7 * q)];
    }
    if (dn <= t0 + n) return days[static_cast<std::size_t>(dn - t0)].cum;
    int64_t k = dn - t0 - n;
    return days.back().cum + k / 7 * week_open() + week_cum[static_cast<std::size_t>(k % 7)];
  }

  // Working days in [t0, dn), negative before t0.
  int64_t wd_of(int64_t dn) const {
    if (dn < t0) {
      int64_t q = floor_div(dn - t0, 7);
      return q * week_working_days() + week_wd[static_cast<std::size_t>(dn - t0 - 7 * q)];
    }
    if (dn <= t0 + n) return days[static_cast<std::size_t>(dn - t0)].wd;
    int64_t k = dn - t0 - n;
    return days.back().wd + k / 7 * week_working_days() + week_wd[static_cast<std::size_t>(k % 7)];
  }

  // Open seconds in [t0, local instant l).
  int64_t open_until(int64_t l) const {
    const int64_t dn = day_of(l);
    const auto i = static_cast<std::uint64_t>(dn - t0);
    if (i < static_cast<std::uint64_t>(n)) return open_in_table(dn, l);
    return cum_of(dn) + open_before(hours_of(dn), l - dn * kDay);
  }

  // The working day with `k` working days before it (k counted from t0).
  // The caller guarantees one exists (k below the span's end).
  int64_t working_day(int64_t k) const {
    auto total = static_cast<int64_t>(working_days.size());
    if (k >= 0 && k < total) return t0 + working_days[static_cast<std::size_t>(k)];
    int64_t base = k < 0 ? t0 : t0 + n;
    int64_t rel = k < 0 ? k : k - total;
    int64_t q = floor_div(rel, week_working_days());
    return base + 7 * q + week_working[static_cast<std::size_t>(rel - q * week_working_days())];
  }

  // The first day at whose end the open time since t0 reaches c. The caller
  // guarantees one exists.
  int64_t day_reaching(int64_t c) const {
    if (c > 0 && c <= days.back().cum) {
      std::size_t j = static_cast<std::size_t>(
          bucket_first[static_cast<std::size_t>((c - 1) >> bucket_shift)]);
      while (working_end_cum[j] < c) ++j;
      return t0 + working_days[j];
    }
    int64_t base = c <= 0 ? t0 : t0 + n;
    int64_t rel = c <= 0 ? c : c - days.back().cum;
    int64_t q = floor_div(rel - 1, week_open());
    int64_t r = 0;
    while (q * week_open() + week_cum[static_cast<std::size_t>(r + 1)] < rel) ++r;
    return base + 7 * q + r;
  }

  // The local second at which the open time since t0 reaches c, on day dn
  // (cum_of(dn) < c <= cum_of(dn + 1)). A due that lands on the end of an
  // interval stays there: a closing time, never the next opening.
  int64_t reach_in_day(int64_t dn, int64_t c) const {
    const auto i = static_cast<std::uint64_t>(dn - t0);
    if (i < static_cast<std::uint64_t>(n)) {  // the table: one row, one schedule
      const Day& d = days[i];
      int64_t need = c - d.cum;
      const OpenInterval* iv = intervals.data() + schedule_begin[d.sid];
      const OpenInterval* end = intervals.data() + schedule_begin[d.sid + 1u];
      for (; iv != end; ++iv) {
        if (need <= iv->end - iv->begin) return dn * kDay + iv->begin + need;
        need -= iv->end - iv->begin;
      }
      return dn * kDay + kDay;  // unreachable when the caller keeps its promise
    }
    int64_t need = c - cum_of(dn);
    for (const OpenInterval& iv : hours_of(dn)) {
      if (need <= iv.end - iv.begin) return dn * kDay + iv.begin + need;
      need -= iv.end - iv.begin;
    }
    return dn * kDay + kDay;  // unreachable when the caller keeps its promise
  }

  // Close of business of a working day: the end of its last interval.
  int64_t close_of_business(int64_t dn) const {
    return dn * kDay + hours_of(dn).back().end;
  }
};

namespace {

using Tables = CalendarTables;

// Day numbers of kMinInstant's and kMaxInstant's dates, with a day of slack
// for offsets: what an unbounded calendar answers for.
constexpr int64_t kFirstDay = -25567;   // 1900-01-01
constexpr int64_t kLastDay = 2932896;   // 9999-12-31

std::string years_text(const Tables& t) {
  std::string s;
  for (const Span& span : t.covered) {
    if (!s.empty()) s += ", ";
    int a = year_of(span.first), b = year_of(span.last);
    s += a == b ? std::to_string(a) : std::to_string(a) + "-" + std::to_string(b);
  }
  return s;
}

Status no_data(const Tables& t, int64_t dn) {
  if (!t.bounded)
    return Status::OutOfRange("calendar \"" + t.name +
                              "\": the answer falls outside the years 1900-9999 "
                              "or the calendar never opens again");
  return Status::OutOfRange("calendar \"" + t.name + "\" has no holiday data for " +
                            std::to_string(year_of(dn)) +
                            ": its holiday sets cover " + years_text(t));
}

// The hot paths below return plain day numbers and build a Status only on
// failure: kNoDay, with the day that lacks data in *missing.
constexpr int64_t kNoDay = std::numeric_limits<int64_t>::min();

// The covered span that holds day dn, or nullptr. Almost every calendar has
// one span (unbounded calendars have 1900-9999), so that case is inline.
inline const Span* span_of(const Tables& t, int64_t dn) {
  if (t.covered.size() == 1) {
    const Span& only = t.covered.front();
    return dn >= only.first && dn <= only.last ? &only : nullptr;
  }
  auto it = std::upper_bound(t.covered.begin(), t.covered.end(), dn,
                             [](int64_t d, const Span& s) { return d < s.first; });
  if (it == t.covered.begin() || (it - 1)->last < dn) return nullptr;
  return &*(it - 1);
}

inline bool valid_instant(Instant t) { return t >= kMinInstant && t <= kMaxInstant; }

Status invalid_instant() {
  return Status::InvalidArgument("instant outside the years 1900-9999");
}

// The working day with ordinal k, inside the span.
inline int64_t working_day_in(const Tables& t, int64_t k, const Span& span, int64_t* missing) {
  if (k >= span.wd_end) {
    *missing = span.last + 1;
    return kNoDay;
  }
  if (k < span.wd_first) {
    *missing = span.first - 1;
    return kNoDay;
  }
  return t.working_day(k);
}

// The first working day on or after dn, inside the span.
inline int64_t working_on_or_after(const Tables& t, int64_t dn, const Span& span,
                                   int64_t* missing) {
  if (dn > span.last) {
    *missing = dn;
    return kNoDay;
  }
  return working_day_in(t, t.wd_of(dn), span, missing);
}

inline Result<Instant> to_result(const Tables& t, int64_t local) {
  Instant out = to_instant(LocalSeconds(seconds(local)), t.offset);
  if (!valid_instant(out)) return no_data(t, day_of(local));
  return out;
}

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

int64_t last_day_of_month(std::chrono::year_month ym) {
  return day_number(Date(std::chrono::year_month_day_last(
      ym.year(), std::chrono::month_day_last(ym.month()))));
}

}  // namespace

Status validate_day_hours(const DayHours& hours) {
  int32_t previous_end = -1;
  for (std::size_t i = 0; i < hours.size(); ++i) {
    const OpenInterval& iv = hours[i];
    if (iv.begin < 0 || iv.end > kDay || iv.begin >= iv.end)
      return Status::InvalidArgument(
          "interval " + std::to_string(i) +
          " must satisfy 00:00 <= begin < end <= 24:00");
    if (iv.begin < previous_end)
      return Status::InvalidArgument(
          "interval " + std::to_string(i) +
          " must start after the end of the interval before it");
    previous_end = iv.end;
  }
  return Status();
}

Result<Calendar> Calendar::Build(const CalendarDefinition& def) {
  auto t = std::make_shared<CalendarTables>();
  std::vector<DayHours> schedules;  // the weekdays, kClosed, then dated hours
  t->name = def.name;
  t->offset = def.offset;

  for (std::size_t w = 0; w < 7; ++w) {
    Status s = validate_day_hours(def.week[w]);
    if (!s.ok())
      return Status::InvalidArgument("calendar \"" + def.name + "\", weekday " +
                                     std::string(weekday_name(std::chrono::weekday(
                                         static_cast<unsigned>((w + 1) % 7)))) +
                                     ": " + s.message());
    schedules.push_back(def.week[w]);
  }
  schedules.emplace_back();  // kClosed
  const std::size_t makeup_sid = (def.makeup_hours.c_encoding() + 6) % 7;

  // Resolve the sets into one schedule per overridden date; later sets win.
  std::map<int64_t, std::uint16_t> overrides;
  std::vector<int> years;
  for (const HolidaySet& set : def.holidays) {
    auto where = [&](Date d) {
      return "calendar \"" + def.name + "\", holiday set \"" + set.name + "\", " +
             format_date(d);
    };
    std::map<int64_t, int> kind;  // 1 off, 2 workday, within this set
    for (Date d : set.off) kind[day_number(d)] |= 1;
    for (Date d : set.workdays) {
      if (kind[day_number(d)] & 1)
        return Status::InvalidArgument(where(d) + ": a date cannot be both off and a workday");
      kind[day_number(d)] |= 2;
    }
    for (const auto& [d, hours] : set.hours) {
      if (kind[day_number(d)] & 1)
        return Status::InvalidArgument(where(d) + ": a date cannot be both off and open");
      Status s = validate_day_hours(hours);
      if (!s.ok()) return Status::InvalidArgument(where(d) + ": " + s.message());
    }
    for (const auto& [dn, k] : kind)
      overrides[dn] = (k & 1) ? kClosed : static_cast<std::uint16_t>(makeup_sid);
    for (const auto& [d, hours] : set.hours) {
      if (schedules.size() >= 65535)
        return Status::InvalidArgument("calendar \"" + def.name +
                                       "\": too many dates with their own hours");
      overrides[day_number(d)] = static_cast<std::uint16_t>(schedules.size());
      schedules.push_back(hours);
    }
    if (set.bundled) t->bounded = true;
    years.insert(years.end(), set.years.begin(), set.years.end());
    t->notices.insert(t->notices.end(), set.notices.begin(), set.notices.end());
  }
  for (const DayHours& h : schedules) {
    t->schedule_begin.push_back(static_cast<std::uint32_t>(t->intervals.size()));
    t->intervals.insert(t->intervals.end(), h.begin(), h.end());
    t->schedule_open.push_back(open_seconds(h));
  }
  t->schedule_begin.push_back(static_cast<std::uint32_t>(t->intervals.size()));

  for (std::size_t r = 0; r < 7; ++r) {
    t->week_cum[r + 1] = t->week_cum[r] + t->schedule_open[r];
    t->week_wd[r + 1] = t->week_wd[r] + (t->schedule_open[r] > 0 ? 1 : 0);
    if (t->schedule_open[r] > 0) t->week_working.push_back(static_cast<int32_t>(r));
  }

  t->always_open = !t->bounded && overrides.empty() &&
                   std::all_of(t->schedule_open.begin(), t->schedule_open.begin() + 7,
                               [](int64_t open) { return open == kDay; });

  // The table's days: the covered years when bounded, else the overrides.
  int64_t lo = 0, hi = 0;
  if (t->bounded) {
    std::sort(years.begin(), years.end());
    years.erase(std::unique(years.begin(), years.end()), years.end());
    for (int y : years) {
      using namespace std::chrono;
      int64_t first = day_number(Date(year(y) / January / 1));
      int64_t last = day_number(Date(year(y) / December / 31));
      if (!t->covered.empty() && t->covered.back().last + 1 == first)
        t->covered.back().last = last;
      else
        t->covered.push_back(Span{first, last});
    }
    if (t->covered.empty())
      return Status::InvalidArgument("calendar \"" + def.name +
                                     "\": its holiday sets cover no year");
    lo = t->covered.front().first;
    hi = t->covered.back().last + 1;
  } else if (!overrides.empty()) {
    lo = overrides.begin()->first;
    hi = overrides.rbegin()->first + 1;
  }
  lo -= weekday_index(lo);               // back to a Monday
  hi += (7 - (hi - lo) % 7) % 7;         // forward to whole weeks
  if (hi == lo) hi += 7;
  t->t0 = lo;
  t->n = hi - lo;

  auto n = static_cast<std::size_t>(t->n);
  t->days.assign(n + 1, CalendarTables::Day{0, 0, 0});
  for (std::size_t i = 0; i < n; ++i) {
    int64_t dn = t->t0 + static_cast<int64_t>(i);
    auto it = overrides.find(dn);
    std::uint16_t sid = it != overrides.end() ? it->second
                                              : static_cast<std::uint16_t>(weekday_index(dn));
    int64_t open = t->schedule_open[sid];
    t->days[i].sid = sid;
    t->days[i + 1].cum = t->days[i].cum + open;
    t->days[i + 1].wd = t->days[i].wd + (open > 0 ? 1 : 0);
    if (open > 0) {
      t->working_days.push_back(static_cast<int32_t>(i));
      t->working_end_cum.push_back(t->days[i + 1].cum);
      t->working_close.push_back(dn * kDay +
                                 schedules[sid].back().end);
    }
  }

  // Bucket index over the working days' cumulative open time: buckets a
  // power of two wide (a shift, not a division) and no wider than half an
  // average working day keep the step count small.
  if (!t->working_days.empty()) {
    int64_t total = t->days.back().cum;
    int64_t average = total / static_cast<int64_t>(t->working_days.size());
    while ((int64_t{2} << t->bucket_shift) <= average / 2) ++t->bucket_shift;
    std::size_t buckets = static_cast<std::size_t>(((total - 1) >> t->bucket_shift) + 1);
    t->bucket_first.resize(buckets);
    std::size_t j = 0;
    for (std::size_t k = 0; k < buckets; ++k) {
      while (t->working_end_cum[j] <= (static_cast<int64_t>(k) << t->bucket_shift)) ++j;
      t->bucket_first[k] = static_cast<int32_t>(j);
    }
  }
  if (!t->bounded) t->covered.push_back(Span{kFirstDay, kLastDay});
  for (Span& span : t->covered) {
    span.wd_first = t->wd_of(span.first);
    span.wd_end = t->wd_of(span.last + 1);
    span.cum_end = t->cum_of(span.last + 1);
  }
  {
    const Span& first = t->covered.front();
    int64_t lo = std::max(t->t0, first.first);
    int64_t hi = std::min(t->t0 + t->n, first.last + 1);
    if (hi > lo) {
      t->fast_first = lo;
      t->fast_days = static_cast<std::uint64_t>(hi - lo);
      t->fast_cum_end = t->cum_of(hi);
      t->fast_wd_end = t->wd_of(hi);
    }
  }
  return Calendar(std::move(t));
}

Calendar Calendar::AlwaysOpen() {
  CalendarDefinition def;
  def.name = "24x7";
  for (DayHours& d : def.week) d = {OpenInterval{0, static_cast<int32_t>(kDay)}};
  return std::move(Build(def)).value();
}

const std::string& Calendar::name() const { return t_->name; }
UtcOffset Calendar::offset() const { return t_->offset; }
bool Calendar::has_bounds() const { return t_->bounded; }

namespace {

// Every spec, every case: the general path of Calendar::add, kept out of
// line so the fast path stays small.
[[gnu::noinline]] Result<Instant> add_general(const CalendarTables& t, Instant start,
                                              const DueSpec& spec) {
  if (!valid_instant(start)) return invalid_instant();
  const int64_t local = to_local(start, t.offset).time_since_epoch().count();
  const int64_t day = day_of(local);
  const int64_t sod = local - day * kDay;
  const Span* span_ptr = span_of(t, day);
  if (span_ptr == nullptr) return no_data(t, day);
  const Span& span = *span_ptr;
  int64_t missing = 0;

  // Close of business, or `at` on that day, of a working day.
  auto finish = [&](int64_t dn, const std::optional<TimeOfDay>& at) -> Result<Instant> {
    if (dn == kNoDay) return no_data(t, missing);
    return to_result(t, at ? dn * kDay + at->seconds() : t.close_of_business(dn));
  };
  auto calendar_days = [&](int64_t last_day) {
    return finish(working_on_or_after(t, last_day, span, &missing), std::nullopt);
  };
  // The start's civil month, for the specs that count months.
  auto start_month = [&] {
    const std::chrono::year_month_day ymd{date_from_number(day)};
    return std::pair(std::chrono::year_month(ymd.year(), ymd.month()), ymd.day());
  };

  return std::visit(
      Overloaded{
          [&](BusinessDuration d) -> Result<Instant> {
            if (d.seconds() < 0)
              return Status::InvalidArgument("a duration cannot be negative");
            if (d.seconds() == 0) return start;
            int64_t c = t.open_until(local) + d.seconds();
            if (c > span.cum_end) return no_data(t, span.last + 1);
            int64_t dn = t.day_reaching(c);
            return to_result(t, t.reach_in_day(dn, c));
          },
          [&](WorkingDays n) -> Result<Instant> {
            if (n.count() < 1)
              return Status::InvalidArgument("a count of working days must be positive");
            return finish(working_day_in(t, t.wd_of(day + 1) + n.count() - 1, span, &missing),
                          std::nullopt);
          },
          [&](CalendarDays n) -> Result<Instant> {
            if (n.count() < 1)
              return Status::InvalidArgument("a count of days must be positive");
            return calendar_days(day + n.count());
          },
          [&](CalendarMonths n) -> Result<Instant> {
            if (n.count() < 1)
              return Status::InvalidArgument("a count of months must be positive");
            auto [month, dom] = start_month();
            auto ym = month + std::chrono::months(n.count());
            if (!ym.ok()) return no_data(t, kLastDay + 1);
            int64_t last = std::min(last_day_of_month(ym),
                                    day_number(Date(ym / dom)));
            return calendar_days(last);
          },
          [&](AtTimeOfDay a) -> Result<Instant> {
            if (t.is_working(day) && a.at.seconds() > sod)
              return to_result(t, day * kDay + a.at.seconds());
            return finish(working_day_in(t, t.wd_of(day + 1), span, &missing), a.at);
          },
          [&](const WeekdayAt& w) -> Result<Instant> {
            int64_t target = day + ((w.weekday.iso_encoding() - 1) - weekday_index(day) + 7) % 7;
            // Without "at" the weekday's own deadline is its close of
            // business (the end of the day when it is not a working day).
            auto cutoff = [&](int64_t dn) {
              if (w.at) return static_cast<int64_t>(w.at->seconds());
              return t.is_working(dn) ? t.close_of_business(dn) - dn * kDay : kDay;
            };
            if (target * kDay + cutoff(target) <= local) target += 7;
            return finish(working_on_or_after(t, target, span, &missing), w.at);
          },
          [&](const DayOfMonth& m) -> Result<Instant> {
            if (m.day < 1 || m.day > 31)
              return Status::InvalidArgument("day_of_month must be 1-31");
            auto ym = start_month().first + std::chrono::months(m.months_after);
            if (!ym.ok()) return no_data(t, kLastDay + 1);
            int64_t last = last_day_of_month(ym);
            int64_t first = last - static_cast<int64_t>(static_cast<unsigned>(
                                       std::chrono::year_month_day(date_from_number(last)).day())) + 1;
            int64_t target = std::min(last, first + m.day - 1);
            // The cutoff may precede the start: it is then simply in the past.
            const Span* target_span = span_of(t, target);
            if (target_span == nullptr) return no_data(t, target);
            return finish(working_on_or_after(t, target, *target_span, &missing), m.at);
          },
      },
      spec);
}

}  // namespace

Result<Instant> Calendar::add(Instant start, const DueSpec& spec) const {
  const Tables& t = *t_;
  if (!valid_instant(start)) return invalid_instant();  // before any arithmetic
  const int64_t local = start.time_since_epoch().count() + t.offset.value().count();
  const int64_t day = day_of(local);
  if (t.always_open) {
    // Only well inside the years kefu knows (local days 1900..9999, as the
    // general path's span): at their edges the general path says why not.
    int64_t reached = 0;
    if (const auto* d = std::get_if<BusinessDuration>(&spec);
        d && d->seconds() > 0 && day >= kFirstDay &&
        !__builtin_add_overflow(local, d->seconds(), &reached) && day_of(reached) <= kLastDay) {
      const Instant out = to_instant(LocalSeconds(seconds(reached)), t.offset);
      if (valid_instant(out)) return out;
    }
  }
  // Fast paths for the common specs when everything stays in the table.
  if (t.in_fast(day)) {
    if (const auto* d = std::get_if<BusinessDuration>(&spec); d && d->seconds() > 0) {
      const int64_t c = t.open_in_table(day, local) + d->seconds();
      if (c <= t.fast_cum_end)
        return to_instant(LocalSeconds(seconds(t.reach_in_day(t.day_reaching(c), c))), t.offset);
    } else if (const auto* w = std::get_if<WorkingDays>(&spec); w && w->count() > 0) {
      const int64_t k = t.days[static_cast<std::size_t>(day + 1 - t.t0)].wd + w->count() - 1;
      if (k < t.fast_wd_end)
        return to_instant(LocalSeconds(seconds(t.working_close[static_cast<std::size_t>(k)])),
                          t.offset);
    }
  }
  return add_general(t, start, spec);
}

namespace {

// The general path of Calendar::elapsed, out of line like add_general.
[[gnu::noinline]] Result<BusinessDuration> elapsed_general(const CalendarTables& t, Instant a,
                                                           Instant b) {
  if (!valid_instant(a) || !valid_instant(b)) return invalid_instant();
  const int64_t la = to_local(a, t.offset).time_since_epoch().count();
  const int64_t lb = to_local(b, t.offset).time_since_epoch().count();
  const int64_t da = day_of(la), db = day_of(lb);
  const Span* sa = span_of(t, da);
  if (sa == nullptr) return no_data(t, da);
  const Span* sb = span_of(t, db);
  if (sb == nullptr) return no_data(t, db);
  if (sa != sb) return no_data(t, std::min(sa->last, sb->last) + 1);
  return BusinessDuration(seconds(t.open_until(lb) - t.open_until(la)));
}

}  // namespace

Result<BusinessDuration> Calendar::elapsed(Instant a, Instant b) const {
  const Tables& t = *t_;
  if (!valid_instant(a) || !valid_instant(b)) return invalid_instant();  // before arithmetic
  const int64_t la = to_local(a, t.offset).time_since_epoch().count();
  const int64_t lb = to_local(b, t.offset).time_since_epoch().count();
  const int64_t da = day_of(la), db = day_of(lb);
  if (t.in_fast(da) && t.in_fast(db))
    return BusinessDuration(seconds(t.open_in_table(db, lb) - t.open_in_table(da, la)));
  return elapsed_general(t, a, b);
}

Result<bool> Calendar::is_open(Instant time) const {
  const Tables& t = *t_;
  if (!valid_instant(time)) return invalid_instant();
  int64_t local = to_local(time, t.offset).time_since_epoch().count();
  int64_t dn = day_of(local);
  if (span_of(t, dn) == nullptr) return no_data(t, dn);
  int64_t sod = local - dn * kDay;
  for (const OpenInterval& iv : t.hours_of(dn))
    if (iv.begin <= sod && sod < iv.end) return true;
  return false;
}

Result<Instant> Calendar::next_open(Instant time) const {
  const Tables& t = *t_;
  if (!valid_instant(time)) return invalid_instant();
  int64_t local = to_local(time, t.offset).time_since_epoch().count();
  int64_t dn = day_of(local);
  const Span* span = span_of(t, dn);
  if (span == nullptr) return no_data(t, dn);
  int64_t sod = local - dn * kDay;
  for (const OpenInterval& iv : t.hours_of(dn)) {
    if (iv.begin <= sod && sod < iv.end) return time;
    if (iv.begin > sod) return to_result(t, dn * kDay + iv.begin);
  }
  int64_t missing = 0;
  int64_t next = working_on_or_after(t, dn + 1, *span, &missing);
  if (next == kNoDay) return no_data(t, missing);
  return to_result(t, next * kDay + t.hours_of(next).front().begin);
}

Result<bool> Calendar::is_working_day(Date d) const {
  const Tables& t = *t_;
  if (span_of(t, day_number(d)) == nullptr) return no_data(t, day_number(d));
  return t.is_working(day_number(d));
}

Result<DayHours> Calendar::hours_on(Date d) const {
  const Tables& t = *t_;
  if (span_of(t, day_number(d)) == nullptr) return no_data(t, day_number(d));
  std::span<const OpenInterval> hours = t.hours_of(day_number(d));
  return DayHours(hours.begin(), hours.end());
}

std::vector<HolidayNotice> Calendar::notices_between(Instant a, Instant b) const {
  Date da = date_of(to_local(std::min(a, b), t_->offset));
  Date db = date_of(to_local(std::max(a, b), t_->offset));
  std::vector<HolidayNotice> out;
  for (const HolidayNotice& n : t_->notices) {
    auto day = std::lower_bound(n.days.begin(), n.days.end(), da);
    if (day != n.days.end() && *day <= db) out.push_back(n);
  }
  return out;
}

}  // namespace kefu::time
