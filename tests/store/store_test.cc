// The store: journaled batches, recovery equal to a run that never stopped,
// the outbox, policy versions, and damaged files (a clear error or a
// fall-back to the previous snapshot, never a silently wrong state).
#include "kefu/store/store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "engine/story_log.h"
#include "kefu/engine/engine.h"
#include "kefu/policy/policy.h"
#include "store/store_story.h"

namespace kefu::store {
namespace {

using engine::Engine;

// The engine that never stopped: the same lines, in memory.
Engine CleanRun(const std::vector<std::string>& lines, std::size_t end) {
  Engine e(*policy::Policy::Parse(ReferencePolicyText()));
  engine::ReplayStory(e, lines, 0, end);
  return e;
}

Store OpenOrDie(const std::string& path, std::optional<std::string_view> policy = std::nullopt,
                StoreOptions options = {}) {
  Result<Store> s = Store::open(path, policy, options);
  EXPECT_TRUE(s.ok()) << s.status().to_string();
  return std::move(s).value();
}

// Runs SQL on the file directly, as damage or a hostile editor would.
void Sql(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* err = nullptr;
  EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
  sqlite3_free(err);
  sqlite3_close(db);
}

// Flips one bit in the middle of the newest snapshot, as a blob (SQL's
// string functions would turn it into text and stop at a NUL byte).
void FlipNewestSnapshotByte(const std::string& path) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* read = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT id, bytes FROM snapshots ORDER BY id DESC LIMIT 1", -1,
                               &read, nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_step(read), SQLITE_ROW);
  const sqlite3_int64 id = sqlite3_column_int64(read, 0);
  const auto* data = static_cast<const char*>(sqlite3_column_blob(read, 1));
  std::string bytes(data, static_cast<std::size_t>(sqlite3_column_bytes(read, 1)));
  sqlite3_finalize(read);
  bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x01);
  sqlite3_stmt* write = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "UPDATE snapshots SET bytes = ? WHERE id = ?", -1, &write,
                               nullptr),
            SQLITE_OK);
  sqlite3_bind_blob64(write, 1, bytes.data(), bytes.size(), SQLITE_STATIC);
  sqlite3_bind_int64(write, 2, id);
  EXPECT_EQ(sqlite3_step(write), SQLITE_DONE);
  sqlite3_finalize(write);
  sqlite3_close(db);
}

TEST(Store, NewStoreNeedsAPolicy) {
  TempStorePath tmp;
  Result<Store> s = Store::open(tmp.path(), std::nullopt);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(s.status().message(), "store: the file holds no policy yet; give one to create the store");
}

TEST(Store, InMemoryForHostsWithTheirOwnLog) {
  const std::vector<std::string> story = engine::StoryLog(20, 300);
  Store store = OpenOrDie(":memory:", ReferencePolicyText());
  std::vector<std::string> released = ApplyInBatches(store, story, 0, story.size(), 60);
  Engine clean = CleanRun(story, story.size());
  EXPECT_EQ(store.engine().canonical_state(), clean.canonical_state());
  ASSERT_TRUE(store.snapshot().ok());
  Result<std::vector<OutboxEntry>> pending = store.pending();
  ASSERT_TRUE(pending.ok());
  EXPECT_EQ(pending->size(), released.size());
}

TEST(Store, ReopenedEqualsAnEngineThatNeverStopped) {
  TempStorePath tmp;
  const std::vector<std::string> story = engine::StoryLog(21, 900);
  std::vector<std::string> journaled_out;
  {
    Store store = OpenOrDie(tmp.path(), ReferencePolicyText());
    journaled_out = ApplyInBatches(store, story, 0, 600, 50);
  }
  Engine clean = CleanRun(story, 600);
  Store store = OpenOrDie(tmp.path());
  EXPECT_EQ(store.recovery().snapshot_id, 0);
  EXPECT_GT(store.recovery().replayed, 600);
  EXPECT_EQ(store.engine().canonical_state(), clean.canonical_state());
  // It goes on as the clean one does.
  std::vector<std::string> a = ApplyInBatches(store, story, 600, story.size(), 50);
  std::vector<std::string> b = engine::ReplayStory(clean, story, 600, story.size());
  EXPECT_EQ(engine::RuleStoryJoin(a), engine::RuleStoryJoin(b));
  EXPECT_EQ(store.engine().canonical_state(), clean.canonical_state());
}

