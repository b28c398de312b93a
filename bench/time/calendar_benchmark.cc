// Benchmarks of Calendar::add and Calendar::elapsed on the `office` calendar
// (+08:00, Mon-Fri 08:30-12:00 and 13:30-18:00, cn-statutory holidays),
// built directly with the time layer, and of the naive day-by-day walk that
// the precomputed tables replace.
//
// Reference results, 2026-11-23, Release -O2, GCC 12, Google Benchmark
// 1.7.1, --benchmark_min_time=0.5, on a 2-vCPU VM ("AMD EPYC", 2.6 GHz,
// L1d 48 KiB, L2 1 MiB), idle; wall time, three runs (bench/README.md):
//
//   BM_CalendarAdd/1h               10.7-15.5 ns
//   BM_CalendarAdd/3wd               4.6-6.2 ns
//   BM_CalendarAdd/30wd              4.5-5.7 ns
//   BM_CalendarElapsed/1d            6.0-6.3 ns
//   BM_CalendarElapsed/1y            6.0-6.1 ns
//   BM_CalendarBruteForceAdd/30wd    336-647 ns
//
// allocs_per_op and bytes_per_op are 0 for all of them (the 1e-7 shown is
// the harness's allocations per run).
//
// Each case cycles through 4096 start instants spread over 2019-2025, so the
// figure is not that of one cached answer. allocs_per_op and bytes_per_op
// count the global operator new calls made inside the timed loop.
#include <benchmark/benchmark.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <random>
#include <set>
#include <array>
#include <string>
#include <vector>

#include "kefu/time/calendar.h"
#include "kefu/time/due_spec.h"
#include "kefu/time/instant.h"

// Counting allocation hook. The counters are only touched when something
// allocates, so they cost nothing on the allocation-free path being measured.
// Only one file of kefu_bench may replace the global operator new. The
// replacements are kept out of line: inlined into this file's own new/delete
// pairs, GCC 12 takes free() of operator new's pointer for a mismatch
// (-Wmismatched-new-delete).
namespace {
std::atomic<std::uint64_t> g_allocations{0};
std::atomic<std::uint64_t> g_allocated_bytes{0};

void* counted_alloc(std::size_t size) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  g_allocated_bytes.fetch_add(size, std::memory_order_relaxed);
  return std::malloc(size == 0 ? 1 : size);
}
}  // namespace

[[gnu::noinline]] void* operator new(std::size_t size) {
  if (void* p = counted_alloc(size)) return p;
  throw std::bad_alloc();
}
[[gnu::noinline]] void* operator new[](std::size_t size) {
  if (void* p = counted_alloc(size)) return p;
  throw std::bad_alloc();
}
[[gnu::noinline]] void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  return counted_alloc(size);
}
[[gnu::noinline]] void* operator new[](std::size_t size, const std::nothrow_t&) noexcept {
  return counted_alloc(size);
}
[[gnu::noinline]] void operator delete(void* p) noexcept { std::free(p); }
[[gnu::noinline]] void operator delete[](void* p) noexcept { std::free(p); }
[[gnu::noinline]] void operator delete(void* p, std::size_t) noexcept { std::free(p); }
[[gnu::noinline]] void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
[[gnu::noinline]] void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
[[gnu::noinline]] void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }

namespace kefu::time {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::seconds;

// A power of two, so the next start is an index mask away.
constexpr std::size_t kStarts = 4096;

CalendarDefinition OfficeDefinition() {
  CalendarDefinition def;
  def.name = "office";
  def.offset = UtcOffset::hours(8);
  for (std::size_t w = 0; w < 5; ++w)
    def.week[w] = {{8 * 3600 + 1800, 12 * 3600}, {13 * 3600 + 1800, 18 * 3600}};
  def.holidays.push_back(bundled_holiday_set("cn-statutory").value());
  return def;
}

const Calendar& Office() {
  static const Calendar* const office = new Calendar(Calendar::Build(OfficeDefinition()).value());
  return *office;
}

// The calendar as the walk sees it: the definition itself, no tables.
struct WalkCalendar {
  UtcOffset offset;
  std::array<DayHours, 7> week;
  std::set<Date> off;
  std::set<Date> workdays;
  std::chrono::weekday makeup_hours;

