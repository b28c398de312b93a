// The content hash of an event: how a re-sent event is told from a
// conflicting one with the same id.
//
// The hash is a 64-bit word-wise multiply-xorshift hash (FNV-1a's idea,
// eight bytes a step) over a canonical form of the event rather than over
// its text, so formatting never matters: members in any order, any
// whitespace or string escapes, the instant in any UTC offset, and a number
// written as 5, 5.0 or 5e0 all hash the same (5 == 5.0, as attr_equal has
// it). Every field of the Event takes part, so any change of content changes
// the hash (up to 64-bit collisions).
//
// The value may be stored (ids are remembered across runs), so the
// algorithm is a format: change it only with the store's version.
//
// Example:
//   std::uint64_t h = content_hash(event);  // the same on every machine
//
// Thread safety: pure function.
#ifndef KEFU_SRC_DOMAIN_EVENT_HASH_H_
#define KEFU_SRC_DOMAIN_EVENT_HASH_H_

#include <cstdint>

#include "kefu/domain/event.h"

namespace kefu::domain::internal {

// `removed` must be sorted, as `attrs` is.
std::uint64_t content_hash(const Event& event);

}  // namespace kefu::domain::internal

#endif  // KEFU_SRC_DOMAIN_EVENT_HASH_H_