TEST(Store, SnapshotThenJournalTail) {
  TempStorePath tmp;
  const std::vector<std::string> story = engine::StoryLog(22, 800);
  {
    Store store = OpenOrDie(tmp.path(), ReferencePolicyText());
    ApplyInBatches(store, story, 0, 400, 100);
    ASSERT_TRUE(store.snapshot().ok());
    ApplyInBatches(store, story, 400, 800, 100);
  }
  Store store = OpenOrDie(tmp.path());
  EXPECT_NE(store.recovery().snapshot_id, 0);
  EXPECT_GT(store.recovery().snapshot_journal_seq, 400);
  EXPECT_GT(store.recovery().replayed, 400);
  EXPECT_TRUE(store.recovery().skipped.empty());
  EXPECT_EQ(store.engine().canonical_state(), CleanRun(story, 800).canonical_state());
}

TEST(Store, AutomaticSnapshots) {
  TempStorePath tmp;
  const std::vector<std::string> story = engine::StoryLog(23, 500);
  StoreOptions options;
  options.snapshot_every = 200;
  {
    Store store = OpenOrDie(tmp.path(), ReferencePolicyText(), options);
    ApplyInBatches(store, story, 0, 500, 40);
  }
  Store store = OpenOrDie(tmp.path(), std::nullopt, options);
  EXPECT_NE(store.recovery().snapshot_id, 0);
  EXPECT_LT(store.recovery().replayed, 200 + 80);
  EXPECT_EQ(store.engine().canonical_state(), CleanRun(story, 500).canonical_state());
}

