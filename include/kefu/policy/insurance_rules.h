// The policy's insurance rules (INS-1, INS-2): which cargo counts as
// insured, which never can be, and from which value an insured shipment is
// tracked end to end. All of it is data, read from the order's attributes.
//
//   "insurance": {
//     "calendar": "cn-24x7",
//     "category_attribute": "cargo",
//     "never_insurable": ["cement", "jade"],
//     "insured_when": [{"name": "insured_with_us", "when": {"insured": true}},
//                      {"name": "fragile", "when": {"cargo": "fragile"}}],
//     "high_value_above_cents": 1000000,
//     "value_attributes": ["insured_value_cents", "declared_value_cents"]}
//
// An order is insured when one of `insured_when` matches and its category
// (the `category_attribute`) is not never-insurable; the first rule that
// matches names the reason. `calendar` fixes the local day of the daily
// insured-cargo list. docs/policy.md, "insurance", has every key.
//
// Thread safety: immutable once compiled; part of a shared Policy.
#ifndef KEFU_POLICY_INSURANCE_RULES_H_
#define KEFU_POLICY_INSURANCE_RULES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kefu/policy/sla_target.h"

namespace kefu::policy {

struct InsuredWhen {
  std::string name;              // "fragile": the reason it gives
  std::vector<Condition> when;   // over the order's attributes
};

struct InsuranceRules {
  std::string calendar = "24x7";            // the daily list's days
  std::string category_attribute = "cargo";
  std::vector<std::string> never_insurable;  // sorted
  std::vector<InsuredWhen> insured_when;     // in document order
  // An insured order whose value exceeds this is tracked (INS-2); nullopt:
  // none is.
  std::optional<std::int64_t> high_value_above_cents;
  // Where the value is read: the first of these the order has.
  std::vector<std::string> value_attributes = {"insured_value_cents",
                                               "declared_value_cents"};
};

}  // namespace kefu::policy

#endif  // KEFU_POLICY_INSURANCE_RULES_H_
