#include "policy/sla_section.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <string_view>
#include <utility>

#include "policy/due_spec_json.h"
#include "policy/json_pointer.h"
#include "policy/wall_duration.h"
#include "policy/when_json.h"

namespace kefu::policy::internal {
namespace {

constexpr std::string_view kEntryKeys =
    "\"id\", \"entity\", \"when\", \"start\", \"stop\", \"pause\", "
    "\"resume\", \"restart\", \"target\", \"calendar\", \"warn_at\"";
constexpr std::string_view kTargetKeys =
    "\"at\", \"weekday\", \"day_of_month\", \"months_after\", \"before\", "
    "\"by\", \"every\", \"count\", \"of\", \"per\"";
constexpr std::string_view kBeforeKeys = "\"before\", \"by\"";
constexpr std::string_view kEveryKeys = "\"every\"";
constexpr std::string_view kQuotaKeys = "\"count\", \"of\", \"per\"";
constexpr std::string_view kAnyTarget =
    "expected a target: a due spec (\"4h\", \"3wd\", \"15d\", \"1mo\", "
    "{\"at\":\"17:00\"}, {\"weekday\":\"mon\",\"at\":\"16:00\"}, "
    "{\"day_of_month\":15,\"months_after\":1}), "
    "{\"before\":\"departure_at\",\"by\":\"2h\"}, {\"every\":SPEC} or "
    "{\"count\":5,\"of\":\"customer.visited\",\"per\":\"1mo\"}";
constexpr std::string_view kId =
    "expected a non-empty target id such as \"order.confirm\"";
constexpr std::string_view kEventType =
    "expected an event type \"<entity>.<event>\" such as \"order.confirmed\"";
constexpr std::string_view kEventTypes =
    "expected an event type \"<entity>.<event>\" such as "
    "\"order.confirmed\", or a non-empty array of them";
constexpr std::string_view kWarnAt =
    "expected an array of warning fractions, ascending, each between 0 and "
    "1, like [0.5, 0.8]";
// A quota asks for at most this many events a period: enough for any
// service promise, and far from overflowing a counter.
constexpr std::int64_t kMaxQuotaCount = 1000000;
constexpr std::int32_t kMillion = 1000000;

std::string in_quotes(std::string_view s) {
  return "\"" + std::string(s) + "\"";
}

std::string a_or_an(std::string_view word) {
  bool vowel = !word.empty() && std::string_view("aeiou").find(word[0]) !=
                                    std::string_view::npos;
  return (vowel ? "an " : "a ") + std::string(word);
}

std::string cat(std::string_view a, std::string_view b) {
  std::string s(a);
  s += b;
  return s;
}

// `expected an order lifecycle event ("order.created", ...) or an order
// milestone declared in "milestones" ("order.plan_sent")`.
std::string expected_event_types(EntityKind kind, const Milestones& m) {
  std::string entity(entity_kind_name(kind));
  std::string lifecycle;
  for (std::string_view e : lifecycle_events(kind)) {
    if (!lifecycle.empty()) lifecycle += ", ";
    lifecycle += in_quotes(entity + "." + std::string(e));
  }
  std::string milestones;
  for (const std::string& name : m.names[static_cast<std::size_t>(kind)]) {
    if (!milestones.empty()) milestones += ", ";
    milestones += in_quotes(entity + "." + name);
  }
  std::string message = "expected " + a_or_an(entity) + " lifecycle event (" +
                        lifecycle + ") or " + a_or_an(entity) +
                        " milestone declared in \"milestones\"";
  if (!milestones.empty()) message += " (" + milestones + ")";
  return message;
}

std::string calendar_list(const std::vector<std::string>& names) {
  std::string list;
  for (const std::string& name : names) {
    if (!list.empty()) list += ", ";
    list += in_quotes(name);
  }
  return list;
}

// Reads one SLA entry. The entity is known before the members are read in
// document order, since event types are checked against it wherever
// "entity" stands.
class EntryReader {
 public:
  EntryReader(const Json& entry, std::string pointer, const SlaContext& context,
              Diagnostics& d)
      : entry_(entry), pointer_(std::move(pointer)), context_(context), d_(d) {
    auto it = entry_.find("entity");
    if (it != entry_.end() && it->is_string()) {
      kind_ = parse_entity_kind(it->get_ref<const std::string&>());
    }
  }

