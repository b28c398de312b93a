// Benchmark of parse_event: one JSON line of an event log to a
// domain::Event, as `kefu replay` reads each line.
//
// Reference results (2026-11-23, 2 vCPUs of an AMD EPYC VM, three runs at
// load 2.7-4.7, CPU time; bench/README.md):
//
//   BM_ParseEvent   251-416 ns per line, 2.4-4.0M lines/s
//
// The lines are those of a hub's log in its steady state
// (bench/engine/event_log.h, past eight simulated days, where every stage
// of an order's life is represented): about one line in eleven is an
// order.created with six to nine attributes, the rest are lifecycle events
// and milestones without attributes. 65,536 lines are cycled through, so
// the figure is not that of one line in cache.
#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "../engine/event_log.h"  // bench/ is not on the include path
#include "kefu/domain/event.h"

namespace kefu::domain {
namespace {

constexpr std::size_t kLines = std::size_t{1} << 16;  // a power of two

const std::vector<std::string>& Lines() {
  static const std::vector<std::string>* const lines = [] {
    // A small hub (0.02 orders a second) reaches its steady state in few
    // lines; the mix of lines is that of any rate.
    bench::OrderLog log({.orders_per_second = 0.02});
    std::string line;
    const std::int64_t start = log.next(&line).time_since_epoch().count();
    while (log.next(&line).time_since_epoch().count() < start + 8 * 86400) {
    }
    auto* v = new std::vector<std::string>(kLines);
    for (std::string& l : *v) log.next(&l);
    return v;
  }();
  return *lines;
}

void BM_ParseEvent(benchmark::State& state) {
  const std::vector<std::string>& lines = Lines();
  for (const std::string& line : lines) {
    if (Result<Event> e = parse_event(line); !e.ok()) {
      state.SkipWithError((e.status().to_string() + " in " + line).c_str());
      return;
    }
  }
  std::int64_t bytes = 0;
  std::size_t i = 0;
  for (auto _ : state) {
    Result<Event> e = parse_event(lines[i]);
    benchmark::DoNotOptimize(e);
    bytes += static_cast<std::int64_t>(lines[i].size());
    i = (i + 1) & (kLines - 1);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(bytes);
}
BENCHMARK(BM_ParseEvent);

}  // namespace
}  // namespace kefu::domain
