// `kefu`: the command-line tool. Finds the command, parses its flags and
// runs it; DESIGN.md's "The command line" is the contract.
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "cli/args.h"
#include "cli/command.h"
#include "cli/exit_code.h"

namespace kefu::cli {
namespace {

const Command* find_command(std::string_view name) {
  for (const Command& c : commands()) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

int usage_error(std::string_view message, std::string_view usage, Io& io) {
  io.err << "error: " << message << "\n\n" << usage;
  return kExitUsage;
}

int unknown_command(std::string_view name, Io& io) {
  std::string message =
      is_planned_command(name)
          ? "command \"" + std::string(name) + "\" is not available yet"
          : "unknown command \"" + std::string(name) + "\"";
  return usage_error(message, general_usage(), io);
}

// kefu help [COMMAND]
int help(const std::vector<std::string_view>& args, Io& io) {
  if (args.empty()) {
    io.out << general_usage();
    return kExitOk;
  }
  if (args.size() > 1) {
    return usage_error("help takes at most one command", general_usage(), io);
  }
  const Command* command = find_command(args[0]);
  if (command == nullptr) return unknown_command(args[0], io);
  io.out << command->usage;
  return kExitOk;
}

int run(const std::vector<std::string_view>& args, Io& io) {
  if (args.empty()) return usage_error("no command", general_usage(), io);
  std::string_view name = args[0];
  std::vector<std::string_view> rest(args.begin() + 1, args.end());
  if (name == "help" || name == "--help" || name == "-h") return help(rest, io);
  const Command* command = find_command(name);
  if (command == nullptr) return unknown_command(name, io);
  Result<Flags> flags = Flags::Parse(rest, command->flags);
  if (!flags.ok()) {
    return usage_error(flags.status().message(), command->usage, io);
  }
  if (flags->help()) {
    io.out << command->usage;
    return kExitOk;
  }
  int status = command->run(*flags, io);
  // A command reports a usage error in one line; the usage follows it.
  if (status == kExitUsage) io.err << "\n" << command->usage;
  return status;
}

}  // namespace
}  // namespace kefu::cli

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  std::vector<std::string_view> args(argv + 1, argv + argc);
  kefu::cli::Io io{std::cin, std::cout, std::cerr};
  int status = kefu::cli::run(args, io);
  std::cout.flush();
  return status;
}
