// `kefu replay` and `kefu explain`, run as subprocesses: DESIGN.md's
// command-line contract (file order, advance to just before each event,
// --until, refused lines on stderr, exit statuses 0, 2 and 3) under the
// reference policy, and the committed sample replaying cleanly.
#include <string>
#include <vector>

#include <cstdio>
#include <fstream>
#include <iterator>

#include "cli/kefu_process.h"

namespace kefu::cli {
namespace {

using testing::Kefu;
using testing::kReference;
using testing::Outcome;
using testing::TempDir;

const std::string kSample = KEFU_SOURCE_DIR "/examples/data/sample.jsonl";

// Writes `lines` (each followed by a newline) to a file in TempDir().
std::string EventsFile(const std::string& name,
                       const std::vector<std::string>& lines) {
  std::string path = TempDir() + "/" + name;
  std::ofstream out(path, std::ios::binary);
  for (const std::string& line : lines) out << line << "\n";
  return path;
}


Outcome Replay(const std::string& events,
               const std::vector<std::string>& more = {}) {
  std::vector<std::string> args = {"replay", "--policy", kReference,
                                   "--events", events};
  args.insert(args.end(), more.begin(), more.end());
  return Kefu(args);
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// An order of a tier-C customer: only ORD-1 (confirm within 1h, warnings at
// 0.5 and 0.8) applies to it. 2026-03-02 is a Monday.
const std::string kCreated =
    R"({"id":"e-1","type":"order.created","at":"2026-03-02T09:15:00+08:00",)"
    R"("order":"WB123","customer":"C001","attrs":{"tier":"C"}})";

std::string Confirmed(const std::string& id, const std::string& at) {
  return R"({"id":")" + id +
         R"(","type":"order.confirmed","at":")" + at +
         R"(","order":"WB123"})";
}

const std::string kWarning50 =
    R"({"kind":"warning","seq":1,"at":"2026-03-02T09:45:00+08:00",)"
    R"("sla":"order.confirm","entity":"order","key":"WB123",)"
    R"("due":"2026-03-02T10:15:00+08:00","fraction":0.5})";
const std::string kWarning80 =
    R"({"kind":"warning","seq":2,"at":"2026-03-02T10:03:00+08:00",)"
    R"("sla":"order.confirm","entity":"order","key":"WB123",)"
    R"("due":"2026-03-02T10:15:00+08:00","fraction":0.8})";
const std::string kBreach =
    R"({"kind":"breach","seq":3,"at":"2026-03-02T10:15:00+08:00",)"
    R"("sla":"order.confirm","entity":"order","key":"WB123",)"
    R"("due":"2026-03-02T10:15:00+08:00"})";

// --- replay ---------------------------------------------------------------

TEST(ReplayCommand, ConfirmedExactlyAtTheDueIsOnTime) {
  // The clock stops one second before each event: the breach at 10:15:00
  // is not due yet when the confirmation at 10:15:00 arrives.
  Outcome run = Replay(EventsFile(
      "on_time.jsonl", {kCreated, Confirmed("e-2", "2026-03-02T10:15:00+08:00")}));
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.err, "");
  EXPECT_EQ(run.out, kWarning50 + "\n" + kWarning80 + "\n");
}

TEST(ReplayCommand, ConfirmedOneSecondLateBreaches) {
  Outcome run = Replay(EventsFile(
      "late.jsonl", {kCreated, Confirmed("e-2", "2026-03-02T10:15:01+08:00")}));
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, kWarning50 + "\n" + kWarning80 + "\n" + kBreach + "\n");
}

TEST(ReplayCommand, EndsAtTheLastEventInclusive) {
  // No confirmation; the last event, of another entity, is at the due: the
  // final advance includes its instant, so the breach is printed.
  Outcome run = Replay(EventsFile(
      "end.jsonl",
      {kCreated,
       R"({"id":"e-2","type":"customer.created","at":"2026-03-02T10:15:00+08:00",)"
       R"("customer":"C002","attrs":{"tier":"C"}})"}));
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, kWarning50 + "\n" + kWarning80 + "\n" + kBreach + "\n");
}

