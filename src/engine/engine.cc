// The engine facade: ingest, advance, late events and re-targeting.
//
// Invariant: before an event at t is applied to an entity, every firing of
// its timers before t has been processed (catch_up), so a stop at t sees a
// timer exactly as it stood at t. Firings computed ahead of the clock wait
// in `pending` until an advance releases them.
//
// A late event (older than the clock, or than the entity's last event) is
// applied by re-building the entity from its history with the event in
// place, then reconciling: notifications released that should not have been
// get a correction; ones that were missed are released marked late.
#include "kefu/engine/engine.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <numeric>
#include <string_view>
#include <utility>

#include "domain/compiled_lifecycle.h"
#include "engine/claim_rules.h"
#include "engine/engine_state.h"
#include "engine/kpi_months.h"
#include "engine/service_rules.h"

namespace kefu::engine {

// Event names compare as string_views: a `std::string == "literal"` calls
// strlen and compare on every event.
using namespace std::string_view_literals;

namespace {

using domain::Event;
using policy::SlaTarget;
using sla::Timer;
using sla::TimerState;

static_assert(sizeof(Timer) == 80, "a million timers: keep the record at 80 bytes");

constexpr std::chrono::seconds kOneSecond{1};

std::string label(policy::EntityKind kind, std::string_view key) {
  return std::string(policy::entity_kind_name(kind)) + ":" + std::string(key);
}

bool is_open_timer(const Timer& t) {
  return t.state == TimerState::kRunning || t.state == TimerState::kPaused;
}

// Notes timers[i] of `e` closed when it is: closed, and out of the due
// index for good (EntityRecord::closed_timers).
void note_if_closed(EntityRecord& e, std::size_t i, const Timer& t) {
  if (!is_open_timer(t) && t.next_at == Instant::max()) e.note_closed(i);
}

PolicyVersion compile_version(policy::Policy p) {
  PolicyVersion v{std::move(p), {}, {}, {}, {}, {}};
  const auto& targets = v.policy.sla();
  v.targets = targets.data();
  v.late_window = v.policy.late_window();
  v.retention = v.policy.retention();
  auto number = [&](const std::string& type) {
    auto [it, added] = v.type_ids.try_emplace(type, static_cast<std::uint16_t>(v.type_ids.size()));
    return it->second;
  };
  for (const SlaTarget& t : targets) {
    for (const auto* list : {&t.start, &t.stop, &t.pause, &t.resume, &t.restart})
      for (const std::string& type : *list) number(type);
    if (const auto* quota = std::get_if<policy::Quota>(&t.target)) number(quota->of);
  }
  const std::size_t types = v.type_ids.size();
  v.starts.resize(types);
  v.actions.assign(targets.size(), std::vector<std::uint8_t>(types, kNoAction));
  std::unordered_map<std::string, std::uint16_t> group_of;
  for (std::size_t i = 0; i < targets.size(); ++i) {
    const SlaTarget& t = targets[i];
    auto [it, added] = group_of.try_emplace(t.id, static_cast<std::uint16_t>(v.groups.size()));
    if (added) v.groups.emplace_back();
    v.groups[it->second].push_back(static_cast<std::uint16_t>(i));
    for (const std::string& type : t.start) {
      auto& list = v.starts[v.type_ids.at(type)];
      if (std::find(list.begin(), list.end(), it->second) == list.end())
        list.push_back(it->second);
    }
    // The first list that names the type decides, as apply_to_timer reads
    // them: stop, pause, resume, restart, then the quota's `of`.
    std::vector<std::uint8_t>& action = v.actions[i];
    const std::pair<const std::vector<std::string>*, TypeAction> lists[] = {
        {&t.stop, kStopAction},
        {&t.pause, kPauseAction},
        {&t.resume, kResumeAction},
        {&t.restart, kRestartAction}};
    for (auto it2 = std::rbegin(lists); it2 != std::rend(lists); ++it2)
      for (const std::string& type : *it2->first) action[v.type_ids.at(type)] = it2->second;
    if (const auto* quota = std::get_if<policy::Quota>(&t.target)) {
      std::uint8_t& a = action[v.type_ids.at(quota->of)];
      if (a == kNoAction) a = kCountAction;
    }
    for (const std::string& type : t.start) action[v.type_ids.at(type)] |= kStartsFlag;
  }
  auto add_type = [&v](std::string type, bool known, domain::LifecycleEvent lifecycle) {
    const std::uint64_t hash = hash_bytes(type);
    if (v.event_type(type, hash) != nullptr) return;
    auto id = v.type_ids.find(type);
    v.event_types.insert(
        hash, PolicyVersion::EventType{std::move(type),
                                       id == v.type_ids.end() ? -1 : std::int32_t{id->second},
                                       known, lifecycle});
  };
  for (std::size_t k = 0; k < policy::kEntityKindCount; ++k) {
    const auto kind = static_cast<policy::EntityKind>(k);
    const std::string prefix = std::string(policy::entity_kind_name(kind)) + ".";
    for (std::string_view name : policy::lifecycle_events(kind))
      add_type(prefix + std::string(name), true, domain::lifecycle_event(kind, name));
    for (const std::string& name : v.policy.milestones(kind))
      add_type(prefix + name, true, domain::kNotLifecycleEvent);
  }
  // The rest are not known: ingest refuses them.
  for (const auto& [type, id] : v.type_ids)
    add_type(type, v.policy.knows_event_type(type), domain::kNotLifecycleEvent);
  return v;
}

// The group (targets sharing an id) a target index belongs to.
const std::vector<std::uint16_t>& group_of(const PolicyVersion& v, std::uint16_t target) {
  for (const auto& g : v.groups)
    if (std::find(g.begin(), g.end(), target) != g.end()) return g;
  return v.groups.front();  // unreachable: every target is in a group
}

// The first entry of a group whose `when` holds, or nullopt.
std::optional<std::uint16_t> first_match(const PolicyVersion& v,
                                         const std::vector<std::uint16_t>& group,
                                         const policy::Attributes& attrs) {
  for (std::uint16_t i : group)
    if (policy::matches(v.target(i).when, attrs)) return i;
  return std::nullopt;
}

NotificationKind kind_of(sla::FiringKind k) {
  switch (k) {
    case sla::FiringKind::kWarning: return NotificationKind::kWarning;
    case sla::FiringKind::kReminder: return NotificationKind::kReminder;
    default: return NotificationKind::kBreach;
  }
}

// Operations on the state, shared by the normal and the late path.
class Applier {
 public:
  explicit Applier(Engine::Impl& m) : m_(m) {}

  const PolicyVersion& version_of(const Timer& t) const { return m_.versions[t.version]; }
  const SlaTarget& target_of(const Timer& t) const { return version_of(t).target(t.target); }

