// The migration report as JSON (include/kefu/engine/migration.h).
#include "kefu/engine/migration.h"

#include <nlohmann/json.hpp>

namespace kefu::engine {

std::string to_json(const MigrationReport& report) {
  using nlohmann::ordered_json;
  ordered_json changes = ordered_json::array();
  for (const MigrationChange& c : report.changes) {
    const auto at = [&](time::Instant t) { return time::format_instant(t, c.offset); };
    ordered_json j;
    j["entity"] = policy::entity_kind_name(c.entity);
    j["key"] = c.key;
    j["sla"] = c.sla;
    j["what"] = c.what;
    j["from_version"] = c.from_version;
    j["from_target"] = c.from_target;
    j["to_target"] = c.to_target;
    j["at"] = at(c.at);
    j["due_before"] = at(c.due_before);
    j["due_after"] = c.due_after ? ordered_json(at(*c.due_after)) : ordered_json(nullptr);
    j["late_breach"] = c.late_breach;
    j["why"] = c.why;
    changes.push_back(std::move(j));
  }
  ordered_json out;
  out["to_version"] = report.to_version;
  out["examined"] = report.examined;
  out["unchanged"] = report.unchanged;
  out["changes"] = std::move(changes);
  return out.dump();
}

}  // namespace kefu::engine
