// Timers: one running promise of an SLA target on one entity.
//
// A timer is armed at an instant with a target; it is due at the target's
// deadline moved later by the open time spent paused; it warns at fractions
// of the open time from arming to due, and breaches at the due instant. A
// recurring target (`every`) re-arms at each due and on `restart`; a quota
// closes a period at each due and breaches when the period fell short.
// DESIGN.md's "Timers over time" is the contract.
//
// The live record is small and flat (the timer store keeps a million of
// them); what happened to a timer (pauses, switches, firings) is kept apart
// in a TimerLog, for explanations and KPIs.
//
// Example:
//   Timer t;
//   Status s = arm(t, target, start, attrs);      // computes due
//   while (auto f = next_firing(t, target); f && f->at <= now) {
//     Firing fired = *f;
//     fire(t, target, fired);                      // advances the timer
//   }
//
// Thread safety: values and pure functions; a Timer is owned by one engine.
#ifndef KEFU_SLA_TIMER_H_
#define KEFU_SLA_TIMER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kefu/policy/attributes.h"
#include "kefu/policy/sla_target.h"
#include "kefu/status.h"
#include "kefu/time/instant.h"

namespace kefu::sla {

enum class TimerState : std::uint8_t {
  kRunning,
  kPaused,
  kStopped,
  kFaulted,  // the calendar could not answer (no holiday data): no firings
};

struct Timer {
  Timer() : paused_since() {}  // a union member cannot default itself

  time::Instant armed;     // start, or the last re-arm
  time::Instant base_due;  // the target's deadline from `armed`, before pauses
  time::Instant due;       // base_due moved by the open time paused
  // A timer is never paused and stopped at once, so the two instants share
  // one slot (8 bytes of each of a million records): `paused_since` is
  // valid while paused, `ended` once stopped.
  union {
    time::Instant paused_since;
    time::Instant ended;
  };
  // The next firing's instant as last scheduled (Instant::max() for none):
  // lets the engine skip timers with nothing due without recomputing, and
  // tells a current due-index entry (same instant) from a stale one.
  time::Instant next_at = time::Instant::max();
  std::int64_t paused_open = 0;  // open seconds paused since `armed`
  // Open seconds from `armed` to `base_due` (what warnings divide), or -1
  // when there are no warnings to place; computed when armed.
  std::int64_t warn_span = -1;
  std::uint32_t entity = 0;      // the engine's entity handle
  // The engine's handle of the timer's newest log entry (the log is a list
  // threaded through one store); in what would be padding.
  std::uint32_t log_tail = 0xFFFFFFFFu;
  std::uint16_t version = 0;     // policy version index in the engine
  std::uint16_t target = 0;      // index of the SlaTarget in that version
  std::int32_t quota_count = 0;  // events counted in the current period
  std::int32_t quota_period = 0;  // quotas: the period, counted from `armed`
  TimerState state = TimerState::kRunning;
  std::uint8_t next_warning = 0;  // index into warn_at_millionths
  bool breached = false;          // (non-recurring) the due has passed
  // Recurring targets: a restart already met the pending occurrence.
  bool satisfied = false;
};

// kPeriodEnd is a quota period that closed with its count met: the timer
// moves on without a notification.
enum class FiringKind : std::uint8_t { kWarning, kBreach, kReminder, kPeriodEnd };

// Something a timer does at an instant.
struct Firing {
  time::Instant at;
  FiringKind kind = FiringKind::kBreach;
  std::int32_t fraction_millionths = 0;  // warnings
  time::Instant due;                     // the due it concerns
  bool late = false;
};

// Arms `t` at `start` under `target`: computes the due. A `before` target
// whose attribute is missing or not an instant returns NotFound / Invalid
// (the timer does not start); a calendar without data returns OutOfRange.
Status arm(Timer& t, const policy::SlaTarget& target, time::Instant start,
           const policy::Attributes& attrs);

// The next thing the timer will do, or nullopt (stopped, paused, faulted,
// or breached with nothing left).
std::optional<Firing> next_firing(const Timer& t, const policy::SlaTarget& target);

// Applies a firing returned by next_firing: moves to the next warning,
// marks the breach, or re-arms a recurring target / opens the next quota
// period. A calendar failure while re-arming faults the timer.
void fire(Timer& t, const policy::SlaTarget& target, const Firing& f);

// A `restart` event at `at`: re-arms as the spec from that instant. For a
// recurring target, a restart that lands back on the occurrence already
// pending meets it: each occurrence's window (the previous due, its due]
// needs one restart, so a daily 10:00 check done at 09:00 (or at 11:00 the
// day before, after that day's breach) means no breach at 10:00.
Status restart(Timer& t, const policy::SlaTarget& target, time::Instant at,
               const policy::Attributes& attrs);

// Pause at `at` (no-op unless running).
void pause(Timer& t, time::Instant at);
// Resume at `at` (no-op unless paused): the due moves later by the open
// time paused, in the target's calendar.
void resume(Timer& t, const policy::SlaTarget& target, time::Instant at);

// The instant of warning `index`, after pauses; nullopt when warnings are
// skipped (no open time between arming and due) or on calendar failure.
std::optional<time::Instant> warning_instant(const Timer& t,
                                             const policy::SlaTarget& target,
                                             std::size_t index);

// Whether the target re-arms (every) or counts (quota).
bool is_recurring(const policy::SlaTarget& target);
bool is_quota(const policy::SlaTarget& target);

}  // namespace kefu::sla

#endif  // KEFU_SLA_TIMER_H_
