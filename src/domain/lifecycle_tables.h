// The lifecycle tables behind include/kefu/domain/lifecycle.h: each entity
// kind's states (index 0 is the state "created" puts it in) and its edges.
// Each kind's tables live in their own file (claim_lifecycle.cc) so that
// entities added in parallel do not touch each other's tables.
//
// Thread safety: constants.
#ifndef KEFU_SRC_DOMAIN_LIFECYCLE_TABLES_H_
#define KEFU_SRC_DOMAIN_LIFECYCLE_TABLES_H_

#include <span>
#include <string_view>

namespace kefu::domain::internal {

struct Edge {
  std::string_view from;
  std::string_view event;
  std::string_view to;
};

std::span<const std::string_view> claim_states();
std::span<const Edge> claim_edges();

}  // namespace kefu::domain::internal

#endif  // KEFU_SRC_DOMAIN_LIFECYCLE_TABLES_H_
