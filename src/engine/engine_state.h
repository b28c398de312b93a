// The engine's internal state: entities, timers, the due-time heap, the
// event-id index and the notifications waiting for an advance.
//
// Timers live in one dense vector and are named by their index (a handle),
// so the hot paths (advance, a stop) touch no strings: user keys are hashed
// only at ingest, to find the entity. What happened to each timer is kept in
// one log store beside the live records (timer_log.h), for explain and for
// re-targeting; the due instants in a 4-ary heap (due_heap.h).
#ifndef KEFU_SRC_ENGINE_ENGINE_STATE_H_
#define KEFU_SRC_ENGINE_ENGINE_STATE_H_

#include <array>
#include <cstdint>
#include <optional>
#include <queue>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "engine/due_heap.h"
#include "engine/timer_log.h"
#include "kefu/domain/event.h"
#include "kefu/domain/lifecycle.h"
#include "kefu/engine/engine.h"
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
  std::int32_t aux = 0;
  std::string_view event;  // the event id behind it, or ""
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

// Why a target did not start for an entity (for explain).
struct NotStarted {
  std::string sla;
  std::string target;  // pointer of the entry tried, or ""
  Instant at;
  std::string why;
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
  std::vector<std::uint32_t> timers;  // handles, in start order
  // Accepted events in (instant, arrival) order, each with the policy
  // version that was current when it arrived: a late event re-applies them.
  std::vector<std::pair<domain::Event, std::uint16_t>> history;
  std::vector<EmittedRecord> emitted;
  std::vector<NotStarted> not_started;
};

// A compiled policy version and the lookups the engine needs on it.
struct PolicyVersion {
  policy::Policy policy;
  // Target indexes grouped by id, in document order of first appearance.
  std::vector<std::vector<std::uint16_t>> groups;
  // Event type -> groups one of whose entries starts on it.
  std::unordered_map<std::string, std::vector<std::uint16_t>> starts;
  const policy::SlaTarget& target(std::uint16_t i) const { return policy.sla()[i]; }
};

struct SeenId {
  std::uint64_t hash;
  Instant at;
};

struct Engine::Impl {
  std::vector<PolicyVersion> versions;
  std::optional<Instant> clock;
  std::uint64_t arrivals = 0;
  std::int64_t next_seq = 1;

  std::vector<EntityRecord> entities;
  std::vector<std::uint32_t> free_entities;
  std::array<std::unordered_map<std::string, std::uint32_t>, policy::kEntityKindCount> keys;

  std::vector<sla::Timer> timers;
  TimerLogStore log;  // each timer's list starts at its log_tail
  std::vector<std::uint32_t> free_timers;
  DueHeap heap;

  std::vector<Pending> pending;
  std::unordered_map<std::string, SeenId> seen;
  // Oldest first: ids leave after the late window, closed entities after
  // the retention period.
  // Points at the keys of `seen` (node-based: the keys do not move).
  using SeenEntry = std::pair<Instant, const std::string*>;
  struct SeenLater {
    bool operator()(const SeenEntry& a, const SeenEntry& b) const { return a.first > b.first; }
  };
  using SeenQueue = std::priority_queue<SeenEntry, std::vector<SeenEntry>, SeenLater>;
  using ClosedEntry = std::tuple<Instant, std::uint8_t, std::string>;  // kind, key
  using ClosedQueue =
      std::priority_queue<ClosedEntry, std::vector<ClosedEntry>, std::greater<>>;
  SeenQueue seen_order;
  ClosedQueue closed_order;
};

// Timer `h`'s log, oldest first, events resolved from its entity's history.
std::vector<LogRecord> timer_log(const Engine::Impl& m, std::uint32_t h);

}  // namespace kefu::engine

#endif  // KEFU_SRC_ENGINE_ENGINE_STATE_H_
