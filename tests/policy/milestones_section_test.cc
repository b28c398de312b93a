// The policy's "milestones" section and the closed set of event types it
// completes (src/policy/milestones_section.cc, Policy::knows_event_type).
#include "policy/milestones_section.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "kefu/policy/policy.h"

namespace kefu::policy {
namespace {

std::vector<std::string> Errors(const std::string& milestones_json) {
  std::vector<std::string> lines;
  for (const Status& s : Policy::Check(R"({"version":"v","milestones":)" +
                                       milestones_json + "}")) {
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

TEST(MilestonesSection, NamesAreKeptSortedPerEntity) {
  Policy policy = Parsed(R"({"version":"v","milestones":{
      "order":["tracking_pushed","plan_sent","pod_2"],
      "customer":["visited"]}})");
  EXPECT_EQ(
      policy.milestones(EntityKind::kOrder),
      (std::vector<std::string>{"plan_sent", "pod_2", "tracking_pushed"}));
  EXPECT_EQ(policy.milestones(EntityKind::kCustomer),
            std::vector<std::string>{"visited"});
}

TEST(MilestonesSection, DefaultsToNone) {
  Policy policy = Parsed(R"({"version":"v"})");
  EXPECT_TRUE(policy.milestones(EntityKind::kOrder).empty());
  EXPECT_TRUE(policy.milestones(EntityKind::kCustomer).empty());
  EXPECT_TRUE(Parsed(R"({"version":"v","milestones":{"order":[]}})")
                  .milestones(EntityKind::kOrder)
                  .empty());
}

TEST(MilestonesSection, KnowsLifecycleEventsAndDeclaredMilestones) {
  Policy policy =
      Parsed(R"({"version":"v","milestones":{"order":["plan_sent"]}})");
  EXPECT_TRUE(policy.knows_event_type("order.created"));
  EXPECT_TRUE(policy.knows_event_type("order.receipt_returned"));
  EXPECT_TRUE(policy.knows_event_type("order.plan_sent"));
  EXPECT_TRUE(policy.knows_event_type("customer.closed"));
  EXPECT_FALSE(policy.knows_event_type("customer.plan_sent"));
  EXPECT_FALSE(policy.knows_event_type("order.closed"));
  EXPECT_FALSE(policy.knows_event_type("order.plan_snt"));
  EXPECT_FALSE(policy.knows_event_type("order."));
  EXPECT_FALSE(policy.knows_event_type("order"));
  EXPECT_FALSE(policy.knows_event_type("created"));
  EXPECT_FALSE(policy.knows_event_type(""));
  EXPECT_FALSE(policy.knows_event_type(".created"));
  EXPECT_FALSE(policy.knows_event_type("Order.created"));
  EXPECT_FALSE(policy.knows_event_type("ordr.created"));
  EXPECT_FALSE(policy.knows_event_type("order.plan_sent.x"));
}

TEST(MilestonesSection, SectionMustBeAnObjectOfKnownEntities) {
  EXPECT_EQ(Errors("[]"),
            std::vector<std::string>{
                "/milestones: expected an object of entities to milestone "
                "names {\"order\":[\"plan_sent\"]}, got []"});
  EXPECT_EQ(Errors(R"({"ordr":["a"],"order":"plan_sent"})"),
            (std::vector<std::string>{
                "/milestones/ordr: unknown entity \"ordr\"; expected one of "
                "\"order\", \"customer\", \"claim\", \"complaint\"",
                "/milestones/order: expected an array of milestone names like "
                "[\"plan_sent\"], got \"plan_sent\""}));
}

TEST(MilestonesSection, NameRules) {
  const std::string kName =
      "expected a milestone name of lower-case letters, digits and \"_\", "
      "such as \"plan_sent\", got ";
  EXPECT_EQ(
      Errors(R"({"customer":["ok","Bad-Name","ok",5,"closed","","a.b"]})"),
      (std::vector<std::string>{
          "/milestones/customer/1: " + kName + "\"Bad-Name\"",
          "/milestones/customer/2: duplicate milestone \"ok\": expected "
          "each name once",
          "/milestones/customer/3: " + kName + "5",
          "/milestones/customer/4: milestone \"closed\" would shadow "
          "the customer lifecycle event \"customer.closed\": expected a "
          "name other than \"created\", \"updated\", \"closed\", "
          "\"close_requested\", \"retained\"",
          "/milestones/customer/5: " + kName + "\"\"",
          "/milestones/customer/6: " + kName + "\"a.b\""}));
}

TEST(MilestonesSection, ANameMayBeALifecycleEventOfAnotherEntity) {
  // "closed" is a customer lifecycle event, not an order one.
  Policy policy =
      Parsed(R"({"version":"v","milestones":{"order":["closed"]}})");
  EXPECT_TRUE(policy.knows_event_type("order.closed"));
}

TEST(MilestonesSection, InvalidNamesAreNotEventTypes) {
  internal::Diagnostics d;
  internal::Milestones m = internal::read_milestones(
      internal::Json::parse(R"({"order":["plan_sent","Plan","created"]})"),
      "/milestones", d);
  EXPECT_EQ(d.size(), 2u);
  EXPECT_EQ(m.names[0], std::vector<std::string>{"plan_sent"});
  // Declared, so the sla section does not report them a second time.
  EXPECT_TRUE(m.declares(EntityKind::kOrder, "Plan"));
  EXPECT_TRUE(m.declares(EntityKind::kOrder, "plan_sent"));
  EXPECT_FALSE(m.declares(EntityKind::kCustomer, "plan_sent"));
}

}  // namespace
}  // namespace kefu::policy
