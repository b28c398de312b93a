#include "policy/classification_section.h"

#include "policy/json_pointer.h"
#include "policy/when_json.h"

namespace kefu::policy::internal {
namespace {

bool valid_value(const std::string& s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
          c == '_' || c == '-'))
      return false;
  return true;
}

}  // namespace

Classification read_classification(const Json& value, const std::string& pointer,
                                   std::string_view list, std::string_view attribute,
                                   bool channels, Diagnostics& d) {
  Classification out;
  out.attribute = std::string(attribute);
  const std::string list_key(list), attr_key(attribute);
  const std::string example = "[{\"" + attr_key + "\":\"...\",\"when\":{...}}, ...]";
  if (!value.is_object()) {
    d.error(pointer, "expected an object {\"" + list_key + "\":" + example + "}" + got(value));
    return out;
  }
  for (const auto& [key, rules] : value.items()) {
    const std::string p = pointer_child(pointer, key);
    if (channels && key == "channels") {
      if (!rules.is_array() || rules.empty()) {
        d.error(p, "expected a non-empty array of channel names such as [\"hotline\"]" +
                       got(rules));
        continue;
      }
      for (std::size_t i = 0; i < rules.size(); ++i) {
        if (!rules[i].is_string() || !valid_value(rules[i].get<std::string>()))
          d.error(pointer_child(p, i),
                  "expected a name of letters, digits, \"_\" or \"-\" (at most 64)" + got(rules[i]));
        else
          out.channels.push_back(rules[i].get<std::string>());
      }
      continue;
    }
    if (key != list_key) {
      unknown_key(pointer, key,
                  "\"" + list_key + "\"" + (channels ? std::string(", \"channels\"") : ""), d);
      continue;
    }
    if (!rules.is_array() || rules.empty()) {
      d.error(p, "expected a non-empty array of rules " + example + got(rules));
      continue;
    }
    for (std::size_t i = 0; i < rules.size(); ++i) {
      const Json& rule = rules[i];
      const std::string rp = pointer_child(p, i);
      if (!rule.is_object()) {
        d.error(rp, "expected a rule {\"" + attr_key + "\":\"...\",\"when\":{...}}" + got(rule));
        continue;
      }
      ClassRule r;
      r.pointer = rp;
      bool named = false, clean = true;
      for (const auto& [k, v] : rule.items()) {
        const std::string kp = pointer_child(rp, k);
        if (k == attr_key) {
          named = true;
          if (!v.is_string() || !valid_value(v.get<std::string>())) {
            d.error(kp, "expected a name of letters, digits, \"_\" or \"-\" (at most 64)" + got(v));
            clean = false;
          } else {
            r.value = v.get<std::string>();
          }
        } else if (k == "when") {
          const std::size_t before = d.size();
          r.when = read_when(v, kp, d);
          clean = clean && d.size() == before;
        } else {
          unknown_key(rp, k, "\"" + attr_key + "\", \"when\"", d);
          clean = false;
        }
      }
      if (!named) {
        d.error(rp, "missing required key \"" + attr_key + "\"");
        continue;
      }
      if (clean) out.rules.push_back(std::move(r));
    }
  }
  return out;
}

}  // namespace kefu::policy::internal
