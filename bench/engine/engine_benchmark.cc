// Benchmarks of the engine (src/engine, src/sla) under the reference policy,
// examples/policies/reference.json:
//
// - BM_IngestOrders: parsed events into an Engine with about a million
//   orders live, advancing the clock to one second before each event as
//   `kefu replay` does (the advance is part of the cost). Items are events.
// - BM_IngestSmallHub: the same at 1/50 of the scale (20,000 orders, the
//   same mix of events), an engine that mostly fits in cache; under
//   callgrind, the instructions an event costs (bench/README.md, run J).
// - BM_ReplayJsonl: the same from JSON lines: parse_event, advance, ingest,
//   and each notification formatted with to_json, as `kefu replay` does
//   (without the write). Items are lines.
// - BM_Advance/N: N open timers (N/3 departed orders), the clock advanced a
//   minute at a time; ns_per_notification is the cost of one emitted
//   notification. Also reports the memory per open timer and per event of
//   history, measured (see MeasureMemory).
//
// Reference results (2026-12-05 06:26-07:15 UTC, run O of bench/README.md:
// 2 vCPUs of an AMD EPYC VM, quiet, wall = CPU; this VM's clock drifts
// between runs, so the README also counts instructions with callgrind and
// page faults with getrusage):
//
//   BM_IngestOrders       505k-675k events/s  1.10M orders live, 1.31M open
//                         timers; 23.5 page faults a thousand events, 296
//                         bytes of resident growth an event
//   BM_ReplayJsonl        394k-405k lines/s   1.18M orders live, 2.00M open timers
//   BM_IngestSmallHub     378k-802k events/s  20.1k orders live, 24.7k open
//                         timers (3,499 instructions an event under callgrind)
//   BM_Advance/1000000    0.81 us per notification, 1M open timers
//   BM_Advance/10000000   0.90 us per notification, 10M open timers
//   bytes_per_open_timer 127.3 (1M), 122.6 (10M); bytes_history_per_event 113.9
//
// Both ingest benchmarks share one engine (Hub), built once: an OrderLog
// (bench/engine/event_log.h) opens a backlog of 1.02M orders over a
// simulated day, whose 4.06M events are ingested untimed (about 45 s); each
// iteration then ingests the next 65,536 events of the log, generated and
// parsed with the timer paused. So every figure is over an engine with
// about a million orders live (each benchmark 16 iterations, fixed, so the
// same stretch of the log every run), and the counters say how many: live_orders
// (created, not closed), entities (in memory, closed ones retained
// included) and open_timers, as they stand after the last event.
#include <benchmark/benchmark.h>
#include <malloc.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <numeric>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/event_hash.h"
#include "event_log.h"  // beside this file: bench/ is not on the include path
#include "kefu/domain/event.h"
#include "kefu/engine/engine.h"
#include "kefu/engine/notification.h"
#include "kefu/policy/policy.h"
#include "kefu/time/instant.h"

