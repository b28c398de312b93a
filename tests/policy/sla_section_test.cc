// The policy's "sla" section: every target form, every rule, every error
// with its exact pointer (src/policy/sla_section.cc, docs/policy.md).
#include "policy/sla_section.h"

#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "kefu/policy/policy.h"

namespace kefu::policy {
namespace {

using time::DueSpec;

constexpr const char* kOffice =
    R"("calendars":{"office":{"utc_offset":"+08:00",)"
    R"("week":{"mon":["08:30-12:00","13:30-18:00"]}}},)";

// A document whose sla array holds `entries`, after `before` (other
// top-level members, each ending with a comma).
std::string Doc(const std::string& entries, const std::string& before = "") {
  return R"({"version":"v",)" + before + R"("sla":[)" + entries + "]}";
}

// An order entry started by order.created, with `rest` appended.
std::string Entry(const std::string& rest, const std::string& id = "t") {
  return R"({"id":")" + id + R"(","entity":"order","start":"order.created",)" +
         rest + "}";
}

std::vector<std::string> Errors(const std::string& json) {
  std::vector<std::string> lines;
  for (const Status& s : Policy::Check(json)) {
    EXPECT_EQ(s.code(), StatusCode::kInvalidPolicy) << s.to_string();
    lines.push_back(s.to_string());
  }
  return lines;
}

Policy Parsed(const std::string& json) {
  Result<Policy> policy = Policy::Parse(json);
  EXPECT_TRUE(policy.ok()) << policy.status().to_string();
  if (!policy.ok()) return *Policy::Parse(R"({"version":"failed"})");
  return *std::move(policy);
}

// The one target of a single-entry document.
SlaTarget Only(const std::string& entry, const std::string& before = "") {
  Policy policy = Parsed(Doc(entry, before));
  EXPECT_EQ(policy.sla().size(), 1u);
  if (policy.sla().empty()) return SlaTarget{};
  return policy.sla().front();
}

TargetSpec TargetOf(const std::string& target_json,
                    const std::string& entity = "order") {
  std::string start = entity + ".created";
  return Only(R"({"id":"t","entity":")" + entity + R"(","start":")" + start +
              R"(","target":)" + target_json + "}")
      .target;
}

const std::string kOrderEvents =
    "expected an order lifecycle event (\"order.created\", "
    "\"order.confirmed\", \"order.assessed\", \"order.planned\", "
    "\"order.departed\", \"order.in_transit\", \"order.delivered\", "
    "\"order.signed\", \"order.receipt_returned\", \"order.cancelled\", "
    "\"order.exception\", \"order.exception_cleared\", \"order.updated\") "
    "or an order milestone declared in \"milestones\"";
const std::string kCustomerEvents =
    "expected a customer lifecycle event (\"customer.created\", "
    "\"customer.updated\", \"customer.closed\", \"customer.close_requested\", "
    "\"customer.retained\") or a customer milestone "
    "declared in \"milestones\"";
const std::string kAnyTarget =
    "expected a target: a due spec (\"4h\", \"3wd\", \"15d\", \"1mo\", "
    "{\"at\":\"17:00\"}, {\"weekday\":\"mon\",\"at\":\"16:00\"}, "
    "{\"day_of_month\":15,\"months_after\":1}), "
    "{\"before\":\"departure_at\",\"by\":\"2h\"}, {\"every\":SPEC} or "
    "{\"count\":5,\"of\":\"customer.visited\",\"per\":\"1mo\"}";

// --- What a valid section compiles to ------------------------------------

TEST(SlaSection, CompilesEveryKey) {
  Policy policy = Parsed(Doc(
      R"({"id":"order.confirm","entity":"order",
          "when":{"tier":"A"},
          "start":"order.created","stop":["order.confirmed","order.cancelled"],
          "pause":"order.exception","resume":"order.exception_cleared",
          "restart":"order.updated",
          "target":"3wd","calendar":"office","warn_at":[0.5,0.8]})",
      kOffice));
  ASSERT_EQ(policy.sla().size(), 1u);
  const SlaTarget& t = policy.sla()[0];
  EXPECT_EQ(t.id, "order.confirm");
  EXPECT_EQ(t.pointer, "/sla/0");
  EXPECT_EQ(t.entity, EntityKind::kOrder);
  ASSERT_EQ(t.when.size(), 1u);
  EXPECT_EQ(t.when[0].attribute, "tier");
  EXPECT_EQ(t.when[0].op, Condition::Op::kEquals);
  EXPECT_EQ(t.when[0].values, std::vector<AttrValue>{AttrValue("A")});
  EXPECT_EQ(t.start, std::vector<std::string>{"order.created"});
  EXPECT_EQ(t.stop,
            (std::vector<std::string>{"order.confirmed", "order.cancelled"}));
  EXPECT_EQ(t.pause, std::vector<std::string>{"order.exception"});
  EXPECT_EQ(t.resume, std::vector<std::string>{"order.exception_cleared"});
  EXPECT_EQ(t.restart, std::vector<std::string>{"order.updated"});
  EXPECT_EQ(std::get<DueSpec>(t.target), DueSpec(time::WorkingDays(3)));
  EXPECT_EQ(t.calendar_name, "office");
  EXPECT_EQ(t.calendar, policy.calendar("office"));
  EXPECT_EQ(t.warn_at_millionths, (std::vector<std::int32_t>{500000, 800000}));
}

