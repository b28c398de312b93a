// Escalation ladders (CP-6, CP-7): who handles an entity, level by level.
//
//   "escalation": {
//     "on_breach": ["complaint.solution"], "calendar": "cn-24x7",
//     "ladders": [
//       {"id": "key_account", "entity": "complaint", "when": {"key_account": true},
//        "levels": [{"level": "contact_point", "role": "account_manager"}, ...]},
//       {"id": "complaint", "entity": "complaint",
//        "levels": [{"level": "frontline", "role": "cs_agent"},
//                   {"level": "supervisor", "role": "cs_supervisor"},
//                   {"level": "general_manager", "role": "general_manager"}]}]}
//
// An entity starts at the first level of the first ladder of its kind whose
// `when` holds. A breach of a target whose id is in `on_breach`, or an
// `<entity>.escalated` event, moves it up one level; an escalated event may
// name a higher level (`"attrs":{"level":...}`) only with
// `"emergency":true`, and then every skipped level is informed
// (docs/events.md, "Escalation").
//
// Example:
//   const Ladder* l = policy.escalation().ladder_for(EntityKind::kComplaint, attrs);
//   l->levels[1].role == "cs_supervisor"
//
// Thread safety: immutable values.
#ifndef KEFU_POLICY_ESCALATION_H_
#define KEFU_POLICY_ESCALATION_H_

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kefu/policy/attributes.h"
#include "kefu/policy/sla_target.h"
#include "kefu/policy/vocabulary.h"
#include "kefu/time/calendar.h"

namespace kefu::policy {

struct EscalationLevel {
  std::string level;  // "supervisor"
  std::string role;   // "cs_supervisor"
};

struct Ladder {
  std::string id;
  EntityKind entity = EntityKind::kComplaint;
  std::vector<Condition> when;
  std::vector<EscalationLevel> levels;  // never empty
  std::string pointer;                  // "/escalation/ladders/1"

  // The index of a level by name, or nullopt.
  std::optional<std::size_t> index_of(std::string_view level) const {
    for (std::size_t i = 0; i < levels.size(); ++i)
      if (levels[i].level == level) return i;
    return std::nullopt;
  }
};

struct Escalation {
  std::vector<std::string> on_breach;  // SLA ids whose breach escalates
  // Whose offset prints an escalation an event caused ("calendar",
  // default "24x7"); one a breach caused prints in the target's.
  std::string calendar_name = "24x7";
  const time::Calendar* calendar = nullptr;  // owned by the Policy
  std::vector<Ladder> ladders;         // in document order

  // The first ladder of `kind` whose `when` holds, or nullptr.
  const Ladder* ladder_for(EntityKind kind, const Attributes& attrs) const {
    for (const Ladder& l : ladders)
      if (l.entity == kind && matches(l.when, attrs)) return &l;
    return nullptr;
  }
  bool escalates_on_breach(std::string_view sla) const {
    return std::find(on_breach.begin(), on_breach.end(), sla) != on_breach.end();
  }
};

}  // namespace kefu::policy

#endif  // KEFU_POLICY_ESCALATION_H_
