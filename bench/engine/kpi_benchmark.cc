// Benchmark of the KPI computation (src/engine/kpi.cc) under the reference
// policy's seven figures:
//
// - BM_KpiMonths/N: Engine::kpi_months() over an engine holding N orders of
//   bench/engine/event_log.h's hub (a backlog opened over a simulated day in
//   September 2026, each order's events up to where the log stands), so
//   about 4 events and 2-3 timers per order. This is what closing a month
//   costs the engine once a month, and what `kefu replay --kpi` pays at the
//   end. Items are entities.
//
// Reference results: see bench/README.md ("KPIs").
#include <benchmark/benchmark.h>

#include <string>

#include "event_log.h"  // beside this file: bench/ is not on the include path
#include "kefu/engine/engine.h"
#include "kefu/engine/kpi.h"
#include "kefu/policy/policy.h"

namespace kefu::engine {
namespace {

void BM_KpiMonths(benchmark::State& state) {
  const std::string here = __FILE__;
  const std::string root = here.substr(0, here.rfind("/bench/"));
  Result<policy::Policy> policy =
      policy::Policy::Load(root + "/examples/policies/reference.json");
  if (!policy.ok()) {
    state.SkipWithError(policy.status().to_string().c_str());
    return;
  }
  const auto orders = static_cast<std::uint64_t>(state.range(0));
  Engine engine(*policy);
  bench::OrderLog log({.burst_orders = orders});
  std::string line;
  std::size_t refused = 0;
  while (log.orders() < orders) {
    log.next(&line);
    if (!engine.ingest_json(line).ok()) ++refused;
  }
  std::size_t months = 0;
  for (auto _ : state) {
    std::vector<KpiMonth> m = engine.kpi_months();
    months = m.size();
    benchmark::DoNotOptimize(m.data());
  }
  const EngineStats stats = engine.stats();
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(stats.entities));
  state.counters["entities"] = static_cast<double>(stats.entities);
  state.counters["events"] = static_cast<double>(stats.events);
  state.counters["months"] = static_cast<double>(months);
  state.counters["refused"] = static_cast<double>(refused);
}
BENCHMARK(BM_KpiMonths)->Arg(100000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace kefu::engine
