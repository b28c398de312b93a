// The store (include/kefu/store/store.h): recovery, and journaling each
// change with its effects in one transaction.
//
// The engine lives in memory; the journal is the truth. A change is applied
// to the engine first (that is how its effects are known), then written;
// if writing fails, the transaction is rolled back and the engine is
// rebuilt from the file, so memory never runs ahead of what is durable.
#include "kefu/store/store.h"

#include <algorithm>
#include <utility>

#include "engine/byte_codec.h"
#include "engine/engine_state.h"
#include "kefu/domain/event.h"
#include "kefu/engine/snapshot.h"
#include "kefu/policy/policy.h"

namespace kefu::store {
namespace {

using engine::Engine;
using engine::IngestOutcome;
using engine::Notification;

}  // namespace

struct Store::Impl {
  std::unique_ptr<Backend> backend;
  StoreOptions options;
  std::optional<Engine> engine;
  std::vector<StoredPolicy> stored;              // every policy document of the file
  std::vector<std::int64_t> engine_policies;     // the engine's versions, in load order
  std::int64_t journal_seq = 0;
  std::int64_t since_snapshot = 0;
  std::int64_t acked = 0;
  RecoveryReport report;

  const StoredPolicy* stored_policy(std::int64_t id) const {
    for (const StoredPolicy& p : stored)
      if (p.id == id) return &p;
    return nullptr;
  }

  Result<policy::Policy> compiled(std::int64_t id) const {
    const StoredPolicy* p = stored_policy(id);
    if (!p) return Status::InvalidArgument("store: the journal names policy " + std::to_string(id) +
                                           ", which the file does not hold");
    if (engine::checksum64(p->document) != p->checksum)
      return Status::InvalidArgument("store: policy " + std::to_string(id) + " (\"" + p->version +
                                     "\") fails its checksum: the file is damaged");
    Result<policy::Policy> policy = policy::Policy::Parse(p->document);
    if (!policy.ok())
      return Status::InvalidArgument("store: policy " + std::to_string(id) +
                                     " no longer parses: " + policy.status().to_string());
    return policy;
  }

  // The engine from the newest snapshot that restores, or none.
  Result<std::int64_t> restore_snapshot() {
    Result<std::vector<SnapshotInfo>> snaps = backend->snapshots();
    if (!snaps.ok()) return snaps.status();
    for (const SnapshotInfo& info : *snaps) {
      auto skip = [&](const std::string& why) {
        report.skipped.push_back("snapshot " + std::to_string(info.id) + ": " + why);
      };
      Result<std::string> bytes = backend->snapshot_bytes(info.id);
      if (!bytes.ok()) return bytes.status();
      std::vector<policy::Policy> policies;
      Status bad;
      for (std::int64_t id : info.policies) {
        Result<policy::Policy> p = compiled(id);
        if (!p.ok()) {
          bad = p.status();
          break;
        }
        policies.push_back(std::move(p).value());
      }
      if (!bad.ok() || policies.empty()) {
        skip(bad.ok() ? "names no policy" : bad.message());
        continue;
      }
      Result<Engine> e = engine::read_snapshot(*bytes, policies);
      if (!e.ok()) {
        skip(e.status().message());
        continue;
      }
      engine.emplace(std::move(e).value());
      engine_policies = info.policies;
      report.snapshot_id = info.id;
      report.snapshot_journal_seq = info.journal_seq;
      return info.journal_seq;
    }
    return std::int64_t{0};
  }