namespace kefu::engine {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

constexpr std::size_t kBatch = std::size_t{1} << 16;  // events per iteration
// Iterations of each ingest benchmark, fixed: every run (and every build)
// measures the same 1,048,576 events of the log, where an adaptive count
// would measure a stretch that depends on the speed of the runs before.
constexpr int kIngestIterations = 16;
constexpr std::uint64_t kBacklogOrders = 1020000;     // ~1M live, cancellations aside

// The reference policy, found from this file's path: kefu_bench has no
// compile definition naming the source tree.
const policy::Policy* ReferencePolicy(benchmark::State& state) {
  static const Result<policy::Policy>* const loaded = [] {
    const std::string here = __FILE__;
    const std::string root = here.substr(0, here.rfind("/bench/"));
    return new Result<policy::Policy>(
        policy::Policy::Load(root + "/examples/policies/reference.json"));
  }();
  if (!loaded->ok()) {
    state.SkipWithError(("reference policy: " + loaded->status().to_string()).c_str());
    return nullptr;
  }
  return &loaded->value();
}

// Resident memory of the process, as it stands.
std::int64_t ResidentNow() {
  long pages = 0, resident = 0;
  if (std::FILE* f = std::fopen("/proc/self/statm", "r")) {
    if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
    std::fclose(f);
  }
  return static_cast<std::int64_t>(resident) * sysconf(_SC_PAGESIZE);
}

// The same after malloc_trim has given back the free pages glibc still
// holds, so a difference of two readings is the memory that the work in
// between kept.
std::int64_t ResidentBytes() {
  malloc_trim(0);
  return ResidentNow();
}

// Page faults of this thread so far. At a million orders the engine grows
// with every event, and each fresh page it touches is a fault whose kernel
// clearing (on this VM ~10 us a page, the host backing it too) took a
// third of BM_IngestOrders' samples in run M: a count that the clock's
// drift does not blur.
std::int64_t ThreadPageFaults() {
  rusage u{};
  getrusage(RUSAGE_THREAD, &u);
  return u.ru_minflt + u.ru_majflt;
}

// What the timed work of an ingest benchmark made the process grow by:
// page faults, and resident bytes (a fault that maps a huge page counts
// once for 512 small ones, so the bytes are the measure of fresh memory;
// each fresh byte costs the kernel's clearing, bench/README.md, run O).
struct Growth {
  std::int64_t faults = 0, resident = 0;
  std::int64_t faults_at = 0, resident_at = 0;
  void start() {
    faults_at = ThreadPageFaults();
    resident_at = ResidentNow();
  }
  void stop() {
    faults += ThreadPageFaults() - faults_at;
    resident += ResidentNow() - resident_at;
  }
};

double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// ---------------------------------------------------------------------------
// Ingest: the hub with a million orders live.

struct Hub {
  Hub(const policy::Policy& policy, bench::OrderLog::Options options)
      : engine(policy), log(options) {}
  Engine engine;
  bench::OrderLog log;
  std::string line;
  std::int64_t refused = 0;
  std::string first_refusal;