TEST(ReplayCommand, UntilIsInclusive) {
  std::string events = EventsFile("until.jsonl", {kCreated});
  Outcome at_due = Replay(events, {"--until", "2026-03-02T10:15:00+08:00"});
  EXPECT_EQ(at_due.exit_code, 0) << at_due.err;
  EXPECT_EQ(at_due.out,
            kWarning50 + "\n" + kWarning80 + "\n" + kBreach + "\n");

  Outcome before = Replay(events, {"--until", "2026-03-02T10:14:59+08:00"});
  EXPECT_EQ(before.exit_code, 0) << before.err;
  EXPECT_EQ(before.out, kWarning50 + "\n" + kWarning80 + "\n");

  // Without --until the replay ends at the event: nothing is due yet.
  Outcome plain = Replay(events);
  EXPECT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_EQ(plain.out, "");
}

TEST(ReplayCommand, UntilBeforeAnEventIsAUsageError) {
  Outcome run = Replay(
      EventsFile("until_early.jsonl",
                 {kCreated, Confirmed("e-2", "2026-03-02T09:50:00+08:00")}),
      {"--until", "2026-03-02T09:30:00+08:00"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.err.rfind("error: --until 2026-03-02T09:30:00+08:00 is before "
                          "the event on line 2 (2026-03-02T09:50:00+08:00)",
                          0),
            0u)
      << run.err;
  // It stops at that line, without advancing to it.
  EXPECT_EQ(run.out, "");
}

TEST(ReplayCommand, MalformedUntilIsInvalidInput) {
  Outcome run = Replay(EventsFile("until_bad.jsonl", {kCreated}),
                       {"--until", "tomorrow"});
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_EQ(run.err.rfind("error: --until: ", 0), 0u) << run.err;
}

TEST(ReplayCommand, RefusedLinesGoToStderrAndTheRestIsApplied) {
  Outcome run = Replay(EventsFile(
      "refused.jsonl",
      {kCreated,
       "",                                              // 2: skipped
       "{not json",                                     // 3
       R"({"id":"e-3","type":"order.teleported","at":"2026-03-02T09:20:00+08:00","order":"WB123"})",
       R"({"id":"e-4","type":"order.confirmed","at":"2026-03-02T09:21:00+08:00","order":"WB999"})",
       R"({"id":"e-5","type":"order.signed","at":"2026-03-02T09:22:00+08:00","order":"WB123"})",
       R"({"id":"e-6","type":"order.confirmed","at":"yesterday","order":"WB123"})",
       "   ",                                           // 8: skipped
       Confirmed("e-7", "2026-03-02T10:15:00+08:00")}));  // 9: applied
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_EQ(run.out, kWarning50 + "\n" + kWarning80 + "\n");
  std::vector<std::string> errors = Lines(run.err);
  ASSERT_EQ(errors.size(), 5u) << run.err;
  EXPECT_EQ(errors[0].rfind(R"({"line":3,"event":null,"entity":null,"error":")", 0), 0u)
      << errors[0];
  EXPECT_EQ(errors[1].rfind(R"({"line":4,"event":"e-3","entity":"order:WB123","error":")", 0), 0u)
      << errors[1];
  EXPECT_NE(errors[1].find("order.teleported"), std::string::npos) << errors[1];
  EXPECT_EQ(errors[2].rfind(R"({"line":5,"event":"e-4","entity":"order:WB999","error":")", 0), 0u)
      << errors[2];
  EXPECT_NE(errors[2].find("does not exist"), std::string::npos) << errors[2];
  EXPECT_EQ(errors[3].rfind(R"({"line":6,"event":"e-5","entity":"order:WB123","error":")", 0), 0u)
      << errors[3];
  EXPECT_EQ(errors[4].rfind(R"({"line":7,"event":"e-6","entity":"order:WB123","error":"/at: )", 0), 0u)
      << errors[4];
}

TEST(ReplayCommand, AppliesEventsInFileOrderNeverSorted) {
  // The confirmation comes first in the file: the order does not exist yet,
  // so it is refused, though its instant is later than the creation's.
  Outcome run = Replay(EventsFile(
      "file_order.jsonl",
      {Confirmed("e-2", "2026-03-02T09:30:00+08:00"), kCreated}));
  EXPECT_EQ(run.exit_code, 3);
  std::vector<std::string> errors = Lines(run.err);
  ASSERT_EQ(errors.size(), 1u) << run.err;
  EXPECT_EQ(errors[0].rfind(R"({"line":1,"event":"e-2","entity":"order:WB123")", 0), 0u)
      << errors[0];
}

TEST(ReplayCommand, DuplicateEventsAreAcknowledged) {
  Outcome run = Replay(EventsFile(
      "duplicate.jsonl",
      {kCreated, kCreated, Confirmed("e-2", "2026-03-02T09:20:00+08:00")}));
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.err, "");
  EXPECT_EQ(run.out, "");
}

TEST(ReplayCommand, UsageErrors) {
  std::string events = EventsFile("usage.jsonl", {kCreated});
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{
           {"replay", "--policy", kReference},
           {"replay", "--events", events},
           {"replay", "--policy", kReference, "--events", events, "--frm", "x"},
       }) {
    Outcome run = Kefu(args);
    EXPECT_EQ(run.exit_code, 2) << args.back();
    EXPECT_EQ(run.out, "");
    EXPECT_EQ(run.err.rfind("error: ", 0), 0u) << run.err;
  }
}

TEST(ReplayCommand, UnreadableInputIsInvalidInput) {
  Outcome no_events = Replay(TempDir() + "/no_such.jsonl");
  EXPECT_EQ(no_events.exit_code, 3);
  EXPECT_EQ(no_events.err.rfind("error: cannot read the events file", 0), 0u)
      << no_events.err;
  Outcome no_policy = Kefu({"replay", "--policy", TempDir() + "/no_such.json",
                            "--events", EventsFile("x.jsonl", {kCreated})});
  EXPECT_EQ(no_policy.exit_code, 3);
  EXPECT_EQ(no_policy.err.rfind("error: ", 0), 0u) << no_policy.err;
}

TEST(ReplayCommand, LastLineWithoutNewlineAndCrlf) {
  std::string path = TempDir() + "/crlf.jsonl";
  {
    std::ofstream out(path, std::ios::binary);
    out << kCreated << "\r\n" << Confirmed("e-2", "2026-03-02T10:15:00+08:00");
  }
  Outcome run = Replay(path);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, kWarning50 + "\n" + kWarning80 + "\n");
}

TEST(ReplayCommand, SampleReplaysCleanly) {
  Outcome run = Replay(kSample);
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.err, "");
  std::vector<std::string> lines = Lines(run.out);
  ASSERT_GT(lines.size(), 100u);
  bool breach = false;
  for (const std::string& line : lines) {
    ASSERT_EQ(line.rfind(R"({"kind":")", 0), 0u) << line;
    breach = breach || line.rfind(R"({"kind":"breach")", 0) == 0;
  }
  EXPECT_TRUE(breach);
  // Deterministic: the same log gives the same bytes.
  EXPECT_EQ(Replay(kSample).out, run.out);
}

// --- explain --------------------------------------------------------------

Outcome Explain(const std::string& events, const std::string& entity,
                const std::vector<std::string>& more = {}) {
  std::vector<std::string> args = {"explain", "--policy", kReference,
                                   "--events", events, "--entity", entity};
  args.insert(args.end(), more.begin(), more.end());
  return Kefu(args);
}

const std::string kNewCustomerOrder =
    R"({"id":"e-1","type":"order.created","at":"2026-03-02T09:15:00+08:00",)"
    R"("order":"WB123","customer":"C001","attrs":{"tier":"C","new_customer":true}})";

TEST(ExplainCommand, ShowsEachTimerOfTheEntity) {
  Outcome run = Explain(
      EventsFile("explain.jsonl",
                 {kNewCustomerOrder, Confirmed("e-2", "2026-03-02T10:15:00+08:00")}),
      "order:WB123");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.err, "");
  EXPECT_EQ(run.out.rfind("{", 0), 0u) << run.out;
  EXPECT_NE(run.out.find(R"("order.confirm")"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find(R"("order.risk_assessment")"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find(R"("stopped")"), std::string::npos) << run.out;
}

TEST(ExplainCommand, AtStopsBeforeLaterEvents) {
  std::string events = EventsFile(
      "explain_at.jsonl",
      {kNewCustomerOrder, Confirmed("e-2", "2026-03-02T10:15:00+08:00")});
  Outcome before = Explain(events, "order:WB123",
                           {"--at", "2026-03-02T10:00:00+08:00"});
  EXPECT_EQ(before.exit_code, 0) << before.err;
  EXPECT_NE(before.out.find(R"("running")"), std::string::npos) << before.out;
  EXPECT_EQ(before.out.find(R"("stopped")"), std::string::npos) << before.out;

  // Before the order exists it cannot be explained.
  Outcome too_early = Explain(events, "order:WB123",
                              {"--at", "2026-03-02T09:00:00+08:00"});
  EXPECT_EQ(too_early.exit_code, 3);
}

TEST(ExplainCommand, UnknownEntityIsInvalidInput) {
  Outcome run = Explain(EventsFile("explain_unknown.jsonl", {kCreated}),
                        "order:WB999");
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err, "error: order:WB999 does not exist\n");
}

TEST(ExplainCommand, MalformedEntityIsAUsageError) {
  std::string events = EventsFile("explain_usage.jsonl", {kCreated});
  for (const char* entity : {"WB123", "order:", "ticket:7", ":WB123"}) {
    Outcome run = Explain(events, entity);
    EXPECT_EQ(run.exit_code, 2) << entity;
    EXPECT_EQ(run.err.rfind("error: --entity: ", 0), 0u) << run.err;
  }
}

TEST(ExplainCommand, RefusalsAreSummarisedInOneLine) {
  Outcome run = Explain(
      EventsFile("explain_refused.jsonl",
                 {kCreated, "{oops", Confirmed("e-2", "2026-03-02T09:40:00+08:00")}),
      "order:WB123");
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.err,
            "warning: 1 of 3 events refused and ignored (the first on line "
            "2); kefu replay lists them\n");
  EXPECT_NE(run.out.find(R"("order.confirm")"), std::string::npos) << run.out;
}

TEST(ExplainCommand, SampleOrder) {
  Outcome run = Explain(kSample, "order:WB000001");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find(R"("order.confirm")"), std::string::npos) << run.out;
}

// KPI-1 through the command line: two orders of November 2026, one
// confirmed late (order.confirm, 1h). --until the end of the month (local
// midnight, +08:00) closes it: order_response is 1 of 2 on time, below its
// 0.95, so a kpi notification comes at the month's end, and --kpi writes
// the month's figures.
TEST(ReplayCommand, KpiWritesTheMonthsFigures) {
  std::string events = EventsFile(
      "kpi.jsonl",
      {R"({"id":"k1","type":"order.created","at":"2026-11-02T10:00:00+08:00","order":"WK1"})",
       R"({"id":"k2","type":"order.created","at":"2026-11-02T10:00:00+08:00","order":"WK2"})",
       R"({"id":"k3","type":"order.confirmed","at":"2026-11-02T10:30:00+08:00","order":"WK1"})",
       R"({"id":"k4","type":"order.confirmed","at":"2026-11-02T11:30:00+08:00","order":"WK2"})"});
  std::string kpi_path = TempDir() + "/kpi.json";
  Outcome run = Replay(events, {"--until", "2026-12-01T00:00:00+08:00", "--kpi", kpi_path});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  std::vector<std::string> out = Lines(run.out);
  ASSERT_FALSE(out.empty());
  EXPECT_EQ(out.back(),
            R"({"kind":"kpi","seq":4,"at":"2026-12-01T00:00:00+08:00","sla":"kpi.order_response",)"
            R"("entity":"customer","key":"2026-11","due":"2026-12-01T00:00:00+08:00",)"
            R"("value":0.5,"min":0.95})");
  std::ifstream in(kpi_path, std::ios::binary);
  std::string doc((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(doc.rfind(R"({"policy":"cn-logistics-2026.1","calendar":"cn-24x7","months":[)"
                      R"({"month":"2026-11","start":"2026-11-01T00:00:00+08:00",)"
                      R"("end":"2026-12-01T00:00:00+08:00","closed":true,"tiers":{"all":{)"
                      R"("order_response":{"value":0.5,"numerator":1,"denominator":2,)"
                      R"("min":0.95,"missed":true},)",
                      0),
            0u)
      << doc;
  EXPECT_EQ(doc.back(), '\n');
  std::remove(kpi_path.c_str());
}

}  // namespace
}  // namespace kefu::cli
