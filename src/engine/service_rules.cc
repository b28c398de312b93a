#include "engine/service_rules.h"

#include <algorithm>
#include <cassert>
#include <string>
#include <string_view>

namespace kefu::engine::internal {

// Event names compare as string_views: a `std::string == "literal"` calls
// strlen and compare on every event.
using namespace std::string_view_literals;

namespace {

using domain::Event;
using policy::EntityKind;

std::string label(const Event& ev) {
  return std::string(policy::entity_kind_name(ev.entity)) + ":" + ev.key;
}

// The value of a classified attribute the event sets: refused unless the
// policy's rules name it.
Status check_value(const policy::Classification& c, const Event& ev) {
  const policy::AttrValue* v = ev.attrs.find(c.attribute);
  if (v == nullptr || !c.declared()) return Status();
  const std::string path = "/attrs/" + c.attribute;
  const auto* s = std::get_if<std::string>(v);
  if (s == nullptr || !c.knows(*s))
    return Status::InvalidArgument(
        "unknown " + c.attribute + (s ? " \"" + *s + "\"" : std::string(" (not a string)")) +
            "; expected one of " + c.values_list(),
        path);
  return Status();
}

Notification escalation(const EntityRecord& e, const policy::EscalationLevel& level,
                        std::string sla, time::Instant at, time::Instant due,
                        time::UtcOffset offset) {
  Notification n;
  n.kind = NotificationKind::kEscalation;
  n.at = at;
  n.sla = std::move(sla);
  n.entity = e.kind;
  n.key = e.key;
  n.due = due;
  n.offset = offset;
  n.level = level.level;
  n.role = level.role;
  return n;
}

}  // namespace

Status check_service_event_rules(const policy::Policy& policy, const EntityRecord* e,
                                 const Event& ev) {
  assert(concerns_service_rules(ev));
  if (ev.entity == EntityKind::kComplaint) {
    const policy::Classification& grades = policy.grades();
    if (ev.name == "regraded"sv) {
      const policy::AttrValue* g = ev.attrs.find("grade");
      if (g == nullptr)
        return Status::InvalidArgument(
            "complaint.regraded needs the new grade in \"attrs\":{\"grade\":...}", "/attrs/grade");
      if (!grades.declared() && !std::holds_alternative<std::string>(*g))
        return Status::InvalidArgument("expected the grade as a string", "/attrs/grade");
    } else if (ev.name != "created"sv && ev.attrs.find("grade") != nullptr) {
      return Status::InvalidArgument(
          "a complaint's grade changes only by a complaint.regraded event, not by " + ev.type,
          "/attrs/grade");
    }
    if (Status s = check_value(grades, ev); !s.ok()) return s;
    const policy::AttrValue* channel = ev.attrs.find("channel");
    if (channel != nullptr && !grades.channels.empty()) {
      const auto* name = std::get_if<std::string>(channel);
      if (name == nullptr || std::find(grades.channels.begin(), grades.channels.end(), *name) ==
                                 grades.channels.end()) {
        std::string list;
        for (const std::string& c : grades.channels) list += (list.empty() ? "\"" : ", \"") + c + "\"";
        return Status::InvalidArgument(
            "unknown channel" + (name ? " \"" + *name + "\"" : std::string(" (not a string)")) +
                "; expected one of " + list,
            "/attrs/channel");
      }
    }
  }
  if (ev.entity == EntityKind::kCustomer)
    if (Status s = check_value(policy.tiers(), ev); !s.ok()) return s;

  if (ev.name != "escalated"sv || e == nullptr) return Status();
  const policy::Ladder* ladder = policy.escalation().ladder_for(e->kind, e->attrs);
  if (ladder == nullptr)
    return Status::Refused("no escalation ladder of the policy applies to " + label(ev));
  const std::size_t current = std::min<std::size_t>(e->level, ladder->levels.size() - 1);
  if (current + 1 >= ladder->levels.size())
    return Status::Refused(label(ev) + " is already at the top level \"" +
                           ladder->levels[current].level + "\" of ladder \"" + ladder->id + "\"");
  const policy::AttrValue* target = ev.attrs.find("level");
  if (target == nullptr) return Status();
  const auto* name = std::get_if<std::string>(target);
  std::optional<std::size_t> to = name ? ladder->index_of(*name) : std::nullopt;
  if (!to) {
    std::string levels;
    for (const policy::EscalationLevel& l : ladder->levels)
      levels += (levels.empty() ? "\"" : ", \"") + l.level + "\"";
    return Status::InvalidArgument("unknown level on ladder \"" + ladder->id +
                                       "\"; expected one of " + levels,
                                   "/attrs/level");
  }
  if (*to <= current)
    return Status::InvalidArgument(
        label(ev) + " is already at level \"" + ladder->levels[current].level +
            "\"; an escalation goes up, to \"" + ladder->levels[current + 1].level + "\"",
        "/attrs/level");
  const policy::AttrValue* emergency = ev.attrs.find("emergency");
  const bool is_emergency =
      emergency != nullptr && std::holds_alternative<bool>(*emergency) && std::get<bool>(*emergency);
  if (*to > current + 1 && !is_emergency)
    return Status::InvalidArgument(
        "escalation goes one level at a time: from \"" + ladder->levels[current].level +
            "\" the next is \"" + ladder->levels[current + 1].level + "\"; skipping to \"" +
            *name + "\" needs \"emergency\":true",
        "/attrs/level");
  return Status();
}

namespace {

// Whether the event sets or removes an attribute some rule's `when` reads.
bool touches_inputs(const policy::Classification& c, const Event& ev) {
  for (const policy::ClassRule& r : c.rules)
    for (const policy::Condition& cond : r.when)
      if (ev.attrs.find(cond.attribute) != nullptr ||
          std::find(ev.removed.begin(), ev.removed.end(), cond.attribute) != ev.removed.end())
        return true;
  return false;
}

}  // namespace

void classify(const policy::Policy& policy, EntityRecord& e, const Event& ev) {
  const policy::Classification* c = nullptr;
  if (e.kind == EntityKind::kComplaint && ev.name == "created"sv) c = &policy.grades();
  if (e.kind == EntityKind::kCustomer && (ev.name == "created"sv || ev.name == "updated"sv))
    c = &policy.tiers();
  if (c == nullptr || !c->declared() || ev.attrs.find(c->attribute) != nullptr) return;
  // An update that leaves the rules' inputs alone keeps the tier, so a tier
  // a host set by hand survives unrelated updates.
  if (ev.name == "updated"sv && !touches_inputs(*c, ev)) return;
  if (std::optional<std::string_view> value = c->classify(e.attrs))
    e.attrs.set(c->attribute, policy::AttrValue(std::string(*value)));
}

void escalate_by_event(const policy::Policy& policy, std::uint32_t eh, EntityRecord& e,
                       const Event& ev, std::vector<Pending>& out) {
  const policy::Escalation& esc = policy.escalation();
  const policy::Ladder* ladder = esc.ladder_for(e.kind, e.attrs);
  if (ladder == nullptr) return;  // checked before
  const std::size_t current = std::min<std::size_t>(e.level, ladder->levels.size() - 1);
  std::size_t to = current + 1;
  if (const auto* name = std::get_if<std::string>(ev.attrs.find("level")))
    to = ladder->index_of(*name).value_or(to);
  if (to >= ladder->levels.size()) return;
  const std::string sla = "escalation." + ladder->id;
  const time::UtcOffset offset = esc.calendar ? esc.calendar->offset() : time::UtcOffset();
  Notification n = escalation(e, ladder->levels[to], sla, ev.at, ev.at, offset);
  n.event = ev.id;
  out.push_back(Pending{eh, std::move(n)});
  // CP-6: a skipped superior is informed afterwards, in ladder order.
  for (std::size_t i = current + 1; i < to; ++i) {
    Notification informed = escalation(e, ladder->levels[i], sla, ev.at, ev.at, offset);
    informed.skipped = true;
    informed.event = ev.id;
    out.push_back(Pending{eh, std::move(informed)});
  }
  e.level = static_cast<std::uint8_t>(to);
}

std::optional<Notification> escalate_on_breach(const policy::Policy& policy, EntityRecord& e,
                                               const policy::SlaTarget& target,
                                               time::Instant at, time::Instant due) {
  const policy::Escalation& esc = policy.escalation();
  if (!esc.escalates_on_breach(target.id)) return std::nullopt;
  const policy::Ladder* ladder = esc.ladder_for(e.kind, e.attrs);
  if (ladder == nullptr) return std::nullopt;
  const std::size_t current = std::min<std::size_t>(e.level, ladder->levels.size() - 1);
  if (current + 1 >= ladder->levels.size()) return std::nullopt;  // at the top: the breach says it all
  e.level = static_cast<std::uint8_t>(current + 1);
  return escalation(e, ladder->levels[current + 1], target.id, at, due,
                    target.calendar->offset());
}

}  // namespace kefu::engine::internal
