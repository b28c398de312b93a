// `when` conditions of SLA targets.
#include <algorithm>

#include "kefu/policy/sla_target.h"

namespace kefu::policy {
namespace {

bool holds(const Condition& c, const Attributes& attrs) {
  const AttrValue* v = attrs.find(c.attribute);
  switch (c.op) {
    case Condition::Op::kPresent: return v != nullptr;
    case Condition::Op::kAbsent: return v == nullptr;
    case Condition::Op::kEquals:
    case Condition::Op::kOneOf:
      return v != nullptr && std::any_of(c.values.begin(), c.values.end(),
                                         [&](const AttrValue& x) { return attr_equal(*v, x); });
    default: break;
  }
  // Comparisons are numeric; a missing or non-numeric attribute fails them.
  if (v == nullptr || c.values.empty()) return false;
  std::optional<double> a = as_number(*v), b = as_number(c.values.front());
  if (!a || !b) return false;
  switch (c.op) {
    case Condition::Op::kGreater: return *a > *b;
    case Condition::Op::kGreaterEq: return *a >= *b;
    case Condition::Op::kLess: return *a < *b;
    case Condition::Op::kLessEq: return *a <= *b;
    default: return false;
  }
}

}  // namespace

bool matches(const std::vector<Condition>& when, const Attributes& attrs) {
  return std::all_of(when.begin(), when.end(),
                     [&](const Condition& c) { return holds(c, attrs); });
}

}  // namespace kefu::policy
