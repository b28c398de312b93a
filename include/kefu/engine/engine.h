// The engine: events in, notifications out.
//
// An Engine holds the entities it was told about (orders, customers, claims), their
// SLA timers, and a clock that only `advance` moves. `ingest` applies one
// event: it checks the event against the policy and the entity's state
// machine, then starts, stops, pauses, resumes, re-arms and re-targets
// timers. `advance(now)` returns the notifications due up to `now`, in the
// contract's order. DESIGN.md's "Events in, notifications out" is the
// contract: idempotence by event id, late events applied at their own
// instant with corrections, nothing changed by a refused event.
//
// Example:
//   Engine engine(*policy::Policy::Load("examples/policies/reference.json"));
//   Result<IngestOutcome> r = engine.ingest_json(line);
//   if (!r.ok()) report(r.status());      // names event id and entity
//   for (const Notification& n : engine.advance(now)) print(to_json(n));
//
// Deterministic: no clock, no randomness; the same calls give the same
// output, byte for byte.
//
// Thread safety: an Engine is used by one thread at a time; distinct
// engines run in parallel (they share policies, which are immutable).
#ifndef KEFU_ENGINE_ENGINE_H_
#define KEFU_ENGINE_ENGINE_H_

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kefu/domain/compensation.h"
#include "kefu/domain/event.h"
#include "kefu/domain/insurance.h"
#include "kefu/engine/claim_queries.h"

#include "kefu/engine/kpi.h"
#include "kefu/engine/migration.h"
#include "kefu/engine/notification.h"
#include "kefu/policy/policy.h"
#include "kefu/status.h"
#include "kefu/time/instant.h"

namespace kefu::engine {

enum class IngestOutcome : std::uint8_t {
  kAccepted,
  kDuplicate,  // the same id with the same content was seen: ignored
};

// A timer as queries show it.
struct TimerView {
  std::string sla;
  std::string target;  // the matched entry's JSON pointer, "/sla/3"
  policy::EntityKind entity = policy::EntityKind::kOrder;
  std::string key;
  std::string state;   // "running", "paused", "stopped", "faulted"
  bool breached = false;
  time::Instant armed;
  time::Instant due;
  std::optional<time::Instant> ended;
  std::string calendar;
  time::UtcOffset offset;
  std::string policy_version;
};

struct EngineStats {
  std::size_t entities = 0;
  std::size_t open_timers = 0;   // running or paused
  std::size_t events = 0;        // accepted, including history
  std::size_t remembered_ids = 0;
  // The bytes of the entities' histories (their records), and of the
  // chunks that hold them: at most about twice the records (a chunk left
  // less than half live is emptied). Free chunks, up to 16 MiB, are kept
  // for reuse beside these.
  std::size_t history_bytes = 0;
  std::size_t history_chunk_bytes = 0;
};

class Engine {
 public:
  explicit Engine(policy::Policy policy);
  ~Engine();
  Engine(Engine&&) noexcept;
  Engine& operator=(Engine&&) noexcept;

  // Timers started from now on use `policy`; started ones keep theirs.
  void load_policy(policy::Policy policy);
  const policy::Policy& policy() const;

  // Moves the open timers of older policy versions to the newest one
  // (kefu/engine/migration.h says how) and reports each change. It takes
  // effect at the clock, or at an entity's last event when that is later;
  // firings up to then stay as the old version made them. A late breach
  // it causes (the new due had passed) waits in the next advance. A late
  // event re-building an entity repeats its migration at the same point,
  // and explain shows it in the timer's log. With one version loaded, or
  // called twice, it finds nothing to do.
  MigrationReport migrate();

  // Applies one event. Errors (InvalidArgument, NotFound, Refused) carry the
  // event id and the entity, and leave the engine unchanged.
  Result<IngestOutcome> ingest(const domain::Event& event);
  // parse_event, then ingest.
  Result<IngestOutcome> ingest_json(std::string_view line);

  // Moves the clock to `now` (never back: an earlier `now` returns nothing)
  // and returns the notifications with instant <= now, numbered.
  std::vector<Notification> advance(time::Instant now);
  // The same into `*out`, which is cleared first. For a caller that advances
  // before every event (a replay): the vector it passes back each time is
  // reused, where each returned vector is a new allocation of a few KB.
  void advance(time::Instant now, std::vector<Notification>* out);

  // The greatest instant advanced to, if any.
  std::optional<time::Instant> clock() const;

  // Every timer of an entity, in start order; NotFound for no such entity.
  Result<std::vector<TimerView>> timers_of(policy::EntityKind kind,
                                           std::string_view key) const;
  // Open timers (running or paused) whose due is before `t`, by due.
  std::vector<TimerView> open_timers_due_before(time::Instant t) const;

  // JSON: the entity, and for each timer the target that matched and why,
  // the calendar, pauses, warnings, due, state, switches and the holiday
  // notices it crossed; targets that did not start and why.
  Result<std::string> explain(policy::EntityKind kind, std::string_view key) const;

  // Claims (src/engine/claim_queries.cc). A claim as it stands: its
  // lifecycle state, amount, major flag (CL-2), sign-off band, sign-offs and
  // next expected role, arbitration, legal referrals with their reasons,
  // insurer recovery and salvage. NotFound for no such claim.
  Result<ClaimView> claim(std::string_view key) const;

  // CMP-1 for a claim: its loss_cents and deduction_cents, its order's
  // insured_value_cents, declared_value_cents and freight_cents, the
  // order's insurability (INS-1), the policy's compensation rules. The
  // steps explain the arithmetic. NotFound for no such claim or order;
  // InvalidArgument when an input is missing (naming it) or a cap would
  // overflow.
  Result<domain::Compensation> compensation(std::string_view claim_key) const;

  // INS-1 and INS-2 for an order: insured or not and why, tracked end to
  // end or not and why. NotFound for no such order.
  Result<domain::InsuranceAssessment> insurance(std::string_view order_key) const;

  // The daily insured-cargo list (INS-2): the orders created on `day`, a
  // local date of the insurance section's calendar, that are insured, by
  // creation instant then key.
  std::vector<InsuredOrder> insured_cargo_list(time::Date day) const;

  EngineStats stats() const;

  // The KPI figures (kefu/engine/kpi.h) of every month closed so far and of
  // the month the clock is in, oldest first; empty when the policy declares
  // no KPIs or nothing happened yet. Implemented in kpi.cc.
  std::vector<KpiMonth> kpi_months() const;

  // The engine's state as one JSON document, for comparing engines: keys
  // sorted, entities by (kind, key), instants in UTC, no handles, no outbox
  // cursors (what a host acknowledged is the store's business). Two engines
  // that went through the same history give the same bytes; a refused event
  // leaves them unchanged. docs/store.md lists what it holds.
  std::string canonical_state() const;

  struct Impl;
  // For the snapshot serializer (engine/snapshot.h), which reads and
  // rebuilds the state beside the engine rather than inside it.
  Impl& impl() { return *impl_; }
  const Impl& impl() const { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace kefu::engine

#endif  // KEFU_ENGINE_ENGINE_H_
