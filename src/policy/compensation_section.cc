// The "compensation" section (CMP-1).
#include <string_view>

#include "policy/claims_sections.h"
#include "policy/json_pointer.h"

namespace kefu::policy::internal {
namespace {

constexpr std::string_view kCompensationKeys =
    "\"uninsured_freight_multiple\", \"rounding\"";
// A multiple beyond this is a typo, not a policy: 1000 times the freight.
constexpr std::int64_t kMaxMultiple = 1000;

}  // namespace

CompensationRules read_compensation(const Json& value, const std::string& pointer,
                                    Diagnostics& d) {
  CompensationRules rules;
  if (!value.is_object()) {
    d.error(pointer, "expected an object {\"uninsured_freight_multiple\":3,"
                     "\"rounding\":\"down\"}" + got(value));
    return rules;
  }
  for (const auto& [key, member] : value.items()) {
    std::string p = pointer_child(pointer, key);
    if (key == "uninsured_freight_multiple") {
      std::optional<std::int64_t> n = whole_number(member);
      if (!n || *n < 1 || *n > kMaxMultiple) {
        d.error(p, "expected a whole multiple of the freight from 1 to " +
                       std::to_string(kMaxMultiple) + got(member));
        continue;
      }
      rules.uninsured_freight_multiple = *n;
    } else if (key == "rounding") {
      const std::string* r = member.is_string() ? &member.get_ref<const std::string&>() : nullptr;
      if (r && *r == "down") rules.rounding = Rounding::kDown;
      else if (r && *r == "half_up") rules.rounding = Rounding::kHalfUp;
      else if (r && *r == "up") rules.rounding = Rounding::kUp;
      else d.error(p, "expected \"down\", \"half_up\" or \"up\"" + got(member));
    } else {
      unknown_key(pointer, key, kCompensationKeys, d);
    }
  }
  return rules;
}

}  // namespace kefu::policy::internal