  // The compiled target, or nullopt when the entry had an error.
  std::optional<SlaTarget> read() {
    std::size_t errors_before = d_.size();
    target_.pointer = pointer_;
    target_.calendar_name = "24x7";
    for (const auto& [key, value] : entry_.items()) {
      std::string p = pointer_child(pointer_, key);
      if (key == "id") {
        read_id(value, p);
      } else if (key == "entity") {
        read_entity(value, p);
      } else if (key == "when") {
        target_.when = read_when(value, p, d_);
      } else if (key == "start") {
        has_start_ = true;
        target_.start = read_event_types(value, p);
      } else if (key == "stop") {
        target_.stop = read_event_types(value, p);
      } else if (key == "pause") {
        has_pause_ = true;
        target_.pause = read_event_types(value, p);
      } else if (key == "resume") {
        has_resume_ = true;
        target_.resume = read_event_types(value, p);
      } else if (key == "restart") {
        target_.restart = read_event_types(value, p);
      } else if (key == "target") {
        has_target_ = true;
        read_target(value, p);
      } else if (key == "calendar") {
        read_calendar(value, p);
      } else if (key == "warn_at") {
        has_warn_at_ = true;
        read_warn_at(value, p);
      } else {
        unknown_key(pointer_, key, kEntryKeys, d_);
      }
    }
    check_whole_entry();
    if (d_.size() != errors_before) return std::nullopt;
    return std::move(target_);
  }

  // The entry's id when valid ("" otherwise); kept apart from the target,
  // which read() hands over.
  const std::string& id() const { return id_; }
  std::optional<EntityKind> kind() const { return kind_; }

 private:
  void read_id(const Json& value, const std::string& p) {
    if (!value.is_string() || value.get_ref<const std::string&>().empty()) {
      d_.error(p, cat(kId, got(value)));
      return;
    }
    id_ = value.get<std::string>();
    target_.id = id_;
  }

  void read_entity(const Json& value, const std::string& p) {
    has_entity_ = true;
    if (!kind_) {
      d_.error(
          p, "expected an entity, one of " + entity_names_list() + got(value));
      return;
    }
    target_.entity = *kind_;
  }

  // One event type, checked against the entry's entity (when that is
  // valid: otherwise its own error says enough).
  bool check_event_type(const Json& value, const std::string& p) {
    if (!value.is_string()) {
      d_.error(p, cat(kEventType, got(value)));
      return false;
    }
    if (!kind_) return true;
    const std::string& type = value.get_ref<const std::string&>();
    std::string_view entity = entity_kind_name(*kind_);
    std::size_t dot = type.find('.');
    std::string_view prefix =
        std::string_view(type).substr(0, dot == std::string::npos ? 0 : dot);
    if (dot != std::string::npos && prefix == entity) {
      std::string_view name = std::string_view(type).substr(dot + 1);
      if (is_lifecycle_event(*kind_, name) ||
          context_.milestones->declares(*kind_, name)) {
        return true;
      }
    }
    std::string message = "unknown event type " + in_quotes(type);
    if (dot != std::string::npos && parse_entity_kind(prefix) &&
        prefix != entity) {
      message += " for " + a_or_an(entity) + " target";
    }
    d_.error(
        p, message + "; " + expected_event_types(*kind_, *context_.milestones));
    return false;
  }

