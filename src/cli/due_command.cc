// `kefu due`: the due instant of a spec counted from an instant on a
// policy's calendar, for one case (--from, --duration) or for each stdin
// line "FROM SPEC".
#include <istream>
#include <optional>
#include <ostream>
#include <string>

#include "cli/command.h"
#include "cli/exit_code.h"
#include "cli/policy_loader.h"
#include "kefu/policy/due_spec_arg.h"
#include "kefu/time/calendar.h"
#include "kefu/time/instant.h"

namespace kefu::cli {
namespace {

constexpr std::string_view kBlanks = " \t";

// The due instant, printed in the calendar's offset.
Result<std::string> due(const time::Calendar& calendar, std::string_view from,
                        std::string_view spec_text) {
  Result<time::Instant> start = time::parse_instant(from);
  if (!start.ok()) return start.status();
  Result<time::DueSpec> spec = policy::parse_due_spec_arg(spec_text);
  if (!spec.ok()) return spec.status();
  Result<time::Instant> due = calendar.add(*start, *spec);
  if (!due.ok()) return due.status();
  return time::format_instant(*due, calendar.offset());
}

// One stdin line: "FROM SPEC", split at the first blank; the spec may hold
// blanks of its own ({"at": "17:00"}).
Result<std::string> due_line(const time::Calendar& calendar,
                             std::string_view line) {
  std::size_t first = line.find_first_not_of(kBlanks);
  if (first == std::string_view::npos) {
    return Status::InvalidArgument(
        "expected \"FROM SPEC\" (an instant, a blank, a due spec), got an "
        "empty line");
  }
  line = line.substr(first, line.find_last_not_of(kBlanks) - first + 1);
  std::size_t blank = line.find_first_of(kBlanks);
  if (blank == std::string_view::npos) {
    return Status::InvalidArgument(
        "expected \"FROM SPEC\" (an instant, a blank, a due spec), got \"" +
        std::string(line) + "\"");
  }
  std::string_view from = line.substr(0, blank);
  std::string_view spec = line.substr(blank);
  spec.remove_prefix(spec.find_first_not_of(kBlanks));
  return due(calendar, from, spec);
}

int run_batch(const time::Calendar& calendar, Io& io) {
  int status = kExitOk;
  std::string line;
  for (long number = 1; std::getline(io.in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    Result<std::string> answer = due_line(calendar, line);
    if (answer.ok()) {
      io.out << *answer << "\n";
    } else {
      // The answer keeps its place on stdout; stderr says which line, for a
      // reader whose stdout went to a file.
      std::string message = answer.status().to_string();
      io.out << "error: " << message << "\n";
      io.err << "error: line " << number << ": " << message << "\n";
      status = kExitInvalidInput;
    }
  }
  return status;
}

int run(const Flags& flags, Io& io) {
  std::optional<std::string> policy = flags.get("--policy");
  std::optional<std::string> calendar = flags.get("--calendar");
  std::optional<std::string> from = flags.get("--from");
  std::optional<std::string> duration = flags.get("--duration");
  if (!policy || !calendar) {
    io.err << "error: due needs --policy and --calendar\n";
    return kExitUsage;
  }
  if (from.has_value() != duration.has_value()) {
    io.err << "error: due needs both --from and --duration, or neither (then "
              "it reads lines \"FROM SPEC\" from stdin)\n";
    return kExitUsage;
  }
  std::optional<LoadedCalendar> loaded =
      load_calendar(*policy, *calendar, io.err);
  if (!loaded) return kExitInvalidInput;
  if (!from) return run_batch(*loaded->calendar, io);

  Result<time::Instant> start = time::parse_instant(*from);
  if (!start.ok()) {
    io.err << "error: --from: " << start.status().to_string() << "\n";
    return kExitInvalidInput;
  }
  Result<time::DueSpec> spec = policy::parse_due_spec_arg(*duration);
  if (!spec.ok()) {
    io.err << "error: --duration: " << spec.status().to_string() << "\n";
    return kExitInvalidInput;
  }
  Result<time::Instant> due = loaded->calendar->add(*start, *spec);
  if (!due.ok()) {
    io.err << "error: " << due.status().to_string() << "\n";
    return kExitInvalidInput;
  }
  io.out << time::format_instant(*due, loaded->calendar->offset()) << "\n";
  return kExitOk;
}

}  // namespace

const Command kDueCommand = {
    "due",
    "the due instant of a spec counted on a policy's calendar",
    R"(usage: kefu due --policy P.json --calendar NAME --from ISO --duration SPEC
       kefu due --policy P.json --calendar NAME < lines

Prints the due instant of SPEC counted from ISO on the calendar NAME, in the
calendar's UTC offset (2026-10-10T18:00:00+08:00). SPEC is written as in a
policy: 30m, 4h, 3wd, 15d, 1mo, or a JSON object such as '{"at":"17:00"}',
'{"weekday":"mon","at":"16:00"}', '{"day_of_month":15,"months_after":1}'.

Without --from and --duration, reads stdin lines "FROM SPEC" (split at the
first blank) and answers each on its own line; a bad line answers
"error: ..." in its place, and the exit status is then 3.

exit status: 0 success, 2 usage error, 3 invalid input
)",
    {"--policy", "--calendar", "--from", "--duration"},
    &run,
};

}  // namespace kefu::cli
