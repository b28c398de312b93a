// Instants, civil times and fixed UTC offsets.
//
// An Instant is a point on the UTC time line, in whole seconds. Civil (local)
// time is a different type: converting between the two needs a UtcOffset, so
// mixing them is a compile error (as in abseil's absl/time):
//
//   Civil Time = F(Instant, UtcOffset)
//
// Example:
//   Instant t = *parse_instant("2026-10-01T09:00:00+08:00");
//   LocalSeconds l = to_local(t, UtcOffset::hours(8));  // 09:00 local
//   format_instant(t, UtcOffset::hours(8)) == "2026-10-01T09:00:00+08:00"
//
// Thread safety: values and pure functions.
#ifndef KEFU_TIME_INSTANT_H_
#define KEFU_TIME_INSTANT_H_

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "kefu/status.h"

namespace kefu::time {

// A UTC instant, in seconds.
using Instant = std::chrono::sys_seconds;
// Wall-clock seconds of some calendar's local time.
using LocalSeconds = std::chrono::local_seconds;
// A civil date (a day of some calendar's local time).
using Date = std::chrono::local_days;
// A wall-clock span of time.
using Duration = std::chrono::seconds;

// The instants kefu accepts: years 1900 through 9999 in any offset.
inline constexpr Instant kMinInstant{std::chrono::seconds(-2208988800LL)};
inline constexpr Instant kMaxInstant{std::chrono::seconds(253402300799LL)};

// A fixed offset from UTC, within +-18:00, whole minutes.
class UtcOffset {
 public:
  constexpr UtcOffset() = default;
  static constexpr UtcOffset seconds(std::int32_t s) { return UtcOffset(s); }
  static constexpr UtcOffset hours(std::int32_t h) { return UtcOffset(h * 3600); }
  constexpr std::chrono::seconds value() const {
    return std::chrono::seconds(seconds_);
  }
  friend constexpr bool operator==(UtcOffset, UtcOffset) = default;

 private:
  constexpr explicit UtcOffset(std::int32_t s) : seconds_(s) {}
  std::int32_t seconds_ = 0;
};

constexpr LocalSeconds to_local(Instant t, UtcOffset offset) {
  return LocalSeconds(t.time_since_epoch() + offset.value());
}
constexpr Instant to_instant(LocalSeconds l, UtcOffset offset) {
  return Instant(l.time_since_epoch() - offset.value());
}
// The local date of a local time.
constexpr Date date_of(LocalSeconds l) {
  return std::chrono::floor<std::chrono::days>(l);
}
// Seconds since local midnight, 0..86399.
constexpr std::int32_t second_of_day(LocalSeconds l) {
  return static_cast<std::int32_t>((l - date_of(l)).count());
}

// Parses "2026-10-01T09:00:00+08:00", "...Z", or without seconds
// ("2026-10-01T09:00+08:00"). The offset is required: a time without one is
// civil time, not an instant. Errors quote the text and say what is wrong.
Result<Instant> parse_instant(std::string_view text);

// "+08:00", "-05:30", "Z" or "+00:00".
Result<UtcOffset> parse_utc_offset(std::string_view text);

// Parses "2026-10-01"; the date must exist.
Result<Date> parse_date(std::string_view text);

// "2026-10-01T09:00:00+08:00": always seconds and a numeric offset.
std::string format_instant(Instant t, UtcOffset offset);
// "+08:00"
std::string format_offset(UtcOffset offset);
// "2026-10-01"
std::string format_date(Date d);

}  // namespace kefu::time

#endif  // KEFU_TIME_INSTANT_H_
