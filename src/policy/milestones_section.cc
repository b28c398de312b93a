#include "policy/milestones_section.h"

#include <algorithm>

#include "policy/json_pointer.h"

namespace kefu::policy::internal {
namespace {

bool sorted_contains(const std::vector<std::string>& v, std::string_view s) {
  return std::binary_search(v.begin(), v.end(), s, std::less<>());
}

// [a-z0-9_]+: a name that reads the same in an event type, a log and a URL.
bool is_milestone_name(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

std::string lifecycle_list(EntityKind kind) {
  std::string list;
  for (std::string_view e : lifecycle_events(kind)) {
    if (!list.empty()) list += ", ";
    list += "\"" + std::string(e) + "\"";
  }
  return list;
}

void read_entity(EntityKind kind, const Json& value, const std::string& pointer,
                 Milestones& out, Diagnostics& d) {
  if (!value.is_array()) {
    d.error(pointer,
            "expected an array of milestone names like "
            "[\"plan_sent\"]" +
                got(value));
    return;
  }
  auto k = static_cast<std::size_t>(kind);
  std::vector<std::string> seen;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const Json& element = value[i];
    std::string p = pointer_child(pointer, i);
    if (!element.is_string()) {
      d.error(p,
              "expected a milestone name of lower-case letters, digits "
              "and \"_\", such as \"plan_sent\"" +
                  got(element));
      continue;
    }
    const std::string& name = element.get_ref<const std::string&>();
    if (std::find(seen.begin(), seen.end(), name) != seen.end()) {
      d.error(p,
              "duplicate milestone \"" + name + "\": expected each name once");
      continue;
    }
    seen.push_back(name);
    out.declared[k].push_back(name);
    if (!is_milestone_name(name)) {
      d.error(p,
              "expected a milestone name of lower-case letters, digits "
              "and \"_\", such as \"plan_sent\"" +
                  got(element));
    } else if (is_lifecycle_event(kind, name)) {
      std::string entity(entity_kind_name(kind));
      d.error(p, "milestone \"" + name + "\" would shadow the " + entity +
                     " lifecycle event \"" + entity + "." + name +
                     "\": expected a name other than " + lifecycle_list(kind));
    } else {
      out.names[k].push_back(name);
    }
  }
}

}  // namespace

bool Milestones::declares(EntityKind kind, std::string_view name) const {
  return sorted_contains(declared[static_cast<std::size_t>(kind)], name);
}

std::string entity_names_list() {
  std::string list;
  for (std::string_view name : kEntityKindNames) {
    if (!list.empty()) list += ", ";
    list += "\"" + std::string(name) + "\"";
  }
  return list;
}

Milestones read_milestones(const Json& value, const std::string& pointer,
                           Diagnostics& d) {
  Milestones out;
  if (!value.is_object()) {
    d.error(pointer,
            "expected an object of entities to milestone names "
            "{\"order\":[\"plan_sent\"]}" +
                got(value));
    return out;
  }
  for (const auto& [entity, names] : value.items()) {
    std::string p = pointer_child(pointer, entity);
    std::optional<EntityKind> kind = parse_entity_kind(entity);
    if (!kind) {
      d.error(p, "unknown entity \"" + entity + "\"; expected one of " +
                     entity_names_list());
      continue;
    }
    read_entity(*kind, names, p, out, d);
  }
  for (auto* lists : {&out.names, &out.declared}) {
    for (std::vector<std::string>& v : *lists) std::sort(v.begin(), v.end());
  }
  return out;
}

}  // namespace kefu::policy::internal
