// KPI specifications (KPI-1, KPI-2): the monthly figures a policy asks
// for, how each is measured from the engine's history, and its threshold.
//
//   "kpi": {"calendar": "cn-24x7", "figures": [
//     {"id": "order_response", "on_time": ["order.confirm"], "min": 0.95},
//     {"id": "satisfaction", "mean": "satisfaction", "of": "order.updated", "min": 85},
//     {"id": "damage_shortage_rate", "count": "order.anomaly_recorded",
//      "when": {"anomaly": {"in": ["damage", "shortage"]}}, "per": "order.signed",
//      "max": 0.01},
//     {"id": "valid_complaints", "count": "complaint.created",
//      "when": {"valid": true}, "max": 10}]}
//
// Four measures (docs/kpi.md):
// - on_time: of the timers of those SLA ids settled in the month, the share
//   settled on time (a stop or restart at or before due with no breach of
//   that occurrence; a breach settles it late);
// - mean: the mean of an attribute over the events of a type in the month;
// - count: the number of events of a type in the month (those whose `when`
//   holds), or with `per`, that number over the count of another type;
// Months are those of the calendar's local time.
//
// Example:
//   for (const KpiFigure& f : policy.kpi().figures) if (f.max) ...
//
// Thread safety: immutable values.
#ifndef KEFU_POLICY_KPI_SPEC_H_
#define KEFU_POLICY_KPI_SPEC_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kefu/policy/sla_target.h"
#include "kefu/time/calendar.h"

namespace kefu::policy {

enum class KpiMeasure : std::uint8_t { kOnTime, kMean, kCount, kRatio };

struct KpiFigure {
  std::string id;                    // "order_response"
  KpiMeasure measure = KpiMeasure::kOnTime;
  std::vector<std::string> slas;     // on_time: SLA ids
  std::string attribute;             // mean: the attribute averaged
  std::string of;                    // mean, count, ratio: full event type
  std::string per;                   // ratio: the denominator's event type
  std::vector<Condition> when;       // count, ratio: on the numerator's events
  std::optional<double> min, max;    // the threshold; a figure may have none
  std::string pointer;               // "/kpi/figures/0"
};

struct KpiSection {
  std::string calendar_name;             // whose local months count
  const time::Calendar* calendar = nullptr;  // owned by the Policy
  std::vector<KpiFigure> figures;        // empty: no KPIs declared
};

}  // namespace kefu::policy

#endif  // KEFU_POLICY_KPI_SPEC_H_
