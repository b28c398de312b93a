// The engine's internal state: entities, timers, the due-time heap, the
// event-id index and the notifications waiting for an advance.
//
// Timers live in one dense vector and are named by their index (a handle),
// so the hot paths (advance, a stop) touch no strings: user keys are hashed
// only at ingest, to find the entity. What happened to each timer is kept in
// one log store beside the live records (timer_log.h), for explain and for
// re-targeting; the due instants in a calendar queue (due_index.h).
#ifndef KEFU_SRC_ENGINE_ENGINE_STATE_H_
#define KEFU_SRC_ENGINE_ENGINE_STATE_H_

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <queue>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "engine/due_index.h"
#include "engine/event_history.h"
#include "engine/expiry_queue.h"
#include "engine/flat_table.h"
#include "engine/history_arena.h"
#include "engine/stable_vector.h"
#include "engine/inline_vector.h"
#include "engine/timer_log.h"
#include "kefu/domain/claim.h"
#include "kefu/domain/event.h"
#include "kefu/domain/lifecycle.h"
#include "kefu/engine/engine.h"
#include "kefu/engine/kpi.h"
#include "kefu/engine/notification.h"
#include "kefu/policy/policy.h"
#include "kefu/sla/timer.h"

namespace kefu::engine {

using time::Instant;

// A log entry as explain and re-targeting read it: the event resolved.
struct LogRecord {
  Instant at;
  LogKind kind = LogKind::kStarted;
  std::uint16_t target = 0;
  std::uint16_t version = 0;  // the policy version `target` belongs to
  std::int32_t aux = 0;
  std::string_view event;  // the event id behind it, or ""
};

// A migration (Engine::migrate) of an entity's open timers to a policy
// version, at an instant: a re-build from the history repeats it there.
struct Migration {
  Instant at;
  std::uint16_t version = 0;
  // The entity's events at `at` that came before it: a late event at the
  // same instant is inserted after them (history keeps arrival order
  // within an instant), and so after the migration.
  std::uint32_t after = 0;
};

// A notification released by advance, remembered to reconcile late events.
struct EmittedRecord {
  NotificationKind kind;
  std::int32_t fraction_millionths;
  Instant at;
  Instant due;
  std::int64_t seq;
  std::string sla;
  time::UtcOffset offset;
};

// A notification computed but not yet released (its instant is after the
// clock, or it is a late one waiting for the next advance).
struct Pending {
  std::uint32_t entity;
  Notification n;
};

// What one advance releases, the notifications in a vector of their own
// with each one's entity beside it: when they come out in order (most
// advances) the result takes the vector whole, where a list of Pending
// would move each Notification into it (a dozen strings, ~400 instructions).
struct ReleaseList {
  std::vector<Notification> notes;
  std::vector<std::uint32_t> entities;
};

// A new, default notification of entity `entity` at the end of `out`, to
// be filled in place.
inline Notification& add_note(std::vector<Pending>& out, std::uint32_t entity) {
  Pending& p = out.emplace_back();
  p.entity = entity;
  return p.n;
}
inline Notification& add_note(ReleaseList& out, std::uint32_t entity) {
  // The vector leaves with the result, and comes back only from a caller
  // that passes its vector to advance again (Engine::advance(now, out)):
  // otherwise every advance that releases something starts from nothing,
  // so room for eight at once. Releases come
  // in clumps (timers armed together fall due together) and each growth
  // moves every notification in the list; under callgrind
  // (BM_IngestSmallHub) room for 8 costs 2.4% fewer instructions an event
  // than room for 4, where room for the last release's count costs more
  // than 8 (clumps vary).
  if (out.notes.capacity() == 0) out.notes.reserve(8);
  out.entities.push_back(entity);
  return out.notes.emplace_back();
}

// Why a target did not start for an entity (for explain). Names the
// target by index rather than copying its id and pointer, and keeps the
// rare message apart: a tier-C order under the reference policy gets seven
// of these at creation, none with a message, and an inline string would
// be 32 of each one's 48 bytes.
struct NotStarted {
  Instant at;
  std::uint16_t version = 0;
  std::uint16_t target = 0;  // the entry tried, or the group's first
  bool tried = false;        // an entry matched but did not arm: `detail` says why
  std::unique_ptr<const std::string> detail;  // null for ""

