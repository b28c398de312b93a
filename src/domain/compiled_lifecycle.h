// A kind's lifecycle compiled into numbers (include/kefu/domain/lifecycle.h
// keeps the names): which states are closed and the state each lifecycle
// event leads to from each state, as a table. domain::transition and
// domain::is_closed read it; the engine, which asks both for every event,
// takes the table once an event and reads it inline.
//
// Example:
//   const CompiledLifecycle& orders = compiled_lifecycle(EntityKind::kOrder);
//   if (!orders.is_closed(s)) std::optional<State> next = orders.next(s, e);
//
// Thread safety: built once, then constant.
#ifndef KEFU_SRC_DOMAIN_COMPILED_LIFECYCLE_H_
#define KEFU_SRC_DOMAIN_COMPILED_LIFECYCLE_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "domain/lifecycle_table.h"
#include "kefu/domain/lifecycle.h"

namespace kefu::domain::internal {

struct CompiledLifecycle {
  static constexpr State kIllegal = 0xFF;
  std::span<const std::string_view> states;
  std::uint64_t closed = 0;              // bit s: state s accepts nothing
  std::vector<std::string_view> events;  // the edges' event names, each once
  std::vector<State> next_state;         // [event * states + from]: kIllegal or the state after

  explicit CompiledLifecycle(const LifecycleTable& t);

  bool is_closed(State s) const { return s < states.size() && (closed >> s & 1) != 0; }
  // domain::transition by number: nullopt from a closed state or where the
  // table has no edge; kKeepsState keeps `from`.
  std::optional<State> next(State from, LifecycleEvent event) const {
    if (is_closed(from)) return std::nullopt;
    if (event == kKeepsState) return from;
    if (event < 0 || from >= states.size()) return std::nullopt;
    const State to = next_state[static_cast<std::size_t>(event) * states.size() + from];
    if (to == kIllegal) return std::nullopt;
    return to;
  }
};

// The table of `kind`, built on first use.
const CompiledLifecycle& compiled_lifecycle(policy::EntityKind kind);

}  // namespace kefu::domain::internal

#endif  // KEFU_SRC_DOMAIN_COMPILED_LIFECYCLE_H_
