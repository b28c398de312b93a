// The SQLite backend's journal: the row checksum as docs/store.md defines
// it (so files written by earlier builds still pass), and rows that wait to
// be inserted a group at a time are visible to every other call, in order,
// and gone after a rollback.
#include "kefu/store/sqlite_backend.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "engine/byte_codec.h"
#include "store/store_story.h"

namespace kefu::store {
namespace {

JournalEntry Event(std::int64_t seq) {
  JournalEntry e;
  e.seq = seq;
  e.kind = JournalKind::kEvent;
  e.event_id = "e-" + std::to_string(seq);
  e.body = R"({"id":")" + e.event_id + R"(","type":"order.created"})";
  e.checksum = journal_checksum(e);
  return e;
}

TEST(SqliteBackend, JournalChecksumCoversTheFieldsInTheirLayout) {
  JournalEntry e = Event(7);
  e.at = 1788192000;
  e.policy = 3;
  engine::ByteWriter w;
  w.i64(e.seq);
  w.u8(static_cast<std::uint8_t>(e.kind));
  w.i64(e.at);
  w.i64(e.policy);
  w.str(e.event_id);
  w.str(e.body);
  EXPECT_EQ(journal_checksum(e), engine::checksum64(w.bytes()));
  JournalEntry changed = e;
  changed.body.back() = ']';
  EXPECT_NE(journal_checksum(changed), journal_checksum(e));
  changed = e;
  changed.seq = 8;
  EXPECT_NE(journal_checksum(changed), journal_checksum(e));
}

std::vector<JournalEntry> ReadAll(Backend& b) {
  std::vector<JournalEntry> out;
  Status s = b.read_journal(0, [&](const JournalEntry& e) {
    out.push_back(e);
    return Status();
  });
  EXPECT_TRUE(s.ok()) << s.to_string();
  return out;
}

TEST(SqliteBackend, JournalRowsAreVisibleInOrderBeforeTheirGroupFills) {
  TempStorePath dir;
  Result<std::unique_ptr<Backend>> opened = open_sqlite(dir.path(), {});
  ASSERT_TRUE(opened.ok()) << opened.status().to_string();
  Backend& b = **opened;
  ASSERT_TRUE(b.begin().ok());
  for (std::int64_t seq = 1; seq <= 70; ++seq) ASSERT_TRUE(b.append(Event(seq)).ok());
  // 70 rows: two full groups written, six waiting; every reader sees them.
  EXPECT_TRUE(*b.journaled("e-70"));
  EXPECT_EQ(*b.last_journal_seq(), 70);
  ASSERT_TRUE(b.commit().ok());

  ASSERT_TRUE(b.begin().ok());
  for (std::int64_t seq = 71; seq <= 110; ++seq) ASSERT_TRUE(b.append(Event(seq)).ok());
  b.rollback();  // a group written inside the transaction, eight rows waiting
  EXPECT_FALSE(*b.journaled("e-71"));
  EXPECT_FALSE(*b.journaled("e-110"));

  ASSERT_TRUE(b.begin().ok());
  for (std::int64_t seq = 71; seq <= 75; ++seq) ASSERT_TRUE(b.append(Event(seq)).ok());
  ASSERT_TRUE(b.commit().ok());

  const std::vector<JournalEntry> all = ReadAll(b);
  ASSERT_EQ(all.size(), 75u);
  for (std::size_t i = 0; i < all.size(); ++i) {
    const JournalEntry want = Event(static_cast<std::int64_t>(i) + 1);
    EXPECT_EQ(all[i].seq, want.seq);
    EXPECT_EQ(all[i].event_id, want.event_id);
    EXPECT_EQ(all[i].body, want.body);
    EXPECT_EQ(all[i].checksum, want.checksum);
  }
}

TEST(SqliteBackend, AFailedGroupInsertFailsTheCommit) {
  TempStorePath dir;
  Result<std::unique_ptr<Backend>> opened = open_sqlite(dir.path(), {});
  ASSERT_TRUE(opened.ok()) << opened.status().to_string();
  Backend& b = **opened;
  ASSERT_TRUE(b.begin().ok());
  ASSERT_TRUE(b.append(Event(1)).ok());
  ASSERT_TRUE(b.commit().ok());
  ASSERT_TRUE(b.begin().ok());
  ASSERT_TRUE(b.append(Event(1)).ok());  // seq 1 again: the primary key refuses it
  Status s = b.commit();
  EXPECT_FALSE(s.ok());
  b.rollback();
  EXPECT_EQ(ReadAll(b).size(), 1u);
}

}  // namespace
}  // namespace kefu::store