  std::string_view message() const { return detail ? std::string_view(*detail) : ""; }
};

struct EntityRecord {
  bool live = false;
  policy::EntityKind kind = policy::EntityKind::kOrder;
  std::string key;
  domain::State state = 0;
  policy::Attributes attrs;
  std::string customer;
  Instant created;
  Instant last_event;
  std::optional<Instant> closed_at;
  TimerHandles timers;  // in start order
  // At most the earliest next_at of its timers (schedule lowers it,
  // catch_up recomputes it): an event finds nothing to catch up with one
  // comparison instead of a visit to every timer.
  Instant next_due = Instant::max();
  // Accepted events in (instant, arrival) order, each with the policy
  // version that was current when it arrived: a late event re-applies them.
  EventHistory history;
  std::vector<EmittedRecord> emitted;
  std::vector<NotStarted> not_started;
  std::vector<Migration> migrations;  // oldest first
  // A claim's sign-off chain, legal referrals, insurer and salvage
  // (src/engine/claim_rules.h); null for other entities.
  std::unique_ptr<domain::ClaimState> claim;

  // The rung of its escalation ladder the entity stands on (0: the first);
  // service_rules.cc moves it.
  std::uint8_t level = 0;

  // Bit i: timers[i] is known to be closed (stopped or faulted, next_at
  // max). A closed timer never opens again, so the loops over an entity's
  // timers at each event skip it without loading its record: at a million
  // orders each is a random read, and most of an order's timers have
  // closed by its later milestones. Not state: a cache of the timers'
  // own states, set as they are seen closed (a restored engine starts
  // with none and learns them again). Timers past the 32nd are always read.
  std::uint32_t closed_timers = 0;
  bool may_be_open(std::size_t i) const { return i >= 32 || (closed_timers >> i & 1U) == 0; }
  void note_closed(std::size_t i) {
    if (i < 32) closed_timers |= std::uint32_t{1} << i;
  }
};

// What an event type does to a timer of a target, in the order of
// precedence of DESIGN.md's "Timers over time": a type both in `stop` and
// `pause` stops. kStartsFlag is or-ed in when the type is in `start`.
enum TypeAction : std::uint8_t {
  kNoAction = 0,
  kStopAction,
  kPauseAction,
  kResumeAction,
  kRestartAction,
  kCountAction,  // the quota's `of`
};
inline constexpr std::uint8_t kStartsFlag = 0x80;

// A compiled policy version and the lookups the engine needs on it.
struct PolicyVersion {
  policy::Policy policy;
  // Target indexes grouped by id, in document order of first appearance.
  std::vector<std::vector<std::uint16_t>> groups;
  // The event types the targets name, numbered: an event's type is looked
  // up once per ingest, then every timer's question is an array index.
  std::unordered_map<std::string, std::uint16_t> type_ids;
  // Type id -> groups one of whose entries starts on it.
  std::vector<std::vector<std::uint16_t>> starts;
  // Target index -> type id -> TypeAction | kStartsFlag.
  std::vector<std::vector<std::uint8_t>> actions;
  // Every event type the version accepts (each kind's lifecycle events and
  // declared milestones) and every type its targets name, found by
  // hash_bytes of the type: one probe tells ingest whether an event's type
  // is known and gives its id, where a walk of the vocabulary and a
  // std::unordered_map lookup cost ~400 instructions an event.
  struct EventType {
    std::string type;
    std::int32_t id = -1;  // type_ids' number, or -1 when no target names it
    bool known = false;    // Policy::knows_event_type
    // What it is in its kind's lifecycle (domain::lifecycle_event).
    domain::LifecycleEvent lifecycle = domain::kNotLifecycleEvent;
  };
  FlatTable<EventType> event_types;
  // policy.sla().data(): the policy's data is immutable and shared, so the
  // pointer holds while `policy` does; read for every timer touched, where
  // Policy::sla() is a call into another file.
  const policy::SlaTarget* targets = nullptr;
  // policy.late_window() and policy.retention(), asked at every ingest and
  // advance.
  time::Duration late_window{};
  time::Duration retention{};