TEST(SlaSection, DefaultsToThe24x7CalendarAndNoWarnings) {
  Policy policy = Parsed(Doc(Entry(R"("target":"1h")")));
  ASSERT_EQ(policy.sla().size(), 1u);
  const SlaTarget& t = policy.sla()[0];
  EXPECT_EQ(t.calendar_name, "24x7");
  EXPECT_EQ(t.calendar, policy.calendar("24x7"));
  EXPECT_TRUE(t.when.empty());
  EXPECT_TRUE(t.stop.empty());
  EXPECT_TRUE(t.pause.empty());
  EXPECT_TRUE(t.resume.empty());
  EXPECT_TRUE(t.restart.empty());
  EXPECT_TRUE(t.warn_at_millionths.empty());
}

TEST(SlaSection, AbsentOrEmptySectionHasNoTargets) {
  EXPECT_TRUE(Parsed(R"({"version":"v"})").sla().empty());
  EXPECT_TRUE(Parsed(R"({"version":"v","sla":[]})").sla().empty());
}

TEST(SlaSection, KeepsDocumentOrderAndAlternativesOfOneId) {
  Policy policy = Parsed(
      Doc(Entry(R"("when":{"tier":"A"},"target":"1h")", "order.confirm") + "," +
          Entry(R"("target":"1wd")", "order.plan") + "," +
          Entry(R"("target":"2h")", "order.confirm")));
  ASSERT_EQ(policy.sla().size(), 3u);
  EXPECT_EQ(policy.sla()[0].id, "order.confirm");
  EXPECT_EQ(policy.sla()[1].id, "order.plan");
  EXPECT_EQ(policy.sla()[2].id, "order.confirm");
  EXPECT_EQ(policy.sla()[2].pointer, "/sla/2");
  EXPECT_EQ(std::get<DueSpec>(policy.sla()[2].target),
            DueSpec(time::BusinessDuration(std::chrono::hours(2))));
}

TEST(SlaSection, CalendarPointerOutlivesTheOriginalPolicy) {
  std::optional<Policy> original =
      Parsed(Doc(Entry(R"("target":"1h","calendar":"office")"), kOffice));
  Policy copy = *original;
  const time::Calendar* office = original->calendar("office");
  original.reset();
  ASSERT_EQ(copy.sla().size(), 1u);
  EXPECT_EQ(copy.sla()[0].calendar, office);
  EXPECT_EQ(copy.calendar("office"), office);
  EXPECT_EQ(copy.sla()[0].calendar->offset(), time::UtcOffset::hours(8));
}

TEST(SlaSection, CalendarsAndMilestonesMayFollowTheTargets) {
  Policy policy = Parsed(
      R"({"version":"v",
          "sla":[{"id":"t","entity":"order","start":"order.plan_sent",
                  "target":"1h","calendar":"office"}],
          "milestones":{"order":["plan_sent"]},
          "calendars":{"office":{"utc_offset":"+08:00",
                                 "week":{"mon":["09:00-17:00"]}}}})");
  ASSERT_EQ(policy.sla().size(), 1u);
  EXPECT_EQ(policy.sla()[0].start, std::vector<std::string>{"order.plan_sent"});
  EXPECT_EQ(policy.sla()[0].calendar, policy.calendar("office"));
}

TEST(SlaSection, AcceptsCustomerTargets) {
  SlaTarget t = Only(
      R"({"id":"customer.review","entity":"customer",
          "start":"customer.created","stop":"customer.closed",
          "target":"1mo"})");
  EXPECT_EQ(t.entity, EntityKind::kCustomer);
  EXPECT_EQ(t.stop, std::vector<std::string>{"customer.closed"});
}

