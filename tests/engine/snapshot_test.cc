// Snapshots: a restored engine is indistinguishable from the original (the
// same canonical state, the same future output), and a damaged snapshot is
// refused, never restored into a wrong state.
#include "kefu/engine/snapshot.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <cstring>
#include <string>
#include <vector>

#include "engine/byte_codec.h"
#include "engine/engine_state.h"
#include "engine/story_log.h"
#include "kefu/engine/engine.h"
#include "kefu/policy/policy.h"

namespace kefu::engine {
namespace {

policy::Policy Reference() {
  return *policy::Policy::Load(KEFU_SOURCE_DIR "/examples/policies/reference.json");
}

// The reference policy as a second version: another version string and a
// tighter confirmation target, so timers of both versions coexist.
policy::Policy ReferenceV2() {
  std::string text;
  {
    std::FILE* f = std::fopen(KEFU_SOURCE_DIR "/examples/policies/reference.json", "rb");
    char buf[4096];
    std::size_t n;
    while (f && (n = std::fread(buf, 1, sizeof buf, f)) > 0) text.append(buf, n);
    if (f) std::fclose(f);
  }
  auto replace = [&](std::string_view from, std::string_view to) {
    std::size_t p = text.find(from);
    EXPECT_NE(p, std::string::npos) << from;
    if (p != std::string::npos) text.replace(p, from.size(), to);
  };
  replace(R"("version": "cn-logistics-2026.1")", R"("version": "cn-logistics-2026.2")");
  replace(R"("target": "1h", "calendar": "cn-24x7", "warn_at": [0.5, 0.8])",
          R"("target": "45m", "calendar": "cn-24x7", "warn_at": [0.5, 0.8])");
  Result<policy::Policy> p = policy::Policy::Parse(text);
  EXPECT_TRUE(p.ok()) << p.status().to_string();
  return *p;
}

// Snapshots the engine at `cut` of the story, restores it, and checks that
// both then behave alike to the end of the story and hours beyond.
void ExpectIndistinguishable(std::uint64_t seed, std::size_t events, std::size_t cut,
                             bool reload_policy, bool migrate = false) {
  SCOPED_TRACE("seed " + std::to_string(seed) + ", cut " + std::to_string(cut));
  const std::vector<std::string> story = StoryLog(seed, events);
  Engine original(Reference());
  ReplayStory(original, story, 0, cut / 2);
  std::vector<policy::Policy> policies{Reference()};
  if (reload_policy) {
    original.load_policy(ReferenceV2());
    policies.push_back(ReferenceV2());
    if (migrate) {
      EXPECT_GT(original.migrate().examined, 0u);
    }
  }
  ReplayStory(original, story, cut / 2, cut);

  const std::string bytes = write_snapshot(original);
  Result<Engine> restored = read_snapshot(bytes, policies);
  ASSERT_TRUE(restored.ok()) << restored.status().to_string();
  Engine& back = restored.value();
  ASSERT_EQ(back.canonical_state(), original.canonical_state());

  const std::vector<std::string> a = ReplayStory(original, story, cut, story.size());
  const std::vector<std::string> b = ReplayStory(back, story, cut, story.size());
  EXPECT_EQ(RuleStoryJoin(a), RuleStoryJoin(b));
  EXPECT_FALSE(a.empty());
  EXPECT_EQ(RuleStoryJoin(AdvanceStory(original, 24 * 40)),
            RuleStoryJoin(AdvanceStory(back, 24 * 40)));
  EXPECT_EQ(back.canonical_state(), original.canonical_state());
  // To the byte: the original's entities know which of their timers have
  // closed (EntityRecord::closed_timers), the restored ones learn it again;
  // what the snapshot holds (each entity's next due among them) is the same.
  EXPECT_EQ(write_snapshot(back), write_snapshot(original));
}

TEST(Snapshot, RestoredEngineBehavesAsTheOriginal) {
  for (std::uint64_t seed : {1u, 2u, 3u}) ExpectIndistinguishable(seed, 1500, 500 + 300 * seed, false);
}

// The bundled month holds every entity kind: claims mid sign-off and in
// legal referral, complaints up their escalation ladders, customers with
// tiers, closed KPI months. Cut at several points, a restored engine is
// the original.
TEST(Snapshot, SampleMonthOfEveryEntityKindRoundTrips) {
  std::vector<std::string> lines;
  {
    std::FILE* f = std::fopen(KEFU_SOURCE_DIR "/examples/data/sample.jsonl", "rb");
    ASSERT_NE(f, nullptr);
    std::string text;
    char buf[65536];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) text.append(buf, n);
    std::fclose(f);
    for (std::size_t at = 0; at < text.size();) {
      std::size_t end = text.find('\n', at);
      if (end == std::string::npos) end = text.size();
      if (end > at) lines.push_back(text.substr(at, end - at));
      at = end + 1;
    }
  }
  ASSERT_GT(lines.size(), 8000u);
  for (std::size_t cut : {lines.size() / 3, lines.size() * 2 / 3, lines.size()}) {
    SCOPED_TRACE("cut " + std::to_string(cut));
    Engine original(Reference());
    ReplayStory(original, lines, 0, cut);
    Result<Engine> restored = read_snapshot(write_snapshot(original), {Reference()});
    ASSERT_TRUE(restored.ok()) << restored.status().to_string();
    Engine& back = restored.value();
    const std::string state = original.canonical_state();
    ASSERT_EQ(back.canonical_state(), state);
    EXPECT_NE(state.find("\"claim\":{"), std::string::npos);
    EXPECT_EQ(RuleStoryJoin(ReplayStory(original, lines, cut, lines.size())),
              RuleStoryJoin(ReplayStory(back, lines, cut, lines.size())));
    EXPECT_EQ(RuleStoryJoin(AdvanceStory(original, 24 * 45)),
              RuleStoryJoin(AdvanceStory(back, 24 * 45)));
    EXPECT_EQ(back.canonical_state(), original.canonical_state());
    EXPECT_EQ(back.kpi_months().size(), original.kpi_months().size());
  }
}

TEST(Snapshot, RestoredEngineKeepsPolicyVersions) {
  ExpectIndistinguishable(4, 1500, 900, true);
}

// The migrations (the story's late events re-build migrated entities
// after the restore, and must repeat them).
TEST(Snapshot, RestoredEngineKeepsMigrations) {
  ExpectIndistinguishable(5, 1500, 900, true, /*migrate=*/true);
}

// Pauses (the reference policy has none), a late event whose correction is
// still pending at the snapshot, and a snapshot taken while paused.
constexpr std::string_view kPausePolicy = R"({
  "version": "pause-1", "late_window": "1d",
  "calendars": {
    "office": {"utc_offset": "+08:00", "week": {
      "mon": ["09:00-18:00"], "tue": ["09:00-18:00"], "wed": ["09:00-18:00"],
      "thu": ["09:00-18:00"], "fri": ["09:00-18:00"]}}},
  "milestones": {"order": ["hold", "unhold", "inbound_done"]},
  "sla": [
    {"id": "order.confirm", "entity": "order", "start": "order.created",
     "stop": "order.confirmed", "target": "1h", "calendar": "24x7", "warn_at": [0.5]},
    {"id": "order.handle", "entity": "order", "start": "order.created",
     "stop": "order.inbound_done", "pause": "order.hold", "resume": "order.unhold",
     "target": "4h", "calendar": "office", "warn_at": [0.5, 0.9]}
  ]})";