  const policy::SlaTarget& target(std::uint16_t i) const { return targets[i]; }
  // The entry of `type` (whose hash_bytes is `hash`), or null.
  const EventType* event_type(std::string_view type, std::uint64_t hash) const {
    const std::size_t slot =
        event_types.find(hash, [&](const EventType& e) { return e.type == type; });
    return slot == FlatTable<EventType>::kNone ? nullptr : &event_types.at(slot);
  }
  // The type's id, or -1 when no target names it.
  std::int32_t type_id(std::string_view type, std::uint64_t hash) const {
    const EventType* e = event_type(type, hash);
    return e == nullptr ? -1 : e->id;
  }
};

// A remembered event id, named by where its event is: the entity and the
// event's place in that entity's history, where the id, instant and
// content hash are read. The table slot holds hash_bytes(id). Eight bytes
// instead of a copy of the id with its instant and hash (48): there is one
// per event of the late window, millions of them.
struct SeenRef {
  std::uint32_t entity = 0;
  std::uint32_t index = 0;
};

// A remembered id whose entity left memory first (a retention shorter
// than the late window), with its own copy of what the history held.
struct SeenId {
  std::uint64_t hash = 0;  // the event's content hash
  Instant at;
  std::string id;          // to confirm a hash match: ids are compared exactly
};

struct Engine::Impl {
  std::vector<PolicyVersion> versions;
  std::optional<Instant> clock;
  std::uint64_t arrivals = 0;
  std::int64_t next_seq = 1;

  StableVector<EntityRecord> entities;
  std::vector<std::uint32_t> free_entities;
  // The records of every entity's history (EventHistory holds their places).
  HistoryArena histories;
  // Per kind, hash_bytes(key) -> entity handle; the key is confirmed
  // against the entity's record (find_entity).
  std::array<FlatTable<std::uint32_t>, policy::kEntityKindCount> keys;

  StableVector<sla::Timer> timers;
  TimerLogStore log;  // each timer's list starts at its log_tail
  std::vector<std::uint32_t> free_timers;
  DueIndex heap;

  std::vector<Pending> pending;
  // advance's list of what it releases, empty between calls (the
  // entities' vector kept for its capacity; the notes' leaves as the result).
  ReleaseList released;
  std::vector<std::uint32_t> release_order;  // advance's scratch order of `released`
  FlatTable<SeenRef> seen;          // hash_bytes(id) -> the event in its entity
  FlatTable<SeenId> seen_orphans;   // hash_bytes(id) -> ids whose entity left
  // Oldest first: ids leave after the late window, closed entities after
  // the retention period. An id is named by its hash and instant: two ids
  // that share both leave in the same advance, so either may go first.
  using SeenEntry = ExpiryQueue::Entry;
  using ClosedEntry = std::tuple<Instant, std::uint8_t, std::string>;  // kind, key
  using ClosedQueue =
      std::priority_queue<ClosedEntry, std::vector<ClosedEntry>, std::greater<>>;
  ExpiryQueue seen_order;
  ClosedQueue closed_order;

  // KPIs (kpi.cc): the first local month end not yet closed, and the
  // figures of the months closed so far.
  std::optional<Instant> kpi_next_month;
  std::vector<KpiMonth> kpi_closed;

