// The cost of the C ABI (capi/kefu.h) against the C++ calls it wraps: one
// event ingested, one due date computed ("3wd" on the office calendar).
//
// Reference results, 2026-11-23 (Release -O2, GCC 12, Google Benchmark
// 1.7.1, --benchmark_min_time=0.5), 2-vCPU VM, AMD EPYC 2.6 GHz, with the
// machine busy (load 6.5-7.5), so wall times moved up to 2x between runs;
// callgrind's instructions per op (Ir/op) do not move. bench/README.md ("C
// ABI") has the command and both runs.
//
//   Benchmark                        Wall (2 runs)     Ir/op
//   BM_CppIngest                     7.6-15.4 us      28,555
//   BM_CApiIngest                   10.9-13.1 us      28,614  +94: the ABI
//   BM_CppCalendarAdd               13.2-15.7 ns          95
//   BM_CApiCalendarAdd              42.3-45.5 ns         339  153: "3wd"
//   BM_CApiCalendarAddMany / elem   14.7-18.5 ns         114
//
// What the C side pays beyond the C++ call: the guard (clearing the thread's
// last error, a try block), the handle indirection, and for calendar_add the
// parsing of the spec text on every call; kefu_calendar_add_many parses it
// once per array, which BM_CApiCalendarAddMany shows per element.
//
// Both ingest benchmarks feed the same pre-built lines (distinct orders, one
// second apart) to a fresh engine, rebuilt outside the timed region when the
// lines run out; both add benchmarks cycle through the same 4096 starts
// spread over 2019-2025.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdio>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "kefu.h"
#include "kefu/engine/engine.h"
#include "kefu/policy/policy.h"
#include "kefu/time/calendar.h"
#include "kefu/time/due_spec.h"
#include "kefu/time/instant.h"

namespace {

// The reference policy's office calendar and the targets an order.created
// starts there (order.confirm, order.risk_assessment, order.departure_check).
constexpr char kPolicy[] = R"({
  "version": "bench-1",
  "calendars": {
    "office": {
      "utc_offset": "+08:00",
      "week": {
        "mon": ["08:30-12:00", "13:30-18:00"], "tue": ["08:30-12:00", "13:30-18:00"],
        "wed": ["08:30-12:00", "13:30-18:00"], "thu": ["08:30-12:00", "13:30-18:00"],
        "fri": ["08:30-12:00", "13:30-18:00"]
      },
      "holidays": ["cn-statutory"]
    }
  },
  "sla": [
    {"id": "order.confirm", "entity": "order",
     "start": "order.created", "stop": "order.confirmed",
     "target": "1h", "calendar": "24x7", "warn_at": [0.5, 0.8]},
    {"id": "order.risk_assessment", "entity": "order", "when": {"new_customer": true},
     "start": "order.created", "stop": "order.assessed",
     "target": "2h", "calendar": "24x7", "warn_at": [0.5]},
    {"id": "order.departure_check", "entity": "order", "when": {"tier": {"in": ["A", "B"]}},
     "start": "order.created", "stop": ["order.departed", "order.cancelled"],
     "target": {"at": "17:00"}, "calendar": "office"}
  ]
})";

constexpr std::size_t kLines = std::size_t{1} << 16;
constexpr std::int64_t kFirstEvent = 1772413200;  // 2026-03-02T09:00:00+08:00

const std::vector<std::string>& event_lines() {
  static const std::vector<std::string> lines = [] {
    std::vector<std::string> out;
    out.reserve(kLines);
    const char* tiers[] = {"A", "B", "C"};
    for (std::size_t i = 0; i < kLines; ++i) {
      kefu::time::Instant at{
          std::chrono::seconds(kFirstEvent + static_cast<std::int64_t>(i))};
      char line[256];
      std::snprintf(
          line, sizeof line,
          R"({"id":"e-%zu","type":"order.created","at":"%s","order":"WB%zu",)"
          R"("customer":"C%zu","attrs":{"tier":"%s","new_customer":%s}})",
          i,
          kefu::time::format_instant(at, kefu::time::UtcOffset::hours(8))
              .c_str(),
          i, i % 97, tiers[i % 3], i % 5 == 0 ? "true" : "false");
      out.emplace_back(line);
    }
    return out;
  }();
  return lines;
}

