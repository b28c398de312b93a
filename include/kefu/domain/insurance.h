// Insurance eligibility of an order (INS-1) and its high-value tracking
// flag (INS-2), from the order's attributes and the policy's insurance
// rules.
//
// An order is insured when one of the policy's `insured_when` rules matches
// its attributes (the first one that matches is the reason) and its cargo
// category is not never-insurable; a never-insurable category wins over any
// rule. An insured order whose value (the first of `value_attributes` it
// has) exceeds `high_value_above_cents` is tracked end to end.
//
// Example:
//   InsuranceAssessment a = assess_insurance(order_attrs, policy.insurance());
//   a.insured;   // true
//   a.reason;    // "insured_with_us"
//   a.tracked;   // true: insured_value_cents 1500000 > 1000000
//
// Thread safety: pure function.
#ifndef KEFU_DOMAIN_INSURANCE_H_
#define KEFU_DOMAIN_INSURANCE_H_

#include <cstdint>
#include <optional>
#include <string>

#include "kefu/policy/attributes.h"
#include "kefu/policy/insurance_rules.h"

namespace kefu::domain {

struct InsuranceAssessment {
  bool insured = false;
  // Why: the matching rule's name, "never insurable: <category>", or
  // "no insured_when rule matches".
  std::string reason;
  bool never_insurable = false;  // the category forbids insurance
  std::string category;          // the category attribute, "" when absent
  // The value INS-2 compares, and where it came from.
  std::optional<std::int64_t> value_cents;
  std::string value_attribute;
  bool tracked = false;
  std::string tracking_reason;  // "insured_value_cents 1500000 > 1000000"
};

InsuranceAssessment assess_insurance(const policy::Attributes& order,
                                     const policy::InsuranceRules& rules);

}  // namespace kefu::domain

#endif  // KEFU_DOMAIN_INSURANCE_H_
