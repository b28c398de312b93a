// The after-sales, complaint and quality rules of DOMAIN.md (AS-1, AS-2,
// CP-1 .. CP-7, Q-1) under the bundled reference policy: one test per rule
// ID, each a short story whose notifications were worked out by hand from
// DESIGN.md's contracts and the policy entries, never copied from the
// engine's output. docs/rules.md says which entries encode each rule.
//
// Calendars (all +08:00): cn-24x7 always open; office Mon-Fri 08:30-12:00
// and 13:30-18:00 with cn-statutory. The stories run in the week of Monday
// 12 October 2026, after National Day, when every weekday is a working day.
//
// Complaint grades (/complaints/grades, first match wins): major for a
// group complaint or media risk, complex for damage or loss or a claim of
// 5 000 yuan or more, else ordinary. Timers a complaint always has:
// complaint.register from created (1h, warning at 0.5), complaint.handling
// from registered (3 working days ordinary, 7 complex or major, warning at
// 0.8), complaint.solution from registered (24h ordinary, 48h otherwise).
// The stories keep the timers they are not about on time, or end before
// those fall due; the expected lines are the complete output.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engine/rule_story.h"
#include "kefu/policy/vocabulary.h"

namespace kefu::engine {
namespace {

using policy::EntityKind;

nlohmann::json Explained(RuleStory& story, EntityKind kind, const char* key) {
  Result<std::string> text = story.engine().explain(kind, key);
  EXPECT_TRUE(text.ok()) << text.status().to_string();
  return text.ok() ? nlohmann::json::parse(*text) : nlohmann::json();
}

// Ingests one event that must be refused; returns the refusal.
Status Refused(RuleStory& story, std::string_view line) {
  Result<IngestOutcome> r = story.engine().ingest_json(line);
  EXPECT_FALSE(r.ok()) << "accepted: " << line;
  return r.ok() ? Status() : r.status();
}

// AS-1: an after-sales request (return/exchange, claim, inquiry) gets a
// response within 30 minutes: complaint.response, created to accepted,
// 30m of cn-24x7, warning at 0.5. Late: created 10:00, so the warning is at
// 10:15 and the breach at 10:30; accepted only at 10:50. Registration
// (1h) at 10:40 passes its own warning at 10:30 but is on time.
TEST(ReferencePolicy, AS1ResponseWithinThirtyMinutes) {
  RuleStory late;
  late.feed(R"~(
    {"id":"as1-1","type":"complaint.created","at":"2026-10-12T10:00:00+08:00","complaint":"AS-11","order":"WB2001","customer":"C200","attrs":{"request":"inquiry","category":"delay","channel":"hotline"}}
    {"id":"as1-2","type":"complaint.registered","at":"2026-10-12T10:40:00+08:00","complaint":"AS-11"}
    {"id":"as1-3","type":"complaint.accepted","at":"2026-10-12T10:50:00+08:00","complaint":"AS-11"}
  )~");
  late.advance_to("2026-10-12T11:00:00+08:00");
  EXPECT_EQ(late.text(), Lines({
      R"({"kind":"warning","seq":1,"at":"2026-10-12T10:15:00+08:00","sla":"complaint.response","entity":"complaint","key":"AS-11","due":"2026-10-12T10:30:00+08:00","fraction":0.5})",
      R"({"kind":"warning","seq":2,"at":"2026-10-12T10:30:00+08:00","sla":"complaint.register","entity":"complaint","key":"AS-11","due":"2026-10-12T11:00:00+08:00","fraction":0.5})",
      R"({"kind":"breach","seq":3,"at":"2026-10-12T10:30:00+08:00","sla":"complaint.response","entity":"complaint","key":"AS-11","due":"2026-10-12T10:30:00+08:00"})",
  }));

  // On time: registered and accepted before the first warning.
  RuleStory on_time;
  on_time.feed(R"~(
    {"id":"as1-4","type":"complaint.created","at":"2026-10-12T10:00:00+08:00","complaint":"AS-12","customer":"C200","attrs":{"request":"return_exchange","category":"wrong_item","channel":"app"}}
    {"id":"as1-5","type":"complaint.registered","at":"2026-10-12T10:05:00+08:00","complaint":"AS-12"}
    {"id":"as1-6","type":"complaint.accepted","at":"2026-10-12T10:14:00+08:00","complaint":"AS-12"}
    {"id":"as1-7","type":"complaint.created","at":"2026-10-12T10:00:00+08:00","complaint":"AS-13","attrs":{"category":"delay","channel":"website"}}
    {"id":"as1-8","type":"complaint.registered","at":"2026-10-12T10:05:00+08:00","complaint":"AS-13"}
  )~");
  on_time.advance_to("2026-10-12T11:00:00+08:00");
  EXPECT_EQ(on_time.text(), "");
  // A complaint that is not an after-sales request has no response timer.
  EXPECT_EQ(SlasOf(on_time, EntityKind::kComplaint, "AS-13"),
            (std::vector<std::string>{"complaint.register", "complaint.handling",
                                      "complaint.solution"}));
}

// AS-2: damage or loss: site survey and liability within 24 hours, and a
// first remedy plan within 24 hours (wall clock): complaint.survey and
// complaint.remedy_plan from created. Created Monday 15:00: both due
// Tuesday 15:00. Liability at 14:00 is on time; the plan at 16:00 is late.
// The request (a claim) is accepted at 15:10, before AS-1's warning. The
// damage makes the complaint complex: its solution is due in 48h of the
// registration (Wednesday 15:05), after the story.
TEST(ReferencePolicy, AS2SurveyAndRemedyWithinTwentyFourHours) {
  RuleStory story;
  story.feed(R"~(
    {"id":"as2-1","type":"complaint.created","at":"2026-10-12T15:00:00+08:00","complaint":"AS-21","order":"WB2101","customer":"C210","attrs":{"request":"claim","category":"damage","channel":"hotline"}}
    {"id":"as2-2","type":"complaint.registered","at":"2026-10-12T15:05:00+08:00","complaint":"AS-21"}
    {"id":"as2-3","type":"complaint.accepted","at":"2026-10-12T15:10:00+08:00","complaint":"AS-21"}
    {"id":"as2-4","type":"complaint.liability_determined","at":"2026-10-13T14:00:00+08:00","complaint":"AS-21"}
    {"id":"as2-5","type":"complaint.remedy_proposed","at":"2026-10-13T16:00:00+08:00","complaint":"AS-21"}
  )~");
  story.advance_to("2026-10-13T18:00:00+08:00");
  EXPECT_EQ(story.text(), Lines({
      R"({"kind":"breach","seq":1,"at":"2026-10-13T15:00:00+08:00","sla":"complaint.remedy_plan","entity":"complaint","key":"AS-21","due":"2026-10-13T15:00:00+08:00"})",
  }));
  EXPECT_EQ(DueOf(story, EntityKind::kComplaint, "AS-21", "complaint.solution"),
            "2026-10-14T15:05:00+08:00");
  nlohmann::json explained = Explained(story, EntityKind::kComplaint, "AS-21");
  EXPECT_EQ(explained["order"], "WB2101");
  EXPECT_EQ(explained["customer"], "C210");
}

// CP-1: registered within 1 hour (complaint.register, wall clock, warning
// at 0.5), and the handling limit the customer is told: 3 working days for
// an ordinary complaint, 7 for a complex one (complaint.handling on the
// office calendar, close of business of the Nth working day after the
// registration's date), for complaints that came by one of CP-1's
// channels. CP-11 (ordinary) registered Monday 09:20: due
// Thursday 15 October 18:00. CP-12 (damage: complex) registered only at
// 10:30: warning 09:30, breach 10:00; due Wednesday 21 October 18:00.
TEST(ReferencePolicy, CP1RegisteredWithinOneHour) {
  RuleStory story;
  story.feed(R"~(
    {"id":"cp1-1","type":"complaint.created","at":"2026-10-12T09:00:00+08:00","complaint":"CP-11","attrs":{"category":"delay","channel":"hotline"}}
    {"id":"cp1-2","type":"complaint.created","at":"2026-10-12T09:00:00+08:00","complaint":"CP-12","attrs":{"category":"damage","channel":"service_hall"}}
    {"id":"cp1-3","type":"complaint.registered","at":"2026-10-12T09:20:00+08:00","complaint":"CP-11"}
    {"id":"cp1-4","type":"complaint.registered","at":"2026-10-12T10:30:00+08:00","complaint":"CP-12"}
  )~");
  story.advance_to("2026-10-12T11:00:00+08:00");
  EXPECT_EQ(story.text(), Lines({
      R"({"kind":"warning","seq":1,"at":"2026-10-12T09:30:00+08:00","sla":"complaint.register","entity":"complaint","key":"CP-12","due":"2026-10-12T10:00:00+08:00","fraction":0.5})",
      R"({"kind":"breach","seq":2,"at":"2026-10-12T10:00:00+08:00","sla":"complaint.register","entity":"complaint","key":"CP-12","due":"2026-10-12T10:00:00+08:00"})",
  }));
  EXPECT_EQ(DueOf(story, EntityKind::kComplaint, "CP-11", "complaint.handling"),
            "2026-10-15T18:00:00+08:00");
  EXPECT_EQ(DueOf(story, EntityKind::kComplaint, "CP-12", "complaint.handling"),
            "2026-10-21T18:00:00+08:00");
  // The channels are CP-1's five (/complaints/channels); another is refused.
  Result<IngestOutcome> fax = story.engine().ingest_json(
      R"({"id":"cp1-5","type":"complaint.created","at":"2026-10-12T11:00:00+08:00","complaint":"CP-13","attrs":{"channel":"fax"}})");
  ASSERT_FALSE(fax.ok());
  EXPECT_EQ(fax.status().path(), "/attrs/channel");
  EXPECT_NE(fax.status().message().find(
                R"(unknown channel "fax"; expected one of "hotline", "website", "app", "account_manager", "service_hall")"),
            std::string::npos)
      << fax.status().message();
  EXPECT_FALSE(story.engine().timers_of(EntityKind::kComplaint, "CP-13").ok());
}

// CP-2: graded handling. The grade is computed at registration from the
// policy's rules. Ordinary CP-21: a solution within 24h of registration
// (Tuesday 09:10); none comes, so the breach escalates it one level, to the
// supervisor. Complex CP-22 (a claim of 8 000 yuan): 48h, met on Tuesday.
// Major CP-23 (a group complaint): the GM is told within 30 minutes and an
// emergency team formed within 2 hours (warning at 0.5), and progress is
// reported at least every 24 hours; all on time.
TEST(ReferencePolicy, CP2GradedHandling) {
  RuleStory story;
  story.feed(R"~(
    {"id":"cp2-1","type":"complaint.created","at":"2026-10-12T09:00:00+08:00","complaint":"CP-21","attrs":{"category":"delay"}}
    {"id":"cp2-2","type":"complaint.created","at":"2026-10-12T09:00:00+08:00","complaint":"CP-22","attrs":{"category":"delay","claimed_cents":800000}}
    {"id":"cp2-3","type":"complaint.created","at":"2026-10-12T09:00:00+08:00","complaint":"CP-23","attrs":{"category":"delay","group_complaint":true}}
    {"id":"cp2-4","type":"complaint.registered","at":"2026-10-12T09:10:00+08:00","complaint":"CP-21"}
    {"id":"cp2-5","type":"complaint.registered","at":"2026-10-12T09:10:00+08:00","complaint":"CP-22"}
    {"id":"cp2-6","type":"complaint.registered","at":"2026-10-12T09:10:00+08:00","complaint":"CP-23"}
    {"id":"cp2-7","type":"complaint.reported_to_gm","at":"2026-10-12T09:30:00+08:00","complaint":"CP-23"}
    {"id":"cp2-8","type":"complaint.team_formed","at":"2026-10-12T10:05:00+08:00","complaint":"CP-23"}
    {"id":"cp2-9","type":"complaint.progress_reported","at":"2026-10-12T16:00:00+08:00","complaint":"CP-23"}
    {"id":"cp2-10","type":"complaint.solution_proposed","at":"2026-10-13T08:00:00+08:00","complaint":"CP-22"}
  )~");
  story.advance_to("2026-10-13T10:00:00+08:00");
  EXPECT_EQ(story.text(), Lines({
      R"({"kind":"breach","seq":1,"at":"2026-10-13T09:10:00+08:00","sla":"complaint.solution","entity":"complaint","key":"CP-21","due":"2026-10-13T09:10:00+08:00"})",
      R"({"kind":"escalation","seq":2,"at":"2026-10-13T09:10:00+08:00","sla":"complaint.solution","entity":"complaint","key":"CP-21","due":"2026-10-13T09:10:00+08:00","level":"supervisor","role":"cs_supervisor"})",
  }));
  EXPECT_EQ(Explained(story, EntityKind::kComplaint, "CP-21")["grade"]["value"], "ordinary");
  EXPECT_EQ(Explained(story, EntityKind::kComplaint, "CP-22")["grade"]["rule"],
            "/complaints/grades/3");
  EXPECT_EQ(Explained(story, EntityKind::kComplaint, "CP-23")["grade"]["value"], "major");
  EXPECT_EQ(SlasOf(story, EntityKind::kComplaint, "CP-23"),
            (std::vector<std::string>{"complaint.register", "complaint.handling",
                                      "complaint.solution", "complaint.gm_report",
                                      "complaint.emergency_team", "complaint.progress"}));
  EXPECT_EQ(DueOf(story, EntityKind::kComplaint, "CP-23", "complaint.progress"),
            "2026-10-13T16:00:00+08:00");
}

// CP-2, re-grade: complaint.regraded sets the grade, and the open timers
// re-target with the time elapsed kept. CP-24, ordinary, registered Monday
// 09:10, becomes complex at 11:00: the solution moves from 24h to 48h
// (Wednesday 09:10), the handling from 3 to 7 working days (Wednesday 21
// October 18:00), and explain shows the switch. CP-25 becomes major at
// 10:00: the GM report (30 minutes) starts then and breaches at 10:30.
TEST(ReferencePolicy, CP2RegradeRetargetsOpenTimers) {
  RuleStory story;
  story.feed(R"~(
    {"id":"rg-1","type":"complaint.created","at":"2026-10-12T09:00:00+08:00","complaint":"CP-24","attrs":{"category":"delay"}}
    {"id":"rg-2","type":"complaint.created","at":"2026-10-12T09:00:00+08:00","complaint":"CP-25","attrs":{"category":"delay"}}
    {"id":"rg-3","type":"complaint.registered","at":"2026-10-12T09:10:00+08:00","complaint":"CP-24"}
    {"id":"rg-4","type":"complaint.registered","at":"2026-10-12T09:10:00+08:00","complaint":"CP-25"}
    {"id":"rg-5","type":"complaint.regraded","at":"2026-10-12T10:00:00+08:00","complaint":"CP-25","attrs":{"grade":"major","media_risk":true}}
    {"id":"rg-6","type":"complaint.team_formed","at":"2026-10-12T10:50:00+08:00","complaint":"CP-25"}
    {"id":"rg-7","type":"complaint.regraded","at":"2026-10-12T11:00:00+08:00","complaint":"CP-24","attrs":{"grade":"complex"}}
  )~");
  story.advance_to("2026-10-12T11:00:00+08:00");
  EXPECT_EQ(story.text(), Lines({
      R"({"kind":"breach","seq":1,"at":"2026-10-12T10:30:00+08:00","sla":"complaint.gm_report","entity":"complaint","key":"CP-25","due":"2026-10-12T10:30:00+08:00"})",
  }));
  EXPECT_EQ(DueOf(story, EntityKind::kComplaint, "CP-24", "complaint.solution"),
            "2026-10-14T09:10:00+08:00");
  EXPECT_EQ(DueOf(story, EntityKind::kComplaint, "CP-24", "complaint.handling"),
            "2026-10-21T18:00:00+08:00");
  nlohmann::json explained = Explained(story, EntityKind::kComplaint, "CP-24");
  EXPECT_EQ(explained["grade"]["value"], "complex");
  EXPECT_EQ(explained["grade"]["why"], "set by an event, not by the rules");
  bool retargeted = false;
  for (const auto& timer : explained["timers"])
    if (timer["sla"] == "complaint.solution")
      for (const auto& entry : timer["log"])
        if (entry["what"] == "retargeted" && entry["event"] == "rg-7") retargeted = true;
  EXPECT_TRUE(retargeted) << explained.dump(2);
}

// Bad input: an unknown grade is refused with the pointer /attrs/grade, at
// registration and at a re-grade; a grade set by anything but
// complaint.regraded is refused; lifecycle events out of order are refused
// naming the state. A refused event changes nothing.
TEST(ReferencePolicy, CP2UnknownGradeAndOutOfOrderEventsAreRefused) {
  RuleStory story;
  story.feed(R"~(
    {"id":"bad-1","type":"complaint.created","at":"2026-10-12T09:00:00+08:00","complaint":"CP-26","attrs":{"category":"delay"}}
    {"id":"bad-2","type":"complaint.registered","at":"2026-10-12T09:10:00+08:00","complaint":"CP-26"}
  )~");
  Status unknown = Refused(story, R"({"id":"bad-3","type":"complaint.regraded","at":"2026-10-12T10:00:00+08:00","complaint":"CP-26","attrs":{"grade":"urgent"}})");
  EXPECT_EQ(unknown.path(), "/attrs/grade");
  EXPECT_EQ(unknown.event_id(), "bad-3");
  EXPECT_EQ(unknown.entity(), "complaint:CP-26");
  EXPECT_NE(unknown.message().find(R"(unknown grade "urgent"; expected one of "major", "complex", "ordinary")"),
            std::string::npos) << unknown.message();
  Status at_creation = Refused(story, R"({"id":"bad-4","type":"complaint.created","at":"2026-10-12T10:00:00+08:00","complaint":"CP-27","attrs":{"grade":"severe"}})");
  EXPECT_EQ(at_creation.path(), "/attrs/grade");
  Status by_update = Refused(story, R"({"id":"bad-5","type":"complaint.updated","at":"2026-10-12T10:00:00+08:00","complaint":"CP-26","attrs":{"grade":"complex"}})");
  EXPECT_EQ(by_update.path(), "/attrs/grade");
  Status no_grade = Refused(story, R"({"id":"bad-6","type":"complaint.regraded","at":"2026-10-12T10:00:00+08:00","complaint":"CP-26"})");
  EXPECT_EQ(no_grade.path(), "/attrs/grade");
  Status out_of_order = Refused(story, R"({"id":"bad-7","type":"complaint.feedback_sent","at":"2026-10-12T10:00:00+08:00","complaint":"CP-26"})");
  EXPECT_EQ(out_of_order.code(), StatusCode::kRefused);
  EXPECT_NE(out_of_order.message().find("complaint:CP-26 in state registered cannot take complaint.feedback_sent"),
            std::string::npos) << out_of_order.message();
  // Nothing changed: the grade and the dues are those of an ordinary
  // complaint, and CP-27 does not exist.
  EXPECT_EQ(Explained(story, EntityKind::kComplaint, "CP-26")["grade"]["value"], "ordinary");
  EXPECT_EQ(DueOf(story, EntityKind::kComplaint, "CP-26", "complaint.solution"),
            "2026-10-13T09:10:00+08:00");
  EXPECT_FALSE(story.engine().timers_of(EntityKind::kComplaint, "CP-27").ok());
}

// CP-3: the result is fed back in writing within 24 hours of the end of
// handling (complaint.feedback, resolved to feedback_sent). Resolved
// Monday 14:00, fed back Tuesday 15:00: breach Tuesday 14:00. The second
// evaluation follows. The return visit (CP-4) is due a month after.
TEST(ReferencePolicy, CP3FeedbackWithinTwentyFourHours) {
  RuleStory story;
  story.feed(R"~(
    {"id":"cp3-1","type":"complaint.created","at":"2026-10-12T09:00:00+08:00","complaint":"CP-31","attrs":{"category":"delay"}}
    {"id":"cp3-2","type":"complaint.registered","at":"2026-10-12T09:10:00+08:00","complaint":"CP-31"}
    {"id":"cp3-3","type":"complaint.accepted","at":"2026-10-12T09:20:00+08:00","complaint":"CP-31"}
    {"id":"cp3-4","type":"complaint.solution_proposed","at":"2026-10-12T10:00:00+08:00","complaint":"CP-31"}
    {"id":"cp3-5","type":"complaint.resolved","at":"2026-10-12T14:00:00+08:00","complaint":"CP-31"}
    {"id":"cp3-6","type":"complaint.feedback_sent","at":"2026-10-13T15:00:00+08:00","complaint":"CP-31"}
    {"id":"cp3-7","type":"complaint.evaluated","at":"2026-10-13T16:00:00+08:00","complaint":"CP-31","attrs":{"satisfaction":88}}
  )~");
  story.advance_to("2026-10-13T18:00:00+08:00");
  EXPECT_EQ(story.text(), Lines({
      R"({"kind":"breach","seq":1,"at":"2026-10-13T14:00:00+08:00","sla":"complaint.feedback","entity":"complaint","key":"CP-31","due":"2026-10-13T14:00:00+08:00"})",
  }));
  EXPECT_EQ(DueOf(story, EntityKind::kComplaint, "CP-31", "complaint.return_visit"),
            "2026-11-13T00:00:00+08:00");
}

// CP-4: a return visit within one month after handling ends
// (complaint.return_visit, resolved to return_visited, 1mo of cn-24x7,
// warning at 0.8). Resolved Monday 12 October 14:00: the last day is 12
// November, so it is due at its 24:00 (13 November 00:00). The target spans
// 31 days 10 hours = 754 h; 0.8 of it is 603 h 12 min: 6 November 17:12.
// CP-42 is visited on 2 November and closed: nothing.
TEST(ReferencePolicy, CP4ReturnVisitWithinOneMonth) {
  RuleStory story;
  story.feed(R"~(
    {"id":"cp4-1","type":"complaint.created","at":"2026-10-12T09:00:00+08:00","complaint":"CP-41","attrs":{"category":"delay"}}
    {"id":"cp4-2","type":"complaint.created","at":"2026-10-12T09:00:00+08:00","complaint":"CP-42","attrs":{"category":"delay"}}
    {"id":"cp4-3","type":"complaint.registered","at":"2026-10-12T09:10:00+08:00","complaint":"CP-41"}
    {"id":"cp4-4","type":"complaint.registered","at":"2026-10-12T09:10:00+08:00","complaint":"CP-42"}
    {"id":"cp4-5","type":"complaint.accepted","at":"2026-10-12T09:20:00+08:00","complaint":"CP-41"}
    {"id":"cp4-6","type":"complaint.accepted","at":"2026-10-12T09:20:00+08:00","complaint":"CP-42"}
    {"id":"cp4-7","type":"complaint.resolved","at":"2026-10-12T14:00:00+08:00","complaint":"CP-41"}
    {"id":"cp4-8","type":"complaint.resolved","at":"2026-10-12T14:00:00+08:00","complaint":"CP-42"}
    {"id":"cp4-9","type":"complaint.feedback_sent","at":"2026-10-12T16:00:00+08:00","complaint":"CP-41"}
    {"id":"cp4-10","type":"complaint.feedback_sent","at":"2026-10-12T16:00:00+08:00","complaint":"CP-42"}
    {"id":"cp4-11","type":"complaint.return_visited","at":"2026-11-02T10:00:00+08:00","complaint":"CP-42"}
    {"id":"cp4-12","type":"complaint.closed","at":"2026-11-02T11:00:00+08:00","complaint":"CP-42"}
  )~");
  story.advance_to("2026-11-13T01:00:00+08:00");
  EXPECT_EQ(story.text(), Lines({
      R"({"kind":"warning","seq":1,"at":"2026-11-06T17:12:00+08:00","sla":"complaint.return_visit","entity":"complaint","key":"CP-41","due":"2026-11-13T00:00:00+08:00","fraction":0.8})",
      R"({"kind":"breach","seq":2,"at":"2026-11-13T00:00:00+08:00","sla":"complaint.return_visit","entity":"complaint","key":"CP-41","due":"2026-11-13T00:00:00+08:00"})",
  }));
}

// CP-5: a major complaint the departments cannot settle goes to the GM's
// coordination meeting (complaint.coordination, departments_deadlocked to
// meeting_held, 1 working day of the office). Deadlocked Tuesday 10:00: due
// at close of business Wednesday, 18:00; the meeting on Thursday is late.
// An ordinary complaint has no such timer.
TEST(ReferencePolicy, CP5CoordinationMeetingForMajorComplaints) {
  RuleStory story;
  story.feed(R"~(
    {"id":"cp5-1","type":"complaint.created","at":"2026-10-12T09:00:00+08:00","complaint":"CP-51","attrs":{"category":"delay","media_risk":true}}
    {"id":"cp5-2","type":"complaint.created","at":"2026-10-12T09:00:00+08:00","complaint":"CP-52","attrs":{"category":"delay"}}
    {"id":"cp5-3","type":"complaint.registered","at":"2026-10-12T09:10:00+08:00","complaint":"CP-51"}
    {"id":"cp5-4","type":"complaint.registered","at":"2026-10-12T09:10:00+08:00","complaint":"CP-52"}
    {"id":"cp5-5","type":"complaint.reported_to_gm","at":"2026-10-12T09:20:00+08:00","complaint":"CP-51"}
    {"id":"cp5-6","type":"complaint.team_formed","at":"2026-10-12T09:40:00+08:00","complaint":"CP-51"}
    {"id":"cp5-7","type":"complaint.solution_proposed","at":"2026-10-12T16:00:00+08:00","complaint":"CP-52"}
    {"id":"cp5-8","type":"complaint.progress_reported","at":"2026-10-12T16:00:00+08:00","complaint":"CP-51"}
    {"id":"cp5-9","type":"complaint.departments_deadlocked","at":"2026-10-13T10:00:00+08:00","complaint":"CP-51"}
    {"id":"cp5-10","type":"complaint.departments_deadlocked","at":"2026-10-13T10:00:00+08:00","complaint":"CP-52"}
    {"id":"cp5-11","type":"complaint.progress_reported","at":"2026-10-13T15:00:00+08:00","complaint":"CP-51"}
    {"id":"cp5-12","type":"complaint.solution_proposed","at":"2026-10-13T17:00:00+08:00","complaint":"CP-51"}
    {"id":"cp5-13","type":"complaint.progress_reported","at":"2026-10-14T14:00:00+08:00","complaint":"CP-51"}
    {"id":"cp5-14","type":"complaint.meeting_held","at":"2026-10-15T09:00:00+08:00","complaint":"CP-51"}
  )~");
  story.advance_to("2026-10-15T10:00:00+08:00");
  EXPECT_EQ(story.text(), Lines({
      R"({"kind":"breach","seq":1,"at":"2026-10-14T18:00:00+08:00","sla":"complaint.coordination","entity":"complaint","key":"CP-51","due":"2026-10-14T18:00:00+08:00"})",
  }));
  std::vector<std::string> ordinary = SlasOf(story, EntityKind::kComplaint, "CP-52");
  EXPECT_EQ(std::count(ordinary.begin(), ordinary.end(), "complaint.coordination"), 0);
}

// CP-6: escalation goes one level at a time; in an emergency a level may
// be skipped, and the skipped level is informed afterwards. CP-61 climbs
// frontline -> supervisor -> general manager by two complaint.escalated
// events; a third is refused (the top). CP-62 asks to jump from frontline
// to the GM: refused without "emergency":true (nothing changes); with it,
// the GM is notified and then the skipped supervisor, marked skipped.
TEST(ReferencePolicy, CP6EscalationOneLevelAtATimeEmergencySkipInforms) {
  RuleStory story;
  story.feed(R"~(
    {"id":"cp6-1","type":"complaint.created","at":"2026-10-12T09:00:00+08:00","complaint":"CP-61","attrs":{"category":"delay"}}
    {"id":"cp6-2","type":"complaint.created","at":"2026-10-12T09:00:00+08:00","complaint":"CP-62","attrs":{"category":"delay"}}
    {"id":"cp6-8","type":"complaint.registered","at":"2026-10-12T09:10:00+08:00","complaint":"CP-61"}
    {"id":"cp6-9","type":"complaint.registered","at":"2026-10-12T09:10:00+08:00","complaint":"CP-62"}
    {"id":"cp6-3","type":"complaint.escalated","at":"2026-10-12T10:00:00+08:00","complaint":"CP-61"}
    {"id":"cp6-4","type":"complaint.escalated","at":"2026-10-12T10:30:00+08:00","complaint":"CP-61","attrs":{"level":"general_manager"}}
  )~");
  Status top = Refused(story, R"({"id":"cp6-5","type":"complaint.escalated","at":"2026-10-12T10:40:00+08:00","complaint":"CP-61"})");
  EXPECT_NE(top.message().find(R"(already at the top level "general_manager")"), std::string::npos)
      << top.message();
  Status skip = Refused(story, R"({"id":"cp6-6","type":"complaint.escalated","at":"2026-10-12T10:45:00+08:00","complaint":"CP-62","attrs":{"level":"general_manager"}})");
  EXPECT_EQ(skip.path(), "/attrs/level");
  EXPECT_NE(skip.message().find(R"(escalation goes one level at a time: from "frontline" the next is "supervisor")"),
            std::string::npos) << skip.message();
  EXPECT_EQ(Explained(story, EntityKind::kComplaint, "CP-62")["escalation"]["level"], "frontline");
  story.feed(R"~(
    {"id":"cp6-7","type":"complaint.escalated","at":"2026-10-12T11:00:00+08:00","complaint":"CP-62","attrs":{"level":"general_manager","emergency":true}}
  )~");
  story.advance_to("2026-10-12T11:00:00+08:00");
  EXPECT_EQ(story.text(), Lines({
      R"({"kind":"escalation","seq":1,"at":"2026-10-12T10:00:00+08:00","sla":"escalation.complaint","entity":"complaint","key":"CP-61","due":"2026-10-12T10:00:00+08:00","level":"supervisor","role":"cs_supervisor","event":"cp6-3"})",
      R"({"kind":"escalation","seq":2,"at":"2026-10-12T10:30:00+08:00","sla":"escalation.complaint","entity":"complaint","key":"CP-61","due":"2026-10-12T10:30:00+08:00","level":"general_manager","role":"general_manager","event":"cp6-4"})",
      R"({"kind":"escalation","seq":3,"at":"2026-10-12T11:00:00+08:00","sla":"escalation.complaint","entity":"complaint","key":"CP-62","due":"2026-10-12T11:00:00+08:00","level":"general_manager","role":"general_manager","event":"cp6-7"})",
      R"({"kind":"escalation","seq":4,"at":"2026-10-12T11:00:00+08:00","sla":"escalation.complaint","entity":"complaint","key":"CP-62","due":"2026-10-12T11:00:00+08:00","level":"supervisor","role":"cs_supervisor","skipped":true,"event":"cp6-7"})",
  }));
  nlohmann::json gm = Explained(story, EntityKind::kComplaint, "CP-62")["escalation"];
  EXPECT_EQ(gm["level"], "general_manager");
  EXPECT_EQ(gm["rung"], 3);
}

// CP-7: a key account's complaint climbs its own ladder: contact point,
// regional response centre, key-account support team. CP-71's solution
// (ordinary, 24h from Monday 09:10) breaches on Tuesday 09:10 and moves it
// to the regional centre; an escalated event at 10:00 moves it to the
// key-account team.
TEST(ReferencePolicy, CP7KeyAccountLadder) {
  RuleStory story;
  story.feed(R"~(
    {"id":"cp7-1","type":"complaint.created","at":"2026-10-12T09:00:00+08:00","complaint":"CP-71","customer":"C700","attrs":{"category":"delay","key_account":true}}
    {"id":"cp7-2","type":"complaint.registered","at":"2026-10-12T09:10:00+08:00","complaint":"CP-71"}
    {"id":"cp7-3","type":"complaint.escalated","at":"2026-10-13T10:00:00+08:00","complaint":"CP-71"}
  )~");
  story.advance_to("2026-10-13T12:00:00+08:00");
  EXPECT_EQ(story.text(), Lines({
      R"({"kind":"breach","seq":1,"at":"2026-10-13T09:10:00+08:00","sla":"complaint.solution","entity":"complaint","key":"CP-71","due":"2026-10-13T09:10:00+08:00"})",
      R"({"kind":"escalation","seq":2,"at":"2026-10-13T09:10:00+08:00","sla":"complaint.solution","entity":"complaint","key":"CP-71","due":"2026-10-13T09:10:00+08:00","level":"regional_response_centre","role":"regional_cs"})",
      R"({"kind":"escalation","seq":3,"at":"2026-10-13T10:00:00+08:00","sla":"escalation.key_account","entity":"complaint","key":"CP-71","due":"2026-10-13T10:00:00+08:00","level":"key_account_support","role":"key_account_team","event":"cp7-3"})",
  }));
  EXPECT_EQ(Explained(story, EntityKind::kComplaint, "CP-71")["escalation"]["ladder"],
            "key_account");
  EXPECT_EQ(Explained(story, EntityKind::kComplaint, "CP-71")["customer"], "C700");
}

// Q-1: an order scored below 80 in satisfaction triggers a case review
// (order.case_review, started by the order.updated that carries the score,
// 3 working days of the office). Scored 72 on Monday 10:00: due Thursday
// 18:00; reviewed Friday: breach. A score of 90 starts nothing.
TEST(ReferencePolicy, Q1CaseReviewBelowEighty) {
  RuleStory story;
  story.feed(R"~(
    {"id":"q1-1","type":"order.created","at":"2026-10-12T09:00:00+08:00","order":"WB-Q1"}
    {"id":"q1-2","type":"order.created","at":"2026-10-12T09:00:00+08:00","order":"WB-Q2"}
    {"id":"q1-3","type":"order.confirmed","at":"2026-10-12T09:30:00+08:00","order":"WB-Q1"}
    {"id":"q1-4","type":"order.confirmed","at":"2026-10-12T09:30:00+08:00","order":"WB-Q2"}
    {"id":"q1-5","type":"order.updated","at":"2026-10-12T10:00:00+08:00","order":"WB-Q1","attrs":{"satisfaction":72}}
    {"id":"q1-6","type":"order.updated","at":"2026-10-12T10:00:00+08:00","order":"WB-Q2","attrs":{"satisfaction":90}}
    {"id":"q1-7","type":"order.case_reviewed","at":"2026-10-16T09:00:00+08:00","order":"WB-Q1"}
  )~");
  story.advance_to("2026-10-16T10:00:00+08:00");
  EXPECT_EQ(story.text(), Lines({
      R"({"kind":"breach","seq":1,"at":"2026-10-15T18:00:00+08:00","sla":"order.case_review","entity":"order","key":"WB-Q1","due":"2026-10-15T18:00:00+08:00"})",
  }));
  EXPECT_EQ(SlasOf(story, EntityKind::kOrder, "WB-Q2"),
            (std::vector<std::string>{"order.confirm"}));
}

}  // namespace
}  // namespace kefu::engine