TEST(Store, OutboxAcknowledgedUpToASeq) {
  TempStorePath tmp;
  const std::vector<std::string> story = engine::StoryLog(24, 400);
  std::vector<std::string> released;
  {
    Store store = OpenOrDie(tmp.path(), ReferencePolicyText());
    released = ApplyInBatches(store, story, 0, 400, 100);
    ASSERT_GT(released.size(), 20u);
    Result<std::vector<OutboxEntry>> pending = store.pending();
    ASSERT_TRUE(pending.ok());
    ASSERT_EQ(pending->size(), released.size());
    for (std::size_t i = 0; i < released.size(); ++i) {
      EXPECT_EQ((*pending)[i].seq, static_cast<std::int64_t>(i + 1));
      EXPECT_EQ((*pending)[i].json, released[i]);
    }
    ASSERT_TRUE(store.ack(10).ok());
    ASSERT_TRUE(store.ack(5).ok());  // older: nothing changes
    Status beyond = store.ack(static_cast<std::int64_t>(released.size()) + 1);
    EXPECT_EQ(beyond.code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(beyond.message(), "ack " + std::to_string(released.size() + 1) + ": only " +
                                    std::to_string(released.size()) +
                                    " notifications were issued");
  }
  Store store = OpenOrDie(tmp.path());
  EXPECT_EQ(store.acked(), 10);
  Result<std::vector<OutboxEntry>> pending = store.pending();
  ASSERT_TRUE(pending.ok());
  ASSERT_EQ(pending->size(), released.size() - 10);
  EXPECT_EQ(pending->front().seq, 11);
  EXPECT_EQ(pending->front().json, released[10]);
}

TEST(Store, RefusedAndDuplicateEventsAreNotJournaled) {
  TempStorePath tmp;
  Store store = OpenOrDie(tmp.path(), ReferencePolicyText());
  const std::int64_t before = store.journal_seq();
  Store::Batch batch;
  batch.ingest(R"({"id":"e-1","type":"order.created","at":"2026-09-01T09:00:00+08:00","order":"WB1"})");
  batch.ingest(R"({"id":"e-1","type":"order.created","at":"2026-09-01T09:00:00+08:00","order":"WB1"})");
  batch.ingest(R"({"id":"e-2","type":"order.signed","at":"2026-09-01T09:01:00+08:00","order":"WB1"})");
  batch.ingest(R"({"id":"e-3","type":"order.created","at":"not a time","order":"WB2"})");
  Result<Store::BatchResult> r = store.apply(batch);
  ASSERT_TRUE(r.ok()) << r.status().to_string();
  ASSERT_EQ(r->events.size(), 4u);
  EXPECT_EQ(*r->events[0], engine::IngestOutcome::kAccepted);
  EXPECT_EQ(*r->events[1], engine::IngestOutcome::kDuplicate);
  EXPECT_EQ(r->events[2].status().code(), StatusCode::kRefused);
  EXPECT_EQ(r->events[3].status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store.journal_seq(), before + 1);
  EXPECT_TRUE(*store.journaled("e-1"));
  EXPECT_FALSE(*store.journaled("e-2"));
}

// A backend that fails the Nth journal append: the batch must leave no
// trace, in the file or in the engine.
class FailingBackend final : public Backend {
 public:
  FailingBackend(std::unique_ptr<Backend> inner, int fail_at) : in_(std::move(inner)), fail_at_(fail_at) {}
  Status begin() override { return in_->begin(); }
  Status commit() override { return in_->commit(); }
  void rollback() override { in_->rollback(); }
  Result<std::vector<StoredPolicy>> policies() override { return in_->policies(); }
  Result<std::int64_t> add_policy(const StoredPolicy& p) override { return in_->add_policy(p); }
  Status append(const JournalEntry& e) override {
    if (++appends_ == fail_at_) return Status::InvalidArgument("disk full (injected)");
    return in_->append(e);
  }
  Status read_journal(std::int64_t after,
                      const std::function<Status(const JournalEntry&)>& visit) override {
    return in_->read_journal(after, visit);
  }
  Result<std::int64_t> last_journal_seq() override { return in_->last_journal_seq(); }
  Result<bool> journaled(std::string_view id) override { return in_->journaled(id); }
  Status put_snapshot(const SnapshotInfo& i, std::string_view b, int keep) override {
    return in_->put_snapshot(i, b, keep);
  }
  Result<std::vector<SnapshotInfo>> snapshots() override { return in_->snapshots(); }
  Result<std::string> snapshot_bytes(std::int64_t id) override { return in_->snapshot_bytes(id); }
  Status put_notification(const OutboxEntry& n) override { return in_->put_notification(n); }
  Result<std::vector<OutboxEntry>> outbox_after(std::int64_t s) override { return in_->outbox_after(s); }
  Result<std::int64_t> last_outbox_seq() override { return in_->last_outbox_seq(); }
  Status set_acked(std::int64_t s) override { return in_->set_acked(s); }
  Result<std::int64_t> acked() override { return in_->acked(); }
  Status set_cursor(std::int64_t c) override { return in_->set_cursor(c); }
  Result<std::int64_t> cursor() override { return in_->cursor(); }

 private:
  std::unique_ptr<Backend> in_;
  int fail_at_;
  int appends_ = 0;
};

TEST(Store, FailedBatchLeavesNoTrace) {
  TempStorePath tmp;
  const std::vector<std::string> story = engine::StoryLog(25, 300);
  Result<std::unique_ptr<Backend>> sqlite = open_sqlite(tmp.path(), {});
  ASSERT_TRUE(sqlite.ok());
  // Append 1 is the policy; the first batch's ~400 appends pass; the
  // second batch fails half-way.
  auto failing = std::make_unique<FailingBackend>(std::move(sqlite).value(), 1 + 400 + 100);
  Result<Store> opened = Store::open(std::move(failing), ReferencePolicyText());
  ASSERT_TRUE(opened.ok()) << opened.status().to_string();
  Store& store = opened.value();
  Result<Store::BatchResult> first = store.apply(ReplayBatch(story, 0, 200));
  ASSERT_TRUE(first.ok());
  ASSERT_LT(store.journal_seq(), 1 + 400 + 100);
  const std::string before = store.engine().canonical_state();
  const std::int64_t seq = store.journal_seq();
  Result<Store::BatchResult> second = store.apply(ReplayBatch(story, 200, 300));
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().message(), "disk full (injected)");
  EXPECT_EQ(store.journal_seq(), seq);
  EXPECT_EQ(store.engine().canonical_state(), before);
  Store reopened = OpenOrDie(tmp.path());
  EXPECT_EQ(reopened.engine().canonical_state(), before);
}

// A second version, the confirmation target tightened.
std::string PolicyV2() {
  std::string text = ReferencePolicyText();
  auto replace = [&](std::string_view from, std::string_view to) {
    std::size_t p = text.find(from);
    EXPECT_NE(p, std::string::npos);
    text.replace(p, from.size(), to);
  };
  replace(R"("version": "cn-logistics-2026.1")", R"("version": "cn-logistics-2026.2")");
  replace(R"("target": "1h", "calendar": "cn-24x7", "warn_at": [0.5, 0.8])",
          R"("target": "45m", "calendar": "cn-24x7", "warn_at": [0.5, 0.8])");
  return text;
}

