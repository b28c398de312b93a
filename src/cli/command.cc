#include "cli/command.h"

#include <algorithm>
#include <array>

namespace kefu::cli {

const std::vector<Command>& commands() {
  static const std::vector<Command> kCommands = {
      kDueCommand, kElapsedCommand, kCheckCommand, kReplayCommand,
      kExplainCommand, kStateCommand, kSnapshotCommand, kMigrateCommand};
  return kCommands;
}

std::string_view general_usage() {
  return R"(usage: kefu <command> [flags]

commands:
  due       the due instant of a spec counted on a policy's calendar
  elapsed   the open seconds of a policy's calendar between two instants
  check     validate a policy and list every error with its JSON pointer
  replay    apply an event log under a policy and print every notification
  explain   replay an event log and explain the timers of one entity
  state     print the canonical state of a store's engine as JSON
  snapshot  write a snapshot of a store's engine
  migrate   move a store's open timers to a new policy version
  help      this text, or a command's: kefu help <command>

  kefu due --policy P.json --calendar NAME --from ISO --duration SPEC
  kefu due --policy P.json --calendar NAME      (lines "FROM SPEC" on stdin)
  kefu elapsed --policy P.json --calendar NAME --from ISO --to ISO
  kefu check --policy P.json
  kefu replay --policy P.json --events E.jsonl [--until ISO] [--store DB]
  kefu explain --policy P.json --events E.jsonl --entity order:WB123 [--at ISO]
  kefu state --store DB
  kefu snapshot --store DB
  kefu migrate --store DB --policy P.json

exit status: 0 success, 2 usage error, 3 invalid input
)";
}

bool is_planned_command(std::string_view name) {
  constexpr std::array<std::string_view, 0> kPlanned = {};
  return std::find(kPlanned.begin(), kPlanned.end(), name) != kPlanned.end();
}

}  // namespace kefu::cli
