// `kefu state --store DB`: the engine's canonical state as JSON.
#include <ostream>

#include "cli/command.h"
#include "cli/exit_code.h"
#include "cli/store_opener.h"

namespace kefu::cli {
namespace {

int run(const Flags& flags, Io& io) {
  std::optional<std::string> path = flags.get("--store");
  if (!path) {
    io.err << "error: state needs --store\n";
    return kExitUsage;
  }
  std::optional<store::Store> store = open_store(*path, std::nullopt, io.err);
  if (!store) return kExitInvalidInput;
  io.out << store->engine().canonical_state() << "\n";
  return kExitOk;
}

}  // namespace

const Command kStateCommand = {
    "state",
    "print the canonical state of a store's engine as JSON",
    R"(usage: kefu state --store DB

Opens the store DB (recovering its engine: the newest valid snapshot, then
the journal after it) and prints the engine's canonical state as one JSON
document: entities, timers, clock, next notification seq, pending
notifications, remembered event ids. The same history gives the same bytes;
what the host acknowledged (outbox cursors) is not part of it.

exit status: 0 success, 2 usage error, 3 invalid input (no such file, or a
store that cannot be recovered; the error says what and where)
)",
    {"--store"},
    &run,
};

}  // namespace kefu::cli