  // Rebuilds the engine from the file: snapshot, then journal.
  Status recover() {
    engine.reset();
    engine_policies.clear();
    report = RecoveryReport();
    Result<std::vector<StoredPolicy>> policies = backend->policies();
    if (!policies.ok()) return policies.status();
    stored = std::move(policies).value();
    Result<std::int64_t> a = backend->acked();
    if (!a.ok()) return a.status();
    acked = *a;
    Result<std::int64_t> start = restore_snapshot();
    if (!start.ok()) return start.status();

    // The unacknowledged outbox, to check the replay against.
    Result<std::vector<OutboxEntry>> outbox = backend->outbox_after(acked);
    if (!outbox.ok()) return outbox.status();
    // What the snapshot's engine had already released is not replayed.
    std::size_t next_outbox = 0;
    const std::int64_t first_replayed = engine ? engine->impl().next_seq : 1;
    while (next_outbox < outbox->size() && (*outbox)[next_outbox].seq < first_replayed)
      ++next_outbox;

    std::int64_t expected = *start + 1;
    Status s = backend->read_journal(*start, [&](const JournalEntry& e) -> Status {
      const std::string where = "store: journal entry " + std::to_string(e.seq);
      if (e.seq != expected)
        return Status::InvalidArgument(where + ": expected entry " + std::to_string(expected) +
                                       " (the journal has a gap)");
      if (journal_checksum(e) != e.checksum)
        return Status::InvalidArgument(where + " fails its checksum: the file is damaged");
      ++expected;
      switch (e.kind) {
        case JournalKind::kPolicy: {
          Result<policy::Policy> p = compiled(e.policy);
          if (!p.ok()) return Status::InvalidArgument(where + ": " + p.status().message());
          if (engine)
            engine->load_policy(std::move(p).value());
          else
            engine.emplace(std::move(p).value());
          engine_policies.push_back(e.policy);
          break;
        }
        case JournalKind::kEvent: {
          if (!engine) return Status::InvalidArgument(where + ": an event before any policy");
          Result<IngestOutcome> r = engine->ingest_json(e.body);
          if (!r.ok() || *r != IngestOutcome::kAccepted)
            return Status::InvalidArgument(
                where + " (event \"" + e.event_id + "\") does not apply again: " +
                (r.ok() ? std::string("a duplicate") : r.status().to_string()));
          break;
        }
        case JournalKind::kAdvance: {
          if (!engine) return Status::InvalidArgument(where + ": an advance before any policy");
          for (const Notification& n :
               engine->advance(time::Instant(std::chrono::seconds(e.at)))) {
            if (n.seq <= acked) continue;
            const std::string json = engine::to_json(n);
            if (next_outbox >= outbox->size() || (*outbox)[next_outbox].seq != n.seq ||
                (*outbox)[next_outbox].json != json)
              return Status::InvalidArgument(where + ": notification " + std::to_string(n.seq) +
                                             " is missing from the outbox or differs");
            ++next_outbox;
          }
          break;
        }
        case JournalKind::kMigrate:
          // Deterministic: the same migration, at the same point.
          if (!engine) return Status::InvalidArgument(where + ": a migration before any policy");
          engine->migrate();
          break;
        default:
          return Status::InvalidArgument(where + ": unknown kind " +
                                         std::to_string(static_cast<int>(e.kind)));
      }
      ++report.replayed;
      return Status();
    });
    if (!s.ok()) return s;
    if (next_outbox != outbox->size())
      return Status::InvalidArgument("store: the outbox holds notification " +
                                     std::to_string((*outbox)[next_outbox].seq) +
                                     ", which the journal does not produce");
    // The outbox holds every notification after the acknowledged one, none
    // missing: the ones the snapshot covers are checked by number.
    std::int64_t want = acked + 1;
    for (const OutboxEntry& n : *outbox) {
      if (n.seq != want)
        return Status::InvalidArgument("store: notification " + std::to_string(want) +
                                       " is missing from the outbox");
      ++want;
    }
    const std::int64_t issued = engine ? engine->impl().next_seq - 1 : 0;
    if (want - 1 != std::max(issued, acked))
      return Status::InvalidArgument("store: notification " + std::to_string(want) +
                                     " is missing from the outbox");
    journal_seq = expected - 1;
    since_snapshot = journal_seq - report.snapshot_journal_seq;
    return Status();
  }

  // Reused for every accepted event of a batch: its strings keep their
  // capacity, so journaling an event line copies it without allocating.
  JournalEntry event_row;

  Status append(JournalEntry& e) {
    e.seq = journal_seq + 1;
    e.checksum = journal_checksum(e);
    if (Status s = backend->append(e); !s.ok()) return s;
    ++journal_seq;
    ++since_snapshot;
    return Status();
  }

  // A failed write: forget the transaction, and what the engine did in it.
  Status undo(const Status& cause) {
    backend->rollback();
    if (Status s = recover(); !s.ok())
      return Status::InvalidArgument(cause.message() + "; then recovery failed: " + s.message());
    return cause;
  }

  // Stores the document (once) and loads it into the engine, journaled.
  Status load_policy(std::string_view document) {
    Result<policy::Policy> parsed = policy::Policy::Parse(document);
    if (!parsed.ok()) return parsed.status();
    const std::uint64_t sum = engine::checksum64(document);
    if (!engine_policies.empty()) {
      const StoredPolicy* current = stored_policy(engine_policies.back());
      if (current && current->checksum == sum && current->document == document) return Status();
    }
    if (Status s = backend->begin(); !s.ok()) return s;
    std::int64_t id = 0;
    for (const StoredPolicy& p : stored)
      if (p.checksum == sum && p.document == document) id = p.id;
    if (id == 0) {
      StoredPolicy p{0, parsed->version(), std::string(document), sum};
      Result<std::int64_t> added = backend->add_policy(p);
      if (!added.ok()) return undo(added.status());
      p.id = id = *added;
      stored.push_back(std::move(p));
    }
    JournalEntry e;
    e.kind = JournalKind::kPolicy;
    e.policy = id;
    if (Status s = append(e); !s.ok()) return undo(s);
    if (Status s = backend->commit(); !s.ok()) return undo(s);
    if (engine)
      engine->load_policy(std::move(parsed).value());
    else
      engine.emplace(std::move(parsed).value());
    engine_policies.push_back(id);
    return Status();
  }