const std::vector<std::int64_t>& starts() {
  static const std::vector<std::int64_t> out = [] {
    std::mt19937_64 rng(42);
    // 2019-01-01 .. 2025-12-01, +08:00.
    std::uniform_int_distribution<std::int64_t> pick(1546272000, 1764518400);
    std::vector<std::int64_t> v(4096);
    for (std::int64_t& t : v) t = pick(rng);
    return v;
  }();
  return out;
}

kefu::policy::Policy cpp_policy() {
  return *kefu::policy::Policy::Parse(kPolicy);
}

struct CPolicy {
  kefu_policy* p = nullptr;
  CPolicy() { kefu_policy_load(&p, kPolicy, sizeof kPolicy - 1); }
  ~CPolicy() { kefu_policy_free(p); }
};

void BM_CppIngest(benchmark::State& state) {
  const std::vector<std::string>& lines = event_lines();
  kefu::policy::Policy policy = cpp_policy();
  auto engine = std::make_unique<kefu::engine::Engine>(policy);
  std::size_t i = 0;
  for (auto _ : state) {
    if (i == lines.size()) {
      state.PauseTiming();
      engine = std::make_unique<kefu::engine::Engine>(policy);
      i = 0;
      state.ResumeTiming();
    }
    auto r = engine->ingest_json(lines[i++]);
    benchmark::DoNotOptimize(r);
    if (!r.ok()) state.SkipWithError("ingest refused");
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CppIngest);

void BM_CApiIngest(benchmark::State& state) {
  const std::vector<std::string>& lines = event_lines();
  CPolicy policy;
  kefu_engine* engine = nullptr;
  kefu_engine_new(&engine, policy.p, nullptr);
  std::size_t i = 0;
  int outcome = 0;
  for (auto _ : state) {
    if (i == lines.size()) {
      state.PauseTiming();
      kefu_engine_free(engine);
      kefu_engine_new(&engine, policy.p, nullptr);
      i = 0;
      state.ResumeTiming();
    }
    const std::string& line = lines[i++];
    int rc = kefu_engine_ingest(&outcome, engine, line.data(), line.size());
    benchmark::DoNotOptimize(outcome);
    if (rc != KEFU_OK) state.SkipWithError(kefu_last_error_message(nullptr));
  }
  kefu_engine_free(engine);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CApiIngest);

void BM_CppCalendarAdd(benchmark::State& state) {
  kefu::policy::Policy policy = cpp_policy();
  const kefu::time::Calendar& office = *policy.calendar("office");
  const kefu::time::DueSpec spec = kefu::time::WorkingDays(3);
  const std::vector<std::int64_t>& s = starts();
  std::size_t i = 0;
  for (auto _ : state) {
    kefu::time::Instant start{std::chrono::seconds(s[i++ & 4095])};
    auto due = office.add(start, spec);
    benchmark::DoNotOptimize(due);
  }
}
BENCHMARK(BM_CppCalendarAdd);

void BM_CApiCalendarAdd(benchmark::State& state) {
  CPolicy policy;
  kefu_calendar* office = nullptr;
  kefu_calendar_get(&office, policy.p, "office", 6);
  const std::vector<std::int64_t>& s = starts();
  std::size_t i = 0;
  std::int64_t due = 0;
  for (auto _ : state) {
    int rc = kefu_calendar_add(&due, office, s[i++ & 4095], "3wd", 3);
    benchmark::DoNotOptimize(rc);
    benchmark::DoNotOptimize(due);
  }
  kefu_calendar_free(office);
}
BENCHMARK(BM_CApiCalendarAdd);

// Per element: one call over the 4096 starts.
void BM_CApiCalendarAddMany(benchmark::State& state) {
  CPolicy policy;
  kefu_calendar* office = nullptr;
  kefu_calendar_get(&office, policy.p, "office", 6);
  const std::vector<std::int64_t>& s = starts();
  std::vector<std::int64_t> dues(s.size());
  for (auto _ : state) {
    int rc = kefu_calendar_add_many(dues.data(), office, s.data(), s.size(),
                                    "3wd", 3);
    benchmark::DoNotOptimize(rc);
    benchmark::DoNotOptimize(dues.data());
  }
  kefu_calendar_free(office);
  state.SetItemsProcessed(state.iterations() *
                          static_cast<std::int64_t>(s.size()));
}
BENCHMARK(BM_CApiCalendarAddMany);

}  // namespace
