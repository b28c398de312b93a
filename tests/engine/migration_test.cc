// Engine::migrate: open timers of older policy versions moved to the
// newest one, keeping the open time elapsed and the pauses; each change
// reported; repeated by re-builds; shown by explain.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "engine/engine_story.h"
#include "engine/small_policy.h"
#include "kefu/engine/engine.h"
#include "kefu/engine/migration.h"

namespace kefu::engine {
namespace {

using policy::EntityKind;

// order.confirm with a pause, of the given target and version.
policy::Policy Confirm(std::string_view version, std::string_view target) {
  return MakePolicy(R"({"id": "order.confirm", "entity": "order",
      "start": "order.created", "stop": "order.confirmed", "pause": "order.hold",
      "resume": "order.unhold", "target": ")" + std::string(target) +
                        R"(", "calendar": "cn-24x7", "warn_at": [0.5]})",
                    R"("version": ")" + std::string(version) + "\"");
}

TimerView Timer(const Engine& engine, std::string_view key) {
  Result<std::vector<TimerView>> timers = engine.timers_of(EntityKind::kOrder, key);
  if (!timers.ok() || timers->empty()) {
    ADD_FAILURE() << key << ": no timer";
    return {};
  }
  return timers->front();
}

// 09:00 created (4h), held 10:00-11:00: due 14:00 under 4h, 12:00 under 2h.
void HeldOrder(Engine& engine, std::string_view key = "WB1") {
  const std::string k(key);
  Accept(engine, Ev(k + "-1", "order.created", "03-02T09:00", k));
  Accept(engine, Ev(k + "-2", "order.hold", "03-02T10:00", k));
  Accept(engine, Ev(k + "-3", "order.unhold", "03-02T11:00", k));
}

TEST(Migration, AnOpenTimerTakesTheNewTargetKeepingElapsedTimeAndPauses) {
  Engine engine(Confirm("t-1", "4h"));
  HeldOrder(engine);
  // 4h: the 0.5 warning at 2h open, 12:00 with the hour held.
  EXPECT_EQ(Advance(engine, "03-02T11:30"), Lines{});
  EXPECT_EQ(Timer(engine, "WB1").due, I("03-02T14:00"));

  engine.load_policy(Confirm("t-2", "2h"));
  EXPECT_EQ(Timer(engine, "WB1").policy_version, "t-1") << "loading alone moves nothing";
  const MigrationReport report = engine.migrate();
  EXPECT_EQ(report.to_version, "t-2");
  EXPECT_EQ(report.examined, 1u);
  EXPECT_EQ(report.unchanged, 0u);
  ASSERT_EQ(report.changes.size(), 1u);
  const MigrationChange& c = report.changes[0];
  EXPECT_EQ(c.key, "WB1");
  EXPECT_EQ(c.sla, "order.confirm");
  EXPECT_EQ(c.what, "retargeted");
  EXPECT_EQ(c.from_version, "t-1");
  EXPECT_EQ(c.from_target, "/sla/0");
  EXPECT_EQ(c.to_target, "/sla/0");
  EXPECT_EQ(c.at, I("03-02T11:30"));
  EXPECT_EQ(c.due_before, I("03-02T14:00"));
  ASSERT_TRUE(c.due_after);
  // 2h of open time from 09:00 plus the hour held.
  EXPECT_EQ(*c.due_after, I("03-02T12:00"));
  EXPECT_FALSE(c.late_breach);

  const TimerView t = Timer(engine, "WB1");
  EXPECT_EQ(t.policy_version, "t-2");
  EXPECT_EQ(t.due, I("03-02T12:00"));
  // The new target's 0.5 warning (1h open: 10:00) passed before the
  // migration: only the breach is left.
  EXPECT_EQ(Advance(engine, "03-02T13:00"),
            Lines{N("breach", 1, "03-02T12:00", "order.confirm", "WB1", "03-02T12:00")});
}

