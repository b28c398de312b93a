// The SQLite backend (include/kefu/store/sqlite_backend.h).
//
// Statements are prepared once and reset after each use. Every SQLite error
// becomes an InvalidArgument "store FILE: <what>: <sqlite's message>", so a
// damaged or foreign file is reported, never crashed on. The file is marked
// as kefu's with `PRAGMA application_id` and its layout versioned with
// `PRAGMA user_version`.
#include "kefu/store/sqlite_backend.h"

#include <sqlite3.h>

#include <array>
#include <cstring>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "engine/byte_codec.h"

namespace kefu::store {

// The checksum of the row's fields as ByteWriter would lay them out (seq,
// kind, at, policy, then event_id and body as length-prefixed strings),
// hashed piece by piece so the event line is not copied for it (the
// values stored in existing files do not change; little-endian hosts).
std::uint64_t journal_checksum(const JournalEntry& e) {
  char fixed[8 + 1 + 8 + 8 + 4];
  const auto put = [&fixed](std::size_t at, auto v) { std::memcpy(fixed + at, &v, sizeof v); };
  put(0, static_cast<std::uint64_t>(e.seq));
  put(8, static_cast<std::uint8_t>(e.kind));
  put(9, static_cast<std::uint64_t>(e.at));
  put(17, static_cast<std::uint64_t>(e.policy));
  put(25, static_cast<std::uint32_t>(e.event_id.size()));
  char body_length[4];
  const auto n = static_cast<std::uint32_t>(e.body.size());
  std::memcpy(body_length, &n, 4);
  engine::Checksum64 sum(sizeof fixed + e.event_id.size() + sizeof body_length + e.body.size());
  sum.add(std::string_view(fixed, sizeof fixed));
  sum.add(e.event_id);
  sum.add(std::string_view(body_length, sizeof body_length));
  sum.add(e.body);
  return sum.finish();
}

namespace {

constexpr int kApplicationId = 0x4b454655;  // "KEFU"
constexpr int kLayoutVersion = 1;

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS policies(
  id INTEGER PRIMARY KEY, version TEXT NOT NULL, document TEXT NOT NULL,
  checksum INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS journal(
  seq INTEGER PRIMARY KEY, kind INTEGER NOT NULL, at INTEGER NOT NULL,
  policy INTEGER NOT NULL, event_id TEXT, body TEXT, checksum INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS journal_by_event ON journal(event_id) WHERE event_id IS NOT NULL;
CREATE TABLE IF NOT EXISTS snapshots(
  id INTEGER PRIMARY KEY, journal_seq INTEGER NOT NULL, policies TEXT NOT NULL,
  bytes BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS outbox(seq INTEGER PRIMARY KEY, json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value INTEGER NOT NULL);
)sql";

struct DbCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct StmtFinalizer {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using Stmt = std::unique_ptr<sqlite3_stmt, StmtFinalizer>;

std::string join_ids(const std::vector<std::int64_t>& ids) {
  std::string out;
  for (std::int64_t id : ids) {
    if (!out.empty()) out += ',';
    out += std::to_string(id);
  }
  return out;
}

std::vector<std::int64_t> split_ids(std::string_view text) {
  std::vector<std::int64_t> out;
  while (!text.empty()) {
    std::size_t comma = text.find(',');
    out.push_back(std::stoll(std::string(text.substr(0, comma))));
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
  }
  return out;
}

std::string column_text(sqlite3_stmt* s, int i) {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s, i));
  return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(s, i))) : std::string();
}

class SqliteBackend final : public Backend {
 public:
  SqliteBackend(std::string path, sqlite3* db) : path_(std::move(path)), db_(db) {}

