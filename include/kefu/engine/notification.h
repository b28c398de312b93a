// Notifications: what the engine tells its host, one JSON object each.
//
//   {"kind":"breach","seq":17,"at":"2026-03-02T10:15:00+08:00",
//    "sla":"order.confirm","entity":"order","key":"WB123",
//    "due":"2026-03-02T10:15:00+08:00"}
//
// Keys come in that order, then the optional ones: `fraction` (warnings),
// `level` and `role` (escalations), `skipped` (an escalation informing a
// level an emergency skipped), `value` and the threshold `min` or `max`
// (kpi: the month's figure and the bound it missed), `late`, `event` (the
// event that caused it), `corrects` (corrections).
// Instants are printed in the offset of the target's calendar. `seq` numbers
// an engine's notifications from 1. An `advance` returns them ordered by
// (instant, entity, key, sla, kind in the order of NotificationKind).
//
// Thread safety: values and pure functions.
#ifndef KEFU_ENGINE_NOTIFICATION_H_
#define KEFU_ENGINE_NOTIFICATION_H_

#include <cstdint>
#include <string>

#include "kefu/policy/vocabulary.h"
#include "kefu/time/instant.h"

namespace kefu::engine {

enum class NotificationKind : std::uint8_t {
  kWarning,
  kBreach,
  kEscalation,
  kReminder,
  kKpi,
  kCorrection,
};

std::string_view notification_kind_name(NotificationKind kind);

struct Notification {
  NotificationKind kind = NotificationKind::kBreach;
  std::int64_t seq = 0;
  time::Instant at;
  std::string sla;
  policy::EntityKind entity = policy::EntityKind::kOrder;
  std::string key;
  time::Instant due;
  time::UtcOffset offset;  // of the target's calendar, for printing
  std::int32_t fraction_millionths = 0;  // warnings
  bool late = false;
  std::string event;         // id of the event that caused it, or ""
  std::int64_t corrects = 0; // corrections: the seq withdrawn
  std::string level;         // escalations: the level now handling it
  std::string role;          // escalations: that level's role
  bool skipped = false;      // escalations: informs a level that was skipped
  std::string value;         // kpi: the month's figure, as printed
  std::string threshold;     // kpi: "min" or "max"
  std::string limit;         // kpi: the threshold's value, as printed
};

// One line of JSON, keys in the contract's order, no trailing newline.
std::string to_json(const Notification& n);

// The contract's order: (at, entity, key, sla, kind). Ties after that keep
// their order (use a stable sort).
bool notification_before(const Notification& a, const Notification& b);

}  // namespace kefu::engine

#endif  // KEFU_ENGINE_NOTIFICATION_H_
