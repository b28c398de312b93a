// The store's backend: where the journal, the snapshots, the policy
// documents and the outbox live. kefu::store::Store keeps the engine and
// decides what to write; a Backend only keeps rows. SQLite is the embedded
// default (sqlite_backend.h); a shared database (PostgreSQL) would be
// another implementation of this interface.
//
// Every write happens between begin() and commit(): a Backend guarantees
// that a committed transaction survives a crash of the process (with
// synchronous=FULL, of the machine too) and that an uncommitted one leaves
// no trace.
//
// Thread safety: one thread at a time.
#ifndef KEFU_STORE_BACKEND_H_
#define KEFU_STORE_BACKEND_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "kefu/status.h"

namespace kefu::store {

// What one journal row records, in the order the engine saw it.
enum class JournalKind : std::uint8_t {
  kPolicy = 1,   // `policy` (a StoredPolicy id) was loaded into the engine
  kEvent = 2,    // `body` (an event line) was accepted
  kAdvance = 3,  // the engine advanced to `at` (UTC seconds)
  kMigrate = 4,  // Engine::migrate: open timers moved to the newest policy version
};

struct JournalEntry {
  std::int64_t seq = 0;  // from 1, no gaps
  JournalKind kind = JournalKind::kEvent;
  std::int64_t at = 0;        // advances: the instant
  std::int64_t policy = 0;    // policy loads: the policy id
  std::string event_id;       // events: the id
  std::string body;           // events: the line as received
  std::uint64_t checksum = 0;  // of the fields above (journal_checksum)
};

std::uint64_t journal_checksum(const JournalEntry& e);

struct StoredPolicy {
  std::int64_t id = 0;
  std::string version;
  std::string document;
  std::uint64_t checksum = 0;  // of the document
};

struct SnapshotInfo {
  std::int64_t id = 0;
  std::int64_t journal_seq = 0;      // the journal entries it includes
  std::vector<std::int64_t> policies;  // the engine's versions, in load order
};

struct OutboxEntry {
  std::int64_t seq = 0;
  std::string json;  // the notification, one line
};

class Backend {
 public:
  virtual ~Backend() = default;

  virtual Status begin() = 0;
  virtual Status commit() = 0;
  virtual void rollback() = 0;

  virtual Result<std::vector<StoredPolicy>> policies() = 0;
  virtual Result<std::int64_t> add_policy(const StoredPolicy& p) = 0;

  virtual Status append(const JournalEntry& e) = 0;
  // Calls `visit` on each entry with seq > `after`, in order; stops at the
  // first error `visit` returns and returns it.
  virtual Status read_journal(std::int64_t after,
                              const std::function<Status(const JournalEntry&)>& visit) = 0;
  virtual Result<std::int64_t> last_journal_seq() = 0;
  // Whether an event with this id was journaled (the resume check).
  virtual Result<bool> journaled(std::string_view event_id) = 0;

  // Keeps the newest `keep` snapshots, deleting older ones.
  virtual Status put_snapshot(const SnapshotInfo& info, std::string_view bytes, int keep) = 0;
  virtual Result<std::vector<SnapshotInfo>> snapshots() = 0;  // newest first
  virtual Result<std::string> snapshot_bytes(std::int64_t id) = 0;

  virtual Status put_notification(const OutboxEntry& n) = 0;
  virtual Result<std::vector<OutboxEntry>> outbox_after(std::int64_t seq) = 0;
  virtual Result<std::int64_t> last_outbox_seq() = 0;
  // Notifications up to `seq` were delivered: forgets them.
  virtual Status set_acked(std::int64_t seq) = 0;
  virtual Result<std::int64_t> acked() = 0;

  // The host's position in its own input (a line number, a log offset),
  // kept with the batch that reached it.
  virtual Status set_cursor(std::int64_t cursor) = 0;
  virtual Result<std::int64_t> cursor() = 0;
};

}  // namespace kefu::store

#endif  // KEFU_STORE_BACKEND_H_
