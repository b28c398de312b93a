// One entity kind's state machine as data: its states (the first is the
// state a "created" event makes) and its edges. lifecycle.cc walks these;
// each kind's table sits in its own file where it is long enough to want
// one (complaint_lifecycle.cc, claim_lifecycle.cc), so that kinds added in
// parallel do not touch each other's tables.
#ifndef KEFU_SRC_DOMAIN_LIFECYCLE_TABLE_H_
#define KEFU_SRC_DOMAIN_LIFECYCLE_TABLE_H_

#include <span>
#include <string_view>

namespace kefu::domain::internal {

struct Edge {
  std::string_view from;
  std::string_view event;
  std::string_view to;
};

struct LifecycleTable {
  std::span<const std::string_view> states;
  std::span<const Edge> edges;
  // States that accept nothing more (their timers stop).
  std::span<const std::string_view> closed;
};

LifecycleTable complaint_lifecycle();  // complaint_lifecycle.cc
LifecycleTable claim_lifecycle();      // claim_lifecycle.cc

}  // namespace kefu::domain::internal

#endif  // KEFU_SRC_DOMAIN_LIFECYCLE_TABLE_H_