  Result<Store::SnapshotWritten> snapshot() {
    const std::string bytes = engine::write_snapshot(*engine);
    if (Status s = backend->begin(); !s.ok()) return s;
    Status s = backend->put_snapshot(SnapshotInfo{0, journal_seq, engine_policies}, bytes,
                                     std::max(1, options.keep_snapshots));
    if (s.ok()) s = backend->commit();
    if (!s.ok()) {
      backend->rollback();
      return s;
    }
    since_snapshot = 0;
    return Store::SnapshotWritten{journal_seq, bytes.size()};
  }
};

void Store::Batch::ingest(std::string line) { ops_.push_back(Op{false, {}, std::move(line)}); }
void Store::Batch::advance(time::Instant t) { ops_.push_back(Op{true, t, {}}); }

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::~Store() = default;
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;

Result<Store> Store::open(const std::string& path, std::optional<std::string_view> policy_document,
                          const StoreOptions& options) {
  Result<std::unique_ptr<Backend>> backend = open_sqlite(path, SqliteOptions{options.synchronous});
  if (!backend.ok()) return backend.status();
  return open(std::move(backend).value(), policy_document, options);
}

Result<Store> Store::open(std::unique_ptr<Backend> backend,
                          std::optional<std::string_view> policy_document,
                          const StoreOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->backend = std::move(backend);
  impl->options = options;
  if (Status s = impl->recover(); !s.ok()) return s;
  if (policy_document) {
    if (Status s = impl->load_policy(*policy_document); !s.ok()) return s;
  } else if (!impl->engine) {
    return Status::NotFound("store: the file holds no policy yet; give one to create the store");
  }
  return Store(std::move(impl));
}

Result<Store::BatchResult> Store::apply(const Batch& batch) {
  Impl& m = *impl_;
  BatchResult result;
  if (batch.empty()) return result;
  result.events.reserve(batch.ops_.size());
  if (Status s = m.backend->begin(); !s.ok()) return s;
  for (const Batch::Op& op : batch.ops_) {
    if (op.is_advance) {
      if (m.engine->clock() && op.at < *m.engine->clock()) continue;  // a no-op
      JournalEntry e;
      e.kind = JournalKind::kAdvance;
      e.at = op.at.time_since_epoch().count();
      if (Status s = m.append(e); !s.ok()) return m.undo(s);
      for (Notification& n : m.engine->advance(op.at)) {
        if (Status s = m.backend->put_notification(OutboxEntry{n.seq, engine::to_json(n)}); !s.ok())
          return m.undo(s);
        result.notifications.push_back(std::move(n));
      }
      continue;
    }
    Result<domain::Event> ev = domain::parse_event(op.line);
    if (!ev.ok()) {
      result.events.emplace_back(ev.status());
      continue;
    }
    JournalEntry& row = m.event_row;
    row.event_id = ev->id;  // before the engine takes the event
    Result<IngestOutcome> r = m.engine->ingest(std::move(ev).value());
    if (r.ok() && *r == IngestOutcome::kAccepted) {
      row.kind = JournalKind::kEvent;
      row.body = op.line;
      if (Status s = m.append(row); !s.ok()) return m.undo(s);
    }
    result.events.push_back(std::move(r));
  }
  if (batch.cursor_)
    if (Status s = m.backend->set_cursor(*batch.cursor_); !s.ok()) return m.undo(s);
  if (Status s = m.backend->commit(); !s.ok()) return m.undo(s);
  // The batch is durable whatever happens to the snapshot: a snapshot that
  // cannot be written is tried again after the next batch.
  if (m.options.snapshot_every > 0 && m.since_snapshot >= m.options.snapshot_every)
    (void)m.snapshot();
  return result;
}

Status Store::load_policy(std::string_view policy_document) {
  return impl_->load_policy(policy_document);
}

Result<engine::MigrationReport> Store::migrate() {
  Impl& m = *impl_;
  if (Status s = m.backend->begin(); !s.ok()) return s;
  JournalEntry e;
  e.kind = JournalKind::kMigrate;
  if (Status s = m.append(e); !s.ok()) return m.undo(s);
  engine::MigrationReport report = m.engine->migrate();
  if (Status s = m.backend->commit(); !s.ok()) return m.undo(s);
  return report;
}

Result<Store::SnapshotWritten> Store::snapshot() { return impl_->snapshot(); }

Result<std::vector<OutboxEntry>> Store::pending() { return impl_->backend->outbox_after(impl_->acked); }

Status Store::ack(std::int64_t seq) {
  Impl& m = *impl_;
  const std::int64_t issued = m.engine->impl().next_seq - 1;
  if (seq > issued)
    return Status::InvalidArgument("ack " + std::to_string(seq) + ": only " +
                                   std::to_string(issued) + " notifications were issued");
  if (seq <= m.acked) return Status();
  if (Status s = m.backend->begin(); !s.ok()) return s;
  Status s = m.backend->set_acked(seq);
  if (s.ok()) s = m.backend->commit();
  if (!s.ok()) {
    m.backend->rollback();
    return s;
  }
  m.acked = seq;
  return Status();
}

std::int64_t Store::acked() const { return impl_->acked; }

Result<std::int64_t> Store::cursor() { return impl_->backend->cursor(); }

Result<bool> Store::journaled(std::string_view event_id) { return impl_->backend->journaled(event_id); }

const Engine& Store::engine() const { return *impl_->engine; }
const RecoveryReport& Store::recovery() const { return impl_->report; }
std::int64_t Store::journal_seq() const { return impl_->journal_seq; }

}  // namespace kefu::store
