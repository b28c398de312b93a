// The "claims" section: roles, the approval matrix, the major-claim
// threshold (CL-1..CL-3).
#include <algorithm>
#include <string_view>

#include "policy/claims_sections.h"
#include "policy/json_pointer.h"

namespace kefu::policy::internal {
namespace {

constexpr std::string_view kClaimsKeys =
    "\"roles\", \"approval\", \"major_claim_above_cents\"";
constexpr std::string_view kBandKeys = "\"up_to_cents\", \"roles\"";

// [a-z0-9_]+, as milestone names: a role is printed in explain and errors.
bool is_name(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

std::string quoted_list(const std::vector<std::string>& names) {
  std::string list;
  for (const std::string& n : names) list += (list.empty() ? "\"" : ", \"") + n + "\"";
  return list.empty() ? "(none declared)" : list;
}

std::vector<std::string> read_roles(const Json& value, const std::string& pointer,
                                    Diagnostics& d) {
  std::vector<std::string> roles;
  if (!value.is_array() || value.empty()) {
    d.error(pointer, "expected a non-empty array of role names like "
                     "[\"claims_clerk\", \"cs_supervisor\"]" + got(value));
    return roles;
  }
  for (std::size_t i = 0; i < value.size(); ++i) {
    std::string p = pointer_child(pointer, i);
    const Json& r = value[i];
    if (!r.is_string() || !is_name(r.get_ref<const std::string&>())) {
      d.error(p, "expected a role name of lower-case letters, digits and "
                 "\"_\", such as \"claims_clerk\"" + got(r));
      continue;
    }
    const std::string& name = r.get_ref<const std::string&>();
    if (std::find(roles.begin(), roles.end(), name) != roles.end()) {
      d.error(p, "duplicate role \"" + name + "\": expected each role once");
      continue;
    }
    roles.push_back(name);
  }
  return roles;
}

// `previous_bound`: the last bound read, valid band or not, so that one
// error does not hide the next.
void read_band(const Json& value, const std::string& pointer, bool last,
               const std::vector<std::string>& roles,
               std::optional<std::int64_t>& previous_bound,
               std::vector<ApprovalBand>& out, Diagnostics& d) {
  if (!value.is_object()) {
    d.error(pointer, "expected a band {\"up_to_cents\":500000,\"roles\":"
                     "[\"claims_clerk\"]}" + got(value));
    return;
  }
  const std::size_t errors = d.size();
  ApprovalBand band;
  band.pointer = pointer;
  bool has_roles = false;
  for (const auto& [key, member] : value.items()) {
    std::string p = pointer_child(pointer, key);
    if (key == "up_to_cents") {
      band.up_to_cents = read_amount(member, p, d);
      if (band.up_to_cents && previous_bound &&
          *band.up_to_cents <= *previous_bound) {
        d.error(p, "expected bands in ascending order: " +
                       std::to_string(*band.up_to_cents) +
                       " is not above the previous band's " +
                       std::to_string(*previous_bound));
      }
      if (band.up_to_cents) previous_bound = band.up_to_cents;
    } else if (key == "roles") {
      has_roles = true;
      if (!member.is_array() || member.empty()) {
        d.error(p, "expected a non-empty array of the roles that sign, in "
                   "order" + got(member));
        continue;
      }
      for (std::size_t i = 0; i < member.size(); ++i) {
        std::string rp = pointer_child(p, i);
        const Json& r = member[i];
        const std::string* name =
            r.is_string() ? &r.get_ref<const std::string&>() : nullptr;
        if (!name || std::find(roles.begin(), roles.end(), *name) == roles.end()) {
          d.error(rp, (name ? "unknown role \"" + *name + "\"" : std::string("expected a role")) +
                          "; expected one of " + quoted_list(roles) +
                          (name ? "" : got(r)));
          continue;
        }
        if (std::find(band.roles.begin(), band.roles.end(), *name) != band.roles.end()) {
          d.error(rp, "role \"" + *name + "\" signs twice in this band: "
                      "expected each role once");
          continue;
        }
        band.roles.push_back(*name);
      }
    } else {
      unknown_key(pointer, key, kBandKeys, d);
    }
  }
  if (!has_roles)
    d.error(pointer, "missing required key \"roles\": the roles that sign, in order");
  if (!band.up_to_cents && !last && !value.contains("up_to_cents"))
    d.error(pointer, "missing required key \"up_to_cents\": only the last "
                     "band may leave its amount open");
  if (d.size() == errors) out.push_back(std::move(band));
}

}  // namespace

std::optional<std::int64_t> read_amount(const Json& value, const std::string& pointer,
                                        Diagnostics& d) {
  std::optional<std::int64_t> n = whole_number(value);
  if (!n || *n < 0) {
    d.error(pointer, "expected an amount in integer cents, zero or more, "
                     "such as 500000 (5000.00)" + got(value));
    return std::nullopt;
  }
  return n;
}

ClaimsRules read_claims(const Json& value, const std::string& pointer, Diagnostics& d) {
  ClaimsRules rules;
  if (!value.is_object()) {
    d.error(pointer, "expected an object {\"roles\":[...],\"approval\":[...]}" + got(value));
    return rules;
  }
  // Bands name roles wherever "roles" stands: read it first.
  if (auto it = value.find("roles"); it != value.end())
    rules.roles = read_roles(*it, pointer_child(pointer, "roles"), d);
  else
    d.error(pointer, "missing required key \"roles\": the roles that sign claim reports");
  bool has_approval = false;
  for (const auto& [key, member] : value.items()) {
    std::string p = pointer_child(pointer, key);
    if (key == "roles") continue;
    if (key == "approval") {
      has_approval = true;
      if (!member.is_array() || member.empty()) {
        d.error(p, "expected a non-empty array of bands {\"up_to_cents\":N,"
                   "\"roles\":[...]}" + got(member));
        continue;
      }
      std::optional<std::int64_t> previous_bound;
      for (std::size_t i = 0; i < member.size(); ++i)
        read_band(member[i], pointer_child(p, i), i + 1 == member.size(), rules.roles,
                  previous_bound, rules.approval, d);
    } else if (key == "major_claim_above_cents") {
      rules.major_claim_above_cents = read_amount(member, p, d);
    } else {
      unknown_key(pointer, key, kClaimsKeys, d);
    }
  }
  if (!has_approval)
    d.error(pointer, "missing required key \"approval\": the approval matrix");
  return rules;
}

}  // namespace kefu::policy::internal