  std::uint32_t new_entity(policy::EntityKind kind, std::string key) {
    std::uint32_t h;
    if (!m_.free_entities.empty()) {
      h = m_.free_entities.back();
      m_.free_entities.pop_back();
      m_.entities[h] = EntityRecord();
    } else {
      h = static_cast<std::uint32_t>(m_.entities.size());
      m_.entities.emplace_back();
    }
    EntityRecord& e = m_.entities[h];
    e.live = true;
    e.kind = kind;
    e.key = std::move(key);
    return h;
  }

  void free_entity(std::uint32_t h) {
    for (std::uint32_t t : m_.entities[h].timers) free_timer(t);
    m_.release_history(h);
    m_.entities[h] = EntityRecord();
    m_.free_entities.push_back(h);
  }

  std::uint32_t new_timer(const Timer& t) {
    std::uint32_t h;
    if (!m_.free_timers.empty()) {
      h = m_.free_timers.back();
      m_.free_timers.pop_back();
      m_.timers[h] = t;
    } else {
      h = static_cast<std::uint32_t>(m_.timers.size());
      m_.timers.push_back(t);
    }
    m_.timers[h].log_tail = kNoLogEntry;
    return h;
  }

  void free_timer(std::uint32_t h) {
    Timer& t = m_.timers[h];
    t.state = TimerState::kStopped;
    t.next_at = Instant::max();  // its heap entries go stale
    m_.log.release(t.log_tail);
    t.log_tail = kNoLogEntry;
    m_.free_timers.push_back(h);
  }

  // Re-computes the timer's next firing and queues it.
  void schedule(std::uint32_t h) {
    const Timer& t = m_.timers[h];
    schedule_at(h, sla::next_firing(t, target_of(t)));
  }
  // The same with the timer's next firing computed already (`f`, what
  // next_firing says of it now; fire_until returns it).
  void schedule_at(std::uint32_t h, const std::optional<sla::Firing>& f) {
    Timer& t = m_.timers[h];
    const Instant queued = t.next_at;
    t.next_at = Instant::max();
    if (f) {
      t.next_at = f->at;
      // The entry pushed for `queued` is still in the heap when `queued` is
      // after the clock (advance pops only up to the clock): it serves.
      if (f->at != queued || (m_.clock && queued <= *m_.clock)) m_.heap.push(f->at, h);
      EntityRecord& e = m_.entities[t.entity];
      if (f->at < e.next_due) e.next_due = f->at;
    }
  }

  // A log entry at an instant, with no event behind it (a firing).
  void log_at(std::uint32_t h, Instant at, LogKind kind, std::int32_t aux = 0) {
    Timer& t = m_.timers[h];
    LogEntry e;
    e.when = at.time_since_epoch().count();
    e.aux = aux;
    e.target = t.target;
    e.kind = kind;
    t.log_tail = m_.log.append(t.log_tail, e);
  }

  // A log entry caused by the event being applied (at its instant).
  void log_event(std::uint32_t h, LogKind kind, std::int32_t aux = 0) {
    Timer& t = m_.timers[h];
    LogEntry e;
    e.when = event_index_;
    e.aux = aux;
    e.target = t.target;
    e.kind = kind;
    e.by_event = true;
    t.log_tail = m_.log.append(t.log_tail, e);
  }

  // Fills `n`, a default Notification, in place: a Notification moved is
  // ~400 instructions (a dozen strings), so firings build theirs where the
  // vector keeps it.
  static void fill(Notification& n, const EntityRecord& e, const SlaTarget& target,
                   NotificationKind kind, Instant at, Instant due) {
    n.kind = kind;
    n.at = at;
    n.sla = target.id;
    n.entity = e.kind;
    n.key = e.key;
    n.due = due;
    n.offset = target.calendar->offset();
  }

  // Processes the timer's firings with instant <= limit. `Out` is a
  // std::vector<Pending> or advance's ReleaseList (add_note). Returns the
  // timer's next firing after them (nullopt: none), for schedule_at: the
  // loop computed it to stop, and computing it again (warning instants
  // are calendar arithmetic) would cost as much once more.
  template <typename Out>
  std::optional<sla::Firing> fire_until(std::uint32_t h, Instant limit, Out& out) {
    Timer& t = m_.timers[h];
    const SlaTarget& target = target_of(t);
    std::optional<sla::Firing> f;
    while ((f = sla::next_firing(t, target))) {
      if (f->at > limit) break;
      if (f->kind != sla::FiringKind::kPeriodEnd) {
        Notification& n = add_note(out, t.entity);
        fill(n, m_.entities[t.entity], target, kind_of(f->kind), f->at, f->due);
        n.fraction_millionths = f->fraction_millionths;
        if (f->kind == sla::FiringKind::kBreach)
          if (std::optional<Notification> up = internal::escalate_on_breach(
                  version_of(t).policy, m_.entities[t.entity], target, f->at, f->due))
            add_note(out, t.entity) = std::move(*up);
      }
      log_at(h, f->at, LogKind::kFired,
             static_cast<std::int32_t>(f->kind) * 10000000 + f->fraction_millionths);
      sla::fire(t, target, *f);
      if (t.state == TimerState::kFaulted) log_at(h, f->at, LogKind::kFaulted);
    }
    return f;
  }

  void catch_up(std::uint32_t eh, Instant limit, std::vector<Pending>& out) {
    if (m_.entities[eh].next_due > limit) return;
    Instant earliest = Instant::max();
    EntityRecord& e = m_.entities[eh];
    for (std::size_t i = 0; i < e.timers.size(); ++i) {
      if (!e.may_be_open(i)) continue;  // its next_at is max
      const std::uint32_t h = e.timers[i];
      const Timer& t = m_.timers[h];
      if (t.state == TimerState::kRunning && t.next_at <= limit) {
        schedule_at(h, fire_until(h, limit, out));
      }
      earliest = std::min(earliest, t.next_at);
      note_if_closed(e, i, t);
    }
    e.next_due = earliest;
  }

  // Resolves the event about to be checked and applied, once for both: its
  // lifecycle event and its type's id in each policy version. `entry` is
  // its type in version `version` when the caller has looked it up (ingest
  // has), or null.
  void begin_event(const Event& ev, const PolicyVersion::EventType* entry,
                   std::uint16_t version) {
    event_ = &ev;
    type_hash_.reset();
    type_ids_.fill(kUnknownType);
    if (entry != nullptr && version < type_ids_.size()) type_ids_[version] = entry->id;
    lifecycle_ =
        entry != nullptr ? entry->lifecycle : domain::lifecycle_event(ev.entity, ev.name);
    checked_state_.reset();
  }

