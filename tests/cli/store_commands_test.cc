// `kefu replay --store`, `kefu state` and `kefu snapshot`, run as
// subprocesses: a journaled replay prints what the plain one prints, run
// again it resumes, split over two runs it adds up to one run, and the
// state is the same bytes for the same history.
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
