// Benchmarks of the store (src/store) and of engine snapshots
// (src/engine/snapshot.cc) under the reference policy:
//
// - BM_StoreIngestJournaled/B/S: batches of B order events (the hub log of
//   bench/engine/event_log.h, parsed by the store) applied through
//   Store::apply, each batch one SQLite transaction; S is synchronous
//   (2 FULL, the default: an fsync of the WAL per commit; 1 NORMAL). The
//   file is on the build machine's disk. Items are events.
// - BM_SnapshotWrite / BM_SnapshotRestore: write_snapshot and read_snapshot
//   of an engine holding 1M open orders (1M order.created events, three
//   open timers each); `snapshot_bytes` is the size.
// - BM_StoreSnapshot: Store::snapshot of the same engine: serialise, insert
//   the blob, commit (fsync).
// - BM_StoreRecovery: Store::open of a file whose journal holds 1M events
//   (and the advances between them) and no snapshot: the whole journal
//   replayed.
//
// Reference results: bench/README.md, "Store".
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "../engine/event_log.h"  // bench/ is not on the include path
#include "kefu/domain/event.h"
#include "kefu/engine/engine.h"
#include "kefu/engine/snapshot.h"
#include "kefu/policy/policy.h"
#include "kefu/store/store.h"

namespace kefu::store {
namespace {

constexpr std::size_t kMillion = 1000000;

const std::string& ReferenceText() {
  static const std::string text = [] {
    const std::string here = __FILE__;
    const std::string root = here.substr(0, here.rfind("/bench/"));
    std::string out;
    if (std::FILE* f = std::fopen((root + "/examples/policies/reference.json").c_str(), "rb")) {
      char buf[65536];
      std::size_t n;
      while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
      std::fclose(f);
    }
    return out;
  }();
  return text;
}

// A scratch file beside the benchmark's working directory, removed first.
std::string ScratchStore(const std::string& name) {
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("kefu-bench-" + std::to_string(getpid()) + "-" + name + ".db"))
                               .string();
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  return path;
}

void RemoveStore(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

// The hub's events, generated once.
const std::vector<std::string>& HubLines(std::size_t n) {
  static std::vector<std::string> lines;
  if (lines.size() < n) {
    bench::OrderLog log({});
    std::string line;
    lines.clear();
    lines.reserve(n);
    while (lines.size() < n) {
      log.next(&line);
      lines.push_back(line);
    }
  }
  return lines;
}

void BM_StoreIngestJournaled(benchmark::State& state) {
  const auto batch_size = static_cast<std::size_t>(state.range(0));
  StoreOptions options;
  options.synchronous = static_cast<Synchronous>(state.range(1));
  const std::size_t total = std::max<std::size_t>(batch_size * 20, 200000);
  const std::vector<std::string>& lines = HubLines(total);
  const std::string path = ScratchStore("ingest");
  std::optional<Store> store;
  {
    Result<Store> s = Store::open(path, ReferenceText(), options);
    if (!s.ok()) {
      state.SkipWithError(s.status().to_string().c_str());
      return;
    }
    store.emplace(std::move(s).value());
  }
  std::size_t next = 0;
  std::int64_t events = 0;
  for (auto _ : state) {
    state.PauseTiming();
    if (next + batch_size > lines.size()) {  // start over on a fresh file
      store.reset();
      RemoveStore(path);
      store.emplace(std::move(Store::open(path, ReferenceText(), options)).value());
      next = 0;
    }
    Store::Batch batch;
    for (std::size_t i = 0; i < batch_size; ++i) batch.ingest(lines[next + i]);
    next += batch_size;
    state.ResumeTiming();
    Result<Store::BatchResult> r = store->apply(batch);
    if (!r.ok()) {
      state.SkipWithError(r.status().to_string().c_str());
      break;
    }
    events += static_cast<std::int64_t>(batch_size);
  }
  state.SetItemsProcessed(events);
  store.reset();
  RemoveStore(path);
}
BENCHMARK(BM_StoreIngestJournaled)
    ->ArgNames({"batch", "sync"})
    ->Args({1, 2})
    ->Args({100, 2})
    ->Args({10000, 2})
    ->Args({1, 1})
    ->Args({10000, 1})
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime();

// An engine with 1M open orders, built once.
engine::Engine& MillionOrders() {
  static engine::Engine* const built = [] {
    auto* e = new engine::Engine(*policy::Policy::Parse(ReferenceText()));
    // Created one second apart: each order keeps its three timers open
    // (order.confirm 1h, order.departure_check, order.risk_assessment for
    // some), since the clock never advances.
    const std::int64_t start = 1788192000;  // 2026-09-01T00:00:00+08:00
    std::string line;
    for (std::size_t i = 0; i < kMillion; ++i) {
      line = R"({"id":"o-)" + std::to_string(i) + R"(","type":"order.created","at":")" +
             time::format_instant(time::Instant(std::chrono::seconds(start + static_cast<std::int64_t>(i))),
                                  time::UtcOffset::hours(8)) +
             R"(","order":"WB)" + std::to_string(i) +
             R"(","customer":"C00001","attrs":{"tier":")" + (i % 3 == 0 ? "A" : "C") +
             R"(","declared_value_cents":120000)" + (i % 7 == 0 ? R"(,"new_customer":true)" : "") +
             "}}";
      (void)e->ingest_json(line);
    }
    return e;
  }();
  return *built;
}

const std::string& MillionOrdersSnapshot() {
  static const std::string bytes = engine::write_snapshot(MillionOrders());
  return bytes;
}

void SetEngineCounters(benchmark::State& state, const engine::Engine& e) {
  engine::EngineStats s = e.stats();
  state.counters["entities"] = static_cast<double>(s.entities);
  state.counters["open_timers"] = static_cast<double>(s.open_timers);
}

void BM_SnapshotWrite(benchmark::State& state) {
  const engine::Engine& e = MillionOrders();
  std::size_t bytes = 0;
  for (auto _ : state) {
    std::string out = engine::write_snapshot(e);
    bytes = out.size();
    benchmark::DoNotOptimize(out.data());
  }
  state.counters["snapshot_bytes"] = static_cast<double>(bytes);
  SetEngineCounters(state, e);
}
BENCHMARK(BM_SnapshotWrite)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

void BM_SnapshotRestore(benchmark::State& state) {
  const std::string& bytes = MillionOrdersSnapshot();
  const std::vector<policy::Policy> policies{*policy::Policy::Parse(ReferenceText())};
  for (auto _ : state) {
    Result<engine::Engine> e = engine::read_snapshot(bytes, policies);
    if (!e.ok()) {
      state.SkipWithError(e.status().to_string().c_str());
      break;
    }
    state.PauseTiming();
    SetEngineCounters(state, *e);
    { engine::Engine gone = std::move(e).value(); }  // freeing is not restoring
    state.ResumeTiming();
  }
  state.counters["snapshot_bytes"] = static_cast<double>(bytes.size());
}
BENCHMARK(BM_SnapshotRestore)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

// The store's snapshot of the 1M-order engine: the engine is handed over
// through a snapshot restore, untimed.
void BM_StoreSnapshot(benchmark::State& state) {
  const std::string path = ScratchStore("snapshot");
  Result<Store> s = Store::open(path, ReferenceText());
  if (!s.ok()) {
    state.SkipWithError(s.status().to_string().c_str());
    return;
  }
  Store& store = s.value();
  // Journal the million orders once (untimed), so the store holds them.
  {
    Store::Batch batch;
    const std::int64_t start = 1788192000;
    for (std::size_t i = 0; i < kMillion; ++i) {
      batch.ingest(R"({"id":"o-)" + std::to_string(i) + R"(","type":"order.created","at":")" +
                   time::format_instant(time::Instant(std::chrono::seconds(start + static_cast<std::int64_t>(i))),
                                        time::UtcOffset::hours(8)) +
                   R"(","order":"WB)" + std::to_string(i) +
                   R"(","customer":"C00001","attrs":{"tier":")" + (i % 3 == 0 ? "A" : "C") +
                   R"(","declared_value_cents":120000)" +
                   (i % 7 == 0 ? R"(,"new_customer":true)" : "") + "}}");
      if (batch.size() == 10000) {
        (void)store.apply(batch);
        batch = Store::Batch();
      }
    }
  }
  std::size_t bytes = 0;
  for (auto _ : state) {
    Result<Store::SnapshotWritten> w = store.snapshot();
    if (!w.ok()) {
      state.SkipWithError(w.status().to_string().c_str());
      break;
    }
    bytes = w->bytes;
  }
  state.counters["snapshot_bytes"] = static_cast<double>(bytes);
  SetEngineCounters(state, store.engine());
  // Opening from the snapshot: the restore as a host sees it.
  const auto t0 = std::chrono::steady_clock::now();
  Result<Store> reopened = Store::open(path, std::nullopt);
  const auto t1 = std::chrono::steady_clock::now();
  if (reopened.ok())
    state.counters["open_from_snapshot_s"] = std::chrono::duration<double>(t1 - t0).count();
  RemoveStore(path);
}
BENCHMARK(BM_StoreSnapshot)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