  // A refusal: the status names the event; a parse error quotes `text`.
  void note(const Status& s, std::string_view text = {}) {
    if (refused++ > 0) return;
    first_refusal = s.to_string();
    if (!text.empty()) first_refusal += " in " + std::string(text);
  }
};

// Never destroyed: freeing gigabytes of small blocks at exit takes longer
// than the benchmarks.
std::unique_ptr<Hub>& HubSlot() {
  static auto* const hub = new std::unique_ptr<Hub>;
  return *hub;
}
std::unique_ptr<Hub>& SmallHubSlot() {
  static auto* const hub = new std::unique_ptr<Hub>;
  return *hub;
}

// The hub in `slot`, built on first use: a backlog of `backlog` orders,
// ingested untimed.
Hub* BuiltHub(benchmark::State& state, std::unique_ptr<Hub>& slot,
              bench::OrderLog::Options options) {
  if (slot) return slot.get();
  const policy::Policy* policy = ReferencePolicy(state);
  if (policy == nullptr) return nullptr;
  slot = std::make_unique<Hub>(*policy, options);
  Hub* hub = slot.get();
  while (hub->log.orders() < options.burst_orders) {
    hub->log.next(&hub->line);
    Result<domain::Event> e = domain::parse_event(hub->line);
    if (!e.ok()) {
      hub->note(e.status(), hub->line);
      continue;
    }
    hub->engine.advance(e->at - seconds(1));
    if (Result<IngestOutcome> r = hub->engine.ingest(*e); !r.ok()) hub->note(r.status());
  }
  return hub;
}

// The shared hub of the ingest benchmarks: a million orders live.
Hub* SharedHub(benchmark::State& state) {
  return BuiltHub(state, HubSlot(),
                  bench::OrderLog::Options{
                      .orders_per_second = 2.5,
                      .burst_orders = kBacklogOrders,
                      .burst_seconds = 86400,
                  });
}

// The next `n` events of the hub's log, parsed (untimed work).
void NextBatch(Hub& hub, std::size_t n, std::vector<domain::Event>* batch) {
  batch->clear();
  while (batch->size() < n) {
    hub.log.next(&hub.line);
    Result<domain::Event> e = domain::parse_event(hub.line);
    if (e.ok())
      batch->push_back(std::move(e).value());
    else
      hub.note(e.status(), hub.line);
  }
}

// The timed work of an ingest benchmark: each event after an advance to
// one second before it. Not inlined, so that callgrind can count it alone
// (--toggle-collect; bench/README.md, run J). Returns the notifications.
[[gnu::noinline]] std::int64_t IngestBatch(Hub& hub, const std::vector<domain::Event>& batch) {
  std::int64_t notifications = 0;
  std::vector<Notification> notes;  // passed back each time, as kefu replay does
  for (const domain::Event& e : batch) {
    hub.engine.advance(e.at - seconds(1), &notes);
    notifications += static_cast<std::int64_t>(notes.size());
    if (Result<IngestOutcome> r = hub.engine.ingest(e); !r.ok()) hub.note(r.status());
  }
  return notifications;
}

void ReportHub(benchmark::State& state, Hub& hub, std::int64_t events,
               std::int64_t notifications, const Growth& growth) {
  if (hub.refused > 0) {
    state.SkipWithError(("refused " + std::to_string(hub.refused) +
                         " events; first: " + hub.first_refusal)
                            .c_str());
    return;
  }
  const EngineStats stats = hub.engine.stats();
  state.SetItemsProcessed(events);
  state.counters["live_orders"] = static_cast<double>(hub.log.live_orders());
  state.counters["entities"] = static_cast<double>(stats.entities);
  state.counters["open_timers"] = static_cast<double>(stats.open_timers);
  state.counters["notes_per_event"] =
      events > 0 ? static_cast<double>(notifications) / static_cast<double>(events) : 0;
  const double n = static_cast<double>(std::max<std::int64_t>(events, 1));
  state.counters["faults_per_kevent"] = 1000.0 * static_cast<double>(growth.faults) / n;
  state.counters["grown_bytes_per_event"] = static_cast<double>(growth.resident) / n;
}

// Each iteration ingests the next `batch_size` events of the hub's log,
// parsed untimed.
void RunIngest(benchmark::State& state, Hub* hub, std::size_t batch_size) {
  if (hub == nullptr) return;
  std::vector<domain::Event> batch;
  batch.reserve(batch_size);
  std::int64_t events = 0, notifications = 0;
  Growth growth;
  for (auto _ : state) {
    state.PauseTiming();
    NextBatch(*hub, batch_size, &batch);
    growth.start();
    state.ResumeTiming();
    notifications += IngestBatch(*hub, batch);
    state.PauseTiming();
    growth.stop();
    state.ResumeTiming();
    events += static_cast<std::int64_t>(batch.size());
  }
  ReportHub(state, *hub, events, notifications, growth);
}

void BM_IngestOrders(benchmark::State& state) { RunIngest(state, SharedHub(state), kBatch); }
BENCHMARK(BM_IngestOrders)->Unit(benchmark::kMillisecond)->Iterations(kIngestIterations);

// The same log at 1/50 of the scale: 20,000 orders opened over 1,728 s
// (the backlog's rate), then 0.05 a second, so the events' mix matches
// BM_IngestOrders' while the engine (about 25k live orders) mostly fits in
// cache. What an event costs without a million orders' misses; and, run
// under callgrind (bench/README.md, run J), an exact instruction count
// where this VM's clock drifts. Four iterations of 8,192 events.
void BM_IngestSmallHub(benchmark::State& state) {
  Hub* hub = BuiltHub(state, SmallHubSlot(),
                      bench::OrderLog::Options{
                          .orders_per_second = 0.05,
                          .burst_orders = 20000,
                          .burst_seconds = 1728,
                      });
  RunIngest(state, hub, 8192);
}
BENCHMARK(BM_IngestSmallHub)->Unit(benchmark::kMillisecond)->Iterations(4);

void BM_ReplayJsonl(benchmark::State& state) {
  Hub* hub = SharedHub(state);
  if (hub == nullptr) return;
  std::vector<std::string> lines(kBatch);
  std::string out;  // the notifications as replay prints them
  std::vector<Notification> notes;  // passed back each time, as kefu replay does
  std::int64_t events = 0, notifications = 0, bytes = 0;
  Growth growth;
  for (auto _ : state) {
    state.PauseTiming();
    for (std::string& line : lines) {
      hub->log.next(&line);
      bytes += static_cast<std::int64_t>(line.size());
    }
    out.clear();
    growth.start();
    state.ResumeTiming();
    for (const std::string& line : lines) {
      Result<domain::Event> e = domain::parse_event(line);
      if (!e.ok()) {
        hub->note(e.status(), line);
        continue;
      }
      hub->engine.advance(e->at - seconds(1), &notes);
      for (const Notification& n : notes) {
        out += to_json(n);
        out += '\n';
        ++notifications;
      }
      if (Result<IngestOutcome> r = hub->engine.ingest(std::move(e).value()); !r.ok())
        hub->note(r.status());
    }
    benchmark::DoNotOptimize(out.data());
    state.PauseTiming();
    growth.stop();
    state.ResumeTiming();
    events += static_cast<std::int64_t>(lines.size());
  }
  state.SetBytesProcessed(bytes);
  ReportHub(state, *hub, events, notifications, growth);
}
BENCHMARK(BM_ReplayJsonl)->Unit(benchmark::kMillisecond)->Iterations(kIngestIterations);

// ---------------------------------------------------------------------------
// Advance and memory: events built directly (no JSON), for a fast setup.

constexpr time::Instant kDay0{seconds(1788220800)};  // 2026-09-01T08:00+08:00

class EventMaker {
 public:
  domain::Event make(std::string_view type, std::string_view key, time::Instant at,
                     policy::Attributes attrs = {}) {
    domain::Event e;
    char id[24];
    std::snprintf(id, sizeof id, "e-%09llu", static_cast<unsigned long long>(++next_id_));
    e.id = id;
    e.type = std::string(type);
    const std::size_t dot = type.find('.');
    e.entity = *policy::parse_entity_kind(type.substr(0, dot));
    e.name = std::string(type.substr(dot + 1));
    e.key = std::string(key);
    e.at = at;
    e.attrs = std::move(attrs);
    e.content_hash = domain::internal::content_hash(e);
    return e;
  }