  // Whether `ev` may be applied to the entity as it stands (the entity does
  // not change; the state a lifecycle event leads to is kept for apply).
  // After begin_event(ev, ...).
  Status check(const EntityRecord& e, const Event& ev, std::uint16_t version) const {
    assert(event_ == &ev);
    const domain::internal::CompiledLifecycle& lifecycle =
        domain::internal::compiled_lifecycle(e.kind);
    if (lifecycle.is_closed(e.state))
      return Status::Refused(label(e.kind, e.key) + " is closed (" +
                             std::string(domain::state_name(e.kind, e.state)) +
                             "): it accepts no " + ev.type);
    if (lifecycle_ != domain::kNotLifecycleEvent) {
      checked_state_ = lifecycle.next(e.state, lifecycle_);
      if (!checked_state_)
        return Status::Refused(label(e.kind, e.key) + " in state " +
                               std::string(domain::state_name(e.kind, e.state)) +
                               " cannot take " + ev.type);
    }
    if (Status s = internal::check_claim(e, ev, m_.versions[version].policy); !s.ok())
      return s;
    return internal::check_service_event(m_.versions[version].policy, &e, ev);
  }

  // Applies a checked event at its instant; the entity's timers are caught up
  // to just before it. The event is already in the entity's history, at
  // `index`: the log entries it causes point there. After
  // begin_event(ev, ...).
  void apply(std::uint32_t eh, const Event& ev, std::uint16_t version,
             std::vector<Pending>& out, std::uint32_t index) {
    assert(event_ == &ev);
    event_index_ = index;
    EntityRecord& e = m_.entities[eh];
    bool attrs_changed = false;
    if (ev.name == "created"sv) {
      e.state = domain::initial_state(e.kind);
      e.attrs = ev.attrs;
      e.customer = ev.customer;
      e.created = ev.at;
      internal::classify(m_.versions[version].policy, e, ev);
    } else if (lifecycle_ != domain::kNotLifecycleEvent) {
      e.state = checked_state_ ? *checked_state_
                               : *domain::transition(e.kind, e.state, lifecycle_);
      // updated, regraded and escalated are the lifecycle events that keep
      // the state (domain::lifecycle_event): the names are compared only
      // for those.
      const bool keeps_state = lifecycle_ == domain::kKeepsState;
      if (keeps_state && (ev.name == "updated"sv || ev.name == "regraded"sv)) {
        e.attrs.merge(ev.attrs);
        for (const std::string& name : ev.removed) e.attrs.erase(name);
        internal::classify(m_.versions[version].policy, e, ev);
        attrs_changed = true;
      } else if (keeps_state && ev.name == "escalated"sv) {
        internal::escalate_by_event(m_.versions[version].policy, eh, e, ev, out);
      }
    }
    internal::apply_claim(m_, e, ev, m_.versions[version].policy);
    e.last_event = std::max(e.last_event, ev.at);

    const bool closing = domain::internal::compiled_lifecycle(e.kind).is_closed(e.state);
    // The timers before this event's: start_timers appends after them.
    const std::size_t existing = e.timers.size();
    for (std::size_t i = 0; i < existing; ++i) {
      if (!e.may_be_open(i)) continue;
      apply_to_timer(e.timers[i], ev, closing);
      note_if_closed(e, i, m_.timers[e.timers[i]]);
    }
    if (closing) {
      e.closed_at = ev.at;
      m_.closed_order.emplace(ev.at, static_cast<std::uint8_t>(e.kind), e.key);
      return;
    }
    start_timers(eh, ev, version);
    if (attrs_changed)
      for (std::size_t i = 0; i < existing; ++i)
        if (m_.entities[eh].may_be_open(i)) rematch(m_.entities[eh].timers[i], ev, out);
  }

  // What the event being applied does to a timer of version `version`'s
  // target `target`: one type lookup per version and event, then indexes.
  std::uint8_t action_of(std::uint16_t version, std::uint16_t target) {
    const std::int32_t id = type_in(version);
    if (id < 0) return kNoAction;
    return m_.versions[version].actions[target][static_cast<std::size_t>(id)];
  }

  // The event's type id in version `version` (PolicyVersion::type_id),
  // looked up once per version and event. Asked for every timer of the
  // entity: the answer known already is read inline.
  std::int32_t type_in(std::uint16_t version) {
    if (version < type_ids_.size() && type_ids_[version] != kUnknownType)
      return type_ids_[version];
    return look_up_type(version);
  }
  [[gnu::noinline]] std::int32_t look_up_type(std::uint16_t version) {
    std::int32_t looked_up = kUnknownType;
    std::int32_t& id = version < type_ids_.size() ? type_ids_[version] : looked_up;
    if (id == kUnknownType) {
      if (!type_hash_) type_hash_ = hash_bytes(event_->type);
      id = m_.versions[version].type_id(event_->type, *type_hash_);
    }
    return id;
  }

  void apply_to_timer(std::uint32_t h, const Event& ev, bool closing) {
    Timer& t = m_.timers[h];
    if (!is_open_timer(t)) return;
    const SlaTarget& target = target_of(t);
    const std::uint8_t action = action_of(t.version, t.target) & ~kStartsFlag;
    if (closing || action == kStopAction) {
      // aux 1: stopped because the entity closed, not by the target's stop.
      t.state = TimerState::kStopped;
      t.ended = ev.at;
      log_event(h, LogKind::kStopped, action == kStopAction ? 0 : 1);
    } else if (action == kPauseAction) {
      if (t.state == TimerState::kRunning) {
        sla::pause(t, ev.at);
        log_event(h, LogKind::kPaused);
      }
    } else if (action == kResumeAction) {
      if (t.state == TimerState::kPaused) {
        sla::resume(t, target, ev.at);
        log_event(h, LogKind::kResumed);
      }
    } else if (action == kRestartAction) {
      Status s = sla::restart(t, target, ev.at, m_.entities[t.entity].attrs);
      log_event(h, s.ok() ? LogKind::kRestarted : LogKind::kFaulted);
      if (!s.ok()) t.state = TimerState::kFaulted;
    } else if (action == kCountAction) {
      ++t.quota_count;
      log_event(h, LogKind::kCounted, t.quota_count);
    } else {
      return;  // the event means nothing to this timer
    }
    schedule(h);
  }

  // Records why a target did not start, once per reason.
  void note_not_started(EntityRecord& e, NotStarted note) const {
    const std::string& sla = not_started_sla(m_, note);
    for (const NotStarted& n : e.not_started)
      if (n.tried == note.tried && n.message() == note.message() && not_started_sla(m_, n) == sla)
        return;
    e.not_started.push_back(std::move(note));
  }

