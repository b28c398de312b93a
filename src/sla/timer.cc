// Timer arithmetic: arming, warnings, breaches, pauses, re-arming.
#include "kefu/sla/timer.h"

#include <algorithm>

namespace kefu::sla {
namespace {

using policy::SlaTarget;
using time::BusinessDuration;
using time::Instant;

// The spec a timer re-arms with: the plain spec, the recurring one, or the
// quota's period. nullptr for `before`, which is not re-armed.
const time::DueSpec* arming_spec(const SlaTarget& target) {
  if (const auto* spec = std::get_if<time::DueSpec>(&target.target)) return spec;
  if (const auto* every = std::get_if<policy::Every>(&target.target)) return &every->spec;
  if (const auto* quota = std::get_if<policy::Quota>(&target.target)) return &quota->per;
  return nullptr;
}

// Moves an instant later by `open` seconds of the target's calendar.
Result<Instant> shift(const SlaTarget& target, Instant at, std::int64_t open) {
  if (open <= 0) return at;
  return target.calendar->add(at, BusinessDuration(std::chrono::seconds(open)));
}

// Caches the open time warnings divide, once per arming.
void measure_warn_span(Timer& t, const SlaTarget& target) {
  t.warn_span = -1;
  if (target.warn_at_millionths.empty()) return;
  Result<BusinessDuration> span = target.calendar->elapsed(t.armed, t.base_due);
  if (span.ok()) t.warn_span = span->seconds();
}

// Re-arms at `at` with the arming spec (recurring targets and quotas).
void rearm(Timer& t, const SlaTarget& target, Instant at) {
  t.armed = at;
  t.paused_open = 0;
  t.next_warning = 0;
  t.quota_count = 0;
  Result<Instant> due = target.calendar->add(at, *arming_spec(target));
  // A spec that does not move forward (a day of the month that precedes the
  // start) would re-arm forever: fault instead.
  if (!due.ok() || *due <= at) {
    t.state = TimerState::kFaulted;
    return;
  }
  t.base_due = t.due = *due;
  measure_warn_span(t, target);
}

// The end of quota period `period` (0-based): periods are counted from the
// start as `d` and `mo` count, so period k ends where (k+1) x per from the
// start ends, and they never drift.
Result<Instant> quota_period_end(const policy::Quota& quota, const time::Calendar& calendar,
                                 Instant start, std::int32_t period) {
  if (const auto* d = std::get_if<time::CalendarDays>(&quota.per))
    return calendar.add(start, time::CalendarDays(d->count() * (period + 1)));
  if (const auto* m = std::get_if<time::CalendarMonths>(&quota.per))
    return calendar.add(start, time::CalendarMonths(m->count() * (period + 1)));
  return calendar.add(start, quota.per);  // the parser admits only d and mo
}

}  // namespace

bool is_recurring(const SlaTarget& target) {
  return std::holds_alternative<policy::Every>(target.target);
}
bool is_quota(const SlaTarget& target) {
  return std::holds_alternative<policy::Quota>(target.target);
}

Status arm(Timer& t, const SlaTarget& target, Instant start,
           const policy::Attributes& attrs) {
  t.armed = start;
  t.paused_open = 0;
  t.next_warning = 0;
  t.quota_count = 0;
  t.quota_period = 0;
  t.breached = false;
  t.satisfied = false;
  t.state = TimerState::kRunning;
  if (const auto* before = std::get_if<policy::BeforeAttribute>(&target.target)) {
    const policy::AttrValue* v = attrs.find(before->attribute);
    if (v == nullptr)
      return Status::NotFound("attribute \"" + before->attribute + "\" is missing");
    const auto* text = std::get_if<std::string>(v);
    if (text == nullptr)
      return Status::InvalidArgument("attribute \"" + before->attribute +
                                     "\" is not an ISO 8601 timestamp");
    Result<Instant> at = time::parse_instant(*text);
    if (!at.ok())
      return Status::InvalidArgument("attribute \"" + before->attribute + "\": " +
                                     at.status().message());
    t.base_due = t.due = *at - before->by;
    measure_warn_span(t, target);
    return Status();
  }
  Result<Instant> due = target.calendar->add(start, *arming_spec(target));
  if (!due.ok()) return due.status();
  t.base_due = t.due = *due;
  measure_warn_span(t, target);
  return Status();
}

std::optional<Instant> warning_instant(const Timer& t, const SlaTarget& target,
                                       std::size_t index) {
  if (index >= target.warn_at_millionths.size()) return std::nullopt;
  if (t.warn_span <= 0) return std::nullopt;
  // Integer arithmetic keeps warnings deterministic across platforms.
  std::int64_t part = t.warn_span * target.warn_at_millionths[index] / 1000000;
  Result<Instant> at = target.calendar->add(t.armed, BusinessDuration(std::chrono::seconds(part)));
  if (part == 0) at = t.armed;
  if (!at.ok()) return std::nullopt;
  Result<Instant> moved = shift(target, *at, t.paused_open);
  if (!moved.ok()) return std::nullopt;
  return *moved;
}

std::optional<Firing> next_firing(const Timer& t, const SlaTarget& target) {
  if (t.state != TimerState::kRunning) return std::nullopt;
  const Instant at_due = std::max(t.due, t.armed);
  if (const auto* quota = std::get_if<policy::Quota>(&target.target)) {
    FiringKind kind = t.quota_count < quota->count ? FiringKind::kBreach : FiringKind::kPeriodEnd;
    return Firing{at_due, kind, 0, t.due, false};
  }
  for (std::size_t i = t.next_warning; i < target.warn_at_millionths.size(); ++i) {
    std::optional<Instant> w = warning_instant(t, target, i);
    if (!w) break;  // skipped: no open time to divide
    if (*w < t.armed) continue;
    return Firing{*w, FiringKind::kWarning, target.warn_at_millionths[i], t.due, false};
  }
  if (is_recurring(target)) {
    // With nothing that can satisfy it, a recurring target is a schedule.
    FiringKind kind = target.restart.empty() ? FiringKind::kReminder : FiringKind::kBreach;
    if (t.satisfied) kind = FiringKind::kPeriodEnd;
    return Firing{at_due, kind, 0, t.due, false};
  }
  if (t.breached) return std::nullopt;
  return Firing{at_due, FiringKind::kBreach, 0, t.due, false};
}

void fire(Timer& t, const SlaTarget& target, const Firing& f) {
  if (f.kind == FiringKind::kWarning) {
    const auto& fractions = target.warn_at_millionths;
    auto it = std::find(fractions.begin() + t.next_warning, fractions.end(),
                        f.fraction_millionths);
    t.next_warning = static_cast<std::uint8_t>(it - fractions.begin() + 1);
    return;
  }
  if (const auto* quota = std::get_if<policy::Quota>(&target.target)) {
    t.quota_count = 0;
    ++t.quota_period;
    Result<Instant> end = quota_period_end(*quota, *target.calendar, t.armed, t.quota_period);
    if (!end.ok() || *end <= f.at) {
      t.state = TimerState::kFaulted;
      return;
    }
    t.base_due = t.due = *end;
    return;
  }
  if (is_recurring(target)) {
    t.satisfied = false;
    rearm(t, target, f.at);
    return;
  }
  t.breached = true;
}

Status restart(Timer& t, const SlaTarget& target, Instant at,
               const policy::Attributes& attrs) {
  const Instant pending = t.due;
  Status s = arm(t, target, at, attrs);
  if (s.ok() && is_recurring(target)) t.satisfied = t.due == pending;
  return s;
}

void pause(Timer& t, Instant at) {
  if (t.state != TimerState::kRunning) return;
  t.state = TimerState::kPaused;
  t.paused_since = at;
}

void resume(Timer& t, const SlaTarget& target, Instant at) {
  if (t.state != TimerState::kPaused) return;
  t.state = TimerState::kRunning;
  Result<time::BusinessDuration> paused = target.calendar->elapsed(t.paused_since, at);
  if (!paused.ok()) {
    t.state = TimerState::kFaulted;
    return;
  }
  t.paused_open += paused->seconds();
  Result<Instant> due = shift(target, t.base_due, t.paused_open);
  if (!due.ok()) {
    t.state = TimerState::kFaulted;
    return;
  }
  t.due = *due;
}

}  // namespace kefu::sla