  // An event type or a non-empty array of distinct ones.
  std::vector<std::string> read_event_types(const Json& value,
                                            const std::string& p) {
    std::vector<std::string> types;
    if (value.is_string()) {
      if (check_event_type(value, p)) types.push_back(value.get<std::string>());
      return types;
    }
    if (!value.is_array() || value.empty()) {
      d_.error(p, cat(kEventTypes, got(value)));
      return types;
    }
    for (std::size_t i = 0; i < value.size(); ++i) {
      std::string element_pointer = pointer_child(p, i);
      if (!check_event_type(value[i], element_pointer)) continue;
      const std::string& type = value[i].get_ref<const std::string&>();
      if (std::find(types.begin(), types.end(), type) != types.end()) {
        d_.error(element_pointer, "duplicate event type " + in_quotes(type) +
                                      ": expected each event type once");
        continue;
      }
      types.push_back(type);
    }
    return types;
  }

  void report(const Status& s) { d_.error(s.path(), s.message()); }

  void read_target(const Json& value, const std::string& p) {
    if (value.is_string()) {
      Result<time::DueSpec> spec = due_spec_from_json(value, p);
      if (!spec.ok()) return report(spec.status());
      target_.target = *spec;
      return;
    }
    if (!value.is_object() || value.empty()) {
      d_.error(p, cat(kAnyTarget, got(value)));
      return;
    }
    // The form is told by its distinguishing keys, wherever they stand;
    // the other keys of a form are then unknown to it.
    auto has = [&](std::initializer_list<const char*> keys) {
      return std::any_of(keys.begin(), keys.end(),
                         [&](const char* k) { return value.contains(k); });
    };
    if (has({"every"})) return read_every(value, p);
    if (has({"before", "by"})) return read_before(value, p);
    if (has({"count", "of", "per"})) return read_quota(value, p);
    if (has({"at", "weekday", "day_of_month", "months_after"})) {
      Result<time::DueSpec> spec = due_spec_from_json(value, p);
      if (!spec.ok()) return report(spec.status());
      target_.target = *spec;
      return;
    }
    unknown_key(p, value.begin().key(), kTargetKeys, d_);
  }

  void read_before(const Json& value, const std::string& p) {
    BeforeAttribute before;
    bool has_attribute = false, has_by = false;
    for (const auto& [key, member] : value.items()) {
      std::string mp = pointer_child(p, key);
      if (key == "before") {
        has_attribute = true;
        if (!member.is_string() ||
            member.get_ref<const std::string&>().empty()) {
          d_.error(mp,
                   "expected the name of the attribute holding the "
                   "instant, such as \"departure_at\"" +
                       got(member));
          continue;
        }
        before.attribute = member.get<std::string>();
      } else if (key == "by") {
        has_by = true;
        std::optional<time::Duration> by =
            read_wall_duration(member, mp, kMinutesHoursOrDays, d_);
        if (by) before.by = *by;
      } else {
        unknown_key(p, key, kBeforeKeys, d_);
      }
    }
    if (!has_attribute) {
      d_.error(p,
               "missing required key \"before\": expected the name of the "
               "attribute holding the instant, such as \"departure_at\"");
    }
    if (!has_by) {
      d_.error(p, "missing required key \"by\": " +
                      wall_duration_expected(kMinutesHoursOrDays));
    }
    target_.target = std::move(before);
  }