TEST(Snapshot, PausedTimersAndPendingCorrectionsRoundTrip) {
  const policy::Policy policy = *policy::Policy::Parse(kPausePolicy);
  auto ev = [](std::string_view id, std::string_view type, std::string_view at,
               std::string_view key) {
    return std::string(R"({"id":")") + std::string(id) + R"(","type":")" + std::string(type) +
           R"(","at":"2026-03-02T)" + std::string(at) + R"(:00+08:00","order":")" +
           std::string(key) + "\"}";
  };
  const std::vector<std::string> before = {
      ev("e-1", "order.created", "09:00", "WB1"), ev("e-2", "order.hold", "10:00", "WB1"),
      ev("e-3", "order.created", "09:30", "WB2"), ev("e-4", "order.hold", "09:45", "WB2"),
      ev("e-5", "order.unhold", "12:00", "WB2")};
  Engine original(policy);
  ReplayStory(original, before, 0, before.size());
  (void)original.advance(*time::parse_instant("2026-03-02T12:30:00+08:00"));
  // Late: WB1 was confirmed at 09:40, so its breach at 10:00 is corrected at
  // the next advance; the correction is pending now.
  ASSERT_TRUE(original.ingest_json(ev("e-6", "order.confirmed", "09:40", "WB1")).ok());
  const std::string bytes = write_snapshot(original);
  Result<Engine> restored = read_snapshot(bytes, {policy});
  ASSERT_TRUE(restored.ok()) << restored.status().to_string();
  Engine& back = restored.value();
  ASSERT_EQ(back.canonical_state(), original.canonical_state());
  const std::vector<std::string> after = {ev("e-7", "order.unhold", "14:00", "WB1"),
                                          ev("e-8", "order.hold", "15:00", "WB2")};
  std::vector<std::string> a = ReplayStory(original, after, 0, after.size());
  std::vector<std::string> b = ReplayStory(back, after, 0, after.size());
  ASSERT_FALSE(a.empty());
  EXPECT_NE(a.front().find("\"kind\":\"correction\""), std::string::npos) << a.front();
  EXPECT_EQ(RuleStoryJoin(a), RuleStoryJoin(b));
  EXPECT_EQ(RuleStoryJoin(AdvanceStory(original, 72)), RuleStoryJoin(AdvanceStory(back, 72)));
  EXPECT_EQ(back.canonical_state(), original.canonical_state());
  nlohmann::json state = nlohmann::json::parse(back.canonical_state());
  EXPECT_FALSE(state["entities"].empty());
}

