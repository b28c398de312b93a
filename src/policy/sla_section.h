// The policy's "sla" section: an array of targets, each read from JSON,
// validated against the rest of the policy (its calendars, its entities'
// event types) and compiled into an SlaTarget (kefu/policy/sla_target.h).
//
//   "sla": [
//     {"id": "order.confirm", "entity": "order", "start": "order.created",
//      "stop": "order.confirmed", "target": "1h", "calendar": "cn-24x7",
//      "warn_at": [0.5, 0.8]},
//     {"id": "order.depart", "entity": "order", "start": "order.planned",
//      "stop": "order.departed",
//      "target": {"before": "departure_at", "by": "2h"}}]
//
// docs/policy.md lists every key, its default and the errors.
//
// Example:
//   Diagnostics d;
//   SlaContext context{&milestones, {"24x7", "office"}};
//   std::vector<SlaTarget> sla = read_sla(doc["sla"], "/sla", context, d);
//   // d: "/sla/0/stop: unknown event type \"order.confimed\"; expected ..."
//
// Thread safety: pure function.
#ifndef KEFU_SRC_POLICY_SLA_SECTION_H_
#define KEFU_SRC_POLICY_SLA_SECTION_H_

#include <string>
#include <vector>

#include "kefu/policy/sla_target.h"
#include "policy/diagnostics.h"
#include "policy/json_document.h"
#include "policy/milestones_section.h"

namespace kefu::policy::internal {

// What a target may refer to elsewhere in the policy.
struct SlaContext {
  // The policy's milestones: with the lifecycle events, the event types a
  // target may name.
  const Milestones* milestones = nullptr;
  // Every calendar name the policy declares, "24x7" included, sorted. A
  // calendar that failed to build is still declared: its own errors say
  // what is wrong, and a target naming it adds nothing.
  std::vector<std::string> calendars;
};

// Reads the "sla" array at `pointer`. Returns the targets read without
// error, in document order, each with its calendar_name set and its
// calendar pointer null (the Policy points it at its own calendar). Every
// error goes to `d`.
std::vector<SlaTarget> read_sla(const Json& value, const std::string& pointer,
                                const SlaContext& context, Diagnostics& d);

}  // namespace kefu::policy::internal

#endif  // KEFU_SRC_POLICY_SLA_SECTION_H_
