// Policy: a company's customer-service rules, read from one JSON document,
// validated, and compiled into immutable structures.
//
// A policy holds its version, its business calendars, the milestones its
// entities may receive beyond their lifecycle, its SLA targets, and two
// periods of the engine (late_window, retention); later sections
// (escalation, claims, ...) join them. Every calendar is built once at
// load; the built-in "24x7" (always open, +00:00) is always present and a
// document may not redefine it. docs/policy.md describes the document.
//
// Every error is a Status naming the offending value by its RFC 6901 JSON
// pointer and saying what was expected:
//
//   /calendars/office/week/mon/1: expected an interval "HH:MM-HH:MM"
//   ascending and not overlapping the previous one, got "11:00-13:00"
//
// A JSON syntax error has no pointer; its message gives the byte offset.
//
// Example:
//   kefu::Result<Policy> policy = Policy::Load("examples/policies/reference.json");
//   if (!policy.ok()) { std::cerr << policy.status().to_string(); return; }
//   const time::Calendar* office = policy->calendar("office");
//   Instant due = *office->add(start, time::WorkingDays(3));
//   for (const SlaTarget& t : policy->sla()) { ... t.calendar ... }
//   policy->knows_event_type("order.plan_sent");
//
// Thread safety: a Policy is immutable; share it between threads. Copies
// are cheap and share the compiled structures, so a calendar or target
// pointer (SlaTarget::calendar included) stays valid as long as any copy
// lives.
#ifndef KEFU_POLICY_POLICY_H_
#define KEFU_POLICY_POLICY_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kefu/policy/limits.h"
#include "kefu/policy/sla_target.h"
#include "kefu/policy/vocabulary.h"
#include "kefu/status.h"
#include "kefu/time/calendar.h"
#include "kefu/time/instant.h"

namespace kefu::policy {

class Policy {
 public:
  // Reads and validates a policy document. The first error (in document
  // order) is returned, with code InvalidPolicy. A document beyond
  // `limits` (bytes, nesting, string length, number of targets) is refused
  // before it is compiled, its error naming the limit.
  static Result<Policy> Parse(std::string_view json_text,
                              const DocumentLimits& limits = {});

  // Parse() of a file's contents. A file that cannot be read is NotFound
  // (no such file) or InvalidArgument, naming the path and the reason.
  static Result<Policy> Load(std::string_view path,
                             const DocumentLimits& limits = {});

  // Every error of a document, in document order; empty when it is valid.
  // `kefu check` prints them, one a line.
  static std::vector<Status> Check(std::string_view json_text,
                                   const DocumentLimits& limits = {});

  // The document's "version", e.g. "cn-logistics-2026.1".
  const std::string& version() const;

  // The calendar of that name ("24x7" included), or nullptr.
  const time::Calendar* calendar(std::string_view name) const;

  // The names of the calendars, "24x7" included, sorted.
  std::vector<std::string> names() const;

  // "late_window": how far behind the engine's clock an event may be and
  // still be applied; also how long event ids are remembered. Default 30
  // days.
  time::Duration late_window() const;

  // "retention": how long a closed entity stays in memory after it
  // closes. Default 90 days.
  time::Duration retention() const;

  // "limits": the bounds the engine applies to each event it parses
  // (EventLimits' defaults where the section does not set them).
  const EventLimits& event_limits() const;

  // The "sla" targets, in document order. Each target's calendar points
  // into this policy.
  const std::vector<SlaTarget>& sla() const;

  // The milestones declared for `kind`, without the "<entity>." prefix,
  // sorted.
  const std::vector<std::string>& milestones(EntityKind kind) const;

  // Whether `type` is an event type of this policy: an entity's lifecycle
  // event ("order.created", vocabulary.h) or a declared milestone
  // ("order.plan_sent").
  bool knows_event_type(std::string_view type) const;

 private:
  struct Data;
  explicit Policy(std::shared_ptr<const Data> data) : data_(std::move(data)) {}
  std::shared_ptr<const Data> data_;
};

}  // namespace kefu::policy

#endif  // KEFU_POLICY_POLICY_H_