namespace kefu::engine {
namespace {

// A late event undoes an escalation it makes wrong: CP-81's solution
// breached on Tuesday 09:10 and escalated it to the supervisor; then the
// solution proposed on Monday 16:00 arrives late. Both notifications are
// withdrawn (corrections, in the order they were released) and the
// complaint is back on the frontline.
TEST(ReferencePolicy, CP6LateEventCorrectsAnEscalation) {
  RuleStory story;
  story.feed(R"~(
    {"id":"cp8-1","type":"complaint.created","at":"2026-10-12T09:00:00+08:00","complaint":"CP-81","attrs":{"category":"delay"}}
    {"id":"cp8-2","type":"complaint.registered","at":"2026-10-12T09:10:00+08:00","complaint":"CP-81"}
  )~");
  story.advance_to("2026-10-13T10:00:00+08:00");
  Result<IngestOutcome> late = story.engine().ingest_json(
      R"({"id":"cp8-3","type":"complaint.solution_proposed","at":"2026-10-12T16:00:00+08:00","complaint":"CP-81"})");
  ASSERT_TRUE(late.ok()) << late.status().to_string();
  story.advance_to("2026-10-13T10:00:00+08:00");
  EXPECT_EQ(story.text(), Lines({
      R"({"kind":"breach","seq":1,"at":"2026-10-13T09:10:00+08:00","sla":"complaint.solution","entity":"complaint","key":"CP-81","due":"2026-10-13T09:10:00+08:00"})",
      R"({"kind":"escalation","seq":2,"at":"2026-10-13T09:10:00+08:00","sla":"complaint.solution","entity":"complaint","key":"CP-81","due":"2026-10-13T09:10:00+08:00","level":"supervisor","role":"cs_supervisor"})",
      R"({"kind":"correction","seq":3,"at":"2026-10-13T09:10:00+08:00","sla":"complaint.solution","entity":"complaint","key":"CP-81","due":"2026-10-13T09:10:00+08:00","event":"cp8-3","corrects":1})",
      R"({"kind":"correction","seq":4,"at":"2026-10-13T09:10:00+08:00","sla":"complaint.solution","entity":"complaint","key":"CP-81","due":"2026-10-13T09:10:00+08:00","event":"cp8-3","corrects":2})",
  }));
  EXPECT_EQ(Explained(story, EntityKind::kComplaint, "CP-81")["escalation"]["level"], "frontline");
}

}  // namespace
}  // namespace kefu::engine
