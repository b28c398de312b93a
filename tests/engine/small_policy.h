// The small policies of the engine tests: calendars and milestones shared
// by all, the `sla` entries written in each test.
//
// Calendars: "cn-24x7" (always open, +08:00), "office" (Mon-Fri
// 09:00-18:00, +08:00, Wednesday 2026-03-04 a company day off) and
// "office-cn" (the same hours, the bundled statutory holidays).
#ifndef KEFU_TESTS_ENGINE_SMALL_POLICY_H_
#define KEFU_TESTS_ENGINE_SMALL_POLICY_H_

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "kefu/policy/policy.h"

namespace kefu::engine {
namespace {

constexpr std::string_view kCalendars = R"(
  "calendars": {
    "cn-24x7": {"utc_offset": "+08:00", "week": {
      "mon": ["00:00-24:00"], "tue": ["00:00-24:00"], "wed": ["00:00-24:00"],
      "thu": ["00:00-24:00"], "fri": ["00:00-24:00"], "sat": ["00:00-24:00"],
      "sun": ["00:00-24:00"]}},
    "office": {"utc_offset": "+08:00", "week": {
      "mon": ["09:00-18:00"], "tue": ["09:00-18:00"], "wed": ["09:00-18:00"],
      "thu": ["09:00-18:00"], "fri": ["09:00-18:00"]},
      "holidays": [{"name": "company", "off": ["2026-03-04"]}]},
    "office-cn": {"utc_offset": "+08:00", "week": {
      "mon": ["09:00-18:00"], "tue": ["09:00-18:00"], "wed": ["09:00-18:00"],
      "thu": ["09:00-18:00"], "fri": ["09:00-18:00"]},
      "holidays": ["cn-statutory"]}},
  "milestones": {
    "order": ["plan_sent", "tracking_pushed", "hold", "unhold",
              "delay_reported", "delay_notified"],
    "customer": ["visited", "checked"]})";

// The entry most engine tests start from: confirm within an hour of
// creation, around the clock, warnings at half and 80% of the hour.
constexpr std::string_view kConfirm =
    R"({"id": "order.confirm", "entity": "order", "start": "order.created",
        "stop": "order.confirmed", "target": "1h", "calendar": "cn-24x7",
        "warn_at": [0.5, 0.8]})";

// A policy of these calendars and milestones, `top` keys and `sla` entries.
inline policy::Policy MakePolicy(std::string_view sla,
                          std::string_view top = R"("version": "t-1")") {
  std::string text = "{" + std::string(top) + "," + std::string(kCalendars) +
                     ",\n\"sla\": [" + std::string(sla) + "]}";
  Result<policy::Policy> p = policy::Policy::Parse(text);
  if (!p.ok()) {
    ADD_FAILURE() << p.status().to_string() << "\n" << text;
    return *policy::Policy::Parse(R"({"version":"broken"})");
  }
  return *p;
}

}  // namespace
}  // namespace kefu::engine

#endif  // KEFU_TESTS_ENGINE_SMALL_POLICY_H_
