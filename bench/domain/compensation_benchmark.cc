// Benchmark of the compensation calculator (CMP-1): one claim's amount and
// its explanation, per operation.
//
// Reference results (2026-12-01, 2 vCPUs of an Intel Xeon VM, three runs at
// load 8-11, CPU time; bench/README.md, "Claims", has the command):
//
//   BM_CompensationInsured                   370-456 ns
//   BM_CompensationUnderInsured              904-1182 ns
//   BM_CompensationUninsuredWithDeduction    659-835 ns
//
// Each case cycles through 4,096 inputs with varied amounts, so no result
// is folded at compile time. The steps (the explanation, four or five
// strings) are built every time: they are what the calculator returns.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <vector>

#include "kefu/domain/compensation.h"

namespace kefu::domain {
namespace {

constexpr std::size_t kInputs = 4096;  // a power of two

enum class Case { kInsured, kUnderInsured, kUninsuredWithDeduction };

std::vector<CompensationInput> Inputs(Case c) {
  std::vector<CompensationInput> v(kInputs);
  std::uint64_t x = 0x9E3779B97F4A7C15ULL;  // fixed seed: the same inputs every run
  for (CompensationInput& in : v) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    const auto amount = static_cast<std::int64_t>(x % 10000000) + 1;
    in.loss_cents = amount;
    switch (c) {
      case Case::kInsured:
        in.insured_value_cents = amount * 2;
        in.declared_value_cents = amount * 2;
        break;
      case Case::kUnderInsured:
        in.insured_value_cents = amount / 3 + 1;
        in.declared_value_cents = amount * 2 + 7;
        break;
      case Case::kUninsuredWithDeduction:
        in.freight_cents = amount / 10 + 1;
        in.deduction_cents = amount / 50;
        break;
    }
  }
  return v;
}

void Run(benchmark::State& state, Case c) {
  const std::vector<CompensationInput> inputs = Inputs(c);
  const policy::CompensationRules rules;
  std::size_t i = 0;
  for (auto _ : state) {
    Result<Compensation> r = compute_compensation(inputs[i++ & (kInputs - 1)], rules);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_CompensationInsured(benchmark::State& state) { Run(state, Case::kInsured); }
void BM_CompensationUnderInsured(benchmark::State& state) { Run(state, Case::kUnderInsured); }
void BM_CompensationUninsuredWithDeduction(benchmark::State& state) {
  Run(state, Case::kUninsuredWithDeduction);
}

BENCHMARK(BM_CompensationInsured);
BENCHMARK(BM_CompensationUnderInsured);
BENCHMARK(BM_CompensationUninsuredWithDeduction);

}  // namespace
}  // namespace kefu::domain
