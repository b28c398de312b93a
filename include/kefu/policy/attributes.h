// Attribute values: what entities carry and what `when` conditions match.
//
// An attribute is a JSON scalar: a boolean, an integer (amounts are integer
// cents in `*_cents` fields), a number, or a string (timestamps are ISO 8601
// strings, read as instants where a target needs one). Attributes are kept
// sorted by name, so two equal maps compare and print the same way.
//
// Example:
//   Attributes a;
//   a.set("tier", AttrValue(std::string("A")));
//   a.set("declared_value_cents", AttrValue(std::int64_t{1200000}));
//   const AttrValue* tier = a.find("tier");
//
// Thread safety: values.
#ifndef KEFU_POLICY_ATTRIBUTES_H_
#define KEFU_POLICY_ATTRIBUTES_H_

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace kefu::policy {

using AttrValue = std::variant<bool, std::int64_t, double, std::string>;

// Numbers compare by value whether integer or not; nullopt for non-numbers.
inline std::optional<double> as_number(const AttrValue& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
  if (const auto* d = std::get_if<double>(&v)) return *d;
  return std::nullopt;
}

// Equality as a policy author means it: 5 == 5.0, "A" == "A", true == true.
inline bool attr_equal(const AttrValue& a, const AttrValue& b) {
  auto na = as_number(a), nb = as_number(b);
  if (na && nb) return *na == *nb;
  return a == b;
}

class Attributes {
 public:
  const AttrValue* find(std::string_view name) const {
    auto it = lower(name);
    return it != items_.end() && it->first == name ? &it->second : nullptr;
  }
  void set(std::string name, AttrValue value) {
    auto it = lower(name);
    if (it != items_.end() && it->first == name)
      it->second = std::move(value);
    else
      items_.insert(it, {std::move(name), std::move(value)});
  }
  bool erase(std::string_view name) {
    auto it = lower(name);
    if (it == items_.end() || it->first != name) return false;
    items_.erase(it);
    return true;
  }
  // Sets every attribute of `other`, keeping the rest.
  void merge(const Attributes& other) {
    for (const auto& [k, v] : other.items_) set(k, v);
  }
  // For readers of input already in name order (snapshot restore): room
  // for `n` attributes, and an append that keeps the order without a
  // search, refusing (and changing nothing) a name not after the last one.
  void reserve(std::size_t n) { items_.reserve(n); }
  bool append_in_order(std::string name, AttrValue value) {
    if (!items_.empty() && !(items_.back().first < name)) return false;
    items_.emplace_back(std::move(name), std::move(value));
    return true;
  }
  const std::vector<std::pair<std::string, AttrValue>>& items() const { return items_; }
  bool empty() const { return items_.empty(); }
  friend bool operator==(const Attributes&, const Attributes&) = default;

 private:
  using Items = std::vector<std::pair<std::string, AttrValue>>;
  Items::iterator lower(std::string_view name) {
    return std::lower_bound(items_.begin(), items_.end(), name,
                            [](const auto& item, std::string_view n) { return item.first < n; });
  }
  Items::const_iterator lower(std::string_view name) const {
    return std::lower_bound(items_.begin(), items_.end(), name,
                            [](const auto& item, std::string_view n) { return item.first < n; });
  }
  Items items_;
};

}  // namespace kefu::policy

#endif  // KEFU_POLICY_ATTRIBUTES_H_
