// Closing KPI months inside the engine (include/kefu/engine/kpi.h): the
// hook advance() calls, and the computation of one month's figures from
// the entities' histories and their timer logs.
//
// Thread safety: functions over one engine's state (one thread at a time).
#ifndef KEFU_SRC_ENGINE_KPI_MONTHS_H_
#define KEFU_SRC_ENGINE_KPI_MONTHS_H_

#include <string>
#include <vector>

#include "engine/engine_state.h"

namespace kefu::engine::internal {

// Closes every local month of the KPI calendar that ends at or before
// `now` and was not closed yet: keeps its figures in m.kpi_closed and
// queues a `kpi` notification (at the month's end) for each figure that
// misses its threshold, overall and per tier. Nothing without KPIs.
void close_kpi_months_due(Engine::Impl& m, time::Instant now, ReleaseList& out);
// The same, inline: every advance asks, and nearly every answer is that
// the month goes on.
inline void close_kpi_months(Engine::Impl& m, time::Instant now, ReleaseList& out) {
  if (m.kpi_next_month && now < *m.kpi_next_month) return;
  close_kpi_months_due(m, now, out);
}

// The earliest instant the engine holds an event of, if any.
std::optional<time::Instant> earliest_event(const Engine::Impl& m);

// Local midnight of the 1st of the month after the one holding `t`.
time::Instant next_month_start(time::Instant t, time::UtcOffset offset);

// The figures of [start, end) as the entities stand now.
KpiMonth compute_kpi_month(const Engine::Impl& m, time::Instant start, time::Instant end);

}  // namespace kefu::engine::internal

#endif  // KEFU_SRC_ENGINE_KPI_MONTHS_H_