 private:
  std::uint64_t next_id_ = 0;
};

std::string Key(const char* prefix, std::uint64_t i) {
  char key[24];
  std::snprintf(key, sizeof key, "%s%08llu", prefix, static_cast<unsigned long long>(i));
  return key;
}

// Ingests or reports why not; false once something was refused.
bool Ingest(benchmark::State& state, Engine& engine, domain::Event e) {
  const std::string what = e.type + " " + e.key;
  Result<IngestOutcome> r = engine.ingest(std::move(e));
  if (r.ok()) return true;
  state.SkipWithError(("setup: " + what + ": " + r.status().to_string()).c_str());
  return false;
}

struct Memory {
  double bytes_per_open_timer = 0;
  double bytes_history_per_event = 0;
};

// A policy of `targets` identical recurring order targets, all started by
// order.created: the memory per timer without the reference policy's
// explanations of targets that did not start (each costs a NotStarted
// record in the entity, with two strings: more than a timer).
Result<policy::Policy> TimersPolicy(int targets) {
  std::string doc = R"({"version":"bench-timers","sla":[)";
  for (int i = 0; i < targets; ++i) {
    if (i > 0) doc += ',';
    doc += R"({"id":"t)" + std::to_string(i) +
           R"(","entity":"order","start":"order.created","target":{"every":"24h"},)"
           R"("calendar":"24x7"})";
  }
  doc += "]}";
  return policy::Policy::Parse(doc);
}

