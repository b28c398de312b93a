// Parsing and printing of due specs in their short text form.
#include "kefu/time/due_spec.h"

#include <array>
#include <cstdio>

namespace kefu::time {
namespace {

// Large enough for any real promise (about 11 years of hours), small enough
// that no arithmetic on it can overflow.
constexpr std::int64_t kMaxCount = 100000;

constexpr std::array<std::string_view, 7> kWeekdayNames = {
    "sun", "mon", "tue", "wed", "thu", "fri", "sat"};  // C encoding order

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

}  // namespace

Result<DueSpec> parse_due_spec(std::string_view text) {
  auto fail = [&](std::string_view why) {
    return Status::InvalidArgument(
        "expected a duration like \"1h\", \"30m\", \"3wd\", \"15d\" or \"1mo\", got \"" +
        std::string(text) + "\"" + (why.empty() ? "" : ": " + std::string(why)));
  };
  std::size_t i = 0;
  std::int64_t n = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
    n = n * 10 + (text[i] - '0');
    if (n > kMaxCount) return fail("the number is larger than 100000");
    ++i;
  }
  if (i == 0) return fail("");
  std::string_view unit = text.substr(i);
  if (n == 0) return fail("the number must be positive");
  auto count = static_cast<int>(n);
  if (unit == "m") return DueSpec(BusinessDuration(std::chrono::minutes(n)));
  if (unit == "h") return DueSpec(BusinessDuration(std::chrono::hours(n)));
  if (unit == "wd") return DueSpec(WorkingDays(count));
  if (unit == "d") return DueSpec(CalendarDays(count));
  if (unit == "mo") return DueSpec(CalendarMonths(count));
  return fail(unit.empty() ? "missing unit" : "unknown unit \"" + std::string(unit) + "\"");
}

Result<TimeOfDay> parse_time_of_day(std::string_view text) {
  auto fail = [&] {
    return Status::InvalidArgument("expected a time of day \"HH:MM\" (00:00-24:00), got \"" +
                                   std::string(text) + "\"");
  };
  if (text.size() != 5 || text[2] != ':') return fail();
  auto digit = [&](std::size_t k) { return text[k] >= '0' && text[k] <= '9'; };
  if (!digit(0) || !digit(1) || !digit(3) || !digit(4)) return fail();
  int h = (text[0] - '0') * 10 + (text[1] - '0');
  int m = (text[3] - '0') * 10 + (text[4] - '0');
  if (m > 59 || h > 24 || (h == 24 && m != 0)) return fail();
  return TimeOfDay::from_seconds(h * 3600 + m * 60);
}

std::string format_time_of_day(TimeOfDay t) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02d:%02d", t.seconds() / 3600,
                t.seconds() / 60 % 60);
  return buf;
}

std::optional<std::chrono::weekday> parse_weekday(std::string_view text) {
  for (unsigned i = 0; i < kWeekdayNames.size(); ++i)
    if (kWeekdayNames[i] == text) return std::chrono::weekday(i);
  return std::nullopt;
}

std::string_view weekday_name(std::chrono::weekday wd) {
  return kWeekdayNames[wd.c_encoding()];
}

std::string format_due_spec(const DueSpec& spec) {
  auto at_suffix = [](const std::optional<TimeOfDay>& at) {
    return at ? ",\"at\":\"" + format_time_of_day(*at) + "\"" : std::string();
  };
  return std::visit(
      Overloaded{
          [](BusinessDuration d) {
            auto s = d.seconds();
            if (s % 3600 == 0) return std::to_string(s / 3600) + "h";
            return std::to_string(s / 60) + "m";
          },
          [](WorkingDays d) { return std::to_string(d.count()) + "wd"; },
          [](CalendarDays d) { return std::to_string(d.count()) + "d"; },
          [](CalendarMonths d) { return std::to_string(d.count()) + "mo"; },
          [](AtTimeOfDay a) {
            return "{\"at\":\"" + format_time_of_day(a.at) + "\"}";
          },
          [&](const WeekdayAt& w) {
            return "{\"weekday\":\"" + std::string(weekday_name(w.weekday)) +
                   "\"" + at_suffix(w.at) + "}";
          },
          [&](const DayOfMonth& d) {
            return "{\"day_of_month\":" + std::to_string(d.day) +
                   ",\"months_after\":" + std::to_string(d.months_after) +
                   at_suffix(d.at) + "}";
          },
      },
      spec);
}

}  // namespace kefu::time
