// A reference implementation of DESIGN.md's "Deadline semantics", for tests.
//
// It answers the same questions as kefu::time::Calendar by walking the local
// time line day by day and interval by interval: no prefix sums, no inverse
// indexes, no week arithmetic. It is written from the contract, not from
// src/time, so that a property test comparing the two catches mistakes in
// either. It is slow (linear in the span walked) on purpose.
//
// It knows nothing of bundled-set year bounds: use it only for calendars
// whose holiday sets are all inline (unbounded calendars). For bundled data,
// copy the set and clear `bundled` to compare inside the covered years.
//
// "Never" (a calendar that does not open again, or not before the end of
// 9999) is std::nullopt; the real Calendar answers OutOfRange there.
//
// Example:
//   BruteForceCalendar brute(def);
//   std::optional<Instant> due = brute.add(start, WorkingDays(3));
//   std::int64_t open = brute.elapsed(start, *due);
//
// Thread safety: immutable after construction; const methods are safe to
// call from several threads.
#ifndef KEFU_TESTS_TIME_BRUTE_FORCE_CALENDAR_H_
#define KEFU_TESTS_TIME_BRUTE_FORCE_CALENDAR_H_

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <type_traits>
#include <utility>
#include <variant>

#include "kefu/time/calendar.h"
#include "kefu/time/due_spec.h"
#include "kefu/time/instant.h"

namespace kefu::time::reference {

class BruteForceCalendar {
 public:
  explicit BruteForceCalendar(const CalendarDefinition& def)
      : offset_(def.offset), week_(def.week) {
    const DayHours& makeup = def.week[index_of(def.makeup_hours)];
    // Sets apply in order, so a later set's word on a date replaces an
    // earlier one's. Within one set a date has at most one meaning (Build
    // refuses a set that both closes and opens a date).
    for (const HolidaySet& set : def.holidays) {
      for (Date d : set.off) overrides_[d] = DayHours{};
      for (Date d : set.workdays) overrides_[d] = makeup;
      for (const auto& [d, hours] : set.hours) overrides_[d] = hours;
    }
    for (const DayHours& day : def.week) {
      if (!day.empty()) week_opens_ = true;
    }
  }

  // The open intervals of a local date.
  DayHours hours_on(Date d) const {
    auto it = overrides_.find(d);
    if (it != overrides_.end()) return it->second;
    return week_[index_of(std::chrono::weekday(d))];
  }

  bool is_working_day(Date d) const { return !hours_on(d).empty(); }

  bool is_open(Instant t) const {
    const LocalSeconds l = to_local(t, offset_);
    const std::int32_t s = second_of_day(l);
    for (const OpenInterval& iv : hours_on(date_of(l))) {
      if (iv.begin <= s && s < iv.end) return true;
    }
    return false;
  }

  // t when open, else the start of the next open interval.
  std::optional<Instant> next_open(Instant t) const {
    if (is_open(t)) return t;
    const LocalSeconds l = to_local(t, offset_);
    for (Date d = date_of(l); !past_last_opening(d);
         d += std::chrono::days(1)) {
      for (const OpenInterval& iv : hours_on(d)) {
        const LocalSeconds begin = d + std::chrono::seconds(iv.begin);
        if (begin > l) {
          const Instant t = to_instant(begin, offset_);
          if (t > kMaxInstant) return std::nullopt;
          return t;
        }
      }
    }
    return std::nullopt;
  }

  // Open seconds in [a, b); negative when b < a.
  std::int64_t elapsed(Instant a, Instant b) const {
    if (b < a) return -elapsed(b, a);
    const LocalSeconds la = to_local(a, offset_);
    const LocalSeconds lb = to_local(b, offset_);
    std::int64_t total = 0;
    for (Date d = date_of(la); d <= date_of(lb); d += std::chrono::days(1)) {
      for (const OpenInterval& iv : hours_on(d)) {
        const LocalSeconds begin =
            std::max(la, d + std::chrono::seconds(iv.begin));
        const LocalSeconds end = std::min(lb, d + std::chrono::seconds(iv.end));
        if (end > begin) total += (end - begin).count();
      }
    }
    return total;
  }

  // The due instant, or nullopt when the calendar never gets there: it never
  // opens again, or the answer lies past the years kefu accepts (9999).
  std::optional<Instant> add(Instant start, const DueSpec& spec) const {
    std::optional<Instant> due = std::visit(
        [&](const auto& s) -> std::optional<Instant> {
          using T = std::decay_t<decltype(s)>;
          if constexpr (std::is_same_v<T, BusinessDuration>) {
            return add_open_time(start, s.seconds());
          } else if constexpr (std::is_same_v<T, WorkingDays>) {
            return add_working_days(start, s.count());
          } else if constexpr (std::is_same_v<T, CalendarDays>) {
            return last_day_close(start_date(start) +
                                  std::chrono::days(s.count()));
          } else if constexpr (std::is_same_v<T, CalendarMonths>) {
            return last_day_close(
                same_day_months_on(start_date(start), s.count()));
          } else if constexpr (std::is_same_v<T, AtTimeOfDay>) {
            return at_on_working_day(start, s.at);
          } else if constexpr (std::is_same_v<T, WeekdayAt>) {
            return weekday_at(start, s);
          } else {
            static_assert(std::is_same_v<T, DayOfMonth>);
            return day_of_month(start, s);
          }
        },
        spec);
    if (due && *due > kMaxInstant) return std::nullopt;
    return due;
  }

 private:
  static unsigned index_of(std::chrono::weekday wd) {
    return wd.iso_encoding() - 1;  // Monday = 0
  }