// --- Target forms ---------------------------------------------------------

TEST(SlaSection, TargetShortForms) {
  EXPECT_EQ(std::get<DueSpec>(TargetOf(R"("30m")")),
            DueSpec(time::BusinessDuration(std::chrono::minutes(30))));
  EXPECT_EQ(std::get<DueSpec>(TargetOf(R"("4h")")),
            DueSpec(time::BusinessDuration(std::chrono::hours(4))));
  EXPECT_EQ(std::get<DueSpec>(TargetOf(R"("3wd")")),
            DueSpec(time::WorkingDays(3)));
  EXPECT_EQ(std::get<DueSpec>(TargetOf(R"("15d")")),
            DueSpec(time::CalendarDays(15)));
  EXPECT_EQ(std::get<DueSpec>(TargetOf(R"("1mo")")),
            DueSpec(time::CalendarMonths(1)));
}

TEST(SlaSection, TargetObjectForms) {
  auto at = [](int h, int m) {
    return time::TimeOfDay::from_seconds(h * 3600 + m * 60);
  };
  EXPECT_EQ(std::get<DueSpec>(TargetOf(R"({"at":"17:00"})")),
            DueSpec(time::AtTimeOfDay{at(17, 0)}));
  EXPECT_EQ(std::get<DueSpec>(TargetOf(R"({"weekday":"mon","at":"16:00"})")),
            DueSpec(time::WeekdayAt{std::chrono::Monday, at(16, 0)}));
  EXPECT_EQ(std::get<DueSpec>(TargetOf(
                R"({"day_of_month":15,"months_after":1,"at":"16:00"})")),
            DueSpec(time::DayOfMonth{15, 1, at(16, 0)}));
  EXPECT_EQ(std::get<DueSpec>(TargetOf(R"({"day_of_month":31})")),
            DueSpec(time::DayOfMonth{31, 0, std::nullopt}));
}

TEST(SlaSection, TargetBeforeAttribute) {
  auto before = [](const std::string& json) {
    TargetSpec spec = TargetOf(json);
    EXPECT_TRUE(std::holds_alternative<BeforeAttribute>(spec)) << json;
    return std::holds_alternative<BeforeAttribute>(spec)
               ? std::get<BeforeAttribute>(spec)
               : BeforeAttribute{};
  };
  BeforeAttribute b = before(R"({"before":"departure_at","by":"2h"})");
  EXPECT_EQ(b.attribute, "departure_at");
  EXPECT_EQ(b.by, std::chrono::hours(2));
  EXPECT_EQ(before(R"({"by":"30m","before":"eta"})").by,
            std::chrono::minutes(30));
  EXPECT_EQ(before(R"({"before":"eta","by":"1d"})").by, std::chrono::days(1));
  // At the instant itself.
  EXPECT_EQ(before(R"({"before":"eta","by":"0m"})").by, time::Duration(0));
}

TEST(SlaSection, TargetEvery) {
  auto every = [](const std::string& json) {
    TargetSpec spec = TargetOf(json);
    EXPECT_TRUE(std::holds_alternative<Every>(spec)) << json;
    return std::holds_alternative<Every>(spec) ? std::get<Every>(spec).spec
                                               : DueSpec{};
  };
  EXPECT_EQ(every(R"({"every":"24h"})"),
            DueSpec(time::BusinessDuration(std::chrono::hours(24))));
  EXPECT_EQ(every(R"({"every":"1wd"})"), DueSpec(time::WorkingDays(1)));
  EXPECT_EQ(
      every(R"({"every":{"at":"17:00"}})"),
      DueSpec(time::AtTimeOfDay{time::TimeOfDay::from_seconds(17 * 3600)}));
  EXPECT_EQ(every(R"({"every":{"weekday":"fri"}})"),
            DueSpec(time::WeekdayAt{std::chrono::Friday, std::nullopt}));
  EXPECT_EQ(every(R"({"every":{"day_of_month":1,"months_after":1}})"),
            DueSpec(time::DayOfMonth{1, 1, std::nullopt}));
}

