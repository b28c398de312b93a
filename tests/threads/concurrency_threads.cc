// Concurrency tests for every handle documented as thread-safe, built into
// kefu_thread_tests, which scripts/test also runs under ThreadSanitizer
// (build-tsan/): a data race there fails the run.
//
// - policy::Policy and its calendars: immutable, shared by any number of
//   threads (policy.h), copied across threads (the copies share the
//   compiled data through an atomic reference count);
// - distinct engines run in parallel on one policy (engine.h), and give
//   each the output a lone engine gives;
// - the C ABI: a kefu_policy and a kefu_calendar shared by threads, a
//   kefu_engine per thread, and the last error kept per thread (kefu.h).
#include <atomic>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "engine/story_log.h"
#include "kefu.h"
#include "kefu/engine/engine.h"
#include "kefu/policy/policy.h"

namespace kefu {
namespace {

constexpr int kThreads = 4;

const std::string& reference_path() {
  static const std::string path =
      std::string(KEFU_SOURCE_DIR) + "/examples/policies/reference.json";
  return path;
}

// Runs `body(i)` on kThreads threads at once (released together, so they
// overlap) and joins them.
template <typename Body>
void run_together(Body body) {
  std::atomic<int> ready{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      ready.fetch_add(1);
      while (ready.load() < kThreads) std::this_thread::yield();
      body(i);
    });
  }
  for (std::thread& t : threads) t.join();
}

TEST(Concurrency, EnginesOnOneSharedPolicyGiveTheLoneEnginesOutput) {
  const policy::Policy policy = *policy::Policy::Load(reference_path());
  const std::vector<std::string> story = engine::StoryLog(11, 1500);
  engine::Engine lone(policy);
  std::vector<std::string> expected = engine::ReplayStory(lone, story, 0, story.size());
  std::vector<std::string> more = engine::AdvanceStory(lone, 72);
  expected.insert(expected.end(), more.begin(), more.end());
  const std::string expected_state = lone.canonical_state();
  ASSERT_FALSE(expected.empty());

  std::vector<std::vector<std::string>> outputs(kThreads);
  std::vector<std::string> states(kThreads);
  run_together([&](int i) {
    policy::Policy copy = policy;  // copies share the compiled data
    engine::Engine e(copy);
    outputs[i] = engine::ReplayStory(e, story, 0, story.size());
    std::vector<std::string> tail = engine::AdvanceStory(e, 72);
    outputs[i].insert(outputs[i].end(), tail.begin(), tail.end());
    states[i] = e.canonical_state();
  });
  for (int i = 0; i < kThreads; ++i) {
    EXPECT_EQ(outputs[i], expected) << "thread " << i;
    EXPECT_EQ(states[i], expected_state) << "thread " << i;
  }
}

TEST(Concurrency, OneCalendarSharedByThreads) {
  const policy::Policy policy = *policy::Policy::Load(reference_path());
  const time::Calendar& office = *policy.calendar("office");
  const time::Instant start = *time::parse_instant("2026-09-01T08:00:00+08:00");
  std::vector<time::Instant> expected;
  for (int k = 0; k < 2000; ++k)
    expected.push_back(*office.add(start + std::chrono::minutes(53 * k), time::WorkingDays(3)));
  std::atomic<int> mismatches{0};
  run_together([&](int i) {
    for (int k = 0; k < 2000; ++k) {
      const int j = (k + 500 * i) % 2000;  // threads walk different days at once
      Result<time::Instant> due =
          office.add(start + std::chrono::minutes(53 * j), time::WorkingDays(3));
      if (!due.ok() || *due != expected[j]) mismatches.fetch_add(1);
      (void)office.elapsed(start, start + std::chrono::hours(24 * (j % 90)));
    }
  });
  EXPECT_EQ(mismatches.load(), 0);
}

TEST(Concurrency, PolicyLoadedInParallel) {
  // Loading builds calendars from the bundled holiday data: nothing shared
  // may be written while it happens.
  std::vector<std::string> versions(kThreads);
  run_together([&](int i) {
    Result<policy::Policy> p = policy::Policy::Load(reference_path());
    if (p.ok()) versions[i] = p->version();
  });
  for (const std::string& v : versions) EXPECT_EQ(v, "cn-logistics-2026.1");
}

// ---- The C ABI

TEST(ConcurrencyCApi, SharedPolicyAndCalendarEnginePerThreadErrorsPerThread) {
  kefu_policy* policy = nullptr;
  ASSERT_EQ(kefu_policy_load_file(&policy, reference_path().data(), reference_path().size()),
            KEFU_OK);
  kefu_calendar* office = nullptr;
  ASSERT_EQ(kefu_calendar_get(&office, policy, "office", 6), KEFU_OK);
  const std::vector<std::string> story = engine::StoryLog(5, 600);
  std::string jsonl;
  for (const std::string& line : story) jsonl += line + "\n";

  std::vector<std::string> outputs(kThreads);
  std::vector<int> error_ok(kThreads, 0);
  run_together([&](int i) {
    kefu_engine* e = nullptr;
    if (kefu_engine_new(&e, policy, nullptr) != KEFU_OK) return;
    std::size_t accepted = 0, duplicates = 0, refused = 0;
    kefu_engine_ingest_batch(nullptr, nullptr, &accepted, &duplicates, &refused, e,
                             jsonl.data(), jsonl.size());
    char* out = nullptr;
    std::size_t len = 0;
    if (kefu_engine_advance(&out, &len, e, 1791000000) == KEFU_OK) {
      outputs[i] = std::to_string(accepted) + "/" + std::to_string(refused) + "\n" +
                   std::string(out, len);
      kefu_free(out);
    }
    // Each thread makes its own error, then checks that it is still its own
    // after the others made theirs.
    std::int64_t due = 0;
    const std::string spec = "bad-spec-" + std::to_string(i);
    kefu_calendar_add(&due, office, 1790000000, spec.data(), spec.size());
    std::this_thread::yield();
    for (int k = 0; k < 200; ++k) {
      std::int64_t d = 0;
      kefu_calendar_add(&d, office, 1790000000 + 3600 * k, "1h", 2);  // OK calls
    }
    kefu_calendar_add(&due, office, 1790000000, spec.data(), spec.size());
    std::size_t mlen = 0;
    const char* message = kefu_last_error_message(&mlen);
    error_ok[i] = kefu_last_error_code() == KEFU_EINVALID &&
                  std::string(message, mlen).find(spec) != std::string::npos;
    kefu_engine_free(e);
  });
  ASSERT_FALSE(outputs[0].empty());
  for (int i = 0; i < kThreads; ++i) {
    EXPECT_EQ(outputs[i], outputs[0]) << "thread " << i;
    EXPECT_TRUE(error_ok[i]) << "thread " << i;
  }
  kefu_calendar_free(office);
  kefu_policy_free(policy);
}

}  // namespace
}  // namespace kefu
