// KPIs (KPI-1, KPI-2): the policy's monthly figures, computed exactly from
// an engine's history, overall and per customer tier.
//
// A month is a calendar month of the KPI calendar's local time
// ("kpi":{"calendar":...}). When the clock passes a month's end (local
// midnight of the 1st of the next month), the engine closes the month: it
// computes its figures, keeps them, and emits a `kpi` notification for
// every figure that misses its threshold (overall and per tier). The
// current month's figures are computed on request. docs/kpi.md gives each
// measure's definition.
//
// Example:
//   for (const KpiMonth& m : engine.kpi_months())
//     for (const KpiGroup& g : m.groups)  // "all" first, then tiers sorted
//       for (const KpiValue& v : g.figures) print(m.month, g.tier, v.id, v.value);
//   std::string doc = kpi_json(engine.kpi_months(), engine.policy());
//
// Thread safety: values and pure functions.
#ifndef KEFU_ENGINE_KPI_H_
#define KEFU_ENGINE_KPI_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kefu/time/instant.h"

namespace kefu::policy {
class Policy;
}

namespace kefu::engine {

struct KpiValue {
  std::string id;
  // on_time: on-time settlements / all settlements; mean: the sum / the
  // number of values; count: the count / 1; ratio: numerator / denominator
  // events. A figure with a zero denominator has no value.
  double numerator = 0;
  std::int64_t denominator = 0;
  std::optional<double> value;
  bool missed = false;  // has a value beyond the threshold
};

struct KpiGroup {
  std::string tier;  // "all", or a customer tier
  std::vector<KpiValue> figures;  // in the policy's order
};

struct KpiMonth {
  std::string month;  // "2026-10", of the KPI calendar's local time
  time::Instant start, end;  // [start, end)
  bool closed = false;  // its end has passed the clock
  std::vector<KpiGroup> groups;
};

// The KPI document `kefu replay --kpi` writes: one JSON object,
//   {"policy":"cn-logistics-2026.1","calendar":"cn-24x7","months":[
//     {"month":"2026-10","start":"2026-10-01T00:00:00+08:00","end":"2026-11-01T00:00:00+08:00",
//      "closed":true,"tiers":{"all":{"order_response":
//       {"value":0.95,"numerator":19,"denominator":20,"min":0.95,"missed":false},...}}}]}
std::string kpi_json(const std::vector<KpiMonth>& months, const policy::Policy& policy);

// A figure as notifications and the document print it: at most six
// decimals, trailing zeros dropped ("0.95", "87.5", "3").
std::string kpi_number(double v);

}  // namespace kefu::engine

#endif  // KEFU_ENGINE_KPI_H_