  // The record a candidate slot names is loaded whole (its five cache
  // lines at once) while its key is compared: an event about to be applied
  // reads most of it.
  std::size_t find_entity_slot(policy::EntityKind kind, std::string_view key,
                               std::uint64_t hash) const {
    return keys[static_cast<std::size_t>(kind)].find(hash, [&](std::uint32_t h) {
      const char* record = reinterpret_cast<const char*>(&entities[h]);
      for (std::size_t line = 64; line < sizeof(EntityRecord); line += 64)
        __builtin_prefetch(record + line);
      return entities[h].key == key;
    });
  }
  std::optional<std::uint32_t> find_entity(policy::EntityKind kind, std::string_view key) const {
    return find_entity(kind, key, hash_bytes(key));
  }
  // With the key's hash_bytes, computed already.
  std::optional<std::uint32_t> find_entity(policy::EntityKind kind, std::string_view key,
                                           std::uint64_t hash) const {
    const std::size_t slot = find_entity_slot(kind, key, hash);
    if (slot == FlatTable<std::uint32_t>::kNone) return std::nullopt;
    return keys[static_cast<std::size_t>(kind)].at(slot);
  }
  void index_entity(policy::EntityKind kind, std::string_view key, std::uint32_t h) {
    keys[static_cast<std::size_t>(kind)].insert(hash_bytes(key), h);
  }

  // Releases entity `h`'s history records, which leaves its history empty;
  // records of other entities that the arena moves meanwhile take their
  // new places.
  void release_history(std::uint32_t h) {
    const auto moved = [this](std::uint32_t owner, std::uint32_t index, HistoryArena::Ref to) {
      entities[owner].history.moved(index, to);
    };
    // By index: a release may move the entity's own later records.
    const EventHistory& history = entities[h].history;
    for (std::size_t i = 0; i < history.size(); ++i) histories.release(history.refs()[i], moved);
    entities[h].history.clear();
  }

  // The remembered ids (engine.cc). The content hash of event id `id`
  // (hashed to `id_hash`), or nullopt when it is not remembered.
  std::optional<std::uint64_t> remembered(std::uint64_t id_hash, std::string_view id) const;
  // Remembers the id of event `index` of entity `entity` (not remembered yet).
  void remember(std::uint64_t id_hash, std::uint32_t entity, std::uint32_t index) {
    seen.insert(id_hash, SeenRef{entity, index});
  }
  // Forgets the id of that hash remembered for an event at `at`.
  void forget_id(Instant at, std::uint64_t id_hash);
  // Before entity `h` leaves memory: its remembered ids get their own copy.
  void orphan_ids(std::uint32_t h);
  // After a late event went into entity `h`'s history at `index`: the
  // events after it moved one place on.
  void shift_ids(std::uint32_t h, std::uint32_t index);
  // fn(id, instant, content hash) for every remembered id, in table order.
  template <typename Fn>
  void for_each_remembered(Fn&& fn) const {
    seen.for_each([&](std::uint64_t, const SeenRef& r) {
      const EventHistory& history = entities[r.entity].history;
      fn(history.id(histories, r.index), history.at(histories, r.index),
         history.content_hash(histories, r.index));
    });
    seen_orphans.for_each(
        [&](std::uint64_t, const SeenId& s) { fn(std::string_view(s.id), s.at, s.hash); });
  }
  std::size_t remembered_count() const { return seen.size() + seen_orphans.size(); }
};

// What explain shows of a NotStarted: the target's id, the pointer of the
// entry tried ("" when none matched) and why.
inline const std::string& not_started_sla(const Engine::Impl& m, const NotStarted& n) {
  return m.versions[n.version].target(n.target).id;
}
inline std::string_view not_started_target(const Engine::Impl& m, const NotStarted& n) {
  return n.tried ? std::string_view(m.versions[n.version].target(n.target).pointer)
                 : std::string_view();
}
inline std::string not_started_why(const Engine::Impl& m, const NotStarted& n) {
  return n.tried ? std::string(n.message())
                 : "no entry of \"" + not_started_sla(m, n) + "\" matches the attributes";
}

// Why entry `index` of a version matched: its conditions, and the earlier
// entries of its id that did not (explain.cc).
std::string why_matched(const PolicyVersion& v, std::uint16_t index);

// Timer `h`'s log, oldest first, events resolved from its entity's history.
std::vector<LogRecord> timer_log(const Engine::Impl& m, std::uint32_t h);

}  // namespace kefu::engine

#endif  // KEFU_SRC_ENGINE_ENGINE_STATE_H_