  void start_timers(std::uint32_t eh, const Event& ev, std::uint16_t version) {
    const PolicyVersion& v = m_.versions[version];
    const std::int32_t type = type_in(version);
    if (type < 0) return;
    for (std::uint16_t g : v.starts[static_cast<std::size_t>(type)]) {
      EntityRecord& e = m_.entities[eh];
      const std::vector<std::uint16_t>& group = v.groups[g];
      const std::string& id = v.target(group.front()).id;
      bool running = false;
      for (std::size_t i = 0; i < e.timers.size() && !running; ++i) {
        if (!e.may_be_open(i)) continue;
        const Timer& t = m_.timers[e.timers[i]];
        running = is_open_timer(t) && target_of(t).id == id;
      }
      if (running) continue;
      std::optional<std::uint16_t> alt = first_match(v, group, e.attrs);
      if (!alt) {
        note_not_started(e, NotStarted{ev.at, version, group.front(), false, {}});
        continue;
      }
      const SlaTarget& target = v.target(*alt);
      if (!(action_of(version, *alt) & kStartsFlag)) continue;
      Timer t;
      t.entity = eh;
      t.version = version;
      t.target = *alt;
      Status s = sla::arm(t, target, ev.at, e.attrs);
      if (!s.ok()) {
        note_not_started(e, NotStarted{ev.at, version, *alt, true,
                                        std::make_unique<const std::string>(s.message())});
        continue;
      }
      std::uint32_t h = new_timer(t);
      m_.entities[eh].timers.push_back(h);
      log_event(h, LogKind::kStarted);
      schedule(h);
    }
  }

  // Open seconds paused since the timer was armed, in `calendar`.
  std::int64_t paused_open(std::uint32_t h, const time::Calendar& calendar) const {
    const Timer& t = m_.timers[h];
    std::int64_t total = 0;
    std::optional<Instant> since;
    for (const LogRecord& entry : timer_log(m_, h)) {
      if (entry.at < t.armed) continue;
      if (entry.kind == LogKind::kPaused) since = entry.at;
      if (entry.kind == LogKind::kResumed && since) {
        Result<time::BusinessDuration> d = calendar.elapsed(*since, entry.at);
        if (d.ok()) total += d->seconds();
        since.reset();
      }
    }
    return total;
  }

  // After an attribute change: switch to the entry that now matches, keeping
  // the open time elapsed and the pauses.
  void rematch(std::uint32_t h, const Event& ev, std::vector<Pending>& out) {
    Timer& t = m_.timers[h];
    if (!is_open_timer(t)) return;
    const PolicyVersion& v = version_of(t);
    std::optional<std::uint16_t> alt =
        first_match(v, group_of(v, t.target), m_.entities[t.entity].attrs);
    if (!alt) return;
    // The same entry still matches: only a `before` target can move, when
    // the attribute it counts back from changed.
    if (*alt == t.target && !std::holds_alternative<policy::BeforeAttribute>(v.target(*alt).target))
      return;
    move_timer(h, t.version, *alt, ev.at, &ev.id, out);
  }

  struct Move {
    Status armed;              // why the entry could not take the timer
    bool moved = false;        // the timer now runs on the entry
    bool late_breach = false;  // its new due had passed: a late breach
  };

  // Moves open timer `h` to entry `entry` of policy version `version`, as
  // if armed there at its own arming instant: the open time elapsed and
  // the pauses carry over, the due is recomputed, warnings before `at`
  // count as passed, and a due already passed gives a breach at `at`,
  // marked late. `event` is the event behind it (an attribute change,
  // logged as a re-target), or null for Engine::migrate (logged as a
  // migration at `at`). Within one version an entry whose due would not
  // change is left alone. Nothing changes when the entry cannot arm.
  Move move_timer(std::uint32_t h, std::uint16_t version, std::uint16_t entry, Instant at,
                  const std::string* event, std::vector<Pending>& out) {
    Move result;
    Timer& t = m_.timers[h];
    const PolicyVersion& v = m_.versions[version];
    const SlaTarget& next = v.target(entry);
    const bool same = version == t.version && entry == t.target;
    Timer moved = t;
    moved.version = version;
    moved.target = entry;
    result.armed = sla::arm(moved, next, t.armed, m_.entities[t.entity].attrs);
    if (!result.armed.ok()) return result;
    moved.state = t.state;
    moved.paused_since = t.paused_since;
    moved.breached = t.breached;
    moved.quota_count = t.quota_count;
    moved.paused_open = paused_open(h, *next.calendar);
    Result<Instant> due = moved.paused_open > 0
                              ? next.calendar->add(moved.base_due,
                                                   time::BusinessDuration(std::chrono::seconds(
                                                       moved.paused_open)))
                              : Result<Instant>(moved.base_due);
    if (!due.ok()) {
      result.armed = due.status();
      return result;
    }
    moved.due = *due;
    if (same && moved.due == t.due) return result;
    // Warnings before now count as passed under the new target.
    moved.next_warning = 0;
    while (moved.next_warning < next.warn_at_millionths.size()) {
      std::optional<Instant> w = sla::warning_instant(moved, next, moved.next_warning);
      if (w && *w >= at) break;
      ++moved.next_warning;
    }
    const std::uint16_t from = t.version;
    t = moved;
    result.moved = true;
    if (event)
      log_event(h, LogKind::kRetargeted);
    else
      log_at(h, at, LogKind::kMigrated, from);
    // A paused timer's due keeps moving with the pause: count it so far.
    Instant effective_due = t.due;
    if (t.state == TimerState::kPaused) {
      Result<time::BusinessDuration> ongoing = next.calendar->elapsed(t.paused_since, at);
      std::int64_t open = t.paused_open + (ongoing.ok() ? ongoing->seconds() : 0);
      Result<Instant> moved_due =
          open > 0 ? next.calendar->add(t.base_due, time::BusinessDuration(std::chrono::seconds(open)))
                   : Result<Instant>(t.base_due);
      if (moved_due.ok()) effective_due = *moved_due;
    }
    if (!sla::is_recurring(next) && !sla::is_quota(next) && !t.breached && effective_due < at) {
      Notification& n = add_note(out, t.entity);
      fill(n, m_.entities[t.entity], next, NotificationKind::kBreach, at, t.due);
      n.late = true;
      if (event) n.event = *event;
      if (std::optional<Notification> up =
              internal::escalate_on_breach(v.policy, m_.entities[t.entity], next, at, t.due))
        add_note(out, t.entity) = std::move(*up);
      t.breached = true;
      result.late_breach = true;
      log_at(h, at, LogKind::kFired,
             static_cast<std::int32_t>(sla::FiringKind::kBreach) * 10000000);
    }
    schedule(h);
    return result;
  }

