#include "policy/limits_section.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "policy/json_pointer.h"

namespace kefu::policy::internal {
namespace {

struct Bound {
  std::string_view key;
  std::size_t EventLimits::*field;
  std::size_t ceiling;
};

constexpr std::array<Bound, 4> kBounds = {{
    {"event_bytes", &EventLimits::max_bytes, 16u << 20},
    {"event_depth", &EventLimits::max_depth, 64},
    {"event_attributes", &EventLimits::max_attributes, 65536},
    {"event_string_bytes", &EventLimits::max_string_bytes, 1u << 20},
}};

constexpr std::string_view kKeys =
    "\"event_bytes\", \"event_depth\", \"event_attributes\", "
    "\"event_string_bytes\"";

}  // namespace

EventLimits read_event_limits(const Json& value, const std::string& pointer,
                              Diagnostics& d) {
  EventLimits limits;
  if (!value.is_object()) {
    d.error(pointer, "expected an object of event limits {\"event_bytes\":65536, "
                     "...}" + got(value));
    return limits;
  }
  for (const auto& [key, member] : value.items()) {
    const Bound* bound = nullptr;
    for (const Bound& b : kBounds)
      if (b.key == key) bound = &b;
    if (bound == nullptr) {
      unknown_key(pointer, key, kKeys, d);
      continue;
    }
    std::optional<std::int64_t> n = whole_number(member);
    if (!n || *n < 1 || static_cast<std::uint64_t>(*n) > bound->ceiling) {
      d.error(pointer_child(pointer, key),
              "expected a whole number from 1 to " +
                  std::to_string(bound->ceiling) + got(member));
      continue;
    }
    limits.*(bound->field) = static_cast<std::size_t>(*n);
  }
  return limits;
}

}  // namespace kefu::policy::internal
