#include "policy/when_json.h"

#include <optional>
#include <string_view>
#include <utility>

#include "policy/json_pointer.h"

namespace kefu::policy::internal {
namespace {

constexpr std::string_view kOperators =
    "\"in\", \"gt\", \"gte\", \"lt\", \"lte\", \"present\"";
constexpr std::string_view kCondition =
    "expected a condition: a string, number or boolean to equal, or one of "
    "{\"in\":[...]}, {\"gt\":n}, {\"gte\":n}, {\"lt\":n}, {\"lte\":n}, "
    "{\"present\":true}";
constexpr std::string_view kScalar = "expected a string, number or boolean";

// A JSON scalar as an attribute holds it; nullopt for null, arrays and
// objects, which no attribute holds.
std::optional<AttrValue> scalar(const Json& v) {
  if (v.is_boolean()) return AttrValue(v.get<bool>());
  if (std::optional<std::int64_t> n = whole_number(v)) return AttrValue(*n);
  if (v.is_number()) return AttrValue(v.get<double>());
  if (v.is_string()) return AttrValue(v.get<std::string>());
  return std::nullopt;
}

std::optional<Condition::Op> comparison(std::string_view key) {
  if (key == "gt") return Condition::Op::kGreater;
  if (key == "gte") return Condition::Op::kGreaterEq;
  if (key == "lt") return Condition::Op::kLess;
  if (key == "lte") return Condition::Op::kLessEq;
  return std::nullopt;
}

// {"op": operand}, exactly one member. Returns false after an error.
bool read_operator(const Json& value, const std::string& pointer, Condition& c,
                   Diagnostics& d) {
  if (value.size() != 1) {
    d.error(pointer, "expected exactly one operator, one of " +
                         std::string(kOperators) + got(value));
    return false;
  }
  const std::string& op = value.begin().key();
  const Json& operand = value.begin().value();
  std::string p = pointer_child(pointer, op);
  if (std::optional<Condition::Op> cmp = comparison(op)) {
    std::optional<AttrValue> number =
        operand.is_number() ? scalar(operand) : std::nullopt;
    if (!number) {
      d.error(p,
              "expected a number: a comparison matches numeric "
              "attributes only, so any other type is an attribute type "
              "that cannot match" +
                  got(operand));
      return false;
    }
    c.op = *cmp;
    c.values.push_back(std::move(*number));
    return true;
  }
  if (op == "in") {
    if (!operand.is_array() || operand.empty()) {
      d.error(p,
              "expected a non-empty array of the strings, numbers or "
              "booleans to match" +
                  got(operand));
      return false;
    }
    bool ok = true;
    for (std::size_t i = 0; i < operand.size(); ++i) {
      std::optional<AttrValue> v = scalar(operand[i]);
      if (!v) {
        d.error(pointer_child(p, i), std::string(kScalar) + got(operand[i]));
        ok = false;
        continue;
      }
      c.values.push_back(std::move(*v));
    }
    c.op = Condition::Op::kOneOf;
    return ok;
  }
  if (op == "present") {
    if (!operand.is_boolean()) {
      d.error(p,
              "expected true (the attribute is present) or false (it is "
              "absent)" +
                  got(operand));
      return false;
    }
    c.op =
        operand.get<bool>() ? Condition::Op::kPresent : Condition::Op::kAbsent;
    return true;
  }
  d.error(p, unknown_key_message(op, kOperators));
  return false;
}

}  // namespace

std::vector<Condition> read_when(const Json& value, const std::string& pointer,
                                 Diagnostics& d) {
  std::vector<Condition> when;
  if (!value.is_object()) {
    d.error(pointer,
            "expected an object of attribute conditions "
            "{\"tier\":\"A\", \"declared_value_cents\":{\"gte\":"
            "1000000}}" +
                got(value));
    return when;
  }
  for (const auto& [attribute, test] : value.items()) {
    std::string p = pointer_child(pointer, attribute);
    if (attribute.empty()) {
      d.error(p, "expected a non-empty attribute name");
      continue;
    }
    Condition c;
    c.attribute = attribute;
    if (test.is_object()) {
      if (!read_operator(test, p, c, d)) continue;
    } else if (std::optional<AttrValue> v = scalar(test)) {
      c.op = Condition::Op::kEquals;
      c.values.push_back(std::move(*v));
    } else {
      d.error(p, std::string(kCondition) + got(test));
      continue;
    }
    when.push_back(std::move(c));
  }
  return when;
}

}  // namespace kefu::policy::internal