  // Engine::migrate for one entity, its timers caught up to `at`: each open
  // timer of an older version moves to the first entry of its target id
  // that matches in `version`, or stops when none does. Adds to `report`
  // when given (a re-build repeats a migration without reporting it).
  void migrate_entity(std::uint32_t eh, std::uint16_t version, Instant at,
                      std::vector<Pending>& out, MigrationReport* report) {
    catch_up(eh, at, out);
    const PolicyVersion& v = m_.versions[version];
    for (std::uint32_t h : m_.entities[eh].timers) {
      Timer& t = m_.timers[h];
      if (!is_open_timer(t) || t.version >= version) continue;
      const EntityRecord& e = m_.entities[eh];
      const SlaTarget& old = target_of(t);
      MigrationChange change;
      change.entity = e.kind;
      change.key = e.key;
      change.sla = old.id;
      change.from_version = version_of(t).policy.version();
      change.from_target = old.pointer;
      change.at = at;
      change.due_before = t.due;
      change.offset = old.calendar->offset();
      const std::vector<std::uint16_t>* group = nullptr;
      for (const auto& g : v.groups)
        if (v.target(g.front()).id == old.id) group = &g;
      std::optional<std::uint16_t> entry;
      if (group) entry = first_match(v, *group, e.attrs);
      Move move;
      if (entry) move = move_timer(h, version, *entry, at, nullptr, out);
      if (report) ++report->examined;
      if (!move.moved) {
        change.what = "stopped";
        change.why = !group ? "policy version " + v.policy.version() + " has no target \"" +
                                  old.id + "\""
                     : !entry ? "no entry of \"" + old.id + "\" in policy version " +
                                    v.policy.version() + " matches the attributes"
                              : "entry " + v.target(*entry).pointer +
                                    " cannot take the timer: " + move.armed.message();
        t.state = TimerState::kStopped;
        t.ended = at;
        log_at(h, at, LogKind::kStopped, kStoppedByMigration + version);
        schedule(h);
      } else {
        if (!report) continue;
        const SlaTarget& now = target_of(t);
        if (now.pointer == old.pointer && t.due == change.due_before && !move.late_breach) {
          ++report->unchanged;
          continue;
        }
        change.what = "retargeted";
        change.to_target = now.pointer;
        change.due_after = t.due;
        change.late_breach = move.late_breach;
        change.why = why_matched(v, t.target);
      }
      if (report) report->changes.push_back(std::move(change));
    }
  }