// Memory per open timer: the same orders (one order.created each) go into
// an engine whose policy starts 8 timers per order and into one whose
// policy starts none. Each engine's growth of resident memory is read
// around its ingest (ResidentBytes); the difference over the timers is
// what one open timer costs: its record, its log, its entries in the due
// heap, its handle in the entity, with allocator overhead, and nothing of
// the entity, its history or the ids, which are the same in both.
//
// History per event: orders created and confirmed under the reference
// policy (no timer left open: order.confirm stopped, order.transport_plan
// not started for want of departure_at) then get 6 milestones each
// (plan_sent, tracking_pushed) that start, stop and touch no timer; the
// growth over those events is the event kept in its entity's history (for
// late events) and its id, remembered for the late window.
bool MeasureMemory(benchmark::State& state, std::size_t timers, Memory* out) {
  constexpr int kTimersPerOrder = 8;
  const std::size_t orders = timers / kTimersPerOrder;
  std::int64_t grown[2] = {0, 0};
  for (int variant = 0; variant < 2; ++variant) {
    const int per_order = variant == 0 ? kTimersPerOrder : 0;
    Result<policy::Policy> policy = TimersPolicy(per_order);
    if (!policy.ok()) {
      state.SkipWithError(("memory policy: " + policy.status().to_string()).c_str());
      return false;
    }
    const std::int64_t before = ResidentBytes();
    {
      Engine engine(std::move(policy).value());
      EventMaker maker;
      for (std::size_t i = 0; i < orders; ++i) {
        policy::Attributes attrs;
        attrs.set("tier", std::string("C"));
        if (!Ingest(state, engine,
                    maker.make("order.created", Key("WB", i), kDay0 + seconds(i % 3600),
                               std::move(attrs))))
          return false;
      }
      if (engine.stats().open_timers != orders * static_cast<std::size_t>(per_order)) {
        state.SkipWithError("memory: unexpected open timer count");
        return false;
      }
      grown[variant] = ResidentBytes() - before;
    }
  }
  out->bytes_per_open_timer = static_cast<double>(grown[0] - grown[1]) /
                              static_cast<double>(orders * kTimersPerOrder);

  const policy::Policy* reference = ReferencePolicy(state);
  if (reference == nullptr) return false;
  constexpr std::size_t kOrders = 200000, kPerOrder = 6;
  Engine engine(*reference);
  EventMaker maker;
  for (std::size_t i = 0; i < kOrders; ++i) {
    const std::string key = Key("WB", i);
    policy::Attributes attrs;
    attrs.set("tier", std::string("C"));
    const time::Instant at = kDay0 + seconds(i % 3600);
    if (!Ingest(state, engine, maker.make("order.created", key, at, std::move(attrs))) ||
        !Ingest(state, engine, maker.make("order.confirmed", key, at + minutes(10))))
      return false;
  }
  if (engine.stats().open_timers != 0) {
    state.SkipWithError("memory: orders kept open timers");
    return false;
  }
  const std::int64_t before = ResidentBytes();
  for (std::size_t k = 0; k < kPerOrder; ++k) {
    for (std::size_t i = 0; i < kOrders; ++i) {
      if (!Ingest(state, engine,
                  maker.make(k % 2 == 0 ? "order.plan_sent" : "order.tracking_pushed",
                             Key("WB", i), kDay0 + hours(1 + k) + seconds(i % 3600))))
        return false;
    }
  }
  out->bytes_history_per_event = static_cast<double>(ResidentBytes() - before) /
                                 static_cast<double>(kOrders * kPerOrder);
  return true;
}