  Status init(const SqliteOptions& options) {
    sqlite3_busy_timeout(db_.get(), kBusyTimeoutMs);
    Result<std::int64_t> app = pragma_int("PRAGMA application_id");
    if (!app.ok()) return app.status();
    Result<std::int64_t> layout = pragma_int("PRAGMA user_version");
    if (!layout.ok()) return layout.status();
    Result<std::int64_t> tables = pragma_int("SELECT count(*) FROM sqlite_master");
    if (!tables.ok()) return tables.status();
    if (*app != kApplicationId && *tables > 0)
      return Status::InvalidArgument("store " + path_ + ": not a kefu store (its application_id is " +
                                     std::to_string(*app) + ")");
    if (*app == kApplicationId && *layout != kLayoutVersion)
      return Status::InvalidArgument("store " + path_ + ": layout version " +
                                     std::to_string(*layout) + ", this build reads " +
                                     std::to_string(kLayoutVersion));
    if (Status s = exec("PRAGMA journal_mode=WAL", "set WAL mode"); !s.ok()) return s;
    static constexpr const char* kSync[] = {"PRAGMA synchronous=OFF", "PRAGMA synchronous=NORMAL",
                                            "PRAGMA synchronous=FULL"};
    if (Status s = exec(kSync[static_cast<int>(options.synchronous)], "set synchronous"); !s.ok())
      return s;
    // A batch of 10,000 events dirties ~3 MB of pages: with SQLite's default
    // 2 MB cache they spill into the WAL before the commit. The cache is a
    // limit, not an allocation.
    if (Status s = exec("PRAGMA cache_size=-65536", "set the cache size"); !s.ok()) return s;
    // Checkpoint every ~64 MB of WAL instead of every 4 MB: pages that
    // consecutive batches rewrite (the index's, the last leaves') are copied
    // to the database once, and the checkpoint's fsync is paid less often.
    // Durability is the WAL's and does not change.
    if (Status s = exec("PRAGMA wal_autocheckpoint=16384", "set the checkpoint interval"); !s.ok())
      return s;
    if (*app != kApplicationId) {
      if (Status s = exec("BEGIN IMMEDIATE", "create the tables"); !s.ok()) return s;
      Status s = exec(kSchema, "create the tables");
      if (s.ok())
        s = exec("PRAGMA application_id=" + std::to_string(kApplicationId) +
                     ";PRAGMA user_version=" + std::to_string(kLayoutVersion),
                 "mark the file");
      if (s.ok()) s = exec("COMMIT", "create the tables");
      if (!s.ok()) {
        rollback();
        return s;
      }
    }
    return Status();
  }

  Status begin() override {
    waiting_count_ = 0;  // none should wait here: commit writes them, rollback drops them
    return exec("BEGIN IMMEDIATE", "begin a transaction");
  }
  Status commit() override {
    if (Status st = flush(); !st.ok()) return st;
    if (Status st = exec("COMMIT", "commit"); !st.ok()) return st;
    if (wrote_snapshot_) {
      wrote_snapshot_ = false;
      // The snapshot went through the WAL (hundreds of MB for a million
      // entities): copy it into the file now and empty the WAL, so the WAL
      // file does not stay that large and the next open reads the snapshot
      // from the database file, not frame by frame through the WAL index
      // (1.9-2.2 s instead of 3.3-5.6 s for 1M orders, bench/README.md). Without waiting: with
      // a reader in the way the checkpoint does what it can, which changes
      // nothing for durability (the commit is already in the WAL).
      sqlite3_busy_timeout(db_.get(), 0);
      (void)sqlite3_wal_checkpoint_v2(db_.get(), nullptr, SQLITE_CHECKPOINT_TRUNCATE, nullptr,
                                      nullptr);
      sqlite3_busy_timeout(db_.get(), kBusyTimeoutMs);
    }
    return Status();
  }
  void rollback() override {
    waiting_count_ = 0;
    wrote_snapshot_ = false;
    if (!sqlite3_get_autocommit(db_.get())) sqlite3_exec(db_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
  }

  Result<std::vector<StoredPolicy>> policies() override {
    if (Status st = flush(); !st.ok()) return st;
    sqlite3_stmt* s = prepare(select_policies_, "SELECT id, version, document, checksum FROM policies ORDER BY id");
    if (!s) return error("read the policies");
    std::vector<StoredPolicy> out;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
      out.push_back(StoredPolicy{sqlite3_column_int64(s, 0), column_text(s, 1), column_text(s, 2),
                                 static_cast<std::uint64_t>(sqlite3_column_int64(s, 3))});
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) return error("read the policies");
    return out;
  }

