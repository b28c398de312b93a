// Engine::explain: why each timer of an entity is where it is.
#include <nlohmann/json.hpp>

#include "engine/claim_rules.h"
#include "engine/engine_state.h"
#include "kefu/engine/engine.h"

namespace kefu::engine {
namespace {

using nlohmann::ordered_json;
using policy::Condition;
using policy::SlaTarget;

ordered_json value_json(const policy::AttrValue& v) {
  return std::visit([](const auto& x) { return ordered_json(x); }, v);
}

std::string condition_text(const Condition& c) {
  auto values = [&] {
    std::string s;
    for (const auto& v : c.values) s += (s.empty() ? "" : ", ") + value_json(v).dump();
    return s;
  };
  switch (c.op) {
    case Condition::Op::kEquals: return c.attribute + " = " + values();
    case Condition::Op::kOneOf: return c.attribute + " in [" + values() + "]";
    case Condition::Op::kGreater: return c.attribute + " > " + values();
    case Condition::Op::kGreaterEq: return c.attribute + " >= " + values();
    case Condition::Op::kLess: return c.attribute + " < " + values();
    case Condition::Op::kLessEq: return c.attribute + " <= " + values();
    case Condition::Op::kPresent: return c.attribute + " is present";
    case Condition::Op::kAbsent: return c.attribute + " is absent";
  }
  return c.attribute;
}

// A spec as it stands inside a JSON object: the short forms quoted.
std::string spec_json(const time::DueSpec& spec) {
  std::string text = time::format_due_spec(spec);
  return text.front() == '{' ? text : "\"" + text + "\"";
}

std::string target_text(const SlaTarget& t) {
  if (const auto* spec = std::get_if<time::DueSpec>(&t.target)) return time::format_due_spec(*spec);
  if (const auto* b = std::get_if<policy::BeforeAttribute>(&t.target))
    return "{\"before\":\"" + b->attribute + "\",\"by\":\"" +
           std::to_string(b->by.count() / 60) + "m\"}";
  if (const auto* e = std::get_if<policy::Every>(&t.target))
    return "{\"every\":" + spec_json(e->spec) + "}";
  const auto& q = std::get<policy::Quota>(t.target);
  return "{\"count\":" + std::to_string(q.count) + ",\"of\":\"" + q.of +
         "\",\"per\":" + spec_json(q.per) + "}";
}

}  // namespace

std::string why_matched(const PolicyVersion& v, std::uint16_t index) {
  const SlaTarget& t = v.target(index);
  std::string conditions;
  for (const Condition& c : t.when) conditions += (conditions.empty() ? "" : " and ") + condition_text(c);
  std::string skipped;
  for (const auto& group : v.groups) {
    if (std::find(group.begin(), group.end(), index) == group.end()) continue;
    for (std::uint16_t i : group) {
      if (i == index) break;
      skipped += (skipped.empty() ? "" : ", ") + v.target(i).pointer;
    }
  }
  std::string why = conditions.empty() ? "no conditions" : "its conditions hold: " + conditions;
  if (!skipped.empty()) why += "; earlier entries did not match: " + skipped;
  return why;
}

namespace {

constexpr std::string_view kStateNames[] = {"running", "paused", "stopped", "faulted"};
constexpr std::string_view kFiringNames[] = {"warning", "breach", "reminder", "period_end"};

std::string fraction_text(std::int32_t millionths) {
  ordered_json j = static_cast<double>(millionths) / 1e6;
  return j.dump();
}

}  // namespace

Result<std::string> Engine::explain(policy::EntityKind kind, std::string_view key) const {
  const Impl& m = *impl_;
  const std::optional<std::uint32_t> eh = m.find_entity(kind, key);
  if (!eh)
    return Status::NotFound(std::string(policy::entity_kind_name(kind)) + ":" +
                            std::string(key) + " does not exist");
  const EntityRecord& e = m.entities[*eh];
  const time::UtcOffset utc;

  ordered_json out;
  out["entity"] = policy::entity_kind_name(kind);
  out["key"] = e.key;
  out["state"] = domain::state_name(kind, e.state);
  out["created"] = time::format_instant(e.created, utc);
  ordered_json attrs = ordered_json::object();
  for (const auto& [name, value] : e.attrs.items()) attrs[name] = value_json(value);
  out["attrs"] = attrs;
  if (!e.customer.empty()) out["customer"] = e.customer;
  // A complaint's order, as its creating event named it.
  if (!e.history.empty()) {
    const domain::Event created = e.history.event(m.histories, 0, e.kind, e.key);
    if (!created.order.empty()) out["order"] = created.order;
  }
  // The attribute the policy classifies this kind by (CP-2 grades, CR-1
  // tiers), and which rule gave it; a value no rule gives now was set by
  // an event (an explicit grade, a complaint.regraded, a host's tier).
  const policy::Policy& current = m.versions.back().policy;
  const policy::Classification* c = kind == policy::EntityKind::kComplaint ? &current.grades()
                                    : kind == policy::EntityKind::kCustomer ? &current.tiers()
                                                                            : nullptr;
  if (c != nullptr && c->declared()) {
    if (const policy::AttrValue* value = e.attrs.find(c->attribute)) {
      ordered_json cj;
      cj["value"] = value_json(*value);
      const policy::ClassRule* rule = c->rule_for(e.attrs);
      const auto* text = std::get_if<std::string>(value);
      if (rule != nullptr && text != nullptr && rule->value == *text) {
        std::string conditions;
        for (const Condition& cond : rule->when)
          conditions += (conditions.empty() ? "" : " and ") + condition_text(cond);
        cj["rule"] = rule->pointer;
        cj["why"] = conditions.empty() ? "no conditions" : "its conditions hold: " + conditions;
      } else {
        cj["why"] = "set by an event, not by the rules";
      }
      out[c->attribute] = cj;
    }
  }
  if (const policy::Ladder* ladder = current.escalation().ladder_for(kind, e.attrs)) {
    const std::size_t level = std::min<std::size_t>(e.level, ladder->levels.size() - 1);
    out["escalation"] = {{"ladder", ladder->id},
                         {"level", ladder->levels[level].level},
                         {"role", ladder->levels[level].role},
                         {"rung", level + 1},
                         {"of", ladder->levels.size()}};
  }
  if (m.clock) out["clock"] = time::format_instant(*m.clock, utc);
  if (kind == policy::EntityKind::kClaim) out["claim"] = ordered_json::parse(internal::claim_json(e));

  ordered_json timers = ordered_json::array();
  for (std::uint32_t h : e.timers) {
    const sla::Timer& t = m.timers[h];
    const PolicyVersion& v = m.versions[t.version];
    const SlaTarget& target = v.target(t.target);
    const time::UtcOffset off = target.calendar->offset();
    auto at = [&](time::Instant i) { return time::format_instant(i, off); };
    ordered_json j;
    j["sla"] = target.id;
    j["target"] = target.pointer;
    j["policy_version"] = v.policy.version();
    j["why"] = why_matched(v, t.target);
    j["spec"] = target_text(target);
    j["calendar"] = target.calendar_name;
    j["state"] = kStateNames[static_cast<int>(t.state)];
    j["breached"] = t.breached;
    // Recurring targets and quotas breach once per occurrence: count them.
    const std::vector<LogRecord> history = timer_log(m, h);
    j["breaches"] = std::count_if(history.begin(), history.end(), [](const LogRecord& l) {
      return l.kind == LogKind::kFired &&
             l.aux / 10000000 == static_cast<int>(sla::FiringKind::kBreach);
    });
    j["armed"] = at(t.armed);
    j["due"] = at(t.due);
    if (t.state == sla::TimerState::kStopped) {
      j["stopped"] = at(t.ended);
      j["on_time"] = !t.breached && t.ended <= t.due;
    }
    j["paused_open_seconds"] = t.paused_open;

    ordered_json warnings = ordered_json::array();
    for (std::size_t i = 0; i < target.warn_at_millionths.size(); ++i) {
      std::optional<time::Instant> w = sla::warning_instant(t, target, i);
      if (!w) continue;
      warnings.push_back({{"fraction", ordered_json::parse(fraction_text(target.warn_at_millionths[i]))},
                          {"at", at(*w)}});
    }
    j["warnings"] = warnings;

    ordered_json pauses = ordered_json::array();
    ordered_json log = ordered_json::array();
    for (const LogRecord& entry : history) {
      ordered_json l;
      l["at"] = at(entry.at);
      l["what"] = log_kind_name(entry.kind);
      if (entry.kind == LogKind::kFired) {
        l["firing"] = kFiringNames[entry.aux / 10000000];
        if (entry.aux % 10000000) l["fraction"] = ordered_json::parse(fraction_text(entry.aux % 10000000));
      }
      if (entry.kind == LogKind::kRetargeted || entry.kind == LogKind::kMigrated) {
        const PolicyVersion& in_force = m.versions[entry.version];
        l["target"] = in_force.target(entry.target).pointer;
        l["why"] = why_matched(in_force, entry.target);
      }
      if (entry.kind == LogKind::kMigrated) {
        l["from_policy_version"] = m.versions[static_cast<std::size_t>(entry.aux)].policy.version();
        l["policy_version"] = m.versions[entry.version].policy.version();
      }
      if (entry.kind == LogKind::kStopped && entry.aux == 1) l["why"] = "the entity closed";
      if (entry.kind == LogKind::kStopped && entry.aux >= kStoppedByMigration)
        l["why"] = "migrated: no entry of its target matches in policy version " +
                   m.versions[static_cast<std::size_t>(entry.aux - kStoppedByMigration)]
                       .policy.version();
      if (entry.kind == LogKind::kCounted) l["count"] = entry.aux;
      if (!entry.event.empty()) l["event"] = entry.event;
      log.push_back(l);
      if (entry.kind == LogKind::kPaused) pauses.push_back({{"from", at(entry.at)}, {"to", nullptr}});
      if (entry.kind == LogKind::kResumed && !pauses.empty()) pauses.back()["to"] = at(entry.at);
    }
    j["pauses"] = pauses;
    j["log"] = log;

    ordered_json holidays = ordered_json::array();
    time::Instant until = t.state == sla::TimerState::kStopped ? std::min(t.ended, t.due) : t.due;
    for (const time::HolidayNotice& n : target.calendar->notices_between(t.armed, std::max(until, t.armed)))
      holidays.push_back({{"holiday", n.holiday},
                          {"from", time::format_date(n.first)},
                          {"to", time::format_date(n.last)},
                          {"notice", n.notice}});
    j["holidays"] = holidays;
    timers.push_back(j);
  }
  out["timers"] = timers;

  ordered_json not_started = ordered_json::array();
  for (const NotStarted& n : e.not_started)
    not_started.push_back({{"sla", not_started_sla(m, n)},
                           {"target", not_started_target(m, n)},
                           {"at", time::format_instant(n.at, utc)},
                           {"why", not_started_why(m, n)}});
  out["not_started"] = not_started;
  return out.dump(2);
}

}  // namespace kefu::engine
