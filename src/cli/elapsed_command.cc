// `kefu elapsed`: the open seconds of a policy's calendar between two
// instants.
#include <optional>
#include <ostream>
#include <string>

#include "cli/command.h"
#include "cli/exit_code.h"
#include "cli/policy_loader.h"
#include "kefu/time/calendar.h"
#include "kefu/time/instant.h"

namespace kefu::cli {
namespace {

int run(const Flags& flags, Io& io) {
  std::optional<std::string> policy = flags.get("--policy");
  std::optional<std::string> calendar = flags.get("--calendar");
  std::optional<std::string> from = flags.get("--from");
  std::optional<std::string> to = flags.get("--to");
  if (!policy || !calendar || !from || !to) {
    io.err << "error: elapsed needs --policy, --calendar, --from and --to\n";
    return kExitUsage;
  }
  std::optional<LoadedCalendar> loaded =
      load_calendar(*policy, *calendar, io.err);
  if (!loaded) return kExitInvalidInput;
  Result<time::Instant> a = time::parse_instant(*from);
  if (!a.ok()) {
    io.err << "error: --from: " << a.status().to_string() << "\n";
    return kExitInvalidInput;
  }
  Result<time::Instant> b = time::parse_instant(*to);
  if (!b.ok()) {
    io.err << "error: --to: " << b.status().to_string() << "\n";
    return kExitInvalidInput;
  }
  if (*b < *a) {
    io.err << "error: --to " << *to << " is before --from " << *from << "\n";
    return kExitInvalidInput;
  }
  Result<time::BusinessDuration> open = loaded->calendar->elapsed(*a, *b);
  if (!open.ok()) {
    io.err << "error: " << open.status().to_string() << "\n";
    return kExitInvalidInput;
  }
  io.out << open->seconds() << "\n";
  return kExitOk;
}

}  // namespace

const Command kElapsedCommand = {
    "elapsed",
    "the open seconds of a policy's calendar between two instants",
    R"(usage: kefu elapsed --policy P.json --calendar NAME --from ISO --to ISO

Prints the open seconds of the calendar NAME in [--from, --to), a whole
number. --to before --from is invalid input (exit status 3).

exit status: 0 success, 2 usage error, 3 invalid input
)",
    {"--policy", "--calendar", "--from", "--to"},
    &run,
};

}  // namespace kefu::cli