  Result<std::int64_t> add_policy(const StoredPolicy& p) override {
    if (Status st = flush(); !st.ok()) return st;
    sqlite3_stmt* s = prepare(insert_policy_, "INSERT INTO policies(version, document, checksum) VALUES(?,?,?)");
    if (!s) return error("store a policy");
    sqlite3_bind_text(s, 1, p.version.data(), static_cast<int>(p.version.size()), SQLITE_STATIC);
    sqlite3_bind_text(s, 2, p.document.data(), static_cast<int>(p.document.size()), SQLITE_STATIC);
    sqlite3_bind_int64(s, 3, static_cast<sqlite3_int64>(p.checksum));
    if (Status st = step_done(s, "store a policy"); !st.ok()) return st;
    return static_cast<std::int64_t>(sqlite3_last_insert_rowid(db_.get()));
  }

  // Journal rows are inserted kJournalGroup at a time by one multi-row
  // INSERT: a statement per row pays SQLite's per-statement work (cursors
  // opened, the trees sought from their roots) for every event. A row waits
  // here until its group fills or another call comes (commit, a read,
  // another table), which writes it first, so every other method sees the
  // journal as appended and an error still ends the transaction before
  // its commit; a rollback drops the waiting rows.
  Status append(const JournalEntry& e) override {
    waiting_[waiting_count_++] = e;  // the strings keep their capacity
    return waiting_count_ == kJournalGroup ? flush() : Status();
  }

  Status read_journal(std::int64_t after,
                      const std::function<Status(const JournalEntry&)>& visit) override {
    if (Status st = flush(); !st.ok()) return st;
    Stmt stmt;
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(db_.get(),
                           "SELECT seq, kind, at, policy, event_id, body, checksum FROM journal "
                           "WHERE seq > ? ORDER BY seq",
                           -1, &raw, nullptr) != SQLITE_OK)
      return error("read the journal");
    stmt.reset(raw);
    sqlite3_bind_int64(raw, 1, after);
    int rc;
    JournalEntry e;
    while ((rc = sqlite3_step(raw)) == SQLITE_ROW) {
      e.seq = sqlite3_column_int64(raw, 0);
      e.kind = static_cast<JournalKind>(sqlite3_column_int(raw, 1));
      e.at = sqlite3_column_int64(raw, 2);
      e.policy = sqlite3_column_int64(raw, 3);
      e.event_id = column_text(raw, 4);
      e.body = column_text(raw, 5);
      e.checksum = static_cast<std::uint64_t>(sqlite3_column_int64(raw, 6));
      if (Status s = visit(e); !s.ok()) return s;
    }
    if (rc != SQLITE_DONE) return error("read the journal");
    return Status();
  }

  Result<std::int64_t> last_journal_seq() override {
    if (Status st = flush(); !st.ok()) return st;
    return scalar(last_journal_, "SELECT coalesce(max(seq), 0) FROM journal", "read the journal");
  }

  Result<bool> journaled(std::string_view event_id) override {
    if (Status st = flush(); !st.ok()) return st;
    sqlite3_stmt* s = prepare(find_event_, "SELECT 1 FROM journal WHERE event_id = ? LIMIT 1");
    if (!s) return error("look up an event id");
    sqlite3_bind_text(s, 1, event_id.data(), static_cast<int>(event_id.size()), SQLITE_STATIC);
    const int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return error("look up an event id");
    return rc == SQLITE_ROW;
  }

