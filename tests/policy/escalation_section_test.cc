// "escalation": ladders of levels and roles, and the targets whose breach
// escalates (src/policy/escalation_section.cc).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "kefu/policy/policy.h"

namespace kefu::policy {
namespace {

std::vector<std::string> Errors(const std::string& section) {
  std::vector<std::string> lines;
  for (const Status& s : Policy::Check(R"({"version":"v","escalation":)" + section + "}"))
    lines.push_back(s.to_string());
  return lines;
}

TEST(EscalationSection, LaddersChosenByWhen) {
  Result<Policy> p = Policy::Parse(R"({"version":"v","escalation":{
      "on_breach":["complaint.solution"],
      "ladders":[
        {"id":"key_account","entity":"complaint","when":{"key_account":true},
         "levels":[{"level":"contact_point","role":"account_manager"},
                   {"level":"regional_response_centre","role":"regional_cs"}]},
        {"id":"complaint","entity":"complaint",
         "levels":[{"level":"frontline","role":"cs_agent"},
                   {"level":"supervisor","role":"cs_supervisor"}]}]}})");
  ASSERT_TRUE(p.ok()) << p.status().to_string();
  const Escalation& e = p->escalation();
  EXPECT_TRUE(e.escalates_on_breach("complaint.solution"));
  EXPECT_FALSE(e.escalates_on_breach("complaint.handling"));
  EXPECT_EQ(e.calendar_name, "24x7");
  ASSERT_NE(e.calendar, nullptr);
  Attributes key;
  key.set("key_account", AttrValue(true));
  EXPECT_EQ(e.ladder_for(EntityKind::kComplaint, key)->id, "key_account");
  EXPECT_EQ(e.ladder_for(EntityKind::kComplaint, Attributes())->id, "complaint");
  EXPECT_EQ(e.ladder_for(EntityKind::kOrder, Attributes()), nullptr);
  EXPECT_EQ(e.ladder_for(EntityKind::kComplaint, Attributes())->index_of("supervisor"), 1u);
}

TEST(EscalationSection, ErrorsNameTheirPointer) {
  EXPECT_EQ(Errors(R"({"ladders":[{"id":"x","entity":"parcel","levels":[]}],"calendar":"nope","on":1})"),
            (std::vector<std::string>{
                R"(/escalation/ladders/0/entity: expected an entity, one of "order", "customer", "claim", "complaint", got "parcel")",
                R"(/escalation/ladders/0/levels: expected a non-empty array of levels [{"level":"frontline","role":"cs_agent"}, ...], got [])",
                R"(/escalation/calendar: expected the name of a calendar of the policy, got "nope")",
                R"(/escalation/on: unknown key "on"; expected one of "on_breach", "calendar", "ladders")"}));
  EXPECT_EQ(Errors(R"({"ladders":[{"id":"x","entity":"complaint","levels":[{"level":"a"},{"level":"b","role":"r"},{"level":"b","role":"s"}]}]})"),
            (std::vector<std::string>{
                R"(/escalation/ladders/0/levels/0: missing required key "role")",
                R"(/escalation/ladders/0/levels/2/level: level "b" is already on this ladder; expected each once)"}));
}

}  // namespace
}  // namespace kefu::policy