void BM_StoreRecovery(benchmark::State& state) {
  const std::string path = ScratchStore("recovery");
  const std::vector<std::string>& lines = HubLines(kMillion);
  std::int64_t journal = 0;
  {
    Result<Store> s = Store::open(path, ReferenceText());
    if (!s.ok()) {
      state.SkipWithError(s.status().to_string().c_str());
      return;
    }
    // As `kefu replay --store` journals: advance to just before each event.
    for (std::size_t i = 0; i < lines.size(); i += 10000) {
      Store::Batch batch;
      for (std::size_t j = i; j < std::min(lines.size(), i + 10000); ++j) {
        Result<domain::Event> ev = domain::parse_event(lines[j]);
        if (ev.ok()) batch.advance(ev->at - std::chrono::seconds(1));
        batch.ingest(lines[j]);
      }
      if (!s.value().apply(batch).ok()) {
        state.SkipWithError("journaling failed");
        return;
      }
    }
    journal = s.value().journal_seq();
  }
  for (auto _ : state) {
    Result<Store> s = Store::open(path, std::nullopt);
    if (!s.ok()) {
      state.SkipWithError(s.status().to_string().c_str());
      break;
    }
    state.PauseTiming();
    state.counters["replayed_entries"] = static_cast<double>(s->recovery().replayed);
    SetEngineCounters(state, s->engine());
    { Store gone = std::move(s).value(); }
    state.ResumeTiming();
  }
  state.counters["journal_entries"] = static_cast<double>(journal);
  state.counters["events"] = static_cast<double>(lines.size());
  RemoveStore(path);
}
BENCHMARK(BM_StoreRecovery)->Unit(benchmark::kSecond)->UseRealTime()->Iterations(1);

}  // namespace
}  // namespace kefu::store
