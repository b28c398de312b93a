// A business calendar: when a company is open, and deadline arithmetic on it.
//
// A calendar has a fixed UTC offset, weekly open intervals (several a day),
// and holiday sets applied in order: days off, make-up working days (open
// with the hours of the `makeup_hours` weekday) and date-specific hours. The
// semantics are DESIGN.md's "Deadline semantics" contract.
//
// Build() precomputes, over the days the holiday sets touch, a prefix sum of
// open seconds and of working days per day, plus inverse indexes over both,
// so add() and elapsed() cost O(1) whatever the span; outside those days the
// week repeats and is answered by arithmetic. A calendar that uses a bundled
// set (cn-statutory) answers only inside the years its sets cover; anything
// else is an OutOfRange error, never a guess.
//
// Example:
//   CalendarDefinition def;
//   def.name = "office";
//   def.offset = UtcOffset::hours(8);
//   def.week[0] = {{8*3600+1800, 12*3600}, {13*3600+1800, 18*3600}};  // mon
//   ...
//   def.holidays.push_back(*bundled_holiday_set("cn-statutory"));
//   Calendar office = *Calendar::Build(def);
//   Instant due = *office.add(start, WorkingDays(3));
//
// Thread safety: a built Calendar is immutable; share it between threads.
#ifndef KEFU_TIME_CALENDAR_H_
#define KEFU_TIME_CALENDAR_H_

#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kefu/status.h"
#include "kefu/time/due_spec.h"
#include "kefu/time/instant.h"

namespace kefu::time {

struct CalendarTables;  // the precomputed tables, private to calendar.cc

// [begin, end) in seconds since local midnight; 0 <= begin < end <= 86400.
struct OpenInterval {
  std::int32_t begin = 0;
  std::int32_t end = 0;
  friend constexpr bool operator==(const OpenInterval&, const OpenInterval&) = default;
};
// The open intervals of one day, ascending and non-overlapping.
using DayHours = std::vector<OpenInterval>;

// Where a block of a holiday set comes from (a State Council notice), so
// explanations can cite it.
struct HolidayNotice {
  Date first;  // first date of the block (off or make-up)
  Date last;   // last date of the block
  std::vector<Date> days;  // every day off and make-up day of the block, sorted
  std::string holiday;  // "National Day"
  std::string notice;   // the notice's title and document number
};

// One set of holiday rules, as in the policy's `holidays` list.
struct HolidaySet {
  std::string name;      // "cn-statutory", or "inline" for policy-defined sets
  bool bundled = false;  // shipped with kefu: its years bound the calendar
  std::vector<Date> off;       // closed all day
  std::vector<Date> workdays;  // make-up working days
  std::vector<std::pair<Date, DayHours>> hours;  // a date's own intervals
  std::vector<int> years;  // years this set fully covers
  std::vector<HolidayNotice> notices;
};

// The bundled sets by name ("cn-statutory"); NotFound for another name.
Result<HolidaySet> bundled_holiday_set(std::string_view name);

// The input to Calendar::Build.
struct CalendarDefinition {
  std::string name;
  UtcOffset offset;
  // Indexed Monday = 0 .. Sunday = 6.
  std::array<DayHours, 7> week;
  std::chrono::weekday makeup_hours = std::chrono::Monday;
  std::vector<HolidaySet> holidays;  // later sets override earlier ones
};

// Checks a day's intervals: in range, ascending, non-overlapping. On error
// the message names the index of the first bad interval.
Status validate_day_hours(const DayHours& hours);

class Calendar {
 public:
  // Validates and precomputes. Errors: InvalidArgument for malformed hours or
  // a set that both closes and opens a date.
  static Result<Calendar> Build(const CalendarDefinition& def);

  // The built-in calendar "24x7": always open, offset +00:00.
  static Calendar AlwaysOpen();

  const std::string& name() const;
  UtcOffset offset() const;

  // The due instant of `spec` counted from `start`. OutOfRange when the
  // answer needs a year the calendar's bundled holidays do not cover, or
  // when the calendar never opens.
  Result<Instant> add(Instant start, const DueSpec& spec) const;

  // Open seconds in [a, b); negative when b < a.
  Result<BusinessDuration> elapsed(Instant a, Instant b) const;

  Result<bool> is_open(Instant t) const;
  // t itself when open, else the next opening.
  Result<Instant> next_open(Instant t) const;
  Result<bool> is_working_day(Date d) const;
  // The open intervals of a date.
  Result<DayHours> hours_on(Date d) const;

  // The notice blocks with a day off or a make-up day among the local dates
  // of [a, b].
  std::vector<HolidayNotice> notices_between(Instant a, Instant b) const;

  // The local-date range [first, last] the calendar can answer for, when it
  // is bounded by bundled holidays (has_bounds() false: unbounded).
  bool has_bounds() const;

 private:
  explicit Calendar(std::shared_ptr<const CalendarTables> t) : t_(std::move(t)) {}
  std::shared_ptr<const CalendarTables> t_;
};

}  // namespace kefu::time

#endif  // KEFU_TIME_CALENDAR_H_
