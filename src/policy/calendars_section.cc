#include "policy/calendars_section.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

#include "policy/json_pointer.h"

namespace kefu::policy::internal {
namespace {

constexpr std::string_view kCalendarKeys =
    "\"utc_offset\", \"week\", \"makeup_hours\", \"holidays\"";
constexpr std::string_view kWeekdayKeys =
    "\"mon\", \"tue\", \"wed\", \"thu\", \"fri\", \"sat\", \"sun\"";
constexpr std::string_view kInlineSetKeys =
    "\"name\", \"off\", \"workdays\", \"hours\", \"years\"";
constexpr std::string_view kInterval = "expected an interval \"HH:MM-HH:MM\"";
constexpr std::string_view kDate = "expected a date \"YYYY-MM-DD\"";
constexpr std::string_view kWeekday =
    "expected a weekday \"mon\", \"tue\", \"wed\", \"thu\", \"fri\", \"sat\" "
    "or \"sun\"";
constexpr std::string_view kNeverOpen =
    "a calendar that is never open cannot count a deadline";
constexpr std::int32_t kDaySeconds = 24 * 3600;

std::string cat(std::string_view a, std::string_view b = {}) {
  std::string s(a);
  s += b;
  return s;
}

// Monday = 0 .. Sunday = 6, as CalendarDefinition::week is indexed.
std::size_t week_index(std::chrono::weekday wd) {
  return wd.iso_encoding() - 1;
}

// "HH:MM-HH:MM", exactly so; the order of the times is checked apart.
std::optional<time::OpenInterval> parse_interval(std::string_view s) {
  if (s.size() != 11 || s[5] != '-') return std::nullopt;
  Result<time::TimeOfDay> begin = time::parse_time_of_day(s.substr(0, 5));
  Result<time::TimeOfDay> end = time::parse_time_of_day(s.substr(6));
  if (!begin.ok() || !end.ok()) return std::nullopt;
  return time::OpenInterval{begin->seconds(), end->seconds()};
}

// One "HH:MM-HH:MM" of a day; `previous` is the last good interval of the
// same day, which this one must follow.
std::optional<time::OpenInterval> read_interval(
    const Json& v, const std::string& p, const time::OpenInterval* previous,
    Diagnostics& d) {
  if (!v.is_string()) {
    d.error(p, cat(kInterval, got(v)));
    return std::nullopt;
  }
  std::optional<time::OpenInterval> parsed = parse_interval(
      v.get_ref<const std::string&>());
  if (!parsed) {
    d.error(p, cat(kInterval, " of times from 00:00 to 24:00" + got(v)));
    return std::nullopt;
  }
  time::OpenInterval interval = *parsed;
  if (interval.begin >= kDaySeconds) {
    d.error(p, cat(kInterval, " that begins before 24:00 (24:00 only as an "
                              "end)" + got(v)));
    return std::nullopt;
  }
  if (interval.end <= interval.begin) {
    d.error(p, cat(kInterval, " that ends after it begins" + got(v)));
    return std::nullopt;
  }
  if (previous != nullptr && interval.begin < previous->end) {
    d.error(p, cat(kInterval, " ascending and not overlapping the previous "
                              "one" + got(v)));
    return std::nullopt;
  }
  return interval;
}

// A day's intervals: ["08:30-12:00", "13:30-18:00"]; [] is closed.
std::optional<time::DayHours> read_day_hours(const Json& v,
                                             const std::string& p,
                                             Diagnostics& d) {
  if (!v.is_array()) {
    d.error(p, "expected an array of intervals \"HH:MM-HH:MM\" (empty when "
               "closed)" + got(v));
    return std::nullopt;
  }
  const std::size_t before = d.size();
  time::DayHours hours;
  for (std::size_t i = 0; i < v.size(); ++i) {
    std::optional<time::OpenInterval> interval = read_interval(
        v[i], pointer_child(p, i), hours.empty() ? nullptr : &hours.back(), d);
    if (interval) hours.push_back(*interval);
  }
  if (d.size() != before) return std::nullopt;
  // The time layer's own check, in case it is stricter than the above.
  Status valid = time::validate_day_hours(hours);
  if (!valid.ok()) {
    d.error(p, cat(kInterval, "s ascending and not overlapping: " +
                                  valid.message()));
    return std::nullopt;
  }
  return hours;
}

std::optional<time::Date> read_date(const Json& v, const std::string& p,
                                    Diagnostics& d) {
  if (v.is_string()) {
    Result<time::Date> date =
        time::parse_date(v.get_ref<const std::string&>());
    if (date.ok()) return *date;
  }
  d.error(p, cat(kDate, " that exists" + got(v)));
  return std::nullopt;
}

std::optional<std::chrono::weekday> read_weekday(const Json& v,
                                                 const std::string& p,
                                                 Diagnostics& d) {
  std::optional<std::chrono::weekday> wd;
  if (v.is_string()) wd = time::parse_weekday(v.get_ref<const std::string&>());
  if (!wd) d.error(p, cat(kWeekday, got(v)));
  return wd;
}

// "week": {"mon": [...], ...}; a weekday left out is closed.
bool read_week(const Json& v, const std::string& p,
               std::array<time::DayHours, 7>& week, Diagnostics& d) {
  if (!v.is_object()) {
    d.error(p, "expected an object of weekdays {\"mon\":[\"09:00-18:00\"], "
               "...}" + got(v));
    return false;
  }
  const std::size_t before = d.size();
  for (const auto& [key, hours] : v.items()) {
    std::string day_pointer = pointer_child(p, key);
    std::optional<std::chrono::weekday> wd = time::parse_weekday(key);
    if (!wd) {
      d.error(day_pointer, "unknown weekday \"" + key + "\"; expected one of " +
                               std::string(kWeekdayKeys));
      continue;
    }
    std::optional<time::DayHours> day = read_day_hours(hours, day_pointer, d);
    if (day) week[week_index(*wd)] = std::move(*day);
  }
  return d.size() == before;
}

struct Located {
  time::Date date;
  std::string pointer;
};

std::vector<Located> read_dates(const Json& v, const std::string& p,
                                Diagnostics& d) {
  std::vector<Located> dates;
  if (!v.is_array()) {
    d.error(p, cat("expected an array of dates \"YYYY-MM-DD\"", got(v)));
    return dates;
  }
  for (std::size_t i = 0; i < v.size(); ++i) {
    std::string item = pointer_child(p, i);
    if (std::optional<time::Date> date = read_date(v[i], item, d)) {
      dates.push_back({*date, std::move(item)});
    }
  }
  return dates;
}

bool contains(const std::vector<Located>& dates, time::Date date) {
  return std::any_of(dates.begin(), dates.end(),
                     [&](const Located& l) { return l.date == date; });
}

// {"name":..., "off":[...], "workdays":[...], "hours":{...}, "years":[...]}
std::optional<time::HolidaySet> read_inline_set(const Json& v,
                                                const std::string& p,
                                                Diagnostics& d) {
  const std::size_t before = d.size();
  time::HolidaySet set;
  set.name = "inline";
  std::vector<Located> off;
  std::vector<Located> workdays;
  std::vector<Located> hour_dates;
  for (const auto& [key, member] : v.items()) {
    std::string mp = pointer_child(p, key);
    if (key == "name") {
      if (!member.is_string() ||
          member.get_ref<const std::string&>().empty()) {
        d.error(mp, cat("expected a non-empty string", got(member)));
      } else {
        set.name = member.get<std::string>();
      }
    } else if (key == "off") {
      off = read_dates(member, mp, d);
    } else if (key == "workdays") {
      workdays = read_dates(member, mp, d);
    } else if (key == "hours") {
      if (!member.is_object()) {
        d.error(mp, "expected an object of dates to intervals "
                    "{\"2026-09-30\":[\"08:30-12:00\"]}" + got(member));
        continue;
      }
      for (const auto& [date_text, intervals] : member.items()) {
        std::string dp = pointer_child(mp, date_text);
        Result<time::Date> date = time::parse_date(date_text);
        if (!date.ok()) {
          d.error(dp, cat(kDate, " as the key, got \"" + date_text + "\""));
          continue;
        }
        if (contains(hour_dates, *date)) {
          d.error(dp, "expected each date once in \"hours\", got \"" +
                          date_text + "\" again");
          continue;
        }
        std::optional<time::DayHours> day = read_day_hours(intervals, dp, d);
        if (!day) continue;
        hour_dates.push_back({*date, dp});
        set.hours.emplace_back(*date, std::move(*day));
      }
    } else if (key == "years") {
      if (!member.is_array()) {
        d.error(mp, cat("expected an array of years like [2027]", got(member)));
        continue;
      }
      for (std::size_t i = 0; i < member.size(); ++i) {
        std::optional<std::int64_t> year = whole_number(member[i]);
        if (!year || *year < 1900 || *year > 9999) {
          d.error(pointer_child(mp, i),
                  cat("expected a year from 1900 to 9999", got(member[i])));
        } else {
          set.years.push_back(static_cast<int>(*year));
        }
      }
    } else {
      unknown_key(p, key, kInlineSetKeys, d);
    }
  }
  // A set that both closes and opens a date says two things about it.
  for (const Located& w : workdays) {
    if (contains(off, w.date)) {
      d.error(w.pointer, "expected a make-up working day that is not also in "
                         "\"off\", got \"" + time::format_date(w.date) + "\"");
    }
  }
  for (const Located& h : hour_dates) {
    if (contains(off, h.date)) {
      d.error(h.pointer, "expected a date with its own hours that is not also "
                         "in \"off\", got \"" + time::format_date(h.date) +
                             "\"");
    }
  }
  if (d.size() != before) return std::nullopt;
  for (const Located& l : off) set.off.push_back(l.date);
  for (const Located& l : workdays) set.workdays.push_back(l.date);
  return set;
}

// "holidays": ["cn-statutory", {inline set}, ...], applied in order.
std::vector<time::HolidaySet> read_holidays(const Json& v,
                                            const std::string& p,
                                            Diagnostics& d) {
  constexpr std::string_view kExpected =
      "expected a bundled holiday set name such as \"cn-statutory\" or an "
      "inline set {\"off\":[dates],\"workdays\":[dates],...}";
  std::vector<time::HolidaySet> sets;
  if (!v.is_array()) {
    d.error(p, cat("expected an array of holiday sets, such as "
                   "[\"cn-statutory\"]", got(v)));
    return sets;
  }
  for (std::size_t i = 0; i < v.size(); ++i) {
    std::string ip = pointer_child(p, i);
    const Json& item = v[i];
    if (item.is_string()) {
      Result<time::HolidaySet> set =
          time::bundled_holiday_set(item.get_ref<const std::string&>());
      if (set.ok()) {
        sets.push_back(std::move(set).value());
      } else if (set.status().code() == StatusCode::kNotFound) {
        d.error(ip, cat(kExpected, got(item)));
      } else {
        d.error(ip, "cannot load the bundled holiday set " +
                        describe_value(item) + ": " + set.status().message());
      }
    } else if (item.is_object()) {
      if (std::optional<time::HolidaySet> set = read_inline_set(item, ip, d)) {
        sets.push_back(std::move(*set));
      }
    } else {
      d.error(ip, cat(kExpected, got(item)));
    }
  }
  return sets;
}

bool has_hours(const time::DayHours& day) { return !day.empty(); }

std::optional<time::Calendar> read_calendar(const Json& v,
                                            const std::string& p,
                                            const std::string& name,
                                            Diagnostics& d) {
  if (!v.is_object()) {
    d.error(p, "expected a calendar object {\"utc_offset\":\"+08:00\", "
               "\"week\":{...}, ...}" + got(v));
    return std::nullopt;
  }
  const std::size_t before = d.size();
  time::CalendarDefinition def;
  def.name = name;
  bool has_offset = false;
  bool has_week = false;
  bool week_ok = true;
  bool holidays_ok = true;
  std::optional<std::string> makeup_pointer;
  for (const auto& [key, member] : v.items()) {
    std::string mp = pointer_child(p, key);
    if (key == "utc_offset") {
      has_offset = true;
      std::optional<time::UtcOffset> offset;
      if (member.is_string()) {
        Result<time::UtcOffset> parsed =
            time::parse_utc_offset(member.get_ref<const std::string&>());
        if (parsed.ok()) offset = *parsed;
      }
      if (offset) {
        def.offset = *offset;
      } else {
        d.error(mp, cat("expected a UTC offset like \"+08:00\"", got(member)));
      }
    } else if (key == "week") {
      has_week = true;
      week_ok = read_week(member, mp, def.week, d);
    } else if (key == "makeup_hours") {
      makeup_pointer = mp;
      if (std::optional<std::chrono::weekday> wd = read_weekday(member, mp, d)) {
        def.makeup_hours = *wd;
      }
    } else if (key == "holidays") {
      const std::size_t at = d.size();
      def.holidays = read_holidays(member, mp, d);
      holidays_ok = d.size() == at;
    } else {
      unknown_key(p, key, kCalendarKeys, d);
    }
  }
  if (!has_offset) {
    d.error(p, "missing required key \"utc_offset\": expected a UTC offset "
               "like \"+08:00\"");
  }
  if (week_ok && holidays_ok) {
    bool weekly_hours = std::any_of(def.week.begin(), def.week.end(), has_hours);
    bool dated_hours = false;
    bool makeup_days = false;
    for (const time::HolidaySet& set : def.holidays) {
      for (const auto& [date, hours] : set.hours) dated_hours |= has_hours(hours);
      makeup_days |= !set.workdays.empty();
    }
    if (!weekly_hours && !dated_hours) {
      if (has_week) {
        d.error(pointer_child(p, "week"),
                cat("expected at least one open interval in the week: ",
                    kNeverOpen));
      } else {
        d.error(p, cat("missing key \"week\": expected the weekly open hours "
                       "{\"mon\":[\"09:00-18:00\"], ...}; ",
                       kNeverOpen));
      }
    } else if (makeup_days && !has_hours(def.week[week_index(def.makeup_hours)])) {
      std::string day(time::weekday_name(def.makeup_hours));
      if (makeup_pointer) {
        d.error(*makeup_pointer,
                "expected a weekday that is open in \"week\" (make-up working "
                "days take its hours), got \"" + day + "\"");
      } else {
        d.error(p, "make-up working days take the hours of \"" + day +
                       "\" (the default \"makeup_hours\"), which is closed in "
                       "\"week\": expected \"makeup_hours\" naming an open "
                       "weekday");
      }
    }
  }
  if (d.size() != before) return std::nullopt;
  Result<time::Calendar> calendar = time::Calendar::Build(def);
  if (!calendar.ok()) {
    d.error(p + calendar.status().path(), calendar.status().message());
    return std::nullopt;
  }
  return std::move(calendar).value();
}

}  // namespace

std::vector<std::pair<std::string, time::Calendar>> read_calendars(
    const Json& value, const std::string& pointer, Diagnostics& d) {
  std::vector<std::pair<std::string, time::Calendar>> calendars;
  if (!value.is_object()) {
    d.error(pointer, cat("expected an object of calendars by name "
                         "{\"office\":{\"utc_offset\":\"+08:00\", ...}}",
                         got(value)));
    return calendars;
  }
  for (const auto& [name, definition] : value.items()) {
    std::string p = pointer_child(pointer, name);
    if (name == kBuiltInCalendar) {
      d.error(p, "the built-in calendar \"24x7\" cannot be redefined: expected "
                 "another name, such as \"cn-24x7\" for an always-open "
                 "calendar in China time");
      continue;
    }
    if (name.empty()) {
      d.error(p, "expected a non-empty calendar name");
      continue;
    }
    if (std::optional<time::Calendar> calendar =
            read_calendar(definition, p, name, d)) {
      calendars.emplace_back(name, std::move(*calendar));
    }
  }
  return calendars;
}

}  // namespace kefu::policy::internal