TEST(SlaSection, TargetQuota) {
  TargetSpec spec = TargetOf(
      R"({"count":5,"of":"customer.updated","per":"1mo"})", "customer");
  ASSERT_TRUE(std::holds_alternative<Quota>(spec));
  const Quota& q = std::get<Quota>(spec);
  EXPECT_EQ(q.count, 5);
  EXPECT_EQ(q.of, "customer.updated");
  EXPECT_EQ(q.per, DueSpec(time::CalendarMonths(1)));
  spec = TargetOf(R"({"per":"7d","count":1,"of":"order.updated"})");
  ASSERT_TRUE(std::holds_alternative<Quota>(spec));
  EXPECT_EQ(std::get<Quota>(spec).per, DueSpec(time::CalendarDays(7)));
}

TEST(SlaSection, QuotaMayCountAMilestone) {
  SlaTarget t = Only(
      R"({"id":"q","entity":"customer","start":"customer.created",
          "target":{"count":2,"of":"customer.visited","per":"1mo"}})",
      R"("milestones":{"customer":["visited"]},)");
  EXPECT_EQ(std::get<Quota>(t.target).of, "customer.visited");
}

TEST(SlaSection, WarnAtIsStoredInMillionthsRounded) {
  SlaTarget t = Only(
      Entry(R"("target":"1h","warn_at":[0.0000006,0.25,0.3333333,0.9999994])"));
  EXPECT_EQ(t.warn_at_millionths,
            (std::vector<std::int32_t>{1, 250000, 333333, 999999}));
  EXPECT_TRUE(
      Only(Entry(R"("target":"1h","warn_at":[])")).warn_at_millionths.empty());
}

TEST(SlaSection, EventTypesMayBeAStringOrAnArray) {
  SlaTarget t = Only(Entry(
      R"("stop":["order.signed"],"restart":["order.updated","order.planned"],"target":"1h")"));
  EXPECT_EQ(t.stop, std::vector<std::string>{"order.signed"});
  EXPECT_EQ(t.restart,
            (std::vector<std::string>{"order.updated", "order.planned"}));
  t = Only(
      R"({"id":"t","entity":"order","start":["order.created","order.updated"],"target":"1h"})");
  EXPECT_EQ(t.start,
            (std::vector<std::string>{"order.created", "order.updated"}));
}

TEST(SlaSection, DeclaredMilestonesAreEventTypes) {
  SlaTarget t =
      Only(Entry(R"("stop":"order.plan_sent","pause":"order.tracking_pushed",
               "resume":"order.plan_sent","target":"1h")"),
           R"("milestones":{"order":["tracking_pushed","plan_sent"]},)");
  EXPECT_EQ(t.stop, std::vector<std::string>{"order.plan_sent"});
  EXPECT_EQ(t.pause, std::vector<std::string>{"order.tracking_pushed"});
}

// --- Errors -------------------------------------------------------------

TEST(SlaSection, SectionMustBeAnArrayOfObjects) {
  EXPECT_EQ(Errors(R"({"version":"v","sla":{}})"),
            std::vector<std::string>{
                "/sla: expected an array of SLA targets [{\"id\":..., "
                "\"entity\":..., \"start\":..., \"target\":...}], got {}"});
  EXPECT_EQ(Errors(Doc(R"(1,"x")")),
            (std::vector<std::string>{
                "/sla/0: expected an SLA target object {\"id\":..., "
                "\"entity\":..., \"start\":..., \"target\":...}, got 1",
                "/sla/1: expected an SLA target object {\"id\":..., "
                "\"entity\":..., \"start\":..., \"target\":...}, got \"x\""}));
}

TEST(SlaSection, RequiredKeysAreReportedAtTheEntry) {
  EXPECT_EQ(Errors(Doc("{}")),
            (std::vector<std::string>{
                "/sla/0: missing required key \"id\": expected a non-empty "
                "target id such as \"order.confirm\"",
                "/sla/0: missing required key \"entity\": expected an "
                "entity, one of \"order\", \"customer\", \"claim\", \"complaint\"",
                "/sla/0: missing required key \"start\": expected an event "
                "type \"<entity>.<event>\" such as \"order.confirmed\", or a "
                "non-empty array of them",
                "/sla/0: missing required key \"target\": " + kAnyTarget}));
}

