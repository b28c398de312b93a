// Helpers for the store tests: temporary store files, the reference policy's
// text, and batches that replay story lines as `kefu replay` does (advance
// to one second before each event, then ingest it).
#ifndef KEFU_TESTS_STORE_STORE_STORY_H_
#define KEFU_TESTS_STORE_STORE_STORY_H_

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "kefu/domain/event.h"
#include "kefu/store/store.h"

namespace kefu::store {

inline std::string ReadFile(const std::string& path) {
  std::string text;
  if (std::FILE* f = std::fopen(path.c_str(), "rb")) {
    char buf[65536];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) text.append(buf, n);
    std::fclose(f);
  }
  return text;
}

inline std::string ReferencePolicyText() {
  return ReadFile(KEFU_SOURCE_DIR "/examples/policies/reference.json");
}

// A fresh path in a temporary folder, removed (with -wal and -shm) at the end.
class TempStorePath {
 public:
  TempStorePath() {
    const ::testing::TestInfo* t = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = std::filesystem::temp_directory_path() /
           ("kefu-store-" + std::to_string(::getpid()) + "-" + t->test_suite_name() + "-" + t->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  ~TempStorePath() { std::filesystem::remove_all(dir_); }
  std::string path() const { return (dir_ / "kefu.db").string(); }
  std::filesystem::path dir() const { return dir_; }

 private:
  std::filesystem::path dir_;
};

// Lines [begin, end) as a replay batch.
inline Store::Batch ReplayBatch(const std::vector<std::string>& lines, std::size_t begin,
                                std::size_t end) {
  Store::Batch batch;
  for (std::size_t i = begin; i < end && i < lines.size(); ++i) {
    Result<domain::Event> ev = domain::parse_event(lines[i]);
    if (ev.ok()) batch.advance(ev->at - std::chrono::seconds(1));
    batch.ingest(lines[i]);
  }
  return batch;
}

// Applies [begin, end) in batches of `size`; returns the notification lines.
inline std::vector<std::string> ApplyInBatches(Store& store, const std::vector<std::string>& lines,
                                               std::size_t begin, std::size_t end,
                                               std::size_t size) {
  std::vector<std::string> out;
  for (std::size_t i = begin; i < end; i += size) {
    Result<Store::BatchResult> r = store.apply(ReplayBatch(lines, i, std::min(end, i + size)));
    EXPECT_TRUE(r.ok()) << r.status().to_string();
    if (!r.ok()) break;
    for (const engine::Notification& n : r->notifications) out.push_back(engine::to_json(n));
  }
  return out;
}

}  // namespace kefu::store

#endif  // KEFU_TESTS_STORE_STORE_STORY_H_
