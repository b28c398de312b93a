// Classification: an attribute an entity's other attributes decide, by
// ordered rules of the policy (first match wins, as SLA alternatives do).
//
//   "complaints": {"grades": [
//       {"grade": "major",   "when": {"group_complaint": true}},
//       {"grade": "complex", "when": {"claimed_cents": {"gte": 1000000}}},
//       {"grade": "ordinary"}]}
//   "customers": {"tiers": [
//       {"tier": "A", "when": {"annual_volume_cents": {"gte": 500000000}}},
//       {"tier": "C"}]}
//
// The first compiles to a Classification of attribute "grade" (CP-2), the
// second of attribute "tier" (CR-1). A rule without `when` always matches.
// The engine computes the attribute when the entity is created (and, for
// customers, when an update changes it) unless the event sets it itself;
// a value the rules do not name is refused (docs/policy.md).
//
// Example:
//   const Classification& grades = policy.grades();
//   std::optional<std::string_view> g = grades.classify(attrs);  // "major"
//   grades.knows("urgent") == false
//
// Thread safety: immutable values.
#ifndef KEFU_POLICY_CLASSIFICATION_H_
#define KEFU_POLICY_CLASSIFICATION_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kefu/policy/attributes.h"
#include "kefu/policy/sla_target.h"

namespace kefu::policy {

struct ClassRule {
  std::string value;             // "major"
  std::vector<Condition> when;   // empty: always
  std::string pointer;           // "/complaints/grades/0"
};

struct Classification {
  std::string attribute;         // "grade", "tier"
  std::vector<ClassRule> rules;  // in document order; empty: not declared
  // Complaints only: the channels a complaint may come in by (CP-1,
  // "complaints":{"channels":[...]}); empty: any.
  std::vector<std::string> channels;

  bool declared() const { return !rules.empty(); }

  // The value of the first rule whose `when` holds, or nullopt.
  std::optional<std::string_view> classify(const Attributes& attrs) const {
    for (const ClassRule& r : rules)
      if (matches(r.when, attrs)) return r.value;
    return std::nullopt;
  }
  // The first rule that matches, for explain; nullptr when none does.
  const ClassRule* rule_for(const Attributes& attrs) const {
    for (const ClassRule& r : rules)
      if (matches(r.when, attrs)) return &r;
    return nullptr;
  }

  // Whether some rule names `value`.
  bool knows(std::string_view value) const {
    for (const ClassRule& r : rules)
      if (r.value == value) return true;
    return false;
  }

  // The values the rules name, in document order, each once: `"major",
  // "complex", "ordinary"` for messages.
  std::string values_list() const {
    std::vector<std::string_view> seen;
    std::string out;
    for (const ClassRule& r : rules) {
      bool repeated = false;
      for (std::string_view s : seen) repeated = repeated || s == r.value;
      if (repeated) continue;
      seen.push_back(r.value);
      if (!out.empty()) out += ", ";
      out += "\"" + r.value + "\"";
    }
    return out;
  }
};

}  // namespace kefu::policy

#endif  // KEFU_POLICY_CLASSIFICATION_H_