TEST(SlaSection, IdEntityAndUnknownKeys) {
  EXPECT_EQ(
      Errors(Doc(
          R"({"id":"","entity":"ordr","start":"order.created","target":"1h","warnat":[0.5]})")),
      (std::vector<std::string>{
          "/sla/0/id: expected a non-empty target id such as "
          "\"order.confirm\", got \"\"",
          "/sla/0/entity: expected an entity, one of \"order\", "
          "\"customer\", \"claim\", \"complaint\", got \"ordr\"",
          "/sla/0/warnat: unknown key \"warnat\"; expected one of \"id\", "
          "\"entity\", \"when\", \"start\", \"stop\", \"pause\", \"resume\", "
          "\"restart\", \"target\", \"calendar\", \"warn_at\""}));
  EXPECT_EQ(
      Errors(
          Doc(R"({"id":7,"entity":1,"start":"order.created","target":"1h"})")),
      (std::vector<std::string>{
          "/sla/0/id: expected a non-empty target id such as "
          "\"order.confirm\", got 7",
          "/sla/0/entity: expected an entity, one of \"order\", "
          "\"customer\", \"claim\", \"complaint\", got 1"}));
}

TEST(SlaSection, UnknownEventTypeNamesPointerAndChoices) {
  EXPECT_EQ(Errors(Doc(Entry(R"("stop":"order.confimed","target":"1h")"))),
            std::vector<std::string>{
                "/sla/0/stop: unknown event type \"order.confimed\"; " +
                kOrderEvents});
}

TEST(SlaSection, EveryEventKeyIsChecked) {
  EXPECT_EQ(
      Errors(Doc(
          R"({"id":"t","entity":"order","start":"order.x","stop":["order.y"],
              "pause":"order.z","resume":["order.signed","order.w"],
              "restart":"nothing","target":"1h"})")),
      (std::vector<std::string>{
          "/sla/0/start: unknown event type \"order.x\"; " + kOrderEvents,
          "/sla/0/stop/0: unknown event type \"order.y\"; " + kOrderEvents,
          "/sla/0/pause: unknown event type \"order.z\"; " + kOrderEvents,
          "/sla/0/resume/1: unknown event type \"order.w\"; " + kOrderEvents,
          "/sla/0/restart: unknown event type \"nothing\"; " + kOrderEvents}));
}

TEST(SlaSection, EventTypeOfAnotherEntityIsAnError) {
  EXPECT_EQ(Errors(Doc(Entry(R"("stop":"customer.closed","target":"1h")"))),
            std::vector<std::string>{
                "/sla/0/stop: unknown event type \"customer.closed\" for an "
                "order target; " +
                kOrderEvents});
  EXPECT_EQ(
      Errors(Doc(
          R"({"id":"c","entity":"customer","start":"order.created","target":"1h"})")),
      std::vector<std::string>{
          "/sla/0/start: unknown event type \"order.created\" for a "
          "customer target; " +
          kCustomerEvents});
}

TEST(SlaSection, MilestoneOfAnotherEntityIsAnError) {
  EXPECT_EQ(
      Errors(Doc(
          R"({"id":"c","entity":"customer","start":"customer.plan_sent","target":"1h"})",
          R"("milestones":{"order":["plan_sent"]},)")),
      std::vector<std::string>{
          "/sla/0/start: unknown event type \"customer.plan_sent\"; " +
          kCustomerEvents});
}

TEST(SlaSection, UnknownEventTypeListsDeclaredMilestones) {
  EXPECT_EQ(Errors(Doc(Entry(R"("stop":"order.plan_snt","target":"1h")"),
                       R"("milestones":{"order":["plan_sent","a_b"]},)")),
            std::vector<std::string>{
                "/sla/0/stop: unknown event type \"order.plan_snt\"; " +
                kOrderEvents + " (\"order.a_b\", \"order.plan_sent\")"});
}

TEST(SlaSection, EventTypeArrays) {
  EXPECT_EQ(
      Errors(Doc(
          R"({"id":"t","entity":"order","start":[],"stop":["order.signed",5,"order.signed"],"pause":{},"resume":"order.updated","target":"1h"})")),
      (std::vector<std::string>{
          "/sla/0/start: expected an event type \"<entity>.<event>\" such as "
          "\"order.confirmed\", or a non-empty array of them, got []",
          "/sla/0/stop/1: expected an event type \"<entity>.<event>\" such "
          "as \"order.confirmed\", got 5",
          "/sla/0/stop/2: duplicate event type \"order.signed\": expected "
          "each event type once",
          "/sla/0/pause: expected an event type \"<entity>.<event>\" such as "
          "\"order.confirmed\", or a non-empty array of them, got {}"}));
}