TEST(Store, PolicyVersionsStoredBeside) {
  TempStorePath tmp;
  const std::string created =
      R"({"id":"e-1","type":"order.created","at":"2026-09-01T09:00:00+08:00","order":"WB1"})";
  const std::string created2 =
      R"({"id":"e-2","type":"order.created","at":"2026-09-01T09:10:00+08:00","order":"WB2"})";
  {
    Store store = OpenOrDie(tmp.path(), ReferencePolicyText());
    ASSERT_TRUE(store.apply(ReplayBatch({created}, 0, 1)).ok());
  }
  {
    Store store = OpenOrDie(tmp.path(), PolicyV2());  // a new version
    ASSERT_TRUE(store.apply(ReplayBatch({created2}, 0, 1)).ok());
    Result<std::vector<engine::TimerView>> t1 = store.engine().timers_of(policy::EntityKind::kOrder, "WB1");
    Result<std::vector<engine::TimerView>> t2 = store.engine().timers_of(policy::EntityKind::kOrder, "WB2");
    ASSERT_TRUE(t1.ok() && t2.ok());
    EXPECT_EQ(t1->front().policy_version, "cn-logistics-2026.1");
    EXPECT_EQ(t1->front().due, *time::parse_instant("2026-09-01T10:00:00+08:00"));
    EXPECT_EQ(t2->front().policy_version, "cn-logistics-2026.2");
    EXPECT_EQ(t2->front().due, *time::parse_instant("2026-09-01T09:55:00+08:00"));
    ASSERT_TRUE(store.snapshot().ok());
  }
  {
    // The same version again is no new version.
    Store store = OpenOrDie(tmp.path(), PolicyV2());
    EXPECT_EQ(store.engine().policy().version(), "cn-logistics-2026.2");
  }
  Store store = OpenOrDie(tmp.path());
  EXPECT_NE(store.recovery().snapshot_id, 0);
  Engine clean(*policy::Policy::Parse(ReferencePolicyText()));
  engine::ReplayStory(clean, {created}, 0, 1);
  clean.load_policy(*policy::Policy::Parse(PolicyV2()));
  engine::ReplayStory(clean, {created2}, 0, 1);
  EXPECT_EQ(store.engine().canonical_state(), clean.canonical_state());
}

// A migration is journaled: after a reopen (journal only, then from a
// snapshot) the store is where an engine that migrated at the same point
// is, and a late event re-building a migrated order agrees too.
TEST(Store, MigrationIsJournaledAndRecovered) {
  TempStorePath tmp;
  const std::vector<std::string> story = engine::StoryLog(27, 600);
  Engine clean(*policy::Policy::Parse(ReferencePolicyText()));
  engine::ReplayStory(clean, story, 0, 300);
  clean.load_policy(*policy::Policy::Parse(PolicyV2()));
  const engine::MigrationReport expected = clean.migrate();
  ASSERT_GT(expected.examined, 0u);
  ASSERT_FALSE(expected.changes.empty()) << "45m instead of 1h moves open confirmations";
  engine::ReplayStory(clean, story, 300, 450);
  {
    Store store = OpenOrDie(tmp.path(), ReferencePolicyText());
    ApplyInBatches(store, story, 0, 300, 50);
    ASSERT_TRUE(store.load_policy(PolicyV2()).ok());
    Result<engine::MigrationReport> report = store.migrate();
    ASSERT_TRUE(report.ok()) << report.status().to_string();
    EXPECT_EQ(engine::to_json(*report), engine::to_json(expected));
    ApplyInBatches(store, story, 300, 400, 50);
  }
  {
    Store store = OpenOrDie(tmp.path());
    EXPECT_EQ(store.recovery().snapshot_id, 0);
    ApplyInBatches(store, story, 400, 450, 50);
    EXPECT_EQ(store.engine().canonical_state(), clean.canonical_state());
    ASSERT_TRUE(store.snapshot().ok());
  }
  Store store = OpenOrDie(tmp.path());
  EXPECT_NE(store.recovery().snapshot_id, 0);
  EXPECT_EQ(store.engine().canonical_state(), clean.canonical_state());
  EXPECT_EQ(store.migrate()->examined, 0u) << "migrated already";
}

// Two snapshots and a journal tail.
std::string StoreWithTwoSnapshots(const TempStorePath& tmp, const std::vector<std::string>& story) {
  Store store = OpenOrDie(tmp.path(), ReferencePolicyText());
  ApplyInBatches(store, story, 0, 200, 50);
  EXPECT_TRUE(store.snapshot().ok());
  ApplyInBatches(store, story, 200, 400, 50);
  EXPECT_TRUE(store.snapshot().ok());
  ApplyInBatches(store, story, 400, 500, 50);
  return store.engine().canonical_state();
}

