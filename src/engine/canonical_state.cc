// Engine::canonical_state: the logical state as one deterministic JSON
// document.
//
// It names things by what they are (an entity by kind and key, a policy by
// its version string and load order), never by where the engine keeps them
// (handles, free lists, heap order), so an engine rebuilt from a snapshot, or
// one whose internals were reorganised, prints the same bytes as the one
// that lived through the history. nlohmann's default json keeps object keys
// sorted, which makes the dump canonical without further work.
#include <algorithm>
#include <cstdio>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/claim_rules.h"
#include "engine/engine_state.h"
#include "kefu/engine/kpi.h"
#include "kefu/engine/engine.h"

namespace kefu::engine {
namespace {

using json = nlohmann::json;

constexpr std::string_view kTimerStates[] = {"running", "paused", "stopped", "faulted"};

// An instant in UTC, or null for the sentinels outside the printable range
// (Instant::max() means "nothing scheduled").
json instant(Instant t) {
  if (t < time::kMinInstant || t > time::kMaxInstant) return nullptr;
  return time::format_instant(t, time::UtcOffset());
}

json attr_value(const policy::AttrValue& v) {
  return std::visit([](const auto& x) { return json(x); }, v);
}

json attributes(const policy::Attributes& attrs) {
  json out = json::object();
  for (const auto& [name, value] : attrs.items()) out[name] = attr_value(value);
  return out;
}

std::string hex(std::uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

json event_json(const domain::Event& ev, std::uint16_t version) {
  json removed = json::array();
  for (const std::string& name : ev.removed) removed.push_back(name);
  json out{{"id", ev.id},
              {"type", ev.type},
              {"at", instant(ev.at)},
              {"customer", ev.customer},
              {"attrs", attributes(ev.attrs)},
              {"removed", std::move(removed)},
              {"content_hash", hex(ev.content_hash)},
              {"policy", version}};
  // A claim's references; absent elsewhere, so other events print as before.
  if (!ev.order.empty()) out["order"] = ev.order;
  if (!ev.complaint.empty()) out["complaint"] = ev.complaint;
  return out;
}

json timer_json(const Engine::Impl& m, std::uint32_t h) {
  const sla::Timer& t = m.timers[h];
  const PolicyVersion& v = m.versions[t.version];
  const policy::SlaTarget& target = v.target(t.target);
  json log = json::array();
  for (const LogRecord& entry : timer_log(m, h))
    log.push_back(json{{"at", instant(entry.at)},
                       {"kind", log_kind_name(entry.kind)},
                       {"target", m.versions[entry.version].target(entry.target).pointer},
                       {"aux", entry.aux},
                       {"event", entry.event}});
  const bool paused = t.state == sla::TimerState::kPaused;
  const bool stopped = t.state == sla::TimerState::kStopped;
  return json{{"sla", target.id},
              {"target", target.pointer},
              {"policy", t.version},
              {"policy_version", v.policy.version()},
              {"state", kTimerStates[static_cast<int>(t.state)]},
              {"armed", instant(t.armed)},
              {"base_due", instant(t.base_due)},
              {"due", instant(t.due)},
              {"paused_since", paused ? instant(t.paused_since) : json(nullptr)},
              {"paused_open", t.paused_open},
              {"ended", stopped ? instant(t.ended) : json(nullptr)},
              {"next_at", instant(t.next_at)},
              {"warn_span", t.warn_span},
              {"warnings_fired", t.next_warning},
              {"breached", t.breached},
              {"satisfied", t.satisfied},
              {"quota_count", t.quota_count},
              {"quota_period", t.quota_period},
              {"log", std::move(log)}};
}

json entity_json(const Engine::Impl& m, const EntityRecord& e) {
  json history = json::array();
  for (std::size_t i = 0; i < e.history.size(); ++i)
    history.push_back(event_json(e.history.event(m.histories, i, e.kind, e.key),
                                 e.history.version(m.histories, i)));
  json emitted = json::array();
  for (const EmittedRecord& r : e.emitted)
    emitted.push_back(json{{"seq", r.seq},
                           {"kind", notification_kind_name(r.kind)},
                           {"at", instant(r.at)},
                           {"due", instant(r.due)},
                           {"sla", r.sla},
                           {"fraction_millionths", r.fraction_millionths},
                           {"offset", time::format_offset(r.offset)}});
  json not_started = json::array();
  for (const NotStarted& n : e.not_started)
    not_started.push_back(
        json{{"sla", not_started_sla(m, n)},
             {"target", not_started_target(m, n)},
             {"at", instant(n.at)},
             {"why", not_started_why(m, n)}});
  json timers = json::array();
  for (std::uint32_t h : e.timers) timers.push_back(timer_json(m, h));
  json out{{"kind", policy::entity_kind_name(e.kind)},
              {"key", e.key},
              {"state", domain::state_name(e.kind, e.state)},
              {"attrs", attributes(e.attrs)},
              {"customer", e.customer},
              {"created", instant(e.created)},
              {"last_event", instant(e.last_event)},
              {"closed_at", e.closed_at ? instant(*e.closed_at) : json(nullptr)},
              {"history", std::move(history)},
              {"emitted", std::move(emitted)},
              {"not_started", std::move(not_started)},
              {"timers", std::move(timers)}};
  // A claim's sign-off chain, legal referrals, insurer and salvage (parsed
  // into the sorted json, so canonical like the rest).
  if (e.claim) out["claim"] = json::parse(internal::claim_json(e));

  // Only an entity that climbed its escalation ladder shows its rung.
  if (e.level != 0) out["escalation_level"] = e.level;
  // Only a migrated entity lists its migrations.
  if (!e.migrations.empty()) {
    json migrations = json::array();
    for (const Migration& g : e.migrations)
      migrations.push_back(json{{"at", instant(g.at)}, {"policy", g.version}, {"after", g.after}});
    out["migrations"] = std::move(migrations);
  }
  return out;
}

}  // namespace

std::string Engine::canonical_state() const {
  const Impl& m = *impl_;

  json policies = json::array();
  for (const PolicyVersion& v : m.versions) policies.push_back(v.policy.version());

  // Entities by (kind, key): the key maps hold exactly the live ones.
  std::vector<std::pair<std::pair<int, std::string_view>, std::uint32_t>> order;
  for (std::size_t kind = 0; kind < m.keys.size(); ++kind)
    m.keys[kind].for_each([&](std::uint64_t, std::uint32_t h) {
      order.push_back({{static_cast<int>(kind), m.entities[h].key}, h});
    });
  std::sort(order.begin(), order.end());
  json entities = json::array();
  for (const auto& item : order) entities.push_back(entity_json(m, m.entities[item.second]));

  // Pending notifications in the contract's order; their own JSON (seq 0,
  // not yet numbered) breaks the remaining ties.
  std::vector<std::string> pending;
  pending.reserve(m.pending.size());
  for (const Pending& p : m.pending) pending.push_back(to_json(p.n));
  std::sort(pending.begin(), pending.end());
  json pending_json = json::array();
  for (const std::string& line : pending) pending_json.push_back(json::parse(line));

  json ids = json::array();
  std::vector<std::tuple<std::string_view, Instant, std::uint64_t>> seen;
  seen.reserve(m.remembered_count());
  m.for_each_remembered([&](std::string_view id, Instant at, std::uint64_t hash) {
    seen.emplace_back(id, at, hash);
  });
  std::sort(seen.begin(), seen.end());
  for (const auto& [id, at, hash] : seen)
    ids.push_back(json{{"id", id}, {"at", instant(at)}, {"content_hash", hex(hash)}});

  json out{{"format", "kefu-canonical-state/1"},
           {"clock", m.clock ? instant(*m.clock) : json(nullptr)},
           {"next_seq", m.next_seq},
           {"policies", std::move(policies)},
           {"entities", std::move(entities)},
           {"pending", std::move(pending_json)},
           {"remembered_ids", std::move(ids)}};
  // The KPI months closed so far, as kpi_json writes them, once the engine
  // counts months at all.
  if (m.kpi_next_month)
    out["kpi"] = json{{"next_month", instant(*m.kpi_next_month)},
                      {"closed", json::parse(kpi_json(m.kpi_closed, m.versions.back().policy))
                                     ["months"]}};
  return out.dump();
}

}  // namespace kefu::engine
