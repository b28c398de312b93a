// Snapshots: an engine's whole state as bytes, and the engine back from them.
//
// A snapshot holds everything the engine keeps (entities with their event
// histories, which late events re-apply; timers and their logs; the
// notifications released, which corrections refer to; pending
// notifications; remembered event ids; the clock and the next seq), so a
// restored engine is indistinguishable from the original: the same
// canonical_state() and the same output for the same future calls.
// Policies are not inside: the snapshot names each version the engine
// loaded (its version string, in load order) and the caller hands the
// compiled policies back; the store keeps their documents.
//
// Format (docs/store.md): the magic "KEFUSNAP", a u32 format version, a u64
// payload length, a u64 checksum of the payload, then the payload. A
// damaged snapshot (truncated, a flipped byte, another format) is refused
// with InvalidArgument saying what is wrong; it never restores a wrong
// state.
//
// Example:
//   std::string bytes = write_snapshot(engine);
//   Result<Engine> back = read_snapshot(bytes, {policy});
//   assert(back->canonical_state() == engine.canonical_state());
//
// Thread safety: write_snapshot reads the engine (no concurrent writer);
// read_snapshot builds a new engine.
#ifndef KEFU_ENGINE_SNAPSHOT_H_
#define KEFU_ENGINE_SNAPSHOT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kefu/engine/engine.h"
#include "kefu/policy/policy.h"
#include "kefu/status.h"

namespace kefu::engine {

inline constexpr std::uint32_t kSnapshotFormat = 5;

std::string write_snapshot(const Engine& engine);

// The policy version strings the snapshot's engine had loaded, in load
// order (what read_snapshot needs), after checking the header and checksum.
Result<std::vector<std::string>> snapshot_policy_versions(std::string_view bytes);

// Rebuilds the engine. `policies` are its policy versions in load order;
// each must have the version string the snapshot recorded.
Result<Engine> read_snapshot(std::string_view bytes, const std::vector<policy::Policy>& policies);

}  // namespace kefu::engine

#endif  // KEFU_ENGINE_SNAPSHOT_H_