  void read_every(const Json& value, const std::string& p) {
    for (const auto& [key, member] : value.items()) {
      std::string mp = pointer_child(p, key);
      if (key != "every") {
        unknown_key(p, key, kEveryKeys, d_);
        continue;
      }
      if (member.is_object() &&
          (member.contains("before") || member.contains("by") ||
           member.contains("every") || member.contains("count") ||
           member.contains("of") || member.contains("per"))) {
        d_.error(mp,
                 "expected a due spec to repeat, such as \"24h\" or "
                 "{\"at\":\"17:00\"} (\"before\", \"every\" and quotas do "
                 "not repeat)" +
                     got(member));
        continue;
      }
      Result<time::DueSpec> spec = due_spec_from_json(member, mp);
      if (!spec.ok()) {
        report(spec.status());
        continue;
      }
      // Re-armed at its own due instant, a day of this month would fall
      // due again at once, for ever.
      if (const auto* dom = std::get_if<time::DayOfMonth>(&*spec);
          dom != nullptr && dom->months_after < 1) {
        if (member.contains("months_after")) {
          d_.error(pointer_child(mp, "months_after"),
                   "expected at least 1 in a recurring spec: a day of the "
                   "month repeats in a later month" +
                       got(member["months_after"]));
        } else {
          d_.error(mp,
                   "expected \"months_after\" of at least 1 (the default "
                   "is 0) in a recurring spec: a day of the month "
                   "repeats in a later month" +
                       got(member));
        }
        continue;
      }
      target_.target = Every{*spec};
    }
  }

  void read_quota(const Json& value, const std::string& p) {
    Quota quota;
    bool has_count = false, has_of = false, has_per = false;
    for (const auto& [key, member] : value.items()) {
      std::string mp = pointer_child(p, key);
      if (key == "count") {
        has_count = true;
        std::optional<std::int64_t> n = whole_number(member);
        if (!n || *n < 1 || *n > kMaxQuotaCount) {
          d_.error(mp, "expected a whole number of events from 1 to " +
                           std::to_string(kMaxQuotaCount) + got(member));
          continue;
        }
        quota.count = static_cast<int>(*n);
      } else if (key == "of") {
        has_of = true;
        if (check_event_type(member, mp)) quota.of = member.get<std::string>();
      } else if (key == "per") {
        has_per = true;
        read_period(member, mp, quota);
      } else {
        unknown_key(p, key, kQuotaKeys, d_);
      }
    }
    if (!has_count) {
      d_.error(p,
               "missing required key \"count\": expected a whole number "
               "of events from 1 to " +
                   std::to_string(kMaxQuotaCount));
    }
    if (!has_of) {
      d_.error(p, "missing required key \"of\": " + std::string(kEventType));
    }
    if (!has_per) {
      d_.error(p,
               "missing required key \"per\": expected a period in "
               "calendar days or months, like \"7d\" or \"1mo\"");
    }
    target_.target = std::move(quota);
  }

  void read_period(const Json& value, const std::string& p, Quota& quota) {
    constexpr std::string_view kPeriod =
        "expected a period in calendar days or months, like \"7d\" or "
        "\"1mo\"";
    if (value.is_string()) {
      Result<time::DueSpec> spec =
          time::parse_due_spec(value.get_ref<const std::string&>());
      if (spec.ok() && (std::holds_alternative<time::CalendarDays>(*spec) ||
                        std::holds_alternative<time::CalendarMonths>(*spec))) {
        quota.per = *spec;
        return;
      }
    }
    d_.error(p, cat(kPeriod, got(value)));
  }

  void read_calendar(const Json& value, const std::string& p) {
    if (value.is_string()) {
      const std::string& name = value.get_ref<const std::string&>();
      if (std::binary_search(context_.calendars.begin(),
                             context_.calendars.end(), name)) {
        target_.calendar_name = name;
        return;
      }
    }
    d_.error(p, "expected the name of a calendar of the policy, one of " +
                    calendar_list(context_.calendars) + got(value));
  }

  void read_warn_at(const Json& value, const std::string& p) {
    if (!value.is_array()) {
      d_.error(p, cat(kWarnAt, got(value)));
      return;
    }
    std::int32_t previous = 0;
    for (std::size_t i = 0; i < value.size(); ++i) {
      const Json& f = value[i];
      std::string ep = pointer_child(p, i);
      // Stored in millionths: a fraction that rounds to 0 or to 1 would
      // warn at the start or at the breach, which says nothing.
      bool in_range =
          f.is_number() && f.get<double>() > 0 && f.get<double>() < 1;
      std::int64_t millionths =
          in_range ? std::llround(f.get<double>() * kMillion) : 0;
      if (millionths <= 0 || millionths >= kMillion) {
        d_.error(ep,
                 "expected a fraction strictly between 0 and 1 (to the "
                 "millionth)" +
                     got(f));
        continue;
      }
      auto m = static_cast<std::int32_t>(millionths);
      if (m <= previous) {
        d_.error(ep,
                 "expected a fraction greater than the one before it "
                 "(ascending)" +
                     got(f));
        continue;
      }
      previous = m;
      target_.warn_at_millionths.push_back(m);
    }
  }

