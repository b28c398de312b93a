// One entity kind's state machine as data: its states (the first is the
// state a "created" event makes) and its edges. lifecycle.cc walks these;
// each kind's table sits in its own file where it is long enough to want
// one (complaint_lifecycle.cc).
#ifndef KEFU_SRC_DOMAIN_LIFECYCLE_TABLE_H_
#define KEFU_SRC_DOMAIN_LIFECYCLE_TABLE_H_

#include <span>
#include <string_view>

#include "domain/lifecycle_tables.h"  // Edge

namespace kefu::domain::internal {

struct LifecycleTable {
  std::span<const std::string_view> states;
  std::span<const Edge> edges;
  // States that accept nothing more (their timers stop).
  std::span<const std::string_view> closed;
};

LifecycleTable complaint_lifecycle();

}  // namespace kefu::domain::internal

#endif  // KEFU_SRC_DOMAIN_LIFECYCLE_TABLE_H_
