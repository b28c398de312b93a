// A target's `when` as a policy writes it: an object from attribute name to
// a test of that attribute, all of which must hold.
//
//   "when": {"tier": "A",                           equality
//            "cargo": {"in": ["fragile", "cold"]},  one of
//            "value_cents": {"gte": 1000000},       gt, gte, lt, lte
//            "departure_at": {"present": true}}     presence (false: absence)
//
// A test that could never match is an error rather than a silent miss: a
// comparison with a non-number, an empty "in", an array, object or null to
// equal.
//
// Example:
//   Diagnostics d;
//   std::vector<Condition> when = read_when(entry["when"], "/sla/0/when", d);
//   // d: "/sla/0/when/tier/gt: expected a number ..."
//
// Thread safety: pure function.
#ifndef KEFU_SRC_POLICY_WHEN_JSON_H_
#define KEFU_SRC_POLICY_WHEN_JSON_H_

#include <string>
#include <vector>

#include "kefu/policy/sla_target.h"
#include "policy/diagnostics.h"
#include "policy/json_document.h"

namespace kefu::policy::internal {

// The conditions of the `when` object at `pointer`, in document order; a
// condition with an error is left out and the error goes to `d`.
std::vector<Condition> read_when(const Json& value, const std::string& pointer,
                                 Diagnostics& d);

}  // namespace kefu::policy::internal

#endif  // KEFU_SRC_POLICY_WHEN_JSON_H_
