// The policy's compensation rules (CMP-1): what uninsured cargo may be paid
// at most, and how a pro-rata share is rounded to whole cents.
//
//   "compensation": {"uninsured_freight_multiple": 3, "rounding": "down"}
//
// The calculator is domain/compensation.h; docs/policy.md, "compensation",
// has the keys.
//
// Thread safety: immutable once compiled; part of a shared Policy.
#ifndef KEFU_POLICY_COMPENSATION_RULES_H_
#define KEFU_POLICY_COMPENSATION_RULES_H_

#include <cstdint>

namespace kefu::policy {

// How loss x insured / value becomes whole cents.
enum class Rounding : std::uint8_t { kDown, kHalfUp, kUp };

struct CompensationRules {
  // Uninsured cargo is paid its loss up to this many times the freight.
  std::int64_t uninsured_freight_multiple = 3;
  Rounding rounding = Rounding::kDown;
};

}  // namespace kefu::policy

#endif  // KEFU_POLICY_COMPENSATION_RULES_H_
