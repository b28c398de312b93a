// Wall-clock durations as a policy writes them: "30m", "2h", "30d". Unlike a
// due spec's "2h" (open time of a calendar), these count every second: they
// say how long before an instant a target falls due ("by"), how late an
// event may arrive (`late_window`) and how long a closed entity is kept
// (`retention`).
//
// Example:
//   Result<time::Duration> d = parse_wall_duration("30d", kDaysOrHours);
//   // *d == std::chrono::days(30)
//   parse_wall_duration("30m", kDaysOrHours)  // error: minutes not allowed
//
// Thread safety: pure functions.
#ifndef KEFU_SRC_POLICY_WALL_DURATION_H_
#define KEFU_SRC_POLICY_WALL_DURATION_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "kefu/status.h"
#include "kefu/time/instant.h"
#include "policy/diagnostics.h"
#include "policy/json_document.h"

namespace kefu::policy::internal {

// Which units a duration may use, and whether zero is allowed.
struct WallDurationForm {
  bool minutes = false;
  bool allow_zero = false;
};
// `late_window`, `retention`: "30d", "12h"; positive.
inline constexpr WallDurationForm kDaysOrHours{false, false};
// A target's "by": "30m", "2h", "1d"; "0m" (at the instant) allowed.
inline constexpr WallDurationForm kMinutesHoursOrDays{true, true};

// The largest duration accepted: a century (36500 days), far beyond any
// real promise and far from overflowing instant arithmetic.
inline constexpr std::int64_t kMaxWallDurationSeconds =
    std::int64_t{36500} * 24 * 3600;

// A whole number and a unit ("m" when `form.minutes`, "h", "d"). On error,
// an InvalidArgument without a path whose message says what was expected.
Result<time::Duration> parse_wall_duration(std::string_view text,
                                           WallDurationForm form);

// The expected-text of the message for `form`: `a wall-clock duration: a
// whole number and "h" or "d", like "30d"`.
std::string wall_duration_expected(WallDurationForm form);

// Reads the JSON value at `pointer`; a non-string or a bad text is an error
// recorded in `d` (then nullopt).
std::optional<time::Duration> read_wall_duration(const Json& value,
                                                 const std::string& pointer,
                                                 WallDurationForm form,
                                                 Diagnostics& d);

}  // namespace kefu::policy::internal

#endif  // KEFU_SRC_POLICY_WALL_DURATION_H_
