// The policy's "limits" section: the bounds the engine applies to every
// event it parses (include/kefu/policy/limits.h, EventLimits).
//
//   "limits": {"event_bytes": 65536, "event_depth": 64,
//              "event_attributes": 256, "event_string_bytes": 4096}
//
// Every key is optional (its default then applies) and takes a whole number
// from 1 to a ceiling (16 MiB, 64 levels, 65,536 attributes, 1 MiB): a
// policy may tighten or loosen the bounds, never lift them.
//
// Example:
//   Diagnostics d;
//   EventLimits l = read_event_limits(doc["limits"], "/limits", d);
//
// Thread safety: pure function.
#ifndef KEFU_SRC_POLICY_LIMITS_SECTION_H_
#define KEFU_SRC_POLICY_LIMITS_SECTION_H_

#include <string>

#include "kefu/policy/limits.h"
#include "policy/diagnostics.h"
#include "policy/json_document.h"

namespace kefu::policy::internal {

// Reads the "limits" object at `pointer`; every error goes to `d`.
EventLimits read_event_limits(const Json& value, const std::string& pointer,
                              Diagnostics& d);

}  // namespace kefu::policy::internal

#endif  // KEFU_SRC_POLICY_LIMITS_SECTION_H_
