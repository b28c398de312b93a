// libFuzzer target: ISO 8601 instants, offsets, dates, times of day and
// duration specs (as policies and `kefu due --duration` write them).
//
// Besides not crashing: an instant that parses prints back to a string that
// parses to the same instant (the printer and the parser agree), and a due
// spec that parses can be added on a holiday-aware calendar without
// crashing, whatever its size.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "kefu/policy/due_spec_arg.h"
#include "kefu/policy/policy.h"
#include "kefu/time/calendar.h"
#include "kefu/time/due_spec.h"
#include "kefu/time/instant.h"

namespace {

const kefu::time::Calendar& office() {
  // Built once: libFuzzer runs inputs in one process, and the calendar is
  // immutable.
  static const kefu::policy::Policy policy = *kefu::policy::Policy::Parse(R"({
    "version":"fuzz","calendars":{"office":{"utc_offset":"+08:00",
    "week":{"mon":["08:30-12:00","13:30-18:00"],"tue":["08:30-12:00"],
            "sat":["09:00-24:00"]},
    "holidays":["cn-statutory"]}}})");
  return *policy.calendar("office");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  if (auto instant = kefu::time::parse_instant(text); instant.ok()) {
    std::string printed = kefu::time::format_instant(*instant, kefu::time::UtcOffset{});
    auto again = kefu::time::parse_instant(printed);
    if (!again.ok() || *again != *instant) std::abort();
  }
  (void)kefu::time::parse_utc_offset(text);
  (void)kefu::time::parse_date(text);
  (void)kefu::time::parse_time_of_day(text);
  (void)kefu::time::parse_due_spec(text);
  if (auto spec = kefu::policy::parse_due_spec_arg(text); spec.ok()) {
    auto start = kefu::time::parse_instant("2026-09-30T17:00:00+08:00");
    (void)office().add(*start, *spec);
  }
  return 0;
}
