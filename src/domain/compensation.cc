#include "kefu/domain/compensation.h"

#include <algorithm>
#include <limits>

namespace kefu::domain {
namespace {

constexpr std::int64_t kMaxCents = std::numeric_limits<std::int64_t>::max();
// 128-bit products: loss x insured value fits whatever the two amounts.
// (__extension__: the build is -pedantic, and GCC's __int128 is an
// extension.)
__extension__ typedef __int128 Wide;

Status negative(std::string_view attribute, std::int64_t value) {
  return Status::InvalidArgument("expected " + std::string(attribute) +
                                 " zero or more, got " + std::to_string(value));
}

std::string money(std::int64_t cents) { return format_cents(cents); }

// a x b / c, rounded as the policy says; a, b, c >= 0, c > 0, and the
// quotient at most a (b <= c), so it fits.
std::int64_t pro_rata(std::int64_t a, std::int64_t b, std::int64_t c,
                      policy::Rounding rounding) {
  const Wide product = static_cast<Wide>(a) * b;
  Wide q = product / c;
  const Wide r = product % c;
  if (rounding == policy::Rounding::kUp && r != 0) ++q;
  if (rounding == policy::Rounding::kHalfUp && 2 * r >= c) ++q;
  return static_cast<std::int64_t>(q);
}

}  // namespace

std::string_view basis_name(CompensationBasis b) {
  switch (b) {
    case CompensationBasis::kInsured: return "insured";
    case CompensationBasis::kUnderInsured: return "under_insured";
    case CompensationBasis::kUninsured: return "uninsured";
  }
  return "uninsured";
}

std::string format_cents(std::int64_t cents) {
  const bool minus = cents < 0;
  // In unsigned arithmetic, INT64_MIN has a magnitude too.
  std::uint64_t magnitude = minus ? 0 - static_cast<std::uint64_t>(cents)
                                  : static_cast<std::uint64_t>(cents);
  std::string fraction = std::to_string(magnitude % 100);
  if (fraction.size() < 2) fraction.insert(0, "0");
  return (minus ? "-" : "") + std::to_string(magnitude / 100) + "." + fraction;
}

Result<Compensation> compute_compensation(const CompensationInput& in,
                                          const policy::CompensationRules& rules) {
  if (in.loss_cents < 0) return negative("loss_cents", in.loss_cents);
  for (auto [name, v] : {std::pair{"insured_value_cents", in.insured_value_cents},
                         std::pair{"declared_value_cents", in.declared_value_cents},
                         std::pair{"freight_cents", in.freight_cents},
                         std::pair{"deduction_cents", in.deduction_cents}}) {
    if (v && *v < 0) return negative(name, *v);
  }
  Compensation c;
  c.steps.push_back("loss " + money(in.loss_cents));
  const bool insured = in.insurable && in.insured_value_cents && *in.insured_value_cents > 0;
  if (!in.insurable && in.insured_value_cents && *in.insured_value_cents > 0)
    c.steps.push_back("the insured value " + money(*in.insured_value_cents) +
                      " does not count: the category is never insurable");
  if (insured) {
    const std::int64_t insured_value = *in.insured_value_cents;
    c.cap_cents = insured_value;
    if (in.declared_value_cents && *in.declared_value_cents > insured_value) {
      c.basis = CompensationBasis::kUnderInsured;
      const std::int64_t value = *in.declared_value_cents;
      const std::int64_t share = pro_rata(in.loss_cents, insured_value, value, rules.rounding);
      static constexpr std::string_view kRounding[] = {"rounded down", "rounded half up",
                                                       "rounded up"};
      c.steps.push_back("under-insured: insured " + money(insured_value) + " of value " +
                        money(value) + ", pro rata " + money(in.loss_cents) + " x " +
                        money(insured_value) + " / " + money(value) + " = " + money(share) +
                        " (" + std::string(kRounding[static_cast<int>(rules.rounding)]) + ")");
      c.before_deduction_cents = std::min(share, insured_value);
    } else {
      c.basis = CompensationBasis::kInsured;
      c.before_deduction_cents = std::min(in.loss_cents, insured_value);
    }
    c.steps.push_back("capped at the insured value " + money(insured_value) + ": " +
                      money(c.before_deduction_cents));
  } else {
    c.basis = CompensationBasis::kUninsured;
    if (!in.freight_cents)
      return Status::InvalidArgument(
          "uninsured cargo is paid up to a multiple of the freight, and the order "
          "has no freight_cents");
    const Wide cap = static_cast<Wide>(*in.freight_cents) * rules.uninsured_freight_multiple;
    if (cap > kMaxCents)
      return Status::InvalidArgument("freight_cents " + std::to_string(*in.freight_cents) +
                                     " x " + std::to_string(rules.uninsured_freight_multiple) +
                                     " overflows 64-bit cents");
    c.cap_cents = static_cast<std::int64_t>(cap);
    c.before_deduction_cents = std::min(in.loss_cents, c.cap_cents);
    c.steps.push_back("uninsured: cap " + std::to_string(rules.uninsured_freight_multiple) +
                      " x freight " + money(*in.freight_cents) + " = " + money(c.cap_cents) +
                      "; min(loss, cap) = " + money(c.before_deduction_cents));
  }
  c.deduction_cents = in.deduction_cents.value_or(0);
  c.amount_cents = std::max<std::int64_t>(0, c.before_deduction_cents - c.deduction_cents);
  if (in.deduction_cents)
    c.steps.push_back("less the deduction agreed at delivery " + money(c.deduction_cents) +
                      ": " + money(c.amount_cents));
  c.steps.push_back("pay " + money(c.amount_cents));
  return c;
}

}  // namespace kefu::domain