TEST(SlaSection, EventTypesAreNotCheckedAgainstABadEntity) {
  // The entity's own error says enough; no error per event type.
  EXPECT_EQ(
      Errors(Doc(
          R"({"id":"t","entity":"ordr","start":"order.created","stop":"x.y","target":"1h"})")),
      std::vector<std::string>{
          "/sla/0/entity: expected an entity, one of \"order\", "
          "\"customer\", \"claim\", \"complaint\", got \"ordr\""});
}

TEST(SlaSection, PauseAndResumeComeTogether) {
  EXPECT_EQ(
      Errors(Doc(
          Entry(R"("pause":"order.exception","target":"1h")") + "," +
          Entry(R"("resume":"order.exception_cleared","target":"1h")", "u"))),
      (std::vector<std::string>{
          "/sla/0: \"pause\" without \"resume\": expected both, the "
          "events that pause the timer and those that resume it",
          "/sla/1: \"resume\" without \"pause\": expected both, the "
          "events that pause the timer and those that resume it"}));
}

TEST(SlaSection, UnknownCalendar) {
  EXPECT_EQ(Errors(Doc(Entry(R"("target":"1h","calendar":"ofice")"), kOffice)),
            std::vector<std::string>{
                "/sla/0/calendar: expected the name of a calendar of the "
                "policy, one of \"24x7\", \"office\", got \"ofice\""});
  EXPECT_EQ(Errors(Doc(Entry(R"("target":"1h","calendar":null)"))),
            std::vector<std::string>{
                "/sla/0/calendar: expected the name of a calendar of the "
                "policy, one of \"24x7\", got null"});
}

TEST(SlaSection, ABrokenCalendarIsReportedOnceNotAtEachTarget) {
  EXPECT_EQ(Errors(Doc(Entry(R"("target":"1h","calendar":"office")"),
                       R"("calendars":{"office":{"utc_offset":"+8",
                           "week":{"mon":["09:00-17:00"]}}},)")),
            std::vector<std::string>{
                "/calendars/office/utc_offset: expected a UTC offset like "
                "\"+08:00\", got \"+8\""});
}

TEST(SlaSection, ABrokenMilestoneIsReportedOnceNotAtEachTarget) {
  EXPECT_EQ(Errors(Doc(Entry(R"("stop":"order.Plan","target":"1h")"),
                       R"("milestones":{"order":["Plan"]},)")),
            std::vector<std::string>{
                "/milestones/order/0: expected a milestone name of "
                "lower-case letters, digits and \"_\", such as \"plan_sent\", "
                "got \"Plan\""});
}

TEST(SlaSection, WarnAtErrors) {
  EXPECT_EQ(Errors(Doc(Entry(R"("target":"1h","warn_at":0.5)"))),
            std::vector<std::string>{
                "/sla/0/warn_at: expected an array of warning fractions, "
                "ascending, each between 0 and 1, like [0.5, 0.8], got 0.5"});
  const std::string kFraction =
      "expected a fraction strictly between 0 and 1 (to the millionth), got ";
  EXPECT_EQ(
      Errors(Doc(Entry(
          R"("target":"1h","warn_at":[0.5,0.5,0.4,1,0,-0.1,"0.9",null,0.0000004,0.9999996,0.6])"))),
      (std::vector<std::string>{
          "/sla/0/warn_at/1: expected a fraction greater than the one before "
          "it (ascending), got 0.5",
          "/sla/0/warn_at/2: expected a fraction greater than the one before "
          "it (ascending), got 0.4",
          "/sla/0/warn_at/3: " + kFraction + "1",
          "/sla/0/warn_at/4: " + kFraction + "0",
          "/sla/0/warn_at/5: " + kFraction + "-0.1",
          "/sla/0/warn_at/6: " + kFraction + "\"0.9\"",
          "/sla/0/warn_at/7: " + kFraction + "null",
          "/sla/0/warn_at/8: " + kFraction + "4e-07",
          "/sla/0/warn_at/9: " + kFraction + "0.9999996"}));
}

TEST(SlaSection, WarnAtIsNotAllowedOnAQuota) {
  EXPECT_EQ(
      Errors(Doc(Entry(
          R"("warn_at":[0.5],"target":{"count":2,"of":"order.updated","per":"7d"})"))),
      std::vector<std::string>{
          "/sla/0/warn_at: expected no \"warn_at\" on a quota target: "
          "a quota has no single deadline to warn before, got [0.5]"});
}

TEST(SlaSection, AlternativesOfOneIdShareTheEntity) {
  EXPECT_EQ(
      Errors(Doc(
          Entry(R"("target":"1h")", "x") + "," +
          R"({"id":"x","entity":"customer","start":"customer.created","target":"1h"})")),
      std::vector<std::string>{
          "/sla/1/entity: expected entity \"order\", as the target \"x\" at "
          "/sla/0 has (alternatives of one id share the entity), got "
          "\"customer\""});
}

