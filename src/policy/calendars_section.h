// The policy's "calendars" section: named business calendars, each read
// from JSON, validated with located errors, and built into a time::Calendar.
//
//   "calendars": {
//     "office": {"utc_offset": "+08:00",
//                "week": {"mon": ["08:30-12:00", "13:30-18:00"], ...},
//                "makeup_hours": "mon",
//                "holidays": ["cn-statutory",
//                             {"off": ["2027-01-01"], "years": [2027]}]}}
//
// docs/policy.md lists every key, its default and the errors.
//
// Example:
//   Diagnostics d;
//   auto calendars = read_calendars(doc["calendars"], "/calendars", d);
//   // d: "/calendars/office/week/mon/1: expected an interval ..."
//
// Thread safety: pure function.
#ifndef KEFU_SRC_POLICY_CALENDARS_SECTION_H_
#define KEFU_SRC_POLICY_CALENDARS_SECTION_H_

#include <string>
#include <utility>
#include <vector>

#include "kefu/time/calendar.h"
#include "policy/diagnostics.h"
#include "policy/json_document.h"

namespace kefu::policy::internal {

// The name of the built-in always-open calendar, which a policy may not
// redefine.
inline constexpr std::string_view kBuiltInCalendar = "24x7";

// Reads the "calendars" object at `pointer`. Returns the calendars that
// were read without error, in document order; every error goes to `d`.
std::vector<std::pair<std::string, time::Calendar>> read_calendars(
    const Json& value, const std::string& pointer, Diagnostics& d);

}  // namespace kefu::policy::internal

#endif  // KEFU_SRC_POLICY_CALENDARS_SECTION_H_