 private:
  Engine::Impl& m_;
  std::uint32_t event_index_ = 0;  // of the event being applied, in its entity's history
  // The event being checked and applied (begin_event), its lifecycle event,
  // and its type's id in each policy version.
  static constexpr std::int32_t kUnknownType = -2;
  const Event* event_ = nullptr;
  domain::LifecycleEvent lifecycle_ = domain::kNotLifecycleEvent;
  // The state check found the event leads to (lifecycle events), for
  // apply: the same entity, unchanged in between.
  mutable std::optional<domain::State> checked_state_;
  std::optional<std::uint64_t> type_hash_;  // hash_bytes(event_->type), once needed
  std::array<std::int32_t, 4> type_ids_{};  // the first versions' (no allocation)
};

bool same_notification(const EmittedRecord& r, const Notification& n) {
  return r.kind == n.kind && r.at == n.at && r.due == n.due && r.sla == n.sla &&
         r.fraction_millionths == n.fraction_millionths;
}

// Re-builds entity `eh` (or creates one, eh == nullopt) from its history
// with `ev` in place, then reconciles what was already released.
Status apply_late(Engine::Impl& m, std::optional<std::uint32_t> eh, const Event& ev,
                  std::uint64_t id_hash) {
  Applier a(m);
  // The entity's events decoded, with `ev` in place; the re-built entity's
  // history takes each as it is applied (the log entries it causes point
  // at it).
  std::vector<std::pair<Event, std::uint16_t>> history;
  if (eh) {
    const EntityRecord& old = m.entities[*eh];
    history.reserve(old.history.size() + 1);
    for (std::size_t i = 0; i < old.history.size(); ++i)
      history.emplace_back(old.history.event(m.histories, i, old.kind, old.key),
                           old.history.version(m.histories, i));
  }
  auto pos = std::upper_bound(history.begin(), history.end(), ev.at,
                              [](Instant at, const auto& item) { return at < item.first.at; });
  const auto index = static_cast<std::uint32_t>(pos - history.begin());
  history.insert(pos, {ev, static_cast<std::uint16_t>(m.versions.size() - 1)});

  const std::uint32_t fresh = a.new_entity(ev.entity, ev.key);
  if (eh) m.entities[fresh].migrations = m.entities[*eh].migrations;
  const std::vector<Migration>& migrations = m.entities[fresh].migrations;
  std::size_t next_migration = 0;
  std::uint32_t applied_at_instant = 0;  // events applied at the last one's instant
  std::vector<Pending> expected;
  for (std::size_t i = 0; i < history.size(); ++i) {
    const Event& hev = history[i].first;
    const std::uint16_t version = history[i].second;
    applied_at_instant = i > 0 && history[i - 1].first.at == hev.at ? applied_at_instant : 0;
    // The migrations made before this event arrived, where they were made.
    while (next_migration < migrations.size() &&
           (migrations[next_migration].at < hev.at ||
            (migrations[next_migration].at == hev.at &&
             migrations[next_migration].after <= applied_at_instant))) {
      const Migration& g = migrations[next_migration++];
      a.migrate_entity(fresh, g.version, g.at, expected, nullptr);
    }
    ++applied_at_instant;
    a.begin_event(hev, nullptr, version);
    Status s;
    if (i == 0 && hev.name != "created"sv)
      s = Status::Refused("event at " + time::format_instant(hev.at, time::UtcOffset()) +
                          " would precede the creation of " + label(ev.entity, ev.key));
    else if (i > 0)
      s = a.check(m.entities[fresh], hev, version);
    if (!s.ok()) {
      if (hev.id != ev.id)
        s = Status::Refused("with it, the entity's history becomes illegal: " + s.message());
      a.free_entity(fresh);
      return s;
    }
    a.catch_up(fresh, hev.at - kOneSecond, expected);
    m.entities[fresh].history.append(m.histories, fresh, hev, version, ev.entity, ev.key);
    a.apply(fresh, hev, version, expected, static_cast<std::uint32_t>(i));
  }
  for (; next_migration < migrations.size(); ++next_migration)
    a.migrate_entity(fresh, migrations[next_migration].version, migrations[next_migration].at,
                     expected, nullptr);
  // Without a clock nothing was released yet: every firing is pending.
  const Instant clock = m.clock.value_or(time::kMinInstant);
  if (m.clock) a.catch_up(fresh, clock, expected);

  // Reconcile with what the old entity released.
  EntityRecord& rebuilt = m.entities[fresh];
  std::vector<bool> matched(expected.size(), false);
  std::vector<Pending> corrections;
  if (eh) {
    for (const EmittedRecord& r : m.entities[*eh].emitted) {
      bool found = false;
      for (std::size_t i = 0; i < expected.size() && !found; ++i) {
        if (!matched[i] && expected[i].n.at <= clock && same_notification(r, expected[i].n)) {
          matched[i] = found = true;
        }
      }
      if (found) {
        rebuilt.emitted.push_back(r);
        continue;
      }
      Notification c;
      c.kind = NotificationKind::kCorrection;
      c.at = r.at;
      c.sla = r.sla;
      c.entity = ev.entity;
      c.key = ev.key;
      c.due = r.due;
      c.offset = r.offset;
      c.event = ev.id;
      c.corrects = r.seq;
      corrections.push_back(Pending{*eh, std::move(c)});
    }
  }
  const std::uint32_t home = eh ? *eh : fresh;
  std::erase_if(m.pending, [&](const Pending& p) { return p.entity == home; });
  for (std::size_t i = 0; i < expected.size(); ++i) {
    if (matched[i]) continue;
    Pending p = std::move(expected[i]);
    p.entity = home;
    if (p.n.at <= clock) {
      p.n.late = true;
      if (p.n.event.empty()) p.n.event = ev.id;
    }
    m.pending.push_back(std::move(p));
  }
  for (Pending& c : corrections) m.pending.push_back(std::move(c));

  if (eh) {
    // Move the rebuilt record into the entity's place.
    for (std::uint32_t h : m.entities[*eh].timers) a.free_timer(h);
    // The old records go first: releasing them may move the re-built
    // entity's records (their owner is still `fresh`), and once moved the
    // records name their new owner.
    m.release_history(*eh);
    EntityRecord moved = std::move(m.entities[fresh]);
    for (std::uint32_t h : moved.timers) m.timers[h].entity = *eh;
    for (const HistoryArena::Ref r : moved.history.refs()) m.histories.set_owner(r, *eh);
    m.entities[fresh] = EntityRecord();
    m.free_entities.push_back(fresh);
    m.entities[*eh] = std::move(moved);
    m.shift_ids(*eh, index);
  } else {
    m.index_entity(ev.entity, ev.key, fresh);
  }
  m.remember(id_hash, home, index);
  return Status();
}

}  // namespace

Engine::Engine(policy::Policy policy) : impl_(std::make_unique<Impl>()) {
  load_policy(std::move(policy));
}
Engine::~Engine() = default;
Engine::Engine(Engine&&) noexcept = default;
Engine& Engine::operator=(Engine&&) noexcept = default;

void Engine::load_policy(policy::Policy policy) {
  impl_->versions.push_back(compile_version(std::move(policy)));
}

const policy::Policy& Engine::policy() const { return impl_->versions.back().policy; }

MigrationReport Engine::migrate() {
  Impl& m = *impl_;
  const auto to = static_cast<std::uint16_t>(m.versions.size() - 1);
  MigrationReport report;
  report.to_version = m.versions.back().policy.version();
  // Every entity with an event of an older version: those with open
  // timers now, and those a late event could give one (its re-build
  // repeats the migration at the same point).
  std::vector<std::uint32_t> affected;
  for (std::uint32_t h = 0; h < m.entities.size(); ++h) {
    const EntityRecord& e = m.entities[h];
    if (!e.live) continue;
    for (std::size_t i = 0; i < e.history.size(); ++i) {
      if (e.history.version(m.histories, i) < to) {
        affected.push_back(h);
        break;
      }
    }
  }
  std::sort(affected.begin(), affected.end(), [&](std::uint32_t a, std::uint32_t b) {
    return std::tie(m.entities[a].kind, m.entities[a].key) <
           std::tie(m.entities[b].kind, m.entities[b].key);
  });
  Applier a(m);
  for (std::uint32_t h : affected) {
    EntityRecord& e = m.entities[h];
    // After everything the entity was told and the clock has seen.
    if (!e.migrations.empty() && e.migrations.back().version == to) continue;  // done already
    const Instant at = std::max(m.clock.value_or(time::kMinInstant), e.last_event);
    std::uint32_t after = 0;
    for (std::size_t i = 0; i < e.history.size(); ++i)
      after += e.history.at(m.histories, i) == at ? 1 : 0;
    a.migrate_entity(h, to, at, m.pending, &report);
    m.entities[h].migrations.push_back(Migration{at, to, after});
  }
  return report;
}

std::optional<time::Instant> Engine::clock() const { return impl_->clock; }

Result<IngestOutcome> Engine::ingest_json(std::string_view line) {
  Result<domain::Event> event =
      domain::parse_event(line, impl_->versions.back().policy.event_limits());
  if (!event.ok()) return event.status();
  return ingest(event.value());
}

Result<IngestOutcome> Engine::ingest(const domain::Event& ev) {
  Impl& m = *impl_;
  auto refuse = [&](const Status& s) { return s.with_event(ev.id, label(ev.entity, ev.key)); };
  const PolicyVersion& current = m.versions.back();

  // One hash of the id; it is remembered once the event is in its entity's
  // history, which is where the remembered id points. Both tables' slots
  // are loaded at once, two cache misses in parallel, while the type is
  // looked up.
  const std::uint64_t id_hash = hash_bytes(ev.id);
  const std::uint64_t key_hash = hash_bytes(ev.key);
  m.seen.prefetch(id_hash);
  m.keys[static_cast<std::size_t>(ev.entity)].prefetch(key_hash);
  const PolicyVersion::EventType* type = current.event_type(ev.type, hash_bytes(ev.type));
  if (type == nullptr || !type->known)
    return refuse(Status::InvalidArgument("unknown event type \"" + ev.type +
                                          "\": not a lifecycle event or a declared milestone",
                                          "/type"));
  if (const std::optional<std::uint64_t> content = m.remembered(id_hash, ev.id)) {
    if (*content == ev.content_hash) return IngestOutcome::kDuplicate;
    return refuse(Status::Refused("event id \"" + ev.id +
                                  "\" was already accepted with different content"));
  }
  if (m.clock && ev.at < *m.clock - current.late_window)
    return refuse(Status::Refused("event at " + time::format_instant(ev.at, time::UtcOffset()) +
                                  " is older than the late window before the clock (" +
                                  time::format_instant(*m.clock, time::UtcOffset()) + ")"));

  std::optional<std::uint32_t> eh = m.find_entity(ev.entity, ev.key, key_hash);
  const bool creates = ev.name == "created"sv;
  if (creates && eh)
    return refuse(Status::Refused(label(ev.entity, ev.key) + " already exists"));
  if (!creates && !eh)
    return refuse(Status::NotFound(label(ev.entity, ev.key) + " does not exist"));
  if (Status s = internal::check_claim_filing(m, ev); !s.ok()) return refuse(s);
  if (creates)
    if (Status s = internal::check_service_event(current.policy, nullptr, ev); !s.ok())
      return refuse(s);

  if (eh && m.entities[*eh].history.full())
    return refuse(Status::Refused(label(ev.entity, ev.key) + " holds " +
                                  std::to_string(EventHistory::kMaxBytes) +
                                  " bytes of history: it takes no more events"));

  Applier a(m);
  const bool late = (m.clock && ev.at < *m.clock) ||
                    (eh && ev.at < m.entities[*eh].last_event);
  if (late) {
    if (Status s = apply_late(m, eh, ev, id_hash); !s.ok()) return refuse(s);
  } else {
    const auto version = static_cast<std::uint16_t>(m.versions.size() - 1);
    a.begin_event(ev, type, version);
    if (eh) {
      const EntityRecord& e = m.entities[*eh];
      // catch_up and apply read the entity's timers: their handles are in
      // the record, so every timer starts loading now, while the event is
      // checked and goes into the history (cache misses in parallel, not
      // one after another).
      for (std::size_t i = 0; i < e.timers.size(); ++i)
        if (e.may_be_open(i)) m.timers.prefetch(e.timers[i]);
      if (Status s = a.check(e, ev, version); !s.ok()) return refuse(s);
    } else {
      eh = a.new_entity(ev.entity, ev.key);
      m.index_entity(ev.entity, ev.key, *eh);
    }
    // Into the history first: the log entries the event causes point at
    // it (a catch-up reads only the entries before it).
    EventHistory& history = m.entities[*eh].history;
    const auto index = static_cast<std::uint32_t>(history.size());
    m.seen_order.push(ev.at, id_hash);
    history.append(m.histories, *eh, ev, version, ev.entity, ev.key);
    m.remember(id_hash, *eh, index);
    a.catch_up(*eh, ev.at - kOneSecond, m.pending);
    a.apply(*eh, ev, version, m.pending, index);
    return IngestOutcome::kAccepted;
  }
  m.seen_order.push(ev.at, id_hash);
  return IngestOutcome::kAccepted;
}

namespace {

// Reorders `items` so that position k holds what was at order[k]; `order`
// (a permutation of the positions) is used up. One cycle at a time, each
// item moved once.
template <typename T>
void permute_in_place(std::vector<T>& items, std::vector<std::uint32_t>& order) {
  for (std::uint32_t start = 0; start < order.size(); ++start) {
    if (order[start] == start) continue;
    T held = std::move(items[start]);
    std::uint32_t at = start;
    for (;;) {
      const std::uint32_t from = order[at];
      order[at] = at;
      if (from == start) {
        items[at] = std::move(held);
        break;
      }
      items[at] = std::move(items[from]);
      at = from;
    }
  }
}

}  // namespace

std::vector<Notification> Engine::advance(time::Instant now) {
  std::vector<Notification> result;
  advance(now, &result);
  return result;
}

void Engine::advance(time::Instant now, std::vector<Notification>* result) {
  Impl& m = *impl_;
  result->clear();
  if (m.clock && now < *m.clock) return;
  m.clock = now;
  Applier a(m);
  ReleaseList& out = m.released;  // empty between calls
  DueEntry top;
  const auto prefetch = [&m](std::uint32_t h) { m.timers.prefetch(h); };
  while (m.heap.pop_due(now, &top, prefetch)) {
    if (m.timers[top.timer].next_at != top.instant()) continue;  // stale
    // Full: room for the rest of what is due in this bucket at once (and
    // never less than doubling, so growth stays geometric).
    if (out.notes.size() == out.notes.capacity())
      out.notes.reserve(std::max({std::size_t{8}, 2 * out.notes.capacity(),
                                  out.notes.size() + m.heap.due_in_bucket(now) + 1}));
    a.schedule_at(top.timer, a.fire_until(top.timer, now, out));
  }
  if (!m.pending.empty()) {
    auto ready = std::stable_partition(m.pending.begin(), m.pending.end(),
                                       [&](const Pending& p) { return p.n.at > now; });
    for (auto p = ready; p != m.pending.end(); ++p) add_note(out, p->entity) = std::move(p->n);
    m.pending.erase(ready, m.pending.end());
  }
  internal::close_kpi_months(m, now, out);
  // Numbered in the contract's order. Most advances release what is in
  // order already (one timer's firings, or none): the result is then the
  // list itself, and no notification moves.
  std::vector<Notification>& notes = out.notes;
  std::vector<std::uint32_t>& order = m.release_order;
  order.resize(notes.size());
  std::iota(order.begin(), order.end(), 0U);
  const auto before = [&notes](std::uint32_t x, std::uint32_t y) {
    return notification_before(notes[x], notes[y]);
  };
  const bool in_order = std::is_sorted(order.begin(), order.end(), before);
  if (!in_order) std::stable_sort(order.begin(), order.end(), before);
  for (const std::uint32_t i : order) {
    Notification& n = notes[i];
    n.seq = m.next_seq++;
    if (n.kind == NotificationKind::kCorrection || n.kind == NotificationKind::kKpi) continue;
    std::vector<EmittedRecord>& emitted = m.entities[out.entities[i]].emitted;
    // Most entities that emit anything emit one or two (a warning, a
    // breach): room for two at once saves the first re-allocation.
    if (emitted.empty()) emitted.reserve(2);
    emitted.push_back(
        EmittedRecord{n.kind, n.fraction_millionths, n.at, n.due, n.seq, n.sla, n.offset});
  }
  // Put in order where they are (a release out of order can be a clump of
  // a hundred thousand, 328 bytes each: a second buffer for them would be
  // that many fresh pages, bench/README.md, run O); then the caller's
  // vector and the release list trade buffers: the list keeps the caller's
  // last one (cleared), so a caller that passes the same vector back each
  // time makes no allocation once both have room.
  if (!in_order) permute_in_place(notes, order);
  if (!notes.empty()) result->swap(notes);
  out.entities.clear();

  // Forget what the policy says to forget.
  const PolicyVersion& current = m.versions.back();
  while (!m.closed_order.empty() &&
         std::get<0>(m.closed_order.top()) + current.retention <= now) {
    auto [closed_at, kind, key] = m.closed_order.top();
    m.closed_order.pop();
    const std::size_t slot =
        m.find_entity_slot(static_cast<policy::EntityKind>(kind), key, hash_bytes(key));
    if (slot == FlatTable<std::uint32_t>::kNone) continue;
    const std::uint32_t h = m.keys[kind].at(slot);
    if (m.entities[h].closed_at != closed_at) continue;  // re-built since
    m.keys[kind].erase(slot);
    std::erase_if(m.pending, [&](const Pending& p) { return p.entity == h; });
    m.orphan_ids(h);
    a.free_entity(h);
  }
  while (!m.seen_order.empty() && m.seen_order.top().first < now - current.late_window) {
    const auto [at, hash] = m.seen_order.top();
    m.seen_order.pop();
    m.forget_id(at, hash);
  }
}

std::optional<std::uint64_t> Engine::Impl::remembered(std::uint64_t id_hash,
                                                      std::string_view id) const {
  if (const std::size_t slot = seen.find(
          id_hash,
          [&](const SeenRef& r) {
            return entities[r.entity].history.id(histories, r.index) == id;
          });
      slot != FlatTable<SeenRef>::kNone) {
    const SeenRef& r = seen.at(slot);
    return entities[r.entity].history.content_hash(histories, r.index);
  }
  if (const std::size_t slot = seen_orphans.find(id_hash, [&](const SeenId& s) { return s.id == id; });
      slot != FlatTable<SeenId>::kNone)
    return seen_orphans.at(slot).hash;
  return std::nullopt;
}

void Engine::Impl::forget_id(Instant at, std::uint64_t id_hash) {
  // Two ids of one hash differ in their instant, or either may go first.
  if (const std::size_t slot = seen.find(
          id_hash,
          [&](const SeenRef& r) {
            return entities[r.entity].history.at(histories, r.index) == at;
          });
      slot != FlatTable<SeenRef>::kNone)
    return seen.erase(slot);
  if (const std::size_t slot = seen_orphans.find(id_hash, [&](const SeenId& s) { return s.at == at; });
      slot != FlatTable<SeenId>::kNone)
    seen_orphans.erase(slot);
}

void Engine::Impl::orphan_ids(std::uint32_t h) {
  const EventHistory& history = entities[h].history;
  for (std::uint32_t i = 0; i < history.size(); ++i) {
    const std::string_view id = history.id(histories, i);
    const std::uint64_t id_hash = hash_bytes(id);
    const std::size_t slot = seen.find(
        id_hash, [&](const SeenRef& r) { return r.entity == h && r.index == i; });
    if (slot == FlatTable<SeenRef>::kNone) continue;  // forgotten already
    seen.erase(slot);
    seen_orphans.insert(id_hash,
                        SeenId{history.content_hash(histories, i), history.at(histories, i),
                               std::string(id)});
  }
}

void Engine::Impl::shift_ids(std::uint32_t h, std::uint32_t index) {
  // From the last: event j is found at its old place j - 1, which no event
  // already moved holds.
  const EventHistory& history = entities[h].history;
  for (auto j = static_cast<std::uint32_t>(history.size()) - 1; j > index; --j) {
    const std::size_t slot = seen.find(
        hash_bytes(history.id(histories, j)),
        [&](const SeenRef& r) { return r.entity == h && r.index == j - 1; });
    if (slot != FlatTable<SeenRef>::kNone) seen.at(slot).index = j;
  }
}

std::vector<LogRecord> timer_log(const Engine::Impl& m, std::uint32_t h) {
  const Timer& t = m.timers[h];
  const EntityRecord& e = m.entities[t.entity];
  std::vector<LogRecord> out;
  for (const LogEntry* entry : m.log.list(t.log_tail)) {
    LogRecord r;
    r.kind = entry->kind;
    r.target = entry->target;
    r.aux = entry->aux;
    if (entry->by_event) {
      const auto index = static_cast<std::size_t>(entry->when);
      r.at = e.history.at(m.histories, index);
      r.event = e.history.id(m.histories, index);
    } else {
      // Copied out first: `when` is a member of a packed struct, and
      // seconds' constructor takes a reference, which would be misaligned
      // (UBSan, found by tests/fuzz/policy_fuzz.cc).
      const std::int64_t when = entry->when;
      r.at = Instant(std::chrono::seconds(when));
    }
    out.push_back(r);
  }
  // Each entry names a target of the version in force when it was written:
  // the timer's own, before a migration the version it came from.
  std::uint16_t version = t.version;
  for (auto it = out.rbegin(); it != out.rend(); ++it) {
    it->version = version;
    if (it->kind == LogKind::kMigrated) version = static_cast<std::uint16_t>(it->aux);
  }
  return out;
}

namespace {

TimerView view_of(const Engine::Impl& m, std::uint32_t h) {
  const Timer& t = m.timers[h];
  const PolicyVersion& v = m.versions[t.version];
  const SlaTarget& target = v.target(t.target);
  const EntityRecord& e = m.entities[t.entity];
  static constexpr std::string_view kStates[] = {"running", "paused", "stopped", "faulted"};
  TimerView view;
  view.sla = target.id;
  view.target = target.pointer;
  view.entity = e.kind;
  view.key = e.key;
  view.state = std::string(kStates[static_cast<int>(t.state)]);
  view.breached = t.breached;
  view.armed = t.armed;
  view.due = t.due;
  if (t.state == TimerState::kStopped) view.ended = t.ended;
  view.calendar = target.calendar_name;
  view.offset = target.calendar->offset();
  view.policy_version = v.policy.version();
  return view;
}

}  // namespace

Result<std::vector<TimerView>> Engine::timers_of(policy::EntityKind kind,
                                                 std::string_view key) const {
  const Impl& m = *impl_;
  const std::optional<std::uint32_t> eh = m.find_entity(kind, key);
  if (!eh) return Status::NotFound(label(kind, key) + " does not exist");
  std::vector<TimerView> out;
  for (std::uint32_t h : m.entities[*eh].timers) out.push_back(view_of(m, h));
  return out;
}

std::vector<TimerView> Engine::open_timers_due_before(time::Instant t) const {
  const Impl& m = *impl_;
  std::vector<TimerView> out;
  for (const EntityRecord& e : m.entities) {
    if (!e.live) continue;
    for (std::uint32_t h : e.timers)
      if (is_open_timer(m.timers[h]) && m.timers[h].due < t) out.push_back(view_of(m, h));
  }
  std::stable_sort(out.begin(), out.end(), [](const TimerView& a, const TimerView& b) {
    return std::tie(a.due, a.key, a.sla) < std::tie(b.due, b.key, b.sla);
  });
  return out;
}

EngineStats Engine::stats() const {
  const Impl& m = *impl_;
  EngineStats s;
  for (const EntityRecord& e : m.entities) {
    if (!e.live) continue;
    ++s.entities;
    s.events += e.history.size();
    for (std::uint32_t h : e.timers) s.open_timers += is_open_timer(m.timers[h]) ? 1 : 0;
  }
  s.remembered_ids = m.remembered_count();
  s.history_bytes = m.histories.live_bytes();
  s.history_chunk_bytes = m.histories.used_chunk_bytes();
  return s;
}

}  // namespace kefu::engine