TEST(SlaSection, TargetNotASpec) {
  EXPECT_EQ(
      Errors(Doc(Entry(R"("target":5)"))),
      std::vector<std::string>{"/sla/0/target: " + kAnyTarget + ", got 5"});
  EXPECT_EQ(
      Errors(Doc(Entry(R"("target":{})"))),
      std::vector<std::string>{"/sla/0/target: " + kAnyTarget + ", got {}"});
  EXPECT_EQ(Errors(Doc(Entry(R"("target":{"in":"1h"})"))),
            std::vector<std::string>{
                "/sla/0/target/in: unknown key \"in\"; expected one of "
                "\"at\", \"weekday\", \"day_of_month\", \"months_after\", "
                "\"before\", \"by\", \"every\", \"count\", \"of\", \"per\""});
}

TEST(SlaSection, TargetBadDueSpecIsLocated) {
  EXPECT_EQ(Errors(Doc(Entry(R"("target":"3 days")"))),
            std::vector<std::string>{
                "/sla/0/target: expected a duration like \"1h\", \"30m\", "
                "\"3wd\", \"15d\" or \"1mo\", got \"3 days\": unknown unit "
                "\" days\""});
  EXPECT_EQ(Errors(Doc(Entry(R"("target":{"at":"25:00"})"))),
            std::vector<std::string>{
                "/sla/0/target/at: expected a local time \"HH:MM\" from 00:00 "
                "to 24:00, got \"25:00\""});
  EXPECT_EQ(Errors(Doc(Entry(R"("target":{"day_of_month":32})"))),
            std::vector<std::string>{
                "/sla/0/target/day_of_month: expected a day of the month, a "
                "whole number from 1 to 31, got 32"});
}

TEST(SlaSection, TargetBeforeErrors) {
  EXPECT_EQ(Errors(Doc(Entry(R"("target":{"before":"","by":"2wd"})"))),
            (std::vector<std::string>{
                "/sla/0/target/before: expected the name of the attribute "
                "holding the instant, such as \"departure_at\", got \"\"",
                "/sla/0/target/by: expected a wall-clock duration: a whole "
                "number and \"m\", \"h\" or \"d\", like \"2h\", got \"2wd\": "
                "unknown unit \"wd\""}));
  EXPECT_EQ(Errors(Doc(Entry(R"("target":{"by":2,"at":"17:00"})"))),
            (std::vector<std::string>{
                "/sla/0/target/by: expected a wall-clock duration: a whole "
                "number and \"m\", \"h\" or \"d\", like \"2h\", got 2",
                "/sla/0/target/at: unknown key \"at\"; expected one of "
                "\"before\", \"by\"",
                "/sla/0/target: missing required key \"before\": expected the "
                "name of the attribute holding the instant, such as "
                "\"departure_at\""}));
  EXPECT_EQ(Errors(Doc(Entry(R"("target":{"before":"eta"})"))),
            std::vector<std::string>{
                "/sla/0/target: missing required key \"by\": expected a "
                "wall-clock duration: a whole number and \"m\", \"h\" or "
                "\"d\", like \"2h\""});
}

TEST(SlaSection, TargetEveryErrors) {
  EXPECT_EQ(Errors(Doc(Entry(R"("target":{"every":{"day_of_month":5}})"))),
            std::vector<std::string>{
                "/sla/0/target/every: expected \"months_after\" of at least 1 "
                "(the default is 0) in a recurring spec: a day of the month "
                "repeats in a later month, got {\"day_of_month\":5}"});
  EXPECT_EQ(Errors(Doc(Entry(
                R"("target":{"every":{"day_of_month":5,"months_after":0}})"))),
            std::vector<std::string>{
                "/sla/0/target/every/months_after: expected at least 1 in a "
                "recurring spec: a day of the month repeats in a later month, "
                "got 0"});
  EXPECT_EQ(
      Errors(Doc(Entry(R"("target":{"every":{"before":"eta","by":"1h"}})"))),
      std::vector<std::string>{
          "/sla/0/target/every: expected a due spec to repeat, such as "
          "\"24h\" or {\"at\":\"17:00\"} (\"before\", \"every\" and "
          "quotas do not repeat), got {\"before\":\"eta\",\"by\":\"1h\"}"});
  EXPECT_EQ(Errors(Doc(Entry(R"("target":{"every":"1x","at":"17:00"})"))),
            (std::vector<std::string>{
                "/sla/0/target/every: expected a duration like \"1h\", "
                "\"30m\", \"3wd\", \"15d\" or \"1mo\", got \"1x\": unknown "
                "unit \"x\"",
                "/sla/0/target/at: unknown key \"at\"; expected one of "
                "\"every\""}));
}

