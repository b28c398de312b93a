// The store: an engine that survives its process.
//
// A Store owns an Engine and a Backend (SQLite by default). Every change to
// the engine goes through it and is journaled in the same transaction as
// its effects: the events accepted, the advances, the policy versions
// loaded, and the notifications released (the outbox, numbered by their
// seq). Opening a store recovers the engine: the newest valid snapshot,
// then the journal after it; the result equals the state of an engine that
// never stopped (canonical_state() compares them). A damaged snapshot is
// skipped for an older one (and the longer journal); damage that cannot be
// worked around (a journal row that fails its checksum, an outbox that
// disagrees with the replay, a file SQLite cannot read) is an error naming
// what and where, never a silently wrong state.
//
// A host delivers the outbox and acknowledges up to a seq (`ack`); what it
// has not acknowledged is there after a crash (`pending`), without gaps or
// repeats. docs/store.md describes the file, the guarantees and the costs.
//
// Example:
//   Result<Store> store = Store::open("kefu.db", policy_text, {});
//   Store::Batch batch;
//   for (const std::string& line : lines) batch.ingest(line);
//   batch.advance(now);
//   Result<Store::BatchResult> r = store->apply(batch);   // all or nothing
//   for (const OutboxEntry& n : *store->pending()) deliver(n.json);
//   store->ack(last_delivered_seq);
//
// Thread safety: a Store is used by one thread at a time.
#ifndef KEFU_STORE_STORE_H_
#define KEFU_STORE_STORE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kefu/engine/engine.h"
#include "kefu/engine/notification.h"
#include "kefu/status.h"
#include "kefu/store/backend.h"
#include "kefu/store/sqlite_backend.h"
#include "kefu/time/instant.h"

namespace kefu::store {

struct StoreOptions {
  Synchronous synchronous = Synchronous::kFull;
  // A snapshot is written after this many journal entries (0: only when
  // snapshot() is called).
  std::int64_t snapshot_every = 0;
  // Snapshots kept (older ones are deleted); two, so that a damaged newest
  // one falls back to the one before.
  int keep_snapshots = 2;
};

// How the last open (or reload) recovered the engine.
struct RecoveryReport {
  std::int64_t snapshot_id = 0;           // 0: no snapshot, the whole journal
  std::int64_t snapshot_journal_seq = 0;  // the journal entries it held
  std::int64_t replayed = 0;              // journal entries applied after it
  std::vector<std::string> skipped;       // damaged snapshots passed over, why
};

class Store {
 public:
  // Opens or creates the store at `path`. A new store needs
  // `policy_document` (a policy's JSON text); for an existing one it may be
  // omitted, and when given and different from the version in force it is
  // loaded as a new version (timers keep the version they started under).
  static Result<Store> open(const std::string& path,
                            std::optional<std::string_view> policy_document,
                            const StoreOptions& options = {});
  // The same over another backend.
  static Result<Store> open(std::unique_ptr<Backend> backend,
                            std::optional<std::string_view> policy_document,
                            const StoreOptions& options = {});
  ~Store();
  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;

  // Work applied in one transaction, in order.
  class Batch {
   public:
    // One event line (JSON).
    void ingest(std::string line);
    // advance(t) on the engine.
    void advance(time::Instant t);
    // Records the host's position in its input with the batch, so that
    // after a crash it resumes exactly after the last batch that committed.
    void set_cursor(std::int64_t cursor) { cursor_ = cursor; }
    bool empty() const { return ops_.empty() && !cursor_; }
    std::size_t size() const { return ops_.size(); }

   private:
    friend class Store;
    std::optional<std::int64_t> cursor_;
    struct Op {
      bool is_advance = false;
      time::Instant at;
      std::string line;
    };
    std::vector<Op> ops_;
  };

  struct BatchResult {
    // One per ingest of the batch, in order: accepted, duplicate, or the
    // error that refused it (refused events are not journaled).
    std::vector<Result<engine::IngestOutcome>> events;
    // What the batch's advances released, now in the outbox.
    std::vector<engine::Notification> notifications;
  };

  // Applies the batch to the engine and journals it with its effects in one
  // transaction: after a crash, either all of it is there or none. A
  // refused event is no error of the batch. An error (the backend could
  // not write) leaves the store as it was before the batch.
  Result<BatchResult> apply(const Batch& batch);

  // Loads a new policy version (journaled).
  Status load_policy(std::string_view policy_document);

  // Engine::migrate, journaled: recovery repeats it at the same point.
  Result<engine::MigrationReport> migrate();

  struct SnapshotWritten {
    std::int64_t journal_seq = 0;  // the journal entries it holds
    std::size_t bytes = 0;
  };
  // Writes a snapshot of the engine as it stands.
  Result<SnapshotWritten> snapshot();

  // The notifications not acknowledged yet, by seq.
  Result<std::vector<OutboxEntry>> pending();
  // The host has the notifications up to `seq`: they leave the outbox.
  // Acknowledging a seq not issued yet is InvalidArgument; an older one is
  // a no-op.
  Status ack(std::int64_t seq);
  std::int64_t acked() const;

  // The cursor of the last batch that set one (0 if none).
  Result<std::int64_t> cursor();

  // Whether an event with this id is in the journal (for resuming a log).
  Result<bool> journaled(std::string_view event_id);

  const engine::Engine& engine() const;
  const RecoveryReport& recovery() const;
  // Journal entries so far.
  std::int64_t journal_seq() const;

  struct Impl;

 private:
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace kefu::store

#endif  // KEFU_STORE_STORE_H_
