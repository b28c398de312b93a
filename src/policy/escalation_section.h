// The "escalation" section (kefu/policy/escalation.h): ladders of levels
// and roles, and the SLA ids whose breach escalates.
//
// Example:
//   Diagnostics d;
//   Escalation e = read_escalation(doc["escalation"], "/escalation", d);
//
// Thread safety: pure function.
#ifndef KEFU_SRC_POLICY_ESCALATION_SECTION_H_
#define KEFU_SRC_POLICY_ESCALATION_SECTION_H_

#include <string>
#include <vector>

#include "kefu/policy/escalation.h"
#include "policy/diagnostics.h"
#include "policy/json_document.h"

namespace kefu::policy::internal {

// `calendars`: the declared calendar names, sorted.
Escalation read_escalation(const Json& value, const std::string& pointer,
                           const std::vector<std::string>& calendars, Diagnostics& d);

}  // namespace kefu::policy::internal

#endif  // KEFU_SRC_POLICY_ESCALATION_SECTION_H_
