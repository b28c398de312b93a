#include "kefu/policy/policy.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <map>
#include <optional>
#include <utility>

#include "policy/calendars_section.h"
#include "policy/diagnostics.h"
#include "policy/json_document.h"
#include "policy/json_limits.h"
#include "policy/limits_section.h"
#include "policy/json_pointer.h"
#include "policy/milestones_section.h"
#include "policy/sla_section.h"
#include "policy/wall_duration.h"

namespace kefu::policy {

namespace {

constexpr std::string_view kTopLevelKeys =
    "\"version\", \"calendars\", \"late_window\", \"retention\", "
    "\"milestones\", \"sla\", \"limits\"";
constexpr time::Duration kDefaultLateWindow = std::chrono::days(30);
constexpr time::Duration kDefaultRetention = std::chrono::days(90);

// What a document compiles to. Policy::Data (private, so out of reach of
// this file's free functions) is this.
struct Compiled {
  std::string version;
  std::map<std::string, time::Calendar, std::less<>> calendars;
  time::Duration late_window = kDefaultLateWindow;
  time::Duration retention = kDefaultRetention;
  std::array<std::vector<std::string>, kEntityKindCount> milestones;
  EventLimits event_limits;
  // SlaTarget::calendar is set only once the data has its final address.
  std::vector<SlaTarget> sla;
};

void append(internal::Diagnostics& to, internal::Diagnostics from) {
  for (Status& s : std::move(from).take()) to.add(std::move(s));
}

// Every calendar name the document declares, "24x7" included, sorted: a
// target may name any of them (one that failed to build has its own error).
std::vector<std::string> declared_calendars(const internal::Json& doc) {
  std::vector<std::string> names{std::string(internal::kBuiltInCalendar)};
  auto it = doc.find("calendars");
  if (it != doc.end() && it->is_object()) {
    for (const auto& [name, calendar] : it->items()) {
      if (!name.empty()) names.push_back(name);
    }
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

// Reads the whole document. Returns the compiled policy when `d` stays
// empty; keeps reading after errors so that Check() sees them all.
std::optional<Compiled> compile(std::string_view json_text,
                                const DocumentLimits& limits,
                                internal::Diagnostics& d) {
  // Bounded before parsing: the parse itself must not be the problem.
  if (json_text.size() > limits.max_bytes) {
    d.error("", "the policy document is " + std::to_string(json_text.size()) +
                    " bytes; expected at most " +
                    std::to_string(limits.max_bytes) + " (DocumentLimits::max_bytes)");
    return std::nullopt;
  }
  if (std::optional<std::string> deep =
          internal::json_depth_error(json_text, limits.max_depth)) {
    d.error("", "the policy document is too deeply nested: " + *deep +
                    " (DocumentLimits::max_depth)");
    return std::nullopt;
  }
  std::optional<internal::Json> doc =
      internal::parse_json_document(json_text, d, limits.max_string_bytes);
  if (!doc) return std::nullopt;
  if (auto sla = doc->is_object() ? doc->find("sla") : doc->end();
      doc->is_object() && sla != doc->end() && sla->is_array() &&
      sla->size() > limits.max_targets) {
    d.error("/sla", "the policy has " + std::to_string(sla->size()) +
                        " targets; expected at most " +
                        std::to_string(limits.max_targets) +
                        " (DocumentLimits::max_targets)");
    return std::nullopt;
  }
  if (!doc->is_object()) {
    d.error("", "expected a policy object {\"version\":..., "
                "\"calendars\":{...}}" + internal::got(*doc));
    return std::nullopt;
  }
  Compiled data;
  data.calendars.emplace(internal::kBuiltInCalendar,
                         time::Calendar::AlwaysOpen());
  // Targets name calendars and milestones wherever those sections stand,
  // so they are read first; their errors wait in their own lists and join
  // the others at the section's place, keeping document order.
  internal::Diagnostics calendar_errors, milestone_errors;
  if (auto it = doc->find("calendars"); it != doc->end()) {
    for (auto& [name, calendar] :
         internal::read_calendars(*it, "/calendars", calendar_errors)) {
      data.calendars.emplace(std::move(name), std::move(calendar));
    }
  }
  internal::Milestones milestones;
  if (auto it = doc->find("milestones"); it != doc->end()) {
    milestones =
        internal::read_milestones(*it, "/milestones", milestone_errors);
  }
  data.milestones = milestones.names;
  internal::SlaContext context{&milestones, declared_calendars(*doc)};
  bool has_version = false;
  for (const auto& [key, value] : doc->items()) {
    std::string p = internal::pointer_child("", key);
    if (key == "version") {
      has_version = true;
      if (!value.is_string() || value.get_ref<const std::string&>().empty()) {
        d.error(p, "expected a non-empty version string such as "
                   "\"cn-logistics-2026.1\"" + internal::got(value));
      } else {
        data.version = value.get<std::string>();
      }
    } else if (key == "calendars") {
      append(d, std::move(calendar_errors));
    } else if (key == "milestones") {
      append(d, std::move(milestone_errors));
    } else if (key == "late_window" || key == "retention") {
      std::optional<time::Duration> duration = internal::read_wall_duration(
          value, p, internal::kDaysOrHours, d);
      if (duration) {
        (key == "late_window" ? data.late_window : data.retention) = *duration;
      }
    } else if (key == "sla") {
      data.sla = internal::read_sla(value, p, context, d);
    } else if (key == "limits") {
      data.event_limits = internal::read_event_limits(value, p, d);
    } else {
      internal::unknown_key("", key, kTopLevelKeys, d);
    }
  }
  if (!has_version) {
    d.error("", "missing required key \"version\": expected a non-empty "
                "version string such as \"cn-logistics-2026.1\"");
  }
  if (!d.ok()) return std::nullopt;
  return data;
}

}  // namespace

struct Policy::Data : Compiled {
  explicit Data(Compiled c) : Compiled(std::move(c)) {}
};

Result<Policy> Policy::Parse(std::string_view json_text,
                             const DocumentLimits& limits) {
  internal::Diagnostics d;
  std::optional<Compiled> compiled = compile(json_text, limits, d);
  if (!compiled) return d.errors().front();
  auto data = std::make_shared<Data>(std::move(*compiled));
  // Pointed here, in the shared data, the calendars live as long as any
  // copy of the Policy. compile() checked every name.
  for (SlaTarget& target : data->sla) {
    target.calendar = &data->calendars.find(target.calendar_name)->second;
  }
  return Policy(std::move(data));
}

Result<Policy> Policy::Load(std::string_view path,
                            const DocumentLimits& limits) {
  std::string name(path);
  std::FILE* file = std::fopen(name.c_str(), "rb");
  if (file == nullptr) {
    int err = errno;
    std::string message =
        "cannot read the policy file \"" + name + "\": " + std::strerror(err);
    return err == ENOENT ? Status::NotFound(message)
                         : Status::InvalidArgument(message);
  }
  std::string text;
  char buffer[1 << 16];
  std::size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, file)) > 0) {
    text.append(buffer, n);
  }
  bool failed = std::ferror(file) != 0;
  int err = errno;
  std::fclose(file);
  if (failed) {
    return Status::InvalidArgument("cannot read the policy file \"" + name +
                                   "\": " + std::strerror(err));
  }
  return Parse(text, limits);
}

