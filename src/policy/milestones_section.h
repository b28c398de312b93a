// The policy's "milestones" section: the events an entity may receive
// beyond its lifecycle, declared per entity so that event types stay a
// closed set (DESIGN.md, "Events in, notifications out").
//
//   "milestones": {"order": ["plan_sent", "tracking_pushed"]}
//
// makes "order.plan_sent" and "order.tracking_pushed" event types that
// targets may start, stop, pause, resume or restart on. A name is lower-case
// letters, digits and "_", given once, and never a lifecycle event of its
// entity (vocabulary.h): a milestone "confirmed" would shadow one.
//
// Example:
//   Diagnostics d;
//   Milestones m = read_milestones(doc["milestones"], "/milestones", d);
//   m.names[size_t(EntityKind::kOrder)]  // {"plan_sent", "tracking_pushed"}
//
// Thread safety: pure function.
#ifndef KEFU_SRC_POLICY_MILESTONES_SECTION_H_
#define KEFU_SRC_POLICY_MILESTONES_SECTION_H_

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "kefu/policy/vocabulary.h"
#include "policy/diagnostics.h"
#include "policy/json_document.h"

namespace kefu::policy::internal {

struct Milestones {
  // The valid names of each entity (indexed by EntityKind), sorted.
  std::array<std::vector<std::string>, kEntityKindCount> names;
  // Every string the section declares for an entity, valid or not, sorted.
  // The sla section checks event types against these, so that a bad
  // milestone name is reported once, where it is declared, and not again
  // at every target that uses it.
  std::array<std::vector<std::string>, kEntityKindCount> declared;

  bool declares(EntityKind kind, std::string_view name) const;
};

// Reads the "milestones" object at `pointer`; every error goes to `d`.
Milestones read_milestones(const Json& value, const std::string& pointer,
                           Diagnostics& d);

// `"order", "customer"`: the entity names as error messages list them.
std::string entity_names_list();

}  // namespace kefu::policy::internal

#endif  // KEFU_SRC_POLICY_MILESTONES_SECTION_H_
