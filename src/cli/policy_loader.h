// Loading the policy and the calendar a command names, reporting failures
// the way every command does.
//
// Example:
//   std::optional<LoadedCalendar> loaded =
//       load_calendar(*flags.get("--policy"), *flags.get("--calendar"), io.err);
//   if (!loaded) return kExitInvalidInput;   // the error is printed
//   loaded->calendar->add(...);
//
// Thread safety: functions of their arguments.
#ifndef KEFU_SRC_CLI_POLICY_LOADER_H_
#define KEFU_SRC_CLI_POLICY_LOADER_H_

#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

#include "kefu/policy/policy.h"
#include "kefu/time/calendar.h"

namespace kefu::cli {

// Loads the policy at `path`; on failure prints one "error: ..." line to
// `err` and returns nullopt.
std::optional<policy::Policy> load_policy(const std::string& path,
                                          std::ostream& err);

struct LoadedCalendar {
  policy::Policy policy;
  const time::Calendar* calendar;  // owned by `policy`
};

// Loads the policy at `path` and finds the calendar `name` in it. On
// failure prints one "error: ..." line to `err` and returns nullopt.
std::optional<LoadedCalendar> load_calendar(const std::string& path,
                                            std::string_view name,
                                            std::ostream& err);

// The text of the file at `path`; on failure prints one "error: ..." line
// to `err` and returns nullopt.
std::optional<std::string> read_text_file(const std::string& path,
                                          std::ostream& err);

}  // namespace kefu::cli

#endif  // KEFU_SRC_CLI_POLICY_LOADER_H_
