// The SQLite backend: one database file in WAL mode holds the policy
// documents, the journal, the snapshots and the outbox (docs/store.md gives
// the tables). ":memory:" keeps everything in memory, for hosts that keep
// their own log and want the same interface.
//
// Example:
//   Result<std::unique_ptr<Backend>> db = open_sqlite("kefu.db", {});
//
// Thread safety: a backend is used by one thread at a time.
#ifndef KEFU_STORE_SQLITE_BACKEND_H_
#define KEFU_STORE_SQLITE_BACKEND_H_

#include <memory>
#include <string>

#include "kefu/status.h"
#include "kefu/store/backend.h"

namespace kefu::store {

// SQLite's `PRAGMA synchronous`: kFull syncs the WAL at every commit (a
// commit survives a power cut); kNormal syncs at checkpoints only (a commit
// survives a crash of the process, not of the machine); kOff never syncs.
enum class Synchronous : std::uint8_t { kOff, kNormal, kFull };

struct SqliteOptions {
  Synchronous synchronous = Synchronous::kFull;
};

// Opens the file, creating it and its tables when it does not exist. A file
// that is not a kefu store, or that SQLite finds damaged, is an
// InvalidArgument naming the file and SQLite's reason.
Result<std::unique_ptr<Backend>> open_sqlite(const std::string& path, const SqliteOptions& options);

}  // namespace kefu::store

#endif  // KEFU_STORE_SQLITE_BACKEND_H_