std::vector<Status> Policy::Check(std::string_view json_text,
                                  const DocumentLimits& limits) {
  internal::Diagnostics d;
  compile(json_text, limits, d);
  return std::move(d).take();
}

const std::string& Policy::version() const { return data_->version; }

const time::Calendar* Policy::calendar(std::string_view name) const {
  auto it = data_->calendars.find(name);
  return it == data_->calendars.end() ? nullptr : &it->second;
}

time::Duration Policy::late_window() const { return data_->late_window; }

time::Duration Policy::retention() const { return data_->retention; }

const EventLimits& Policy::event_limits() const { return data_->event_limits; }

const std::vector<SlaTarget>& Policy::sla() const { return data_->sla; }

const std::vector<std::string>& Policy::milestones(EntityKind kind) const {
  return data_->milestones[static_cast<std::size_t>(kind)];
}

bool Policy::knows_event_type(std::string_view type) const {
  std::size_t dot = type.find('.');
  if (dot == std::string_view::npos) return false;
  std::optional<EntityKind> kind = parse_entity_kind(type.substr(0, dot));
  if (!kind) return false;
  std::string_view name = type.substr(dot + 1);
  if (is_lifecycle_event(*kind, name)) return true;
  const std::vector<std::string>& declared = milestones(*kind);
  return std::binary_search(declared.begin(), declared.end(), name,
                            std::less<>());
}

std::vector<std::string> Policy::names() const {
  std::vector<std::string> names;
  names.reserve(data_->calendars.size());
  for (const auto& [name, calendar] : data_->calendars) names.push_back(name);
  return names;
}

}  // namespace kefu::policy
