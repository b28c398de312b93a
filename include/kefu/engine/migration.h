// What Engine::migrate did: each open timer it moved to the newest policy
// version, and how.
//
// Loading a policy version leaves started timers on the version they
// started under (DESIGN.md). Engine::migrate re-evaluates them under the
// newest one: each open timer of an older version takes the first entry
// of its target id that matches the entity's attributes there, keeps the
// open time already elapsed and its pauses (as an attribute change does),
// and gets its due recomputed. A timer whose target id has no matching
// entry in the new version stops. One MigrationChange per timer whose
// entry, due or state changed; the others only change version and are
// counted.
//
// Example:
//   engine.load_policy(*policy::Policy::Load("reference-2026.2.json"));
//   MigrationReport r = engine.migrate();
//   for (const MigrationChange& c : r.changes) std::cout << c.key << " " << c.what << "\n";
//   std::cout << to_json(r) << "\n";
//
// Thread safety: values and pure functions.
#ifndef KEFU_ENGINE_MIGRATION_H_
#define KEFU_ENGINE_MIGRATION_H_

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "kefu/policy/vocabulary.h"
#include "kefu/time/instant.h"

namespace kefu::engine {

struct MigrationChange {
  policy::EntityKind entity = policy::EntityKind::kOrder;
  std::string key;
  std::string sla;
  // "retargeted": another entry, or the same entry with another due;
  // "stopped": no entry of the target id matches in the new version.
  std::string what;
  std::string from_version;
  std::string from_target;  // JSON pointer of the entry in the old version
  std::string to_target;    // in the new version; "" when stopped
  time::Instant at;         // the instant the migration took effect
  time::Instant due_before;
  std::optional<time::Instant> due_after;  // none when stopped
  bool late_breach = false;  // the new due had passed: a late breach follows
  std::string why;           // the entry's conditions, or why none matched
  time::UtcOffset offset;    // the old target's calendar, for printing
};

struct MigrationReport {
  std::string to_version;
  std::size_t examined = 0;   // open timers of older versions
  std::size_t unchanged = 0;  // of those, only their version changed
  std::vector<MigrationChange> changes;  // by entity kind, key, then start order
};

// One JSON document:
//   {"to_version":"...","examined":N,"unchanged":N,"changes":[{"entity":...,
//    "key":...,"sla":...,"what":...,"from_version":...,"from_target":...,
//    "to_target":...,"at":...,"due_before":...,"due_after":...,
//    "late_breach":false,"why":...}]}
// Keys in that order; due_after is null for a stopped timer.
std::string to_json(const MigrationReport& report);

}  // namespace kefu::engine

#endif  // KEFU_ENGINE_MIGRATION_H_