TEST(Snapshot, EmptyEngineRoundTrips) {
  Engine engine(Reference());
  Result<Engine> back = read_snapshot(write_snapshot(engine), {Reference()});
  ASSERT_TRUE(back.ok()) << back.status().to_string();
  EXPECT_EQ(back->canonical_state(), engine.canonical_state());
}

TEST(Snapshot, NamesItsPolicyVersions) {
  Engine engine(Reference());
  engine.load_policy(ReferenceV2());
  Result<std::vector<std::string>> versions = snapshot_policy_versions(write_snapshot(engine));
  ASSERT_TRUE(versions.ok());
  EXPECT_EQ(*versions, (std::vector<std::string>{"cn-logistics-2026.1", "cn-logistics-2026.2"}));
  Result<Engine> wrong = read_snapshot(write_snapshot(engine), {Reference(), Reference()});
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.status().message(),
            "policy version 1 is \"cn-logistics-2026.1\", the snapshot needs "
            "\"cn-logistics-2026.2\"");
  EXPECT_FALSE(read_snapshot(write_snapshot(engine), {Reference()}).ok());
}

std::string StorySnapshot() {
  const std::vector<std::string> story = StoryLog(5, 400);
  Engine engine(Reference());
  ReplayStory(engine, story, 0, story.size());
  return write_snapshot(engine);
}

TEST(Snapshot, TruncatedIsRefused) {
  const std::string bytes = StorySnapshot();
  for (std::size_t len : {std::size_t{0}, std::size_t{7}, std::size_t{27}, std::size_t{28},
                          bytes.size() / 2, bytes.size() - 1}) {
    Result<Engine> r = read_snapshot(std::string_view(bytes).substr(0, len), {Reference()});
    ASSERT_FALSE(r.ok()) << "length " << len;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(r.status().message().rfind("damaged snapshot: ", 0), 0u) << r.status().message();
  }
}

TEST(Snapshot, FlippedByteIsRefused) {
  const std::string bytes = StorySnapshot();
  // Every byte of the header, then a spread over the payload.
  std::vector<std::size_t> positions;
  for (std::size_t i = 0; i < 28; ++i) positions.push_back(i);
  for (std::size_t i = 28; i < bytes.size(); i += bytes.size() / 97) positions.push_back(i);
  positions.push_back(bytes.size() - 1);
  for (std::size_t pos : positions) {
    std::string damaged = bytes;
    damaged[pos] = static_cast<char>(damaged[pos] ^ 0x10);
    Result<Engine> r = read_snapshot(damaged, {Reference()});
    EXPECT_FALSE(r.ok()) << "flipped byte " << pos << " restored an engine";
  }
  std::string other_format = bytes;
  other_format[8] = 9;
  Result<Engine> r = read_snapshot(other_format, {Reference()});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "damaged snapshot: format 9, this build reads format 5");
}

