// Benchmark of approval routing (CL-1, CL-3): selecting a claim's band of
// the approval matrix, routing its sign-offs through the chain, and the
// same through the engine's ingest path, per operation.
//
// Reference results (2026-12-01, 2 vCPUs of an Intel Xeon VM, three runs at
// load 8-11, CPU time; bench/README.md, "Claims", has the command):
//
//   BM_ApprovalBandFor          4.1-4.9 ns
//   BM_ApprovalRouteClaim       336-486 ns per claim (3.3 sign-offs)
//   BM_ApprovalIngestSignOff    4.5-5.3 us per event
//
// The matrix is the reference policy's (three bands, two to four roles).
// Amounts cycle through 4,096 values spread over all bands.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kefu/domain/approval.h"
#include "kefu/engine/engine.h"
#include "kefu/policy/policy.h"

namespace kefu::domain {
namespace {

constexpr std::size_t kAmounts = 4096;  // a power of two

const policy::Policy& Reference() {
  static const policy::Policy* const p =
      new policy::Policy(*policy::Policy::Load(KEFU_SOURCE_DIR "/examples/policies/reference.json"));
  return *p;
}

std::vector<std::int64_t> Amounts() {
  std::vector<std::int64_t> v(kAmounts);
  std::uint64_t x = 0x2545F4914F6CDD1DULL;  // fixed seed
  for (std::int64_t& a : v) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    a = static_cast<std::int64_t>(x % 8000000);  // bands 1-3 of the reference
  }
  return v;
}

// The band for an amount: the matrix walk alone.
void BM_ApprovalBandFor(benchmark::State& state) {
  const policy::ClaimsRules& rules = Reference().claims();
  const std::vector<std::int64_t> amounts = Amounts();
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(rules.band_for(amounts[i++ & (kAmounts - 1)]));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ApprovalBandFor);

// One claim's whole route: start the chain of its band, then check and
// record a sign-off by each role in order (2 to 4), and take the decision.
void BM_ApprovalRouteClaim(benchmark::State& state) {
  const policy::ClaimsRules& rules = Reference().claims();
  const std::vector<std::int64_t> amounts = Amounts();
  std::size_t i = 0, signoffs = 0;
  for (auto _ : state) {
    SignOffChain chain = *SignOffChain::Start(rules, amounts[i++ & (kAmounts - 1)]);
    while (std::optional<std::string_view> next = chain.next_role()) {
      std::string role(*next);
      if (!chain.check_sign(role, Opinion::kApprove).ok()) state.SkipWithError("refused");
      chain.sign(std::move(role), Opinion::kApprove, "e");
      ++signoffs;
    }
    benchmark::DoNotOptimize(chain.decision());
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["signoffs_per_claim"] =
      static_cast<double>(signoffs) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_ApprovalRouteClaim);

// A claim.signed_off through Engine::ingest (parsed beforehand): the
// lifecycle check, the claim rules, the derived attributes and the timers.
// 50,000 reported claims of the first band (two roles) are prepared; when
// their sign-offs run out, a fresh engine is prepared with the timer
// paused.
void BM_ApprovalIngestSignOff(benchmark::State& state) {
  constexpr int kClaims = 50000;
  auto prepare = [&](std::vector<Event>& signoffs) {
    auto engine = std::make_unique<engine::Engine>(Reference());
    auto ingest = [&](const std::string& line) {
      if (!engine->ingest_json(line).ok()) state.SkipWithError(line.c_str());
    };
    ingest(R"({"id":"o","type":"order.created","at":"2026-11-02T08:00:00+08:00","order":"WB1"})");
    signoffs.clear();
    for (int c = 0; c < kClaims; ++c) {
      const std::string k = "CL-" + std::to_string(c);
      const std::string at = R"(","at":"2026-11-02T09:00:00+08:00","claim":")" + k + "\"";
      ingest(R"({"id":")" + k + R"(-1","type":"claim.created)" + at +
             R"(,"order":"WB1","attrs":{"amount_cents":300000}})");
      ingest(R"({"id":")" + k + R"(-2","type":"claim.investigation_started)" + at + "}");
      ingest(R"({"id":")" + k + R"(-3","type":"claim.liability_determined)" + at + "}");
      ingest(R"({"id":")" + k + R"(-4","type":"claim.reported)" + at + "}");
    }
    for (const char* role : {"claims_clerk", "cs_supervisor"})
      for (int c = 0; c < kClaims; ++c) {
        const std::string k = "CL-" + std::to_string(c);
        signoffs.push_back(*parse_event(
            R"({"id":")" + k + "-" + role + R"(","type":"claim.signed_off","at":"2026-11-02T10:00:00+08:00","claim":")" +
            k + R"(","attrs":{"role":")" + role + R"(","opinion":"approve"}})"));
      }
    return engine;
  };
  std::vector<Event> signoffs;
  std::unique_ptr<engine::Engine> engine = prepare(signoffs);
  std::size_t next = 0;
  for (auto _ : state) {
    if (next == signoffs.size()) {
      state.PauseTiming();
      engine = prepare(signoffs);
      next = 0;
      state.ResumeTiming();
    }
    Result<engine::IngestOutcome> r = engine->ingest(std::move(signoffs[next++]));
    if (!r.ok()) state.SkipWithError(r.status().message().c_str());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ApprovalIngestSignOff);

}  // namespace
}  // namespace kefu::domain