  // Rules that involve several keys, or a key's absence.
  void check_whole_entry() {
    if (!entry_.contains("id")) {
      d_.error(pointer_, "missing required key \"id\": " + std::string(kId));
    }
    if (!has_entity_) {
      d_.error(pointer_,
               "missing required key \"entity\": expected an "
               "entity, one of " +
                   entity_names_list());
    }
    if (!has_start_) {
      d_.error(pointer_,
               "missing required key \"start\": " + std::string(kEventTypes));
    }
    if (!has_target_) {
      d_.error(pointer_,
               "missing required key \"target\": " + std::string(kAnyTarget));
    }
    if (has_pause_ && !has_resume_) {
      d_.error(pointer_,
               "\"pause\" without \"resume\": expected both, the "
               "events that pause the timer and those that resume "
               "it");
    }
    if (has_resume_ && !has_pause_) {
      d_.error(pointer_,
               "\"resume\" without \"pause\": expected both, the "
               "events that pause the timer and those that resume "
               "it");
    }
    if (has_warn_at_ && std::holds_alternative<Quota>(target_.target)) {
      d_.error(pointer_child(pointer_, "warn_at"),
               "expected no \"warn_at\" on a quota target: a quota has no "
               "single deadline to warn before" +
                   got(entry_["warn_at"]));
    }
  }

  const Json& entry_;
  std::string pointer_;
  const SlaContext& context_;
  Diagnostics& d_;
  std::optional<EntityKind> kind_;
  SlaTarget target_;
  std::string id_;
  bool has_entity_ = false, has_start_ = false, has_target_ = false,
       has_pause_ = false, has_resume_ = false, has_warn_at_ = false;
};

}  // namespace

std::vector<SlaTarget> read_sla(const Json& value, const std::string& pointer,
                                const SlaContext& context, Diagnostics& d) {
  std::vector<SlaTarget> targets;
  if (!value.is_array()) {
    d.error(pointer,
            "expected an array of SLA targets [{\"id\":..., "
            "\"entity\":..., \"start\":..., \"target\":...}]" +
                got(value));
    return targets;
  }
  // The first entry of each id: alternatives of one id share its entity.
  struct First {
    EntityKind kind;
    std::string pointer;
  };
  std::map<std::string, First, std::less<>> first_of_id;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const Json& entry = value[i];
    std::string p = pointer_child(pointer, i);
    if (!entry.is_object()) {
      d.error(p,
              "expected an SLA target object {\"id\":..., \"entity\":..., "
              "\"start\":..., \"target\":...}" +
                  got(entry));
      continue;
    }
    EntryReader reader(entry, p, context, d);
    std::optional<SlaTarget> target = reader.read();
    if (reader.id().empty() || !reader.kind()) continue;
    auto [it, inserted] =
        first_of_id.try_emplace(reader.id(), First{*reader.kind(), p});
    if (!inserted && it->second.kind != *reader.kind()) {
      d.error(pointer_child(p, "entity"),
              "expected entity " +
                  in_quotes(entity_kind_name(it->second.kind)) +
                  ", as the target " + in_quotes(reader.id()) + " at " +
                  it->second.pointer +
                  " has (alternatives of one id share the entity)" +
                  got(entry["entity"]));
      continue;
    }
    if (target) targets.push_back(std::move(*target));
  }
  return targets;
}

}  // namespace kefu::policy::internal