  const DayHours& hours(Date d) const {
    if (off.count(d)) return closed;
    if (workdays.count(d)) return week[(makeup_hours.c_encoding() + 6) % 7];
    return week[(std::chrono::weekday(d).c_encoding() + 6) % 7];
  }
  DayHours closed;
};

const WalkCalendar& OfficeWalk() {
  static const WalkCalendar* const walk = [] {
    CalendarDefinition def = OfficeDefinition();
    auto* w = new WalkCalendar{def.offset, def.week, {}, {}, def.makeup_hours, {}};
    for (const HolidaySet& set : def.holidays) {
      w->off.insert(set.off.begin(), set.off.end());
      w->workdays.insert(set.workdays.begin(), set.workdays.end());
    }
    return w;
  }();
  return *walk;
}

// Pseudo-random instants in [2019-01-01, 2026-01-01) +08:00, fixed seed so
// every run measures the same inputs.
const std::vector<Instant>& Starts() {
  static const std::vector<Instant>* const starts = [] {
    const Instant first = parse_instant("2019-01-01T00:00:00+08:00").value();
    const Instant end = parse_instant("2026-01-01T00:00:00+08:00").value();
    std::mt19937_64 rng(20190101);
    std::uniform_int_distribution<std::int64_t> offset(0, (end - first).count() - 1);
    auto* v = new std::vector<Instant>;
    for (std::size_t i = 0; i < kStarts; ++i) v->push_back(first + seconds(offset(rng)));
    return v;
  }();
  return *starts;
}

// The obvious implementation of "close of business of the n-th working day
// after the start's local date", without precomputed tables: walk the days
// one at a time, looking each up in the holiday sets and the week, as a
// straightforward calendar library (or workalendar) does.
Result<Instant> BruteForceAddWorkingDays(const WalkCalendar& calendar, Instant start, int n) {
  Date day = date_of(to_local(start, calendar.offset));
  for (int counted = 0; counted < n;) {
    day += days(1);
    if (!calendar.hours(day).empty()) ++counted;
  }
  return to_instant(LocalSeconds(day) + seconds(calendar.hours(day).back().end),
                    calendar.offset);
}

// Runs `op(start)` over the starts and reports throughput and allocations.
template <class Op>
void RunOverStarts(benchmark::State& state, Op op) {
  const std::vector<Instant>& starts = Starts();
  // Fail loudly rather than time the error path.
  for (Instant start : starts) {
    auto r = op(start);
    if (!r.ok()) {
      state.SkipWithError(("failed for " + format_instant(start, UtcOffset::hours(8)) +
                           ": " + r.status().to_string())
                              .c_str());
      return;
    }
  }
  const std::uint64_t allocations = g_allocations.load();
  const std::uint64_t bytes = g_allocated_bytes.load();
  std::size_t i = 0;
  for (auto _ : state) {
    auto r = op(starts[i]);
    benchmark::DoNotOptimize(r);
    i = (i + 1) & (kStarts - 1);
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["allocs_per_op"] = benchmark::Counter(
      static_cast<double>(g_allocations.load() - allocations),
      benchmark::Counter::kAvgIterations);
  state.counters["bytes_per_op"] = benchmark::Counter(
      static_cast<double>(g_allocated_bytes.load() - bytes),
      benchmark::Counter::kAvgIterations);
}

void BM_CalendarAdd(benchmark::State& state, DueSpec spec) {
  const Calendar& office = Office();
  RunOverStarts(state, [&](Instant start) { return office.add(start, spec); });
}
BENCHMARK_CAPTURE(BM_CalendarAdd, 1h, DueSpec(BusinessDuration(hours(1))));
BENCHMARK_CAPTURE(BM_CalendarAdd, 3wd, DueSpec(WorkingDays(3)));
BENCHMARK_CAPTURE(BM_CalendarAdd, 30wd, DueSpec(WorkingDays(30)));

void BM_CalendarElapsed(benchmark::State& state, Duration span) {
  const Calendar& office = Office();
  RunOverStarts(state, [&](Instant a) { return office.elapsed(a, a + span); });
}
BENCHMARK_CAPTURE(BM_CalendarElapsed, 1d, Duration(days(1)));
BENCHMARK_CAPTURE(BM_CalendarElapsed, 1y, Duration(days(365)));

void BM_CalendarBruteForceAdd(benchmark::State& state, int n) {
  const Calendar& office = Office();
  // The walk must agree with the tables, or the comparison means nothing.
  for (Instant start : Starts()) {
    Result<Instant> fast = office.add(start, WorkingDays(n));
    Result<Instant> slow = BruteForceAddWorkingDays(OfficeWalk(), start, n);
    if (!fast.ok() || !slow.ok() || *fast != *slow) {
      state.SkipWithError(("brute force and add() disagree from " +
                           format_instant(start, UtcOffset::hours(8)))
                              .c_str());
      return;
    }
  }
  RunOverStarts(state, [&](Instant start) {
    return BruteForceAddWorkingDays(OfficeWalk(), start, n);
  });
}
BENCHMARK_CAPTURE(BM_CalendarBruteForceAdd, 30wd, 30);

}  // namespace
}  // namespace kefu::time
