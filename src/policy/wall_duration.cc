#include "policy/wall_duration.h"

namespace kefu::policy::internal {

std::string wall_duration_expected(WallDurationForm form) {
  return form.minutes
             ? "expected a wall-clock duration: a whole number and \"m\", "
               "\"h\" or \"d\", like \"2h\""
             : "expected a wall-clock duration: a whole number and \"h\" or "
               "\"d\", like \"30d\"";
}

Result<time::Duration> parse_wall_duration(std::string_view text,
                                           WallDurationForm form) {
  auto fail = [&](std::string_view why) {
    std::string message =
        wall_duration_expected(form) + ", got \"" + std::string(text) + "\"";
    if (!why.empty()) message += ": " + std::string(why);
    return Status::InvalidArgument(std::move(message));
  };
  std::size_t i = 0;
  std::int64_t n = 0;
  // Digits are capped as they come, so a long number cannot overflow.
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
    n = n * 10 + (text[i] - '0');
    if (n > kMaxWallDurationSeconds) return fail("longer than 36500 days");
    ++i;
  }
  if (i == 0) return fail("");
  std::string_view unit = text.substr(i);
  std::int64_t unit_seconds = 0;
  if (unit == "d") {
    unit_seconds = 24 * 3600;
  } else if (unit == "h") {
    unit_seconds = 3600;
  } else if (unit == "m" && form.minutes) {
    unit_seconds = 60;
  } else {
    return fail(unit.empty() ? "missing unit"
                             : "unknown unit \"" + std::string(unit) + "\"");
  }
  if (n == 0 && !form.allow_zero) return fail("the number must be positive");
  if (n > kMaxWallDurationSeconds / unit_seconds) {
    return fail("longer than 36500 days");
  }
  return time::Duration(n * unit_seconds);
}

std::optional<time::Duration> read_wall_duration(const Json& value,
                                                 const std::string& pointer,
                                                 WallDurationForm form,
                                                 Diagnostics& d) {
  if (!value.is_string()) {
    d.error(pointer, wall_duration_expected(form) + got(value));
    return std::nullopt;
  }
  Result<time::Duration> parsed =
      parse_wall_duration(value.get_ref<const std::string&>(), form);
  if (!parsed.ok()) {
    d.error(pointer, parsed.status().message());
    return std::nullopt;
  }
  return *parsed;
}

}  // namespace kefu::policy::internal