// N open timers: N/3 orders created and confirmed (tier C, no departure_at:
// no timer stays open) then departed, which starts order.tracking (every
// 24h, warning at 75%), order.dwell (every 48h) and order.receipt_return
// (15d, warning at 80%). Departures are spread over a day in random order,
// so timers fire in an order unrelated to their handles, as in life. The
// clock is then advanced untimed to a day after the first departure, where
// tracking fires steadily.
struct Fleet {
  explicit Fleet(const policy::Policy& policy) : engine(policy) {}
  Engine engine;
  std::size_t timers = 0;
  time::Instant clock;
  Memory memory;
};

std::unique_ptr<Fleet>& FleetSlot() {  // never destroyed, as HubSlot
  static auto* const fleet = new std::unique_ptr<Fleet>;
  return *fleet;
}

Fleet* FleetOf(benchmark::State& state, std::size_t timers) {
  std::unique_ptr<Fleet>& fleet = FleetSlot();
  if (fleet && fleet->timers == timers) return fleet.get();
  // One big world at a time: 10M timers take gigabytes.
  fleet.reset();
  HubSlot().reset();
  const policy::Policy* policy = ReferencePolicy(state);
  if (policy == nullptr) return nullptr;
  Memory memory;
  if (!MeasureMemory(state, timers, &memory)) return nullptr;

  auto f = std::make_unique<Fleet>(*policy);
  f->timers = timers;
  f->memory = memory;
  const std::size_t orders = timers / 3;
  EventMaker maker;
  for (std::size_t i = 0; i < orders; ++i) {
    const std::string key = Key("WB", i);
    policy::Attributes attrs;
    attrs.set("tier", std::string("C"));
    const time::Instant at = kDay0 + seconds(i % 3600);
    if (!Ingest(state, f->engine, maker.make("order.created", key, at, std::move(attrs))) ||
        !Ingest(state, f->engine, maker.make("order.confirmed", key, at + minutes(10))))
      return nullptr;
  }
  std::vector<std::uint32_t> slot(orders);
  std::iota(slot.begin(), slot.end(), 0u);
  std::shuffle(slot.begin(), slot.end(), std::mt19937_64(20260901));
  const time::Instant departures = kDay0 + hours(24);
  for (std::size_t i = 0; i < orders; ++i) {
    const auto offset = static_cast<std::int64_t>(slot[i]) * 86400 /
                        static_cast<std::int64_t>(orders);
    if (!Ingest(state, f->engine,
                maker.make("order.departed", Key("WB", i), departures + seconds(offset))))
      return nullptr;
  }
  for (f->clock = departures; f->clock < departures + hours(24); f->clock += hours(1))
    f->engine.advance(f->clock);
  f->engine.advance(f->clock);  // a day after the first departure
  fleet = std::move(f);
  return fleet.get();
}

void BM_Advance(benchmark::State& state) {
  Fleet* fleet = FleetOf(state, static_cast<std::size_t>(state.range(0)));
  if (fleet == nullptr) return;
  std::int64_t notifications = 0;
  double cpu = 0;
  for (auto _ : state) {
    fleet->clock += minutes(1);
    const double start = ThreadCpuSeconds();
    notifications += static_cast<std::int64_t>(fleet->engine.advance(fleet->clock).size());
    cpu += ThreadCpuSeconds() - start;
  }
  const EngineStats stats = fleet->engine.stats();
  state.SetItemsProcessed(notifications);
  state.counters["open_timers"] = static_cast<double>(stats.open_timers);
  state.counters["notes_per_advance"] = benchmark::Counter(
      static_cast<double>(notifications), benchmark::Counter::kAvgIterations);
  state.counters["ns_per_notification"] =
      notifications > 0 ? cpu * 1e9 / static_cast<double>(notifications) : 0;
  state.counters["bytes_per_open_timer"] = fleet->memory.bytes_per_open_timer;
  state.counters["bytes_history_per_event"] = fleet->memory.bytes_history_per_event;
}
BENCHMARK(BM_Advance)->Arg(1000000)->Arg(10000000)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace kefu::engine
