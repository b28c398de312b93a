// The "kpi" section (kefu/policy/kpi_spec.h): the monthly figures, their
// measures and thresholds. Calendar names are checked against the
// document's calendars; the calendar pointer is set by Policy::Parse.
//
// Example:
//   Diagnostics d;
//   KpiSection k = read_kpi(doc["kpi"], "/kpi", calendar_names, d);
//
// Thread safety: pure function.
#ifndef KEFU_SRC_POLICY_KPI_SECTION_H_
#define KEFU_SRC_POLICY_KPI_SECTION_H_

#include <string>
#include <vector>

#include "kefu/policy/kpi_spec.h"
#include "policy/diagnostics.h"
#include "policy/json_document.h"

namespace kefu::policy::internal {

KpiSection read_kpi(const Json& value, const std::string& pointer,
                    const std::vector<std::string>& calendars, Diagnostics& d);

}  // namespace kefu::policy::internal

#endif  // KEFU_SRC_POLICY_KPI_SECTION_H_