  Status put_snapshot(const SnapshotInfo& info, std::string_view bytes, int keep) override {
    if (Status st = flush(); !st.ok()) return st;
    sqlite3_stmt* s = prepare(insert_snapshot_,
                              "INSERT INTO snapshots(journal_seq, policies, bytes) VALUES(?,?,?)");
    if (!s) return error("write a snapshot");
    const std::string policies = join_ids(info.policies);
    sqlite3_bind_int64(s, 1, info.journal_seq);
    sqlite3_bind_text(s, 2, policies.data(), static_cast<int>(policies.size()), SQLITE_STATIC);
    sqlite3_bind_blob64(s, 3, bytes.data(), bytes.size(), SQLITE_STATIC);
    if (Status st = step_done(s, "write a snapshot"); !st.ok()) return st;
    wrote_snapshot_ = true;
    sqlite3_stmt* d = prepare(prune_snapshots_,
        "DELETE FROM snapshots WHERE id NOT IN (SELECT id FROM snapshots ORDER BY id DESC LIMIT ?)");
    if (!d) return error("prune snapshots");
    sqlite3_bind_int(d, 1, keep);
    return step_done(d, "prune snapshots");
  }

  Result<std::vector<SnapshotInfo>> snapshots() override {
    if (Status st = flush(); !st.ok()) return st;
    sqlite3_stmt* s = prepare(select_snapshots_,
                              "SELECT id, journal_seq, policies FROM snapshots ORDER BY id DESC");
    if (!s) return error("list snapshots");
    std::vector<SnapshotInfo> out;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
      SnapshotInfo info{sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 1), {}};
      try {
        info.policies = split_ids(column_text(s, 2));
      } catch (const std::exception&) {
        info.policies.clear();  // damaged: read_snapshot will refuse it
      }
      out.push_back(std::move(info));
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) return error("list snapshots");
    return out;
  }

  // Read with SQLite's incremental blob I/O straight into the string:
  // sqlite3_column_blob would first assemble the whole blob (hundreds of
  // MB for a million entities) in a buffer of its own, then be copied.
  Result<std::string> snapshot_bytes(std::int64_t id) override {
    if (Status st = flush(); !st.ok()) return st;
    sqlite3_blob* blob = nullptr;
    if (sqlite3_blob_open(db_.get(), "main", "snapshots", "bytes", id, 0, &blob) != SQLITE_OK) {
      const bool missing = sqlite3_errcode(db_.get()) == SQLITE_ERROR;
      Status st = missing ? Status::NotFound("store " + path_ + ": no snapshot " + std::to_string(id))
                          : error("read a snapshot");
      sqlite3_blob_close(blob);
      return st;
    }
    std::string bytes(static_cast<std::size_t>(sqlite3_blob_bytes(blob)), '\0');
    const int rc = sqlite3_blob_read(blob, bytes.data(), static_cast<int>(bytes.size()), 0);
    Status st = rc == SQLITE_OK ? Status() : error("read a snapshot");
    sqlite3_blob_close(blob);
    if (!st.ok()) return st;
    return bytes;
  }

  Status put_notification(const OutboxEntry& n) override {
    if (Status st = flush(); !st.ok()) return st;
    sqlite3_stmt* s = prepare(insert_outbox_, "INSERT INTO outbox(seq, json) VALUES(?,?)");
    if (!s) return error("write the outbox");
    sqlite3_bind_int64(s, 1, n.seq);
    sqlite3_bind_text(s, 2, n.json.data(), static_cast<int>(n.json.size()), SQLITE_STATIC);
    return step_done(s, "write the outbox");
  }

  Result<std::vector<OutboxEntry>> outbox_after(std::int64_t seq) override {
    if (Status st = flush(); !st.ok()) return st;
    sqlite3_stmt* s = prepare(select_outbox_, "SELECT seq, json FROM outbox WHERE seq > ? ORDER BY seq");
    if (!s) return error("read the outbox");
    sqlite3_bind_int64(s, 1, seq);
    std::vector<OutboxEntry> out;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
      out.push_back(OutboxEntry{sqlite3_column_int64(s, 0), column_text(s, 1)});
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) return error("read the outbox");
    return out;
  }

  Result<std::int64_t> last_outbox_seq() override {
    if (Status st = flush(); !st.ok()) return st;
    return scalar(last_outbox_, "SELECT coalesce(max(seq), 0) FROM outbox", "read the outbox");
  }

  Status set_acked(std::int64_t seq) override {
    if (Status st = flush(); !st.ok()) return st;
    sqlite3_stmt* s = prepare(set_acked_,
        "INSERT INTO meta(key, value) VALUES('acked', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    if (!s) return error("record the acknowledgement");
    sqlite3_bind_int64(s, 1, seq);
    if (Status st = step_done(s, "record the acknowledgement"); !st.ok()) return st;
    sqlite3_stmt* d = prepare(delete_outbox_, "DELETE FROM outbox WHERE seq <= ?");
    if (!d) return error("trim the outbox");
    sqlite3_bind_int64(d, 1, seq);
    return step_done(d, "trim the outbox");
  }

  Result<std::int64_t> acked() override {
    if (Status st = flush(); !st.ok()) return st;
    return scalar(acked_, "SELECT coalesce((SELECT value FROM meta WHERE key = 'acked'), 0)",
                  "read the acknowledgement");
  }

  Status set_cursor(std::int64_t cursor) override {
    if (Status st = flush(); !st.ok()) return st;
    sqlite3_stmt* s = prepare(set_cursor_,
        "INSERT INTO meta(key, value) VALUES('cursor', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    if (!s) return error("record the cursor");
    sqlite3_bind_int64(s, 1, cursor);
    return step_done(s, "record the cursor");
  }

  Result<std::int64_t> cursor() override {
    if (Status st = flush(); !st.ok()) return st;
    return scalar(cursor_, "SELECT coalesce((SELECT value FROM meta WHERE key = 'cursor'), 0)",
                  "read the cursor");
  }

 private:
  static constexpr int kBusyTimeoutMs = 5000;
  static constexpr std::size_t kJournalGroup = 32;
  static constexpr int kJournalColumns = 7;

  static void bind_journal(sqlite3_stmt* s, int first, const JournalEntry& e) {
    sqlite3_bind_int64(s, first, e.seq);
    sqlite3_bind_int(s, first + 1, static_cast<int>(e.kind));
    sqlite3_bind_int64(s, first + 2, e.at);
    sqlite3_bind_int64(s, first + 3, e.policy);
    if (e.kind == JournalKind::kEvent) {
      sqlite3_bind_text(s, first + 4, e.event_id.data(), static_cast<int>(e.event_id.size()),
                        SQLITE_STATIC);
      sqlite3_bind_text(s, first + 5, e.body.data(), static_cast<int>(e.body.size()), SQLITE_STATIC);
    } else {
      sqlite3_bind_null(s, first + 4);
      sqlite3_bind_null(s, first + 5);
    }
    sqlite3_bind_int64(s, first + 6, static_cast<sqlite3_int64>(e.checksum));
  }

  // Writes the waiting journal rows: a full group in one statement, a
  // partial one (the end of a batch) row by row.
  Status flush() {
    const std::size_t n = waiting_count_;
    if (n == 0) return Status();
    waiting_count_ = 0;
    if (n == kJournalGroup) {
      static const std::string sql = [] {
        std::string q = "INSERT INTO journal(seq, kind, at, policy, event_id, body, checksum) VALUES";
        for (std::size_t i = 0; i < kJournalGroup; ++i) q += i == 0 ? "(?,?,?,?,?,?,?)" : ",(?,?,?,?,?,?,?)";
        return q;
      }();
      sqlite3_stmt* s = prepare(insert_journal_group_, sql.c_str());
      if (!s) return error("append to the journal");
      for (std::size_t i = 0; i < n; ++i)
        bind_journal(s, 1 + static_cast<int>(i) * kJournalColumns, waiting_[i]);
      return step_done(s, "append to the journal");
    }
    sqlite3_stmt* s = prepare(insert_journal_,
        "INSERT INTO journal(seq, kind, at, policy, event_id, body, checksum) VALUES(?,?,?,?,?,?,?)");
    if (!s) return error("append to the journal");
    for (std::size_t i = 0; i < n; ++i) {
      bind_journal(s, 1, waiting_[i]);
      if (Status st = step_done(s, "append to the journal"); !st.ok()) return st;
    }
    return Status();
  }

  Status error(const std::string& what) const {
    return Status::InvalidArgument("store " + path_ + ": " + what + ": " + sqlite3_errmsg(db_.get()) +
                                   " (SQLite error " + std::to_string(sqlite3_extended_errcode(db_.get())) +
                                   ")");
  }

  Status exec(const std::string& sql, const std::string& what) {
    char* message = nullptr;
    if (sqlite3_exec(db_.get(), sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      std::string m = message ? message : "unknown error";
      sqlite3_free(message);
      return Status::InvalidArgument("store " + path_ + ": " + what + ": " + m + " (SQLite error " +
                                     std::to_string(sqlite3_extended_errcode(db_.get())) + ")");
    }
    return Status();
  }

  sqlite3_stmt* prepare(Stmt& slot, const char* sql) {
    if (!slot) {
      sqlite3_stmt* raw = nullptr;
      if (sqlite3_prepare_v3(db_.get(), sql, -1, SQLITE_PREPARE_PERSISTENT, &raw, nullptr) != SQLITE_OK)
        return nullptr;
      slot.reset(raw);
    }
    return slot.get();
  }

  Status step_done(sqlite3_stmt* s, const std::string& what) {
    const int rc = sqlite3_step(s);
    Status st = rc == SQLITE_DONE ? Status() : error(what);
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    return st;
  }

  Result<std::int64_t> scalar(Stmt& slot, const char* sql, const std::string& what) {
    sqlite3_stmt* s = prepare(slot, sql);
    if (!s) return error(what);
    const int rc = sqlite3_step(s);
    const std::int64_t v = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    sqlite3_reset(s);
    if (rc != SQLITE_ROW) return error(what);
    return v;
  }

  Result<std::int64_t> pragma_int(const char* sql) {
    Stmt slot;
    return scalar(slot, sql, "read the file's header");
  }

  std::string path_;
  std::unique_ptr<sqlite3, DbCloser> db_;
  // Declared after db_ so they are finalized before it closes.
  Stmt select_policies_, insert_policy_, insert_journal_, last_journal_, find_event_,
      insert_snapshot_, prune_snapshots_, select_snapshots_, insert_outbox_,
      select_outbox_, last_outbox_, set_acked_, delete_outbox_, acked_, set_cursor_, cursor_,
      insert_journal_group_;
  std::array<JournalEntry, kJournalGroup> waiting_;
  bool wrote_snapshot_ = false;  // in the open transaction: checkpoint after its commit
  std::size_t waiting_count_ = 0;
};

}  // namespace

Result<std::unique_ptr<Backend>> open_sqlite(const std::string& path, const SqliteOptions& options) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw,
                                 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                                 nullptr);
  if (rc != SQLITE_OK) {
    std::string message = raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
    sqlite3_close_v2(raw);
    return Status::InvalidArgument("store " + path + ": cannot open: " + message);
  }
  auto backend = std::make_unique<SqliteBackend>(path, raw);
  if (Status s = backend->init(options); !s.ok()) return s;
  return std::unique_ptr<Backend>(std::move(backend));
}

}  // namespace kefu::store
