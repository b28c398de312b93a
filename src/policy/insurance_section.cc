// The "insurance" section: INS-1 eligibility and INS-2 tracking, as data.
#include <algorithm>
#include <string_view>

#include "policy/claims_sections.h"
#include "policy/json_pointer.h"
#include "policy/when_json.h"

namespace kefu::policy::internal {
namespace {

constexpr std::string_view kInsuranceKeys =
    "\"calendar\", \"category_attribute\", \"never_insurable\", "
    "\"insured_when\", \"high_value_above_cents\", \"value_attributes\"";
constexpr std::string_view kRuleKeys = "\"name\", \"when\"";

std::optional<std::string> read_name(const Json& value, const std::string& pointer,
                                     std::string_view what, Diagnostics& d) {
  if (!value.is_string() || value.get_ref<const std::string&>().empty()) {
    d.error(pointer, "expected " + std::string(what) + got(value));
    return std::nullopt;
  }
  return value.get<std::string>();
}

std::vector<std::string> read_names(const Json& value, const std::string& pointer,
                                    std::string_view what, Diagnostics& d) {
  std::vector<std::string> out;
  if (!value.is_array()) {
    d.error(pointer, "expected an array of " + std::string(what) + got(value));
    return out;
  }
  for (std::size_t i = 0; i < value.size(); ++i) {
    std::string p = pointer_child(pointer, i);
    std::optional<std::string> name = read_name(value[i], p, what, d);
    if (!name) continue;
    if (std::find(out.begin(), out.end(), *name) != out.end()) {
      d.error(p, "duplicate \"" + *name + "\": expected each once");
      continue;
    }
    out.push_back(std::move(*name));
  }
  return out;
}

void read_rules(const Json& value, const std::string& pointer,
                std::vector<InsuredWhen>& out, Diagnostics& d) {
  if (!value.is_array()) {
    d.error(pointer, "expected an array of rules {\"name\":\"fragile\","
                     "\"when\":{\"cargo\":\"fragile\"}}" + got(value));
    return;
  }
  std::vector<std::string> names;  // every name read, valid rule or not
  for (std::size_t i = 0; i < value.size(); ++i) {
    std::string p = pointer_child(pointer, i);
    const Json& rule = value[i];
    if (!rule.is_object()) {
      d.error(p, "expected a rule {\"name\":\"fragile\",\"when\":{...}}" + got(rule));
      continue;
    }
    const std::size_t errors = d.size();
    InsuredWhen r;
    bool has_name = false, has_when = false;
    for (const auto& [key, member] : rule.items()) {
      std::string mp = pointer_child(p, key);
      if (key == "name") {
        has_name = true;
        if (std::optional<std::string> n =
                read_name(member, mp, "a non-empty rule name such as \"fragile\"", d)) {
          if (std::find(names.begin(), names.end(), *n) != names.end())
            d.error(mp, "duplicate rule \"" + *n + "\": expected each name once");
          names.push_back(*n);
          r.name = std::move(*n);
        }
      } else if (key == "when") {
        has_when = true;
        r.when = read_when(member, mp, d);
        if (member.is_object() && member.empty())
          d.error(mp, "expected at least one condition: an empty \"when\" "
                      "would insure every order");
      } else {
        unknown_key(p, key, kRuleKeys, d);
      }
    }
    if (!has_name) d.error(p, "missing required key \"name\": the reason the rule gives");
    if (!has_when) d.error(p, "missing required key \"when\": the conditions on the order");
    if (d.size() == errors) out.push_back(std::move(r));
  }
}

}  // namespace

InsuranceRules read_insurance(const Json& value, const std::string& pointer,
                              const std::vector<std::string>& calendars, Diagnostics& d) {
  InsuranceRules rules;
  if (!value.is_object()) {
    d.error(pointer, "expected an object {\"insured_when\":[...],"
                     "\"never_insurable\":[...]}" + got(value));
    return rules;
  }
  for (const auto& [key, member] : value.items()) {
    std::string p = pointer_child(pointer, key);
    if (key == "calendar") {
      std::optional<std::string> name =
          read_name(member, p, "the name of a calendar of the policy", d);
      if (!name) continue;
      if (!std::binary_search(calendars.begin(), calendars.end(), *name)) {
        std::string list;
        for (const std::string& c : calendars) list += (list.empty() ? "\"" : ", \"") + c + "\"";
        d.error(p, "unknown calendar \"" + *name + "\"; expected one of " + list);
        continue;
      }
      rules.calendar = std::move(*name);
    } else if (key == "category_attribute") {
      if (std::optional<std::string> name =
              read_name(member, p, "the name of the order attribute that holds the cargo category", d))
        rules.category_attribute = std::move(*name);
    } else if (key == "never_insurable") {
      rules.never_insurable = read_names(member, p, "cargo categories such as \"cement\"", d);
      std::sort(rules.never_insurable.begin(), rules.never_insurable.end());
    } else if (key == "insured_when") {
      read_rules(member, p, rules.insured_when, d);
    } else if (key == "high_value_above_cents") {
      rules.high_value_above_cents = read_amount(member, p, d);
    } else if (key == "value_attributes") {
      rules.value_attributes = read_names(member, p, "attribute names such as \"insured_value_cents\"", d);
      for (std::size_t i = 0; i < rules.value_attributes.size(); ++i) {
        const std::string& a = rules.value_attributes[i];
        if (a.size() < 6 || a.compare(a.size() - 6, 6, "_cents") != 0)
          d.error(pointer_child(p, i), "expected an amount attribute, named \"*_cents\", got \"" + a + "\"");
      }
    } else {
      unknown_key(pointer, key, kInsuranceKeys, d);
    }
  }
  return rules;
}

}  // namespace kefu::policy::internal
