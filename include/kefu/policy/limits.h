// Limits on what kefu reads: a policy document and each event.
//
// Input from outside (a policy file, an event line from a host's queue) is
// bounded before it is parsed, so a hostile or broken input is refused with
// an error that names the limit, never met with an out-of-memory, a stack
// overflow or a quadratic slowdown. Every bound has a default that real
// inputs stay far below (the reference policy is ~10 KB with 3 levels of
// nesting under "sla"; an event line ~200 bytes with under 10 attributes).
//
// Example:
//   policy::DocumentLimits limits;
//   limits.max_bytes = 1 << 20;
//   Result<Policy> p = Policy::Parse(text, limits);   // 2 MB: refused
//   // Event limits come from the policy's "limits" section:
//   domain::parse_event(line, p->event_limits());
//
// Thread safety: values.
#ifndef KEFU_POLICY_LIMITS_H_
#define KEFU_POLICY_LIMITS_H_

#include <cstddef>

namespace kefu::policy {

// Bounds on a policy document, given to Policy::Parse/Load/Check.
struct DocumentLimits {
  std::size_t max_bytes = 16u << 20;   // the whole document: 16 MiB
  std::size_t max_depth = 32;          // nested objects and arrays
  std::size_t max_string_bytes = 4096; // any one string, keys included
  std::size_t max_targets = 10000;     // entries of "sla"
};

// Bounds on one event, set by the policy's "limits" section
// (docs/policy.md) and applied by the engine to every event it parses.
struct EventLimits {
  std::size_t max_bytes = 64u << 10;   // the event's JSON text: 64 KiB
  std::size_t max_depth = 64;          // nested objects and arrays
  std::size_t max_attributes = 256;    // members of "attrs"
  std::size_t max_string_bytes = 4096; // any one string (decoded), keys included
};

}  // namespace kefu::policy

#endif  // KEFU_POLICY_LIMITS_H_
