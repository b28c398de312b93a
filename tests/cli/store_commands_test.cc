// `kefu replay --store`, `kefu state`, `kefu snapshot` and `kefu migrate`,
// run as subprocesses: a journaled replay prints what the plain one
// prints, run again it resumes, split over two runs it adds up to one run,
// the state is the same bytes for the same history, and a migration
// reports what it moved and is kept.
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/kefu_process.h"

namespace kefu::cli {
namespace {

using testing::Kefu;
using testing::kReference;
using testing::Outcome;
using testing::TempDir;

const std::string kSample = KEFU_SOURCE_DIR "/examples/data/sample.jsonl";

std::vector<std::string> SampleLines() {
  std::ifstream in(kSample);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string WriteLines(const std::string& name, const std::vector<std::string>& lines,
                       std::size_t end) {
  std::string path = TempDir() + "/" + name;
  std::ofstream out(path, std::ios::binary);
  for (std::size_t i = 0; i < end && i < lines.size(); ++i) out << lines[i] << "\n";
  return path;
}

Outcome StoreReplay(const std::string& events, const std::string& db) {
  return Kefu({"replay", "--policy", kReference, "--events", events, "--store", db});
}

TEST(StoreCommands, JournaledReplayPrintsWhatThePlainOnePrints) {
  const std::string db = TempDir() + "/same.db";
  Outcome plain = Kefu({"replay", "--policy", kReference, "--events", kSample});
  Outcome stored = StoreReplay(kSample, db);
  EXPECT_EQ(stored.exit_code, plain.exit_code) << stored.err;
  EXPECT_EQ(stored.out, plain.out);
  EXPECT_EQ(stored.err, plain.err);
  EXPECT_GT(plain.out.size(), 1000u);
}

TEST(StoreCommands, RunAgainResumesAndAddsNothing) {
  const std::string db = TempDir() + "/again.db";
  ASSERT_EQ(StoreReplay(kSample, db).exit_code, 0);
  Outcome state1 = Kefu({"state", "--store", db});
  ASSERT_EQ(state1.exit_code, 0) << state1.err;
  Outcome again = StoreReplay(kSample, db);
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(again.out, "");
  Outcome state2 = Kefu({"state", "--store", db});
  EXPECT_EQ(state2.out, state1.out);
}

TEST(StoreCommands, TwoRunsAddUpToOne) {
  const std::vector<std::string> lines = SampleLines();
  const std::string half = WriteLines("half.jsonl", lines, lines.size() / 2);
  const std::string db = TempDir() + "/split.db";
  Outcome first = StoreReplay(half, db);
  Outcome second = StoreReplay(kSample, db);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  ASSERT_EQ(second.exit_code, 0) << second.err;
  Outcome plain = Kefu({"replay", "--policy", kReference, "--events", kSample});
  EXPECT_EQ(first.out + second.out, plain.out);
  // The same history from one run gives the same state, byte for byte.
  const std::string db1 = TempDir() + "/one.db";
  ASSERT_EQ(StoreReplay(kSample, db1).exit_code, 0);
  EXPECT_EQ(Kefu({"state", "--store", db}).out, Kefu({"state", "--store", db1}).out);
}

TEST(StoreCommands, SnapshotKeepsTheState) {
  const std::string db = TempDir() + "/snap.db";
  ASSERT_EQ(StoreReplay(kSample, db).exit_code, 0);
  const std::string before = Kefu({"state", "--store", db}).out;
  Outcome snap = Kefu({"snapshot", "--store", db});
  ASSERT_EQ(snap.exit_code, 0) << snap.err;
  EXPECT_EQ(snap.out.rfind("{\"journal_seq\":", 0), 0u) << snap.out;
  EXPECT_EQ(Kefu({"state", "--store", db}).out, before);
  EXPECT_NE(before.find("\"format\":\"kefu-canonical-state/1\""), std::string::npos);
}

// The reference policy with the receipt deadline cut from 15 to 10 days.
std::string WriteTighterReference() {
  std::ifstream in(kReference);
  std::stringstream text;
  text << in.rdbuf();
  std::string doc = text.str();
  auto replace = [&](const std::string& from, const std::string& to) {
    const std::size_t p = doc.find(from);
    EXPECT_NE(p, std::string::npos) << from;
    if (p != std::string::npos) doc.replace(p, from.size(), to);
  };
  replace(R"("version": "cn-logistics-2026.1")", R"("version": "cn-logistics-2026.2")");
  replace(R"("target": "15d", "calendar": "cn-24x7", "warn_at": [0.8]})",
          R"("target": "10d", "calendar": "cn-24x7", "warn_at": [0.8]})");
  const std::string path = TempDir() + "/reference-2026.2.json";
  std::ofstream(path, std::ios::binary) << doc;
  return path;
}

TEST(StoreCommands, MigrateMovesOpenTimersToTheNewVersion) {
  const std::string db = TempDir() + "/migrate.db";
  ASSERT_EQ(StoreReplay(kSample, db).exit_code, 0);
  const std::string v2 = WriteTighterReference();
  Outcome run = Kefu({"migrate", "--store", db, "--policy", v2});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out.rfind(R"({"to_version":"cn-logistics-2026.2","examined":)", 0), 0u) << run.out;
  // Receipts still out at the end of the month come due 5 days sooner.
  EXPECT_NE(run.out.find(R"("sla":"order.receipt_return","what":"retargeted")"),
            std::string::npos)
      << run.out.substr(0, 2000);
  const std::string state = Kefu({"state", "--store", db}).out;
  EXPECT_NE(state.find(R"("migrations":)"), std::string::npos);
  // Kept in the journal: a second run finds nothing left to move.
  Outcome again = Kefu({"migrate", "--store", db, "--policy", v2});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(again.out,
            R"({"to_version":"cn-logistics-2026.2","examined":0,"unchanged":0,"changes":[]})"
            "\n");
  EXPECT_EQ(Kefu({"state", "--store", db}).out, state);
}

TEST(StoreCommands, MigrateNeedsAStoreAndAValidPolicy) {
  Outcome none = Kefu({"migrate", "--store", TempDir() + "/none.db", "--policy", kReference});
  EXPECT_EQ(none.exit_code, 3);
  EXPECT_EQ(none.err, "error: store " + TempDir() + "/none.db: no such file\n");
  const std::string db = TempDir() + "/migrate-bad.db";
  ASSERT_EQ(StoreReplay(kSample, db).exit_code, 0);
  const std::string bad = TempDir() + "/bad-policy.json";
  std::ofstream(bad) << R"({"version": "x", "sla": [{"id": 1}]})";
  Outcome refused = Kefu({"migrate", "--store", db, "--policy", bad});
  EXPECT_EQ(refused.exit_code, 3);
  EXPECT_NE(refused.err.find("/sla/0"), std::string::npos) << refused.err;
  EXPECT_EQ(Kefu({"migrate", "--store", db}).exit_code, 2);
}

TEST(StoreCommands, MissingOrForeignStoreIsInvalidInput) {
  for (const char* command : {"state", "snapshot"}) {
    Outcome run = Kefu({command, "--store", TempDir() + "/none.db"});
    EXPECT_EQ(run.exit_code, 3) << command;
    EXPECT_EQ(run.err, "error: store " + TempDir() + "/none.db: no such file\n");
    Outcome foreign = Kefu({command, "--store", kReference});
    EXPECT_EQ(foreign.exit_code, 3) << command;
    EXPECT_NE(foreign.err.find("file is not a database"), std::string::npos) << foreign.err;
    Outcome usage = Kefu({command});
    EXPECT_EQ(usage.exit_code, 2);
  }
}

}  // namespace
}  // namespace kefu::cli
