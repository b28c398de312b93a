#include "policy/escalation_section.h"

#include <algorithm>

#include "policy/json_pointer.h"
#include "policy/milestones_section.h"
#include "policy/when_json.h"

namespace kefu::policy::internal {
namespace {

bool is_name(const Json& v) {
  if (!v.is_string()) return false;
  const std::string& s = v.get_ref<const std::string&>();
  if (s.empty() || s.size() > 64) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
  });
}

constexpr const char* kName = "expected a name of a-z, 0-9, \"_\" or \".\" (at most 64)";

std::vector<EscalationLevel> read_levels(const Json& value, const std::string& p,
                                         Diagnostics& d) {
  std::vector<EscalationLevel> levels;
  if (!value.is_array() || value.empty()) {
    d.error(p, "expected a non-empty array of levels [{\"level\":\"frontline\","
               "\"role\":\"cs_agent\"}, ...]" + got(value));
    return levels;
  }
  for (std::size_t i = 0; i < value.size(); ++i) {
    const Json& item = value[i];
    const std::string ip = pointer_child(p, i);
    if (!item.is_object()) {
      d.error(ip, "expected a level {\"level\":\"frontline\",\"role\":\"cs_agent\"}" + got(item));
      continue;
    }
    EscalationLevel level;
    bool ok = true;
    for (const auto& [k, v] : item.items()) {
      if (k == "level" || k == "role") {
        if (!is_name(v)) {
          d.error(pointer_child(ip, k), kName + got(v));
          ok = false;
        } else {
          (k == "level" ? level.level : level.role) = v.get<std::string>();
        }
      } else {
        unknown_key(ip, k, "\"level\", \"role\"", d);
        ok = false;
      }
    }
    for (const char* required : {"level", "role"}) {
      if (!item.contains(required)) {
        d.error(ip, std::string("missing required key \"") + required + "\"");
        ok = false;
      }
    }
    if (ok && std::any_of(levels.begin(), levels.end(),
                          [&](const EscalationLevel& l) { return l.level == level.level; })) {
      d.error(pointer_child(ip, "level"),
              "level \"" + level.level + "\" is already on this ladder; expected each once");
      ok = false;
    }
    if (ok) levels.push_back(std::move(level));
  }
  return levels;
}

}  // namespace

Escalation read_escalation(const Json& value, const std::string& pointer,
                           const std::vector<std::string>& calendars, Diagnostics& d) {
  Escalation out;
  if (!value.is_object()) {
    d.error(pointer, "expected an object {\"on_breach\":[...],\"ladders\":[...]}" + got(value));
    return out;
  }
  for (const auto& [key, v] : value.items()) {
    const std::string p = pointer_child(pointer, key);
    if (key == "on_breach") {
      if (!v.is_array()) {
        d.error(p, "expected an array of SLA ids such as [\"complaint.solution\"]" + got(v));
        continue;
      }
      for (std::size_t i = 0; i < v.size(); ++i) {
        if (!v[i].is_string() || v[i].get_ref<const std::string&>().empty()) {
          d.error(pointer_child(p, i), "expected an SLA id" + got(v[i]));
          continue;
        }
        out.on_breach.push_back(v[i].get<std::string>());
      }
    } else if (key == "calendar") {
      if (!v.is_string() ||
          !std::binary_search(calendars.begin(), calendars.end(), v.get<std::string>()))
        d.error(p, "expected the name of a calendar of the policy" + got(v));
      else
        out.calendar_name = v.get<std::string>();
    } else if (key == "ladders") {
      if (!v.is_array() || v.empty()) {
        d.error(p, "expected a non-empty array of ladders" + got(v));
        continue;
      }
      for (std::size_t i = 0; i < v.size(); ++i) {
        const Json& item = v[i];
        const std::string lp = pointer_child(p, i);
        if (!item.is_object()) {
          d.error(lp, "expected a ladder {\"id\":...,\"entity\":...,\"levels\":[...]}" + got(item));
          continue;
        }
        Ladder ladder;
        ladder.pointer = lp;
        const std::size_t before = d.size();
        for (const auto& [k, lv] : item.items()) {
          const std::string kp = pointer_child(lp, k);
          if (k == "id") {
            if (!is_name(lv)) d.error(kp, kName + got(lv));
            else ladder.id = lv.get<std::string>();
          } else if (k == "entity") {
            std::optional<EntityKind> kind =
                lv.is_string() ? parse_entity_kind(lv.get<std::string>()) : std::nullopt;
            if (!kind) d.error(kp, "expected an entity, one of " + entity_names_list() + got(lv));
            else ladder.entity = *kind;
          } else if (k == "when") {
            ladder.when = read_when(lv, kp, d);
          } else if (k == "levels") {
            ladder.levels = read_levels(lv, kp, d);
          } else {
            unknown_key(lp, k, "\"id\", \"entity\", \"when\", \"levels\"", d);
          }
        }
        for (const char* required : {"id", "entity", "levels"})
          if (!item.contains(required))
            d.error(lp, std::string("missing required key \"") + required + "\"");
        if (d.size() == before) out.ladders.push_back(std::move(ladder));
      }
    } else {
      unknown_key(pointer, key, "\"on_breach\", \"calendar\", \"ladders\"", d);
    }
  }
  return out;
}

}  // namespace kefu::policy::internal