TEST(Store, DamagedSnapshotFallsBackToThePreviousOne) {
  TempStorePath tmp;
  const std::vector<std::string> story = engine::StoryLog(26, 500);
  const std::string expected = StoreWithTwoSnapshots(tmp, story);
  FlipNewestSnapshotByte(tmp.path());
  Store store = OpenOrDie(tmp.path());
  ASSERT_EQ(store.recovery().skipped.size(), 1u);
  EXPECT_NE(store.recovery().skipped[0].find("damaged snapshot"), std::string::npos)
      << store.recovery().skipped[0];
  EXPECT_NE(store.recovery().snapshot_id, 0);
  EXPECT_EQ(store.engine().canonical_state(), expected);
}

TEST(Store, EveryDamagedSnapshotFallsBackToTheJournal) {
  TempStorePath tmp;
  const std::vector<std::string> story = engine::StoryLog(27, 500);
  const std::string expected = StoreWithTwoSnapshots(tmp, story);
  Sql(tmp.path(), "UPDATE snapshots SET bytes = substr(bytes, 1, length(bytes) - 3)");
  Store store = OpenOrDie(tmp.path());
  EXPECT_EQ(store.recovery().skipped.size(), 2u);
  EXPECT_EQ(store.recovery().snapshot_id, 0);
  EXPECT_EQ(store.engine().canonical_state(), expected);
}

TEST(Store, DamagedJournalIsAnError) {
  TempStorePath tmp;
  const std::vector<std::string> story = engine::StoryLog(28, 500);
  StoreWithTwoSnapshots(tmp, story);
  // An event's content changed after the last snapshot: replaying it would
  // give another state, so the store refuses to open.
  Sql(tmp.path(),
      "UPDATE journal SET body = replace(body, '2026', '2027') WHERE seq = "
      "(SELECT max(seq) FROM journal WHERE kind = 2)");
  Result<Store> s = Store::open(tmp.path(), std::nullopt);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("fails its checksum: the file is damaged"), std::string::npos)
      << s.status().message();
  // A missing entry is a gap.
  Sql(tmp.path(), "DELETE FROM journal WHERE seq = (SELECT max(seq) - 5 FROM journal)");
  s = Store::open(tmp.path(), std::nullopt);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("(the journal has a gap)"), std::string::npos)
      << s.status().message();
}

TEST(Store, LostOutboxRowIsAnError) {
  TempStorePath tmp;
  const std::vector<std::string> story = engine::StoryLog(29, 300);
  StoreWithTwoSnapshots(tmp, story);
  Sql(tmp.path(), "DELETE FROM outbox WHERE seq = (SELECT max(seq) FROM outbox)");
  Result<Store> s = Store::open(tmp.path(), std::nullopt);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("is missing from the outbox"), std::string::npos)
      << s.status().message();
  // One the snapshot covers.
  Sql(tmp.path(), "DELETE FROM outbox WHERE seq = 3");
  s = Store::open(tmp.path(), std::nullopt);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().message(), "store: notification 3 is missing from the outbox");
}

TEST(Store, TruncatedFileIsAnError) {
  TempStorePath tmp;
  const std::vector<std::string> story = engine::StoryLog(30, 500);
  StoreWithTwoSnapshots(tmp, story);  // closed: the WAL is checkpointed into the file
  ASSERT_FALSE(std::filesystem::exists(tmp.path() + "-wal"));
  const auto size = std::filesystem::file_size(tmp.path());
  std::filesystem::resize_file(tmp.path(), size / 2);
  Result<Store> s = Store::open(tmp.path(), std::nullopt);
  ASSERT_FALSE(s.ok()) << "a truncated file opened";
  EXPECT_EQ(s.status().message().rfind("store " + tmp.path() + ": ", 0), 0u) << s.status().message();
  EXPECT_NE(s.status().message().find("malformed"), std::string::npos) << s.status().message();
}

TEST(Store, ForeignFileIsAnError) {
  TempStorePath tmp;
  {
    std::FILE* f = std::fopen(tmp.path().c_str(), "wb");
    std::fputs("this is no database, just text that is long enough to be read as a header\n", f);
    std::fclose(f);
  }
  Result<Store> s = Store::open(tmp.path(), ReferencePolicyText());
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("file is not a database"), std::string::npos)
      << s.status().message();
  const std::string other = (tmp.dir() / "other.db").string();
  Sql(other, "CREATE TABLE t(x)");
  s = Store::open(other, ReferencePolicyText());
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().message(), "store " + other + ": not a kefu store (its application_id is 0)");
}

}  // namespace
}  // namespace kefu::store
