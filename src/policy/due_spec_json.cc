#include "policy/due_spec_json.h"

#include <cstdint>
#include <optional>
#include <string_view>

#include "policy/json_pointer.h"

namespace kefu::policy::internal {
namespace {

constexpr std::string_view kAnyForm =
    "expected a due spec: \"4h\", \"3wd\", \"15d\", \"1mo\", "
    "{\"at\":\"17:00\"}, {\"weekday\":\"mon\",\"at\":\"16:00\"} or "
    "{\"day_of_month\":15,\"months_after\":1}";
constexpr std::string_view kObjectKeys =
    "\"at\", \"weekday\", \"day_of_month\", \"months_after\"";
constexpr std::string_view kWeekdayKeys = "\"weekday\", \"at\"";
constexpr std::string_view kDayOfMonthKeys =
    "\"day_of_month\", \"months_after\", \"at\"";

// The largest months_after accepted: a century covers any real contract and
// keeps the month arithmetic far from overflow.
constexpr std::int64_t kMaxMonthsAfter = 1200;

Status bad(const std::string& pointer, std::string message) {
  return Status::InvalidArgument(std::move(message), pointer);
}

Result<time::TimeOfDay> read_at(const Json& v, const std::string& pointer) {
  constexpr std::string_view kExpected =
      "expected a local time \"HH:MM\" from 00:00 to 24:00";
  if (!v.is_string()) return bad(pointer, std::string(kExpected) + got(v));
  Result<time::TimeOfDay> t =
      time::parse_time_of_day(v.get_ref<const std::string&>());
  if (!t.ok()) return bad(pointer, std::string(kExpected) + got(v));
  return t;
}

Result<time::DueSpec> read_at_form(const Json& value,
                                   const std::string& pointer) {
  time::AtTimeOfDay spec;
  for (const auto& [key, member] : value.items()) {
    std::string p = pointer_child(pointer, key);
    if (key != "at") return bad(p, unknown_key_message(key, kObjectKeys));
    Result<time::TimeOfDay> at = read_at(member, p);
    if (!at.ok()) return at.status();
    spec.at = *at;
  }
  return time::DueSpec(spec);
}

Result<time::DueSpec> read_weekday_form(const Json& value,
                                        const std::string& pointer) {
  time::WeekdayAt spec{};
  for (const auto& [key, member] : value.items()) {
    std::string p = pointer_child(pointer, key);
    if (key == "weekday") {
      std::optional<std::chrono::weekday> wd;
      if (member.is_string()) {
        wd = time::parse_weekday(member.get_ref<const std::string&>());
      }
      if (!wd) {
        return bad(p, "expected a weekday \"mon\", \"tue\", \"wed\", \"thu\", "
                      "\"fri\", \"sat\" or \"sun\"" + got(member));
      }
      spec.weekday = *wd;
    } else if (key == "at") {
      Result<time::TimeOfDay> at = read_at(member, p);
      if (!at.ok()) return at.status();
      spec.at = *at;
    } else {
      return bad(p, unknown_key_message(key, kWeekdayKeys));
    }
  }
  return time::DueSpec(spec);
}

Result<time::DueSpec> read_day_of_month_form(const Json& value,
                                             const std::string& pointer) {
  time::DayOfMonth spec;
  bool has_day = false;
  for (const auto& [key, member] : value.items()) {
    std::string p = pointer_child(pointer, key);
    if (key == "day_of_month") {
      std::optional<std::int64_t> n = whole_number(member);
      if (!n || *n < 1 || *n > 31) {
        return bad(p, "expected a day of the month, a whole number from 1 "
                      "to 31" + got(member));
      }
      spec.day = static_cast<int>(*n);
      has_day = true;
    } else if (key == "months_after") {
      std::optional<std::int64_t> n = whole_number(member);
      if (!n || *n < 0 || *n > kMaxMonthsAfter) {
        return bad(p, "expected a whole number of months from 0 to " +
                          std::to_string(kMaxMonthsAfter) + got(member));
      }
      spec.months_after = static_cast<int>(*n);
    } else if (key == "at") {
      Result<time::TimeOfDay> at = read_at(member, p);
      if (!at.ok()) return at.status();
      spec.at = *at;
    } else {
      return bad(p, unknown_key_message(key, kDayOfMonthKeys));
    }
  }
  if (!has_day) {
    return bad(pointer,
               "missing required key \"day_of_month\": expected a day of the "
               "month, a whole number from 1 to 31");
  }
  return time::DueSpec(spec);
}

}  // namespace

Result<time::DueSpec> due_spec_from_json(const Json& value,
                                         const std::string& pointer) {
  if (value.is_string()) {
    Result<time::DueSpec> spec =
        time::parse_due_spec(value.get_ref<const std::string&>());
    // The time layer says what is wrong with the text; this adds where.
    if (!spec.ok()) return bad(pointer, spec.status().message());
    return spec;
  }
  if (!value.is_object()) {
    return bad(pointer, std::string(kAnyForm) + got(value));
  }
  // The form is told by its distinguishing key, wherever it stands.
  if (value.contains("day_of_month") || value.contains("months_after")) {
    return read_day_of_month_form(value, pointer);
  }
  if (value.contains("weekday")) return read_weekday_form(value, pointer);
  if (value.contains("at")) return read_at_form(value, pointer);
  if (value.empty()) return bad(pointer, std::string(kAnyForm) + got(value));
  const std::string& first = value.begin().key();
  return bad(pointer_child(pointer, first),
             unknown_key_message(first, kObjectKeys));
}

}  // namespace kefu::policy::internal
