// The compensation calculator (CMP-1), in integer cents.
//
//   insured, fully (insured >= value, or no value given):
//       min(loss, insured)
//   under-insured (insured < value):
//       min(loss x insured / value, insured), rounded as the policy says
//   uninsured (no insured value, or a never-insurable category):
//       min(loss, multiple x freight)
//   then a deduction agreed with the customer (CL-6) counts against it:
//       max(0, that - deduction)
//
// Every result carries its arithmetic, one line a step, so a clerk (or
// `explain`) can check it. Inputs must be zero or more; products are taken
// in 128 bits, and a cap that does not fit 64 bits is refused
// (InvalidArgument naming the attribute), never wrapped.
//
// Example:
//   CompensationInput in;
//   in.loss_cents = 800000; in.insured_value_cents = 500000;
//   in.declared_value_cents = 1000000;
//   Result<Compensation> c = compute_compensation(in, policy.compensation());
//   c->amount_cents;  // 400000: 800000 x 500000 / 1000000
//   c->steps;         // {"under-insured: ...", ...}
//
// Thread safety: pure function.
#ifndef KEFU_DOMAIN_COMPENSATION_H_
#define KEFU_DOMAIN_COMPENSATION_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kefu/policy/compensation_rules.h"
#include "kefu/status.h"

namespace kefu::domain {

struct CompensationInput {
  std::int64_t loss_cents = 0;                      // the claim's actual loss
  std::optional<std::int64_t> insured_value_cents;  // the order's
  std::optional<std::int64_t> declared_value_cents; // the cargo's value
  std::optional<std::int64_t> freight_cents;        // the order's freight
  std::optional<std::int64_t> deduction_cents;      // agreed at delivery (CL-6)
  bool insurable = true;  // false: a never-insurable category (INS-1)
};

enum class CompensationBasis : std::uint8_t { kInsured, kUnderInsured, kUninsured };
std::string_view basis_name(CompensationBasis b);  // "insured", ...

struct Compensation {
  CompensationBasis basis = CompensationBasis::kUninsured;
  std::int64_t cap_cents = 0;          // insured value, or multiple x freight
  std::int64_t before_deduction_cents = 0;
  std::int64_t deduction_cents = 0;
  std::int64_t amount_cents = 0;       // what is paid
  std::vector<std::string> steps;      // the arithmetic, in order
};

Result<Compensation> compute_compensation(const CompensationInput& in,
                                          const policy::CompensationRules& rules);

// 123456 -> "1234.56"; -5 -> "-0.05".
std::string format_cents(std::int64_t cents);

}  // namespace kefu::domain

#endif  // KEFU_DOMAIN_COMPENSATION_H_