  Date start_date(Instant t) const { return date_of(to_local(t, offset_)); }

  // True once no day from `d` on can be open: after the last overridden
  // date, only the week is left, and it may be empty.
  bool past_last_opening(Date d) const {
    if (week_opens_) return false;
    return overrides_.empty() || d > overrides_.rbegin()->first;
  }

  // The close of business of a working day: the end of its last interval
  // (24:00 is the next day's 00:00).
  Instant close_of(Date d) const {
    const DayHours h = hours_on(d);
    return to_instant(d + std::chrono::seconds(h.back().end), offset_);
  }

  // The first working day on or after d.
  std::optional<Date> working_day_from(Date d) const {
    for (; !past_last_opening(d); d += std::chrono::days(1)) {
      if (is_working_day(d)) return d;
    }
    return std::nullopt;
  }

  // `n` seconds of open time from `start`: the earliest instant at which
  // that much has passed, so a close rather than the next opening.
  std::optional<Instant> add_open_time(Instant start, std::int64_t n) const {
    if (n == 0) return start;
    const LocalSeconds l = to_local(start, offset_);
    std::int64_t remaining = n;
    for (Date d = date_of(l); !past_last_opening(d);
         d += std::chrono::days(1)) {
      for (const OpenInterval& iv : hours_on(d)) {
        const LocalSeconds end = d + std::chrono::seconds(iv.end);
        if (end <= l) continue;
        const LocalSeconds begin =
            std::max(l, d + std::chrono::seconds(iv.begin));
        const std::int64_t available = (end - begin).count();
        if (available >= remaining) {
          return to_instant(begin + std::chrono::seconds(remaining), offset_);
        }
        remaining -= available;
      }
    }
    return std::nullopt;
  }

  // The n-th working day after the start's local date; the start date never
  // counts.
  std::optional<Instant> add_working_days(Instant start, int n) const {
    Date d = start_date(start);
    for (int counted = 0; counted < n;) {
      d += std::chrono::days(1);
      if (past_last_opening(d)) return std::nullopt;
      if (is_working_day(d)) ++counted;
    }
    return close_of(d);
  }

  // `d` is the last day; a rest day moves it to the next working day; the
  // deadline is that day's close of business.
  std::optional<Instant> last_day_close(Date d) const {
    std::optional<Date> last = working_day_from(d);
    if (!last) return std::nullopt;
    return close_of(*last);
  }

  // The same day of the month `n` months on, or that month's last day.
  static Date same_day_months_on(Date d, int n) {
    const std::chrono::year_month_day ymd(d);
    return clamped(ymd.year() / ymd.month() + std::chrono::months(n),
                   static_cast<unsigned>(ymd.day()));
  }

  static Date clamped(std::chrono::year_month ym, unsigned day) {
    const unsigned last = static_cast<unsigned>(
        std::chrono::year_month_day_last(
            ym.year(), std::chrono::month_day_last(ym.month()))
            .day());
    return Date(ym / std::chrono::day(std::min(day, last)));
  }

  // The first `at` local on a working day strictly after `start`.
  std::optional<Instant> at_on_working_day(Instant start, TimeOfDay at) const {
    const LocalSeconds l = to_local(start, offset_);
    for (Date d = date_of(l); !past_last_opening(d);
         d += std::chrono::days(1)) {
      const LocalSeconds candidate = d + std::chrono::seconds(at.seconds());
      if (candidate > l && is_working_day(d))
        return to_instant(candidate, offset_);
    }
    return std::nullopt;
  }

  // With `at`: the first such weekday and time strictly after the start,
  // moved to the next working day. Without `at`, the close of business of
  // the (moved) day, and the same rule with close of business in the place
  // of `at`: the first such weekday, from the start's local date on, whose
  // deadline is strictly after the start. (DESIGN.md leaves the day open;
  // this reading is the `at` rule's, and never answers at or before the
  // start.)
  std::optional<Instant> weekday_at(Instant start, const WeekdayAt& s) const {
    const LocalSeconds l = to_local(start, offset_);
    for (Date d = date_of(l); !past_last_opening(d);
         d += std::chrono::days(1)) {
      if (std::chrono::weekday(d) != s.weekday) continue;
      if (s.at) {
        const std::chrono::seconds at(s.at->seconds());
        if (d + at <= l) continue;
        std::optional<Date> moved = working_day_from(d);
        if (!moved) return std::nullopt;
        return to_instant(*moved + at, offset_);
      }
      std::optional<Date> moved = working_day_from(d);
      if (!moved) return std::nullopt;
      const Instant close = close_of(*moved);
      if (close > start) return close;
    }
    return std::nullopt;
  }

  // That day of the month, months_after months after the start's local
  // month, clamped, moved to the next working day; `at` or close of business.
  // It may precede the start.
  std::optional<Instant> day_of_month(Instant start,
                                      const DayOfMonth& s) const {
    const std::chrono::year_month_day ymd(start_date(start));
    const Date target =
        clamped(ymd.year() / ymd.month() + std::chrono::months(s.months_after),
                static_cast<unsigned>(s.day));
    std::optional<Date> moved = working_day_from(target);
    if (!moved) return std::nullopt;
    if (s.at)
      return to_instant(*moved + std::chrono::seconds(s.at->seconds()),
                        offset_);
    return close_of(*moved);
  }

  UtcOffset offset_;
  std::array<DayHours, 7> week_;
  std::map<Date, DayHours> overrides_;
  bool week_opens_ = false;
};

}  // namespace kefu::time::reference

#endif  // KEFU_TESTS_TIME_BRUTE_FORCE_CALENDAR_H_