TEST(Migration, ADueAlreadyPassedUnderTheNewTargetBreachesLate) {
  Engine engine(Confirm("t-1", "4h"));
  Accept(engine, Ev("e-1", "order.created", "03-02T09:00", "WB1"));
  EXPECT_EQ(Advance(engine, "03-02T10:30"), Lines{});
  engine.load_policy(Confirm("t-2", "1h"));
  const MigrationReport report = engine.migrate();
  ASSERT_EQ(report.changes.size(), 1u);
  EXPECT_TRUE(report.changes[0].late_breach);
  EXPECT_EQ(*report.changes[0].due_after, I("03-02T10:00"));
  EXPECT_EQ(Advance(engine, "03-02T10:30"),
            Lines{N("breach", 1, "03-02T10:30", "order.confirm", "WB1", "03-02T10:00",
                    R"(,"late":true)")});
  EXPECT_EQ(Advance(engine, "03-02T20:00"), Lines{}) << "one breach, not two";
}

TEST(Migration, ATimerWhoseTargetIsGoneStopsAndExplainSaysWhy) {
  Engine engine(Confirm("t-1", "4h"));
  Accept(engine, Ev("e-1", "order.created", "03-02T09:00", "WB1"));
  EXPECT_EQ(Advance(engine, "03-02T09:30"), Lines{});
  // t-2 keeps order.confirm only for tier A.
  engine.load_policy(MakePolicy(R"({"id": "order.confirm", "entity": "order",
      "when": {"tier": "A"}, "start": "order.created", "stop": "order.confirmed",
      "target": "1h", "calendar": "cn-24x7"})",
                                R"("version": "t-2")"));
  const MigrationReport report = engine.migrate();
  ASSERT_EQ(report.changes.size(), 1u);
  EXPECT_EQ(report.changes[0].what, "stopped");
  EXPECT_FALSE(report.changes[0].due_after);
  EXPECT_EQ(report.changes[0].why,
            "no entry of \"order.confirm\" in policy version t-2 matches the attributes");
  EXPECT_EQ(Timer(engine, "WB1").state, "stopped");
  EXPECT_EQ(Advance(engine, "03-02T20:00"), Lines{}) << "a stopped timer neither warns nor breaches";

  Result<std::string> explain = engine.explain(EntityKind::kOrder, "WB1");
  ASSERT_TRUE(explain.ok());
  EXPECT_NE(explain->find("migrated: no entry of its target matches in policy version t-2"),
            std::string::npos)
      << *explain;

  const std::string json = to_json(report);
  EXPECT_NE(json.find(R"("what":"stopped")"), std::string::npos) << json;
  EXPECT_NE(json.find(R"("due_after":null)"), std::string::npos) << json;
}

TEST(Migration, TimersWhoseDueStaysAreCountedNotListed) {
  Engine engine(Confirm("t-1", "4h"));
  HeldOrder(engine, "WB1");
  HeldOrder(engine, "WB2");
  Accept(engine, Ev("e-9", "order.confirmed", "03-02T11:10", "WB2"));  // WB2's timer stopped
  engine.load_policy(Confirm("t-2", "4h"));
  const MigrationReport report = engine.migrate();
  EXPECT_EQ(report.examined, 1u) << "only open timers";
  EXPECT_EQ(report.unchanged, 1u);
  EXPECT_TRUE(report.changes.empty());
  EXPECT_EQ(Timer(engine, "WB1").policy_version, "t-2");
  EXPECT_EQ(Timer(engine, "WB2").policy_version, "t-1") << "a stopped timer stays as it ended";
  EXPECT_EQ(engine.migrate().examined, 0u) << "a second call finds nothing";
}

TEST(Migration, OneVersionHasNothingToMigrate) {
  Engine engine(Confirm("t-1", "4h"));
  HeldOrder(engine);
  const std::string before = engine.canonical_state();
  const MigrationReport report = engine.migrate();
  EXPECT_EQ(report.examined, 0u);
  EXPECT_EQ(engine.canonical_state(), before);
}