TEST(SlaSection, TargetQuotaErrors) {
  EXPECT_EQ(
      Errors(Doc(
          R"({"id":"q","entity":"customer","start":"customer.created",
              "target":{"count":0,"of":"order.created","per":"24h","x":1}})")),
      (std::vector<std::string>{
          "/sla/0/target/count: expected a whole number of events from 1 to "
          "1000000, got 0",
          "/sla/0/target/of: unknown event type \"order.created\" for a "
          "customer target; " +
              kCustomerEvents,
          "/sla/0/target/per: expected a period in calendar days or months, "
          "like \"7d\" or \"1mo\", got \"24h\"",
          "/sla/0/target/x: unknown key \"x\"; expected one of \"count\", "
          "\"of\", \"per\""}));
  EXPECT_EQ(Errors(Doc(Entry(R"("target":{"count":1.5,"of":3,"per":"3wd"})"))),
            (std::vector<std::string>{
                "/sla/0/target/count: expected a whole number of events from "
                "1 to 1000000, got 1.5",
                "/sla/0/target/of: expected an event type "
                "\"<entity>.<event>\" such as \"order.confirmed\", got 3",
                "/sla/0/target/per: expected a period in calendar days or "
                "months, like \"7d\" or \"1mo\", got \"3wd\""}));
  EXPECT_EQ(Errors(Doc(Entry(R"("target":{"of":"order.updated"})"))),
            (std::vector<std::string>{
                "/sla/0/target: missing required key \"count\": expected a "
                "whole number of events from 1 to 1000000",
                "/sla/0/target: missing required key \"per\": expected a "
                "period in calendar days or months, like \"7d\" or \"1mo\""}));
  EXPECT_EQ(Errors(Doc(Entry(R"("target":{"count":3})"))),
            (std::vector<std::string>{
                "/sla/0/target: missing required key \"of\": expected an "
                "event type \"<entity>.<event>\" such as \"order.confirmed\"",
                "/sla/0/target: missing required key \"per\": expected a "
                "period in calendar days or months, like \"7d\" or \"1mo\""}));
}

TEST(SlaSection, ErrorsOfSeveralSectionsStayInDocumentOrder) {
  EXPECT_EQ(Errors(R"({"version":"v",
                       "sla":[{"id":"t","entity":"order","start":"order.x",
                               "target":"1h"}],
                       "milestones":{"order":["created"]},
                       "calendars":{"c":{"utc_offset":"8"}},
                       "late_window":"1w"})"),
            (std::vector<std::string>{
                "/sla/0/start: unknown event type \"order.x\"; " + kOrderEvents,
                "/milestones/order/0: milestone \"created\" would shadow the "
                "order lifecycle event \"order.created\": expected a name "
                "other than \"created\", \"confirmed\", \"assessed\", "
                "\"planned\", \"departed\", \"in_transit\", \"delivered\", "
                "\"signed\", \"receipt_returned\", \"cancelled\", "
                "\"exception\", \"exception_cleared\", \"updated\"",
                "/calendars/c/utc_offset: expected a UTC offset like "
                "\"+08:00\", got \"8\"",
                "/calendars/c: missing key \"week\": expected the weekly open "
                "hours {\"mon\":[\"09:00-18:00\"], ...}; a calendar that is "
                "never open cannot count a deadline",
                "/late_window: expected a wall-clock duration: a whole number "
                "and \"h\" or \"d\", like \"30d\", got \"1w\": unknown unit "
                "\"w\""}));
}

TEST(SlaSection, ParseReturnsTheFirstErrorWithItsPointer) {
  Result<Policy> policy =
      Policy::Parse(Doc(Entry(R"("target":"1h","calendar":"x")") + "," +
                        Entry(R"("target":"1y")")));
  ASSERT_FALSE(policy.ok());
  EXPECT_EQ(policy.status().code(), StatusCode::kInvalidPolicy);
  EXPECT_EQ(policy.status().path(), "/sla/0/calendar");
}

}  // namespace
}  // namespace kefu::policy
