// libFuzzer target: sequences of ingest and advance under the reference
// policy.
//
// The input is lines. A line "+N" (N decimal, at most 4 digits) advances the
// clock N x 10 minutes past the previous advance (the first from
// 2026-09-15T00:00:00+08:00); any other line is an event for ingest_json.
// Invariants checked on every step:
// - a refused event changes nothing (the engine's stats are unchanged);
// - notifications are numbered 1, 2, 3, ... across all advances;
// - a second engine fed the same steps gives the same output (determinism).
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "kefu/engine/engine.h"
#include "kefu/policy/policy.h"

namespace {

const kefu::policy::Policy& reference() {
  static const kefu::policy::Policy policy =
      *kefu::policy::Policy::Load(KEFU_SOURCE_DIR "/examples/policies/reference.json");
  return policy;
}

bool same(const kefu::engine::EngineStats& a, const kefu::engine::EngineStats& b) {
  return a.entities == b.entities && a.open_timers == b.open_timers &&
         a.events == b.events && a.remembered_ids == b.remembered_ids;
}

// Runs the steps; returns every notification as JSON, in order.
std::string run(std::string_view input) {
  kefu::engine::Engine engine(reference());
  kefu::time::Instant now = *kefu::time::parse_instant("2026-09-15T00:00:00+08:00");
  std::int64_t expected_seq = 1;
  std::string out;
  while (!input.empty()) {
    std::size_t end = input.find('\n');
    std::string_view line = input.substr(0, end);
    input = end == std::string_view::npos ? std::string_view() : input.substr(end + 1);
    if (line.size() >= 2 && line.size() <= 5 && line[0] == '+' &&
        line.find_first_not_of("0123456789", 1) == std::string_view::npos) {
      now += std::chrono::minutes(10 * std::stoi(std::string(line.substr(1))));
      for (const kefu::engine::Notification& n : engine.advance(now)) {
        if (n.seq != expected_seq++) std::abort();
        out += kefu::engine::to_json(n);
        out += '\n';
      }
      continue;
    }
    kefu::engine::EngineStats before = engine.stats();
    auto r = engine.ingest_json(line);
    if (!r.ok()) {
      if (!same(before, engine.stats())) std::abort();
      out += r.status().message();
      out += '\n';
    }
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 64 * 1024) return 0;  // keep each run short
  std::string_view input(reinterpret_cast<const char*>(data), size);
  if (run(input) != run(input)) std::abort();
  return 0;
}
