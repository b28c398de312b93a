// Due specs: how a deadline is counted from a start instant on a calendar.
//
// Each row of DESIGN.md's "Deadline semantics" table that a calendar answers
// alone is a type here; the ones that need an entity (`before`, `every`,
// quotas) are built on these in the sla layer. The kinds of count are
// distinct types so that "1h" never adds to "3wd" (date.h keeps `days` and
// `months` apart the same way):
//
//   BusinessDuration{4h} + BusinessDuration{30min}   // compiles
//   BusinessDuration{4h} + WorkingDays{3}            // does not
//
// Example:
//   DueSpec spec = *parse_due_spec("3wd");   // WorkingDays{3}
//   Instant due = *calendar.add(start, spec);
//
// Thread safety: values and pure functions.
#ifndef KEFU_TIME_DUE_SPEC_H_
#define KEFU_TIME_DUE_SPEC_H_

#include <chrono>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "kefu/status.h"

namespace kefu::time {

// Open time of a calendar ("30m", "4h"): only seconds when the calendar is
// open count.
class BusinessDuration {
 public:
  constexpr BusinessDuration() = default;
  constexpr explicit BusinessDuration(std::chrono::seconds open) : open_(open) {}
  constexpr std::chrono::seconds open_time() const { return open_; }
  constexpr std::int64_t seconds() const { return open_.count(); }

  friend constexpr BusinessDuration operator+(BusinessDuration a,
                                              BusinessDuration b) {
    return BusinessDuration(a.open_ + b.open_);
  }
  friend constexpr BusinessDuration operator-(BusinessDuration a,
                                              BusinessDuration b) {
    return BusinessDuration(a.open_ - b.open_);
  }
  friend constexpr auto operator<=>(BusinessDuration, BusinessDuration) = default;

 private:
  std::chrono::seconds open_{0};
};

// Whole working days ("3wd"): the close of business of the n-th working day
// after the start's local date.
class WorkingDays {
 public:
  constexpr explicit WorkingDays(int n) : n_(n) {}
  constexpr int count() const { return n_; }
  friend constexpr WorkingDays operator+(WorkingDays a, WorkingDays b) {
    return WorkingDays(a.n_ + b.n_);
  }
  friend constexpr auto operator<=>(WorkingDays, WorkingDays) = default;

 private:
  int n_;
};

// Calendar days ("15d"): the n-th day after the start's local date is the
// last day, moved to the next working day if it is not one.
class CalendarDays {
 public:
  constexpr explicit CalendarDays(int n) : n_(n) {}
  constexpr int count() const { return n_; }
  friend constexpr auto operator<=>(CalendarDays, CalendarDays) = default;

 private:
  int n_;
};

// Calendar months ("1mo"): the same day of the month n months on (the
// month's last day where it does not exist), then as CalendarDays.
class CalendarMonths {
 public:
  constexpr explicit CalendarMonths(int n) : n_(n) {}
  constexpr int count() const { return n_; }
  friend constexpr auto operator<=>(CalendarMonths, CalendarMonths) = default;

 private:
  int n_;
};

// A local time of day, "17:00" (00:00 to 24:00).
class TimeOfDay {
 public:
  constexpr TimeOfDay() = default;
  static constexpr TimeOfDay from_seconds(std::int32_t s) { return TimeOfDay(s); }
  constexpr std::int32_t seconds() const { return s_; }
  friend constexpr auto operator<=>(TimeOfDay, TimeOfDay) = default;

 private:
  constexpr explicit TimeOfDay(std::int32_t s) : s_(s) {}
  std::int32_t s_ = 0;
};

// {"at":"17:00"}: the first 17:00 local on a working day strictly after the
// start instant.
struct AtTimeOfDay {
  TimeOfDay at;
  friend constexpr bool operator==(const AtTimeOfDay&, const AtTimeOfDay&) = default;
};

// {"weekday":"mon","at":"16:00"}: the first such weekday and time strictly
// after the start; moved to the next working day if that day is not one.
// Without "at", the close of business of the (moved) day.
struct WeekdayAt {
  std::chrono::weekday weekday;
  std::optional<TimeOfDay> at;
  friend constexpr bool operator==(const WeekdayAt&, const WeekdayAt&) = default;
};

// {"day_of_month":15,"months_after":1}: that day of the month, months_after
// months after the start's local month (clamped to the month's last day,
// moved to the next working day); close of business, or "at" on that day.
// It may precede the start.
struct DayOfMonth {
  int day = 1;  // 1..31
  int months_after = 0;
  std::optional<TimeOfDay> at;
  friend constexpr bool operator==(const DayOfMonth&, const DayOfMonth&) = default;
};

using DueSpec = std::variant<BusinessDuration, WorkingDays, CalendarDays,
                             CalendarMonths, AtTimeOfDay, WeekdayAt, DayOfMonth>;

// Parses the short text form: "30m", "4h", "3wd", "15d", "1mo" (a positive
// whole number and a unit). JSON object specs are parsed by the policy layer.
Result<DueSpec> parse_due_spec(std::string_view text);

// "HH:MM" with 00 <= HH <= 24 (24:00 only as 24:00).
Result<TimeOfDay> parse_time_of_day(std::string_view text);

// "17:00"
std::string format_time_of_day(TimeOfDay t);

// The spec as written in a policy: "4h", "3wd", {"at":"17:00"}, ...
std::string format_due_spec(const DueSpec& spec);

// "mon" .. "sun"; nullopt for anything else.
std::optional<std::chrono::weekday> parse_weekday(std::string_view text);
std::string_view weekday_name(std::chrono::weekday wd);

}  // namespace kefu::time

#endif  // KEFU_TIME_DUE_SPEC_H_