TEST(Migration, ExplainShowsTheMigrationInTheTimersLog) {
  Engine engine(Confirm("t-1", "4h"));
  HeldOrder(engine);
  Advance(engine, "03-02T11:30");
  engine.load_policy(Confirm("t-2", "2h"));
  engine.migrate();
  Result<std::string> explain = engine.explain(EntityKind::kOrder, "WB1");
  ASSERT_TRUE(explain.ok());
  EXPECT_NE(explain->find(R"("what": "migrated")"), std::string::npos) << *explain;
  EXPECT_NE(explain->find(R"("from_policy_version": "t-1")"), std::string::npos) << *explain;
  EXPECT_NE(explain->find(R"("policy_version": "t-2")"), std::string::npos) << *explain;
}

// A late event re-builds the entity from its history: the migration is
// repeated where it was made, so the timer stays on the new version, with
// the late pause counted.
TEST(Migration, ALateEventRebuildRepeatsTheMigration) {
  Engine engine(Confirm("t-1", "4h"));
  Accept(engine, Ev("e-1", "order.created", "03-02T09:00", "WB1"));
  Advance(engine, "03-02T09:45");
  engine.load_policy(Confirm("t-2", "2h"));
  engine.migrate();
  EXPECT_EQ(Timer(engine, "WB1").due, I("03-02T11:00"));
  Accept(engine, Ev("e-2", "order.hold", "03-02T09:10", "WB1"));
  Accept(engine, Ev("e-3", "order.unhold", "03-02T09:40", "WB1"));
  const TimerView t = Timer(engine, "WB1");
  EXPECT_EQ(t.policy_version, "t-2");
  EXPECT_EQ(t.due, I("03-02T11:30")) << "2h open plus the 30 minutes held";
  // t-2's 0.5 warning (1h open) moved with the pause to 10:30, after the
  // migration: it fires.
  EXPECT_EQ(Advance(engine, "03-02T12:00"),
            (Lines{N("warning", 1, "03-02T10:30", "order.confirm", "WB1", "03-02T11:30",
                     R"(,"fraction":0.5)"),
                   N("breach", 2, "03-02T11:30", "order.confirm", "WB1", "03-02T11:30")}));
}

// An event at the migration's instant that arrives after it comes after
// it in a re-build too (the history keeps arrival order within an
// instant): a late event leaves the timers as if it had come on time
// (the event itself is recorded under the version it arrived in).
TEST(Migration, ARebuildKeepsArrivalOrderAtTheMigrationInstant) {
  const auto run = [](bool late) {
    Engine engine(Confirm("t-1", "4h"));
    Accept(engine, Ev("e-1", "order.created", "03-02T09:00", "WB1"));
    const std::string update = Ev("e-2", "order.updated", "03-02T09:30", "WB1", R"({"tier":"B"})");
    if (!late) Accept(engine, update);
    Advance(engine, "03-02T10:00");
    engine.load_policy(Confirm("t-2", "2h"));
    engine.migrate();
    Accept(engine, Ev("e-3", "order.hold", "03-02T10:00", "WB1"));  // after the migration
    if (late) Accept(engine, update);
    return engine.canonical_state();
  };
  const std::string on_time = run(false);
  std::string late = run(true);
  const std::string tagged = R"("policy":1,"removed":[],"type":"order.updated")";
  ASSERT_NE(late.find(tagged), std::string::npos) << late;
  late.replace(late.find(tagged), tagged.size(), R"("policy":0,"removed":[],"type":"order.updated")");
  EXPECT_EQ(late, on_time);
  const std::size_t migrated = on_time.find(R"("kind":"migrated")");
  EXPECT_LT(migrated, on_time.find(R"("kind":"paused")")) << on_time;
  EXPECT_NE(on_time.find(R"("migrations":[{"after":0)"), std::string::npos) << on_time;
}

}  // namespace
}  // namespace kefu::engine
