// `kefu snapshot --store DB`: writes a snapshot of the store's engine.
#include <ostream>

#include "cli/command.h"
#include "cli/exit_code.h"
#include "cli/store_opener.h"

namespace kefu::cli {
namespace {

int run(const Flags& flags, Io& io) {
  std::optional<std::string> path = flags.get("--store");
  if (!path) {
    io.err << "error: snapshot needs --store\n";
    return kExitUsage;
  }
  std::optional<store::Store> store = open_store(*path, std::nullopt, io.err);
  if (!store) return kExitInvalidInput;
  Result<store::Store::SnapshotWritten> written = store->snapshot();
  if (!written.ok()) {
    io.err << "error: " << written.status().to_string() << "\n";
    return kExitInvalidInput;
  }
  io.out << "{\"journal_seq\":" << written->journal_seq << ",\"bytes\":" << written->bytes
         << "}\n";
  return kExitOk;
}

}  // namespace

const Command kSnapshotCommand = {
    "snapshot",
    "write a snapshot of a store's engine",
    R"(usage: kefu snapshot --store DB

Opens the store DB, recovers its engine and writes a snapshot of it, so the
next open replays only the journal after it. The two newest snapshots are
kept. stdout: one line, {"journal_seq":N,"bytes":B}: the journal entries
the snapshot holds and its size.

exit status: 0 success, 2 usage error, 3 invalid input (no such file, or a
store that cannot be recovered or written)
)",
    {"--store"},
    &run,
};

}  // namespace kefu::cli
