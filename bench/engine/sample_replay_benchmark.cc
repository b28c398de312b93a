// The bundled month of one branch, every entity kind at once: orders,
// customers, complaints and claims (examples/data/sample.jsonl, written by
// examples/data/generate_sample.py), replayed as `kefu replay` does under
// the reference policy: parse each line, advance to one second before its
// instant, ingest it, and format each notification.
//
// BM_ReplaySampleMonth: items are event lines, one iteration is the whole
// month into a new engine (what a host re-running a month pays).
#include <benchmark/benchmark.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "kefu/domain/event.h"
#include "kefu/engine/engine.h"
#include "kefu/engine/notification.h"
#include "kefu/policy/policy.h"

namespace {

using namespace kefu;

std::vector<std::string> sample_lines() {
  std::ifstream in(KEFU_SOURCE_DIR "/examples/data/sample.jsonl");
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) lines.push_back(line);
  return lines;
}

void BM_ReplaySampleMonth(benchmark::State& state) {
  const policy::Policy policy =
      *policy::Policy::Load(KEFU_SOURCE_DIR "/examples/policies/reference.json");
  const std::vector<std::string> lines = sample_lines();
  std::size_t notifications = 0;
  std::string out;
  std::vector<engine::Notification> notes;  // passed back each time, as kefu replay does
  for (auto _ : state) {
    engine::Engine engine(policy);
    notifications = 0;
    for (const std::string& line : lines) {
      Result<domain::Event> ev = domain::parse_event(line, policy.event_limits());
      if (!ev.ok()) continue;
      engine.advance(ev->at - std::chrono::seconds(1), &notes);
      for (const engine::Notification& n : notes) {
        out = engine::to_json(n);
        ++notifications;
      }
      benchmark::DoNotOptimize(engine.ingest(std::move(ev).value()));
    }
    benchmark::DoNotOptimize(out);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * lines.size()));
  state.counters["events"] = static_cast<double>(lines.size());
  state.counters["notifications"] = static_cast<double>(notifications);
}
BENCHMARK(BM_ReplaySampleMonth)->Unit(benchmark::kMillisecond);

}  // namespace
