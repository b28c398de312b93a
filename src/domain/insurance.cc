#include "kefu/domain/insurance.h"

#include <algorithm>
#include <variant>

namespace kefu::domain {

InsuranceAssessment assess_insurance(const policy::Attributes& order,
                                     const policy::InsuranceRules& rules) {
  InsuranceAssessment a;
  if (const policy::AttrValue* c = order.find(rules.category_attribute))
    if (const auto* s = std::get_if<std::string>(c)) a.category = *s;
  a.never_insurable = !a.category.empty() &&
                      std::binary_search(rules.never_insurable.begin(),
                                         rules.never_insurable.end(), a.category);
  for (const std::string& name : rules.value_attributes) {
    const policy::AttrValue* v = order.find(name);
    const auto* cents = v ? std::get_if<std::int64_t>(v) : nullptr;
    if (cents == nullptr) continue;
    a.value_cents = *cents;
    a.value_attribute = name;
    break;
  }
  if (a.never_insurable) {
    a.reason = "never insurable: " + rules.category_attribute + " \"" + a.category + "\"";
  } else {
    a.reason = "no insured_when rule matches";
    for (const policy::InsuredWhen& rule : rules.insured_when) {
      if (!policy::matches(rule.when, order)) continue;
      a.insured = true;
      a.reason = rule.name;
      break;
    }
  }
  if (!a.insured) {
    a.tracking_reason = "not insured";
  } else if (!rules.high_value_above_cents) {
    a.tracking_reason = "the policy sets no high-value threshold";
  } else if (!a.value_cents) {
    a.tracking_reason = "no value attribute on the order";
  } else {
    a.tracked = *a.value_cents > *rules.high_value_above_cents;
    a.tracking_reason = a.value_attribute + " " + std::to_string(*a.value_cents) +
                        (a.tracked ? " > " : " <= ") +
                        std::to_string(*rules.high_value_above_cents);
  }
  return a;
}

}  // namespace kefu::domain