// Attributes are read back in the order written, without sorting them
// again: a snapshot that lists them out of order (here the entity's two
// attributes swapped, the checksum made to match) is damaged, not restored
// into an Attributes that lookups would miss.
TEST(Snapshot, AttributesOutOfOrderAreRefused) {
  Engine engine(Reference());
  ASSERT_TRUE(engine
                  .ingest_json(R"({"id":"o-1","type":"order.created","at":"2026-09-01T09:00:00+08:00",)"
                               R"("order":"WB1","customer":"C1","attrs":{"tier":"A","declared_value_cents":120000}})")
                  .ok());
  std::string bytes = write_snapshot(engine);
  ASSERT_TRUE(read_snapshot(bytes, {Reference()}).ok());
  // The entity's attributes, as put_attrs lays them out: the first is
  // "declared_value_cents" (var length, name, kind 1, zigzag var), then
  // "tier".
  const std::string first = "\x14" "declared_value_cents";
  const std::size_t at = bytes.find(first);
  ASSERT_NE(at, std::string::npos);
  const std::size_t first_size = first.size() + 1 + var_size(zigzag(120000));
  const std::size_t second_size = 1 + 4 + 1 + 1 + 1;  // "tier", kind 3, "A"
  ASSERT_EQ(bytes.compare(at + first_size, 5, "\x04" "tier"), 0);
  const std::string swapped =
      bytes.substr(at + first_size, second_size) + bytes.substr(at, first_size);
  bytes.replace(at, swapped.size(), swapped);
  const std::uint64_t sum = checksum64(std::string_view(bytes).substr(28));
  std::memcpy(bytes.data() + 20, &sum, 8);
  Result<Engine> r = read_snapshot(bytes, {Reference()});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message().rfind("damaged snapshot: undecodable", 0), 0u)
      << r.status().message();
}

// A tripwire: when a field joins the engine's state, these sizes change and
// this test fails until snapshot.cc writes and reads the field (and
// canonical_state.cc shows it). Update the sizes only after doing that.
TEST(Snapshot, SerializerCoversEveryStateField) {
  EXPECT_EQ(sizeof(sla::Timer), 80u) << "sla::Timer changed: update snapshot.cc";
  EXPECT_EQ(sizeof(LogEntry), 20u) << "LogEntry changed: update snapshot.cc";
  EXPECT_EQ(sizeof(EmittedRecord), 72u) << "EmittedRecord changed: update snapshot.cc";
  EXPECT_EQ(sizeof(Notification), 328u) << "Notification changed: update snapshot.cc";
  EXPECT_EQ(sizeof(domain::Event), 296u) << "domain::Event changed: update snapshot.cc";
  EXPECT_EQ(sizeof(EntityRecord), 376u) << "EntityRecord changed: update snapshot.cc";
  EXPECT_EQ(sizeof(EventHistory), 112u) << "EventHistory changed: update snapshot.cc";
  EXPECT_EQ(sizeof(NotStarted), 24u) << "NotStarted changed: update snapshot.cc";
  EXPECT_EQ(sizeof(SeenId), 48u) << "SeenId changed: update snapshot.cc";
  EXPECT_EQ(sizeof(SeenRef), 8u) << "SeenRef changed: update snapshot.cc";
  // Impl includes advance's scratch lists `released` and `release_order`,
  // empty between calls (not state); seen_order as an ExpiryQueue, re-built
  // from the ids on restore; and the due index (its sort scratch included),
  // re-built from the timers; and the history arena, whose records each
  // entity's history writes and reads (in its own order, chunks not kept).
  EXPECT_EQ(sizeof(Engine::Impl), 2376u) << "Engine::Impl changed: update snapshot.cc";
}

}  // namespace
}  // namespace kefu::engine
