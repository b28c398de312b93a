// A `kefu` command: its name, its usage and the function that runs it.
//
// main() finds the command by name, parses its flags (cli/args.h), prints
// the usage for --help or a usage error, and otherwise runs it. A command
// returns an exit status (cli/exit_code.h) and writes only through Io, so
// that output and errors go where the contract says: answers to stdout,
// errors to stderr, one line each.
//
// Example:
//   for (const Command& c : commands()) std::cout << c.name << "\n";
//
// Thread safety: commands() is an immutable table.
#ifndef KEFU_SRC_CLI_COMMAND_H_
#define KEFU_SRC_CLI_COMMAND_H_

#include <iosfwd>
#include <string_view>
#include <vector>

#include "cli/args.h"

namespace kefu::cli {

struct Io {
  std::istream& in;
  std::ostream& out;
  std::ostream& err;
};

struct Command {
  std::string_view name;
  std::string_view summary;  // one line, for the command list
  std::string_view usage;    // the synopsis lines and what they do
  std::vector<std::string_view> flags;
  int (*run)(const Flags& flags, Io& io);
};

// The commands available, in the order the usage lists them.
const std::vector<Command>& commands();

// The general usage: the commands and the exit statuses.
std::string_view general_usage();

// Commands of DESIGN.md that later issues implement: named apart from an
// unknown word in the usage error.
bool is_planned_command(std::string_view name);

// The commands, each defined in its own file.
extern const Command kDueCommand;
extern const Command kElapsedCommand;
extern const Command kCheckCommand;
extern const Command kReplayCommand;
extern const Command kExplainCommand;
extern const Command kStateCommand;
extern const Command kSnapshotCommand;
extern const Command kMigrateCommand;

}  // namespace kefu::cli

#endif  // KEFU_SRC_CLI_COMMAND_H_
