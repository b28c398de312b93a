// `kefu migrate --store DB --policy P.json`: loads a policy version into a
// store and moves the open timers of older versions to it.
#include <filesystem>
#include <ostream>

#include "cli/command.h"
#include "cli/exit_code.h"
#include "cli/policy_loader.h"
#include "cli/store_opener.h"
#include "kefu/engine/migration.h"

namespace kefu::cli {
namespace {

int run(const Flags& flags, Io& io) {
  std::optional<std::string> path = flags.get("--store");
  std::optional<std::string> policy_path = flags.get("--policy");
  if (!path || !policy_path) {
    io.err << "error: migrate needs --store and --policy\n";
    return kExitUsage;
  }
  std::optional<std::string> policy_text = read_text_file(*policy_path, io.err);
  // Parsed first for the command's usual located errors (open_store would
  // refuse a bad policy too, less precisely).
  if (!policy_text || !load_policy(*policy_path, io.err)) return kExitInvalidInput;
  // A migration needs timers to move: never create a store here.
  if (!std::filesystem::exists(*path)) {
    io.err << "error: store " << *path << ": no such file\n";
    return kExitInvalidInput;
  }
  // Opening with the document loads it as a new version when it differs
  // from the one in force.
  std::optional<store::Store> store = open_store(*path, *policy_text, io.err);
  if (!store) return kExitInvalidInput;
  Result<engine::MigrationReport> report = store->migrate();
  if (!report.ok()) {
    io.err << "error: " << report.status().to_string() << "\n";
    return kExitInvalidInput;
  }
  io.out << engine::to_json(*report) << "\n";
  return kExitOk;
}

}  // namespace

const Command kMigrateCommand = {
    "migrate",
    "move a store's open timers to a new policy version",
    R"(usage: kefu migrate --store DB --policy P.json

Opens the store DB (it must exist), loads the policy P.json as a new
version when it differs from the version in force, then moves every open
timer of an older version to it: each takes the first entry of its target
id that matches its entity's attributes in the new version, keeping the
open time already elapsed and its pauses, with its due recomputed; a timer
whose target has no matching entry stops. The migration is journaled.
stdout: one JSON document, {"to_version":V,"examined":N,"unchanged":N,
"changes":[...]}, a change per timer whose entry, due or state changed
(docs/cli.md lists the fields). A late breach a migration causes is
released by the next advance (kefu replay --store).

exit status: 0 success, 2 usage error, 3 invalid input (no such store, a
policy with errors, a store that cannot be recovered or written)
)",
    {"--store", "--policy"},
    &run,
};

}  // namespace kefu::cli
