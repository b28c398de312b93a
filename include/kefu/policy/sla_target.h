// SLA targets: the compiled entries of a policy's `sla` section.
//
// Each entry promises a deadline on an entity: which event starts the timer,
// which stop, pause, resume or re-arm it, what the deadline is (any spec of
// DESIGN.md's table), on which calendar, and at which fractions to warn.
// Several entries may share an id: the first whose `when` matches the
// entity's attributes wins, as in the help-desk systems users know.
//
// Example (policy JSON):
//   {"id":"order.confirm","entity":"order","start":"order.created",
//    "stop":"order.confirmed","target":"1h","calendar":"cn-24x7",
//    "warn_at":[0.5,0.8]}
//
// Thread safety: immutable once compiled; part of a shared Policy.
#ifndef KEFU_POLICY_SLA_TARGET_H_
#define KEFU_POLICY_SLA_TARGET_H_

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "kefu/policy/attributes.h"
#include "kefu/policy/vocabulary.h"
#include "kefu/time/calendar.h"
#include "kefu/time/due_spec.h"
#include "kefu/time/instant.h"

namespace kefu::policy {

// One test of `when` on one attribute.
struct Condition {
  enum class Op : std::uint8_t {
    kEquals,      // {"tier":"A"}
    kOneOf,       // {"tier":{"in":["A","B"]}}
    kGreater,     // {"amount_cents":{"gt":100}}  (numbers only)
    kGreaterEq,   // "gte"
    kLess,        // "lt"
    kLessEq,      // "lte"
    kPresent,     // {"departure_at":{"present":true}}
    kAbsent,      // {"departure_at":{"present":false}}
  };
  std::string attribute;
  Op op = Op::kEquals;
  std::vector<AttrValue> values;  // one for comparisons and equality
};

// True when every condition holds for `attrs` (an empty list always holds).
bool matches(const std::vector<Condition>& when, const Attributes& attrs);

// {"before":"departure_at","by":"2h"}: wall-clock time before an instant
// held in an entity attribute (an ISO 8601 string).
struct BeforeAttribute {
  std::string attribute;
  time::Duration by{0};
};

// {"every":SPEC}: recurring; re-armed as SPEC at each due and by `restart`.
struct Every {
  time::DueSpec spec;
};

// {"count":5,"of":"customer.visited","per":"1mo"}: at least `count` events
// of type `of` in each period; `per` is a CalendarDays or CalendarMonths.
struct Quota {
  int count = 1;
  std::string of;  // full event type, "customer.visited"
  time::DueSpec per;
};

using TargetSpec = std::variant<time::DueSpec, BeforeAttribute, Every, Quota>;

struct SlaTarget {
  std::string id;          // "order.confirm"; shared by alternatives
  std::string pointer;     // "/sla/3": where it stands in the policy
  EntityKind entity = EntityKind::kOrder;
  std::vector<Condition> when;
  // Full event types ("order.created"); `start` is never empty.
  std::vector<std::string> start, stop, pause, resume, restart;
  TargetSpec target;
  std::string calendar_name;
  const time::Calendar* calendar = nullptr;  // owned by the Policy
  // Warning fractions in millionths, ascending, each in (0, 1000000).
  std::vector<std::int32_t> warn_at_millionths;
};

}  // namespace kefu::policy

#endif  // KEFU_POLICY_SLA_TARGET_H_
