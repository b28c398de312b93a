// A rule story: the bundled reference policy, one engine, and what the
// engine told its host, as JSON lines. The rule tests
// (reference_order_rules_test.cc) replay short stories of events through it
// and compare the notifications with ones worked out by hand.
//
// feed() replays events the way `kefu replay` does (DESIGN.md, "The command
// line"): before an event at t the engine advances to t - 1s, so an event at
// a due instant is on time; every event must be accepted.
//
// Example:
//   RuleStory story;
//   story.feed(R"~(
//     {"id":"e1","type":"order.created","at":"2026-10-01T23:30:00+08:00","order":"WB1"}
//     {"id":"e2","type":"order.confirmed","at":"2026-10-02T00:10:00+08:00","order":"WB1"}
//   )~");
//   story.advance_to("2026-10-02T06:00:00+08:00");
//   EXPECT_EQ(story.text(), "...");  // one notification a line
//
// Thread safety: none; one story per test.
#ifndef KEFU_TESTS_ENGINE_RULE_STORY_H_
#define KEFU_TESTS_ENGINE_RULE_STORY_H_

#include <gtest/gtest.h>

#include <chrono>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kefu/domain/event.h"
#include "kefu/engine/engine.h"
#include "kefu/engine/notification.h"
#include "kefu/policy/policy.h"
#include "kefu/time/instant.h"

namespace kefu::engine {

class RuleStory {
 public:
  // Loads examples/policies/reference.json afresh, so each story starts
  // from an engine that has seen nothing (seq numbers start at 1).
  RuleStory() {
    Result<policy::Policy> policy =
        policy::Policy::Load(KEFU_SOURCE_DIR "/examples/policies/reference.json");
    if (!policy.ok()) {
      ADD_FAILURE() << "reference policy: " << policy.status().to_string();
      return;
    }
    engine_.emplace(std::move(policy).value());
  }

  // A story under another policy, given as its JSON text (a variant the
  // rules say is expressible in the same language).
  explicit RuleStory(std::string_view policy_json) {
    Result<policy::Policy> policy = policy::Policy::Parse(policy_json);
    if (!policy.ok()) {
      ADD_FAILURE() << "policy: " << policy.status().to_string();
      return;
    }
    engine_.emplace(std::move(policy).value());
  }

  // Replays JSONL events, one a line (blank lines and surrounding spaces are
  // ignored): for each, advances to one second before it, then ingests it.
  void feed(std::string_view jsonl) {
    while (!jsonl.empty()) {
      std::size_t end = jsonl.find('\n');
      std::string_view line = jsonl.substr(0, end);
      jsonl = end == std::string_view::npos ? std::string_view() : jsonl.substr(end + 1);
      line = trim(line);
      if (!line.empty()) feed_line(line);
    }
  }

  // Advances to an ISO 8601 instant (inclusive), collecting notifications.
  void advance_to(std::string_view iso) {
    Result<time::Instant> at = time::parse_instant(iso);
    if (!at.ok()) {
      ADD_FAILURE() << "bad instant " << iso << ": " << at.status().to_string();
      return;
    }
    advance(*at);
  }

  // Every notification so far, as to_json lines.
  const std::vector<std::string>& notifications() const { return lines_; }

  // The notifications joined by '\n' (no trailing newline), so a failed
  // comparison prints a line diff.
  std::string text() const { return join(lines_); }

  // For queries (timers_of, explain).
  Engine& engine() { return *engine_; }

  static std::string join(const std::vector<std::string>& lines) {
    std::string out;
    for (const std::string& line : lines) {
      if (!out.empty()) out += '\n';
      out += line;
    }
    return out;
  }

 private:
  static std::string_view trim(std::string_view s) {
    const char* kSpace = " \t\r";
    std::size_t first = s.find_first_not_of(kSpace);
    if (first == std::string_view::npos) return {};
    return s.substr(first, s.find_last_not_of(kSpace) - first + 1);
  }

  void feed_line(std::string_view line) {
    if (!engine_) {
      ADD_FAILURE() << "no engine (the reference policy did not load)";
      return;
    }
    Result<domain::Event> event = domain::parse_event(line);
    if (!event.ok()) {
      ADD_FAILURE() << "refused by the parser: " << line << "\n"
                    << event.status().to_string();
      return;
    }
    advance(event->at - std::chrono::seconds(1));
    Result<IngestOutcome> outcome = engine_->ingest(std::move(event).value());
    if (!outcome.ok()) {
      ADD_FAILURE() << "refused: " << line << "\n" << outcome.status().to_string();
    } else if (*outcome != IngestOutcome::kAccepted) {
      ADD_FAILURE() << "not accepted (duplicate): " << line;
    }
  }

  void advance(time::Instant at) {
    if (!engine_) return;
    for (const Notification& n : engine_->advance(at)) lines_.push_back(to_json(n));
  }

  std::optional<Engine> engine_;
  std::vector<std::string> lines_;
};

// Expected notification lines, joined as RuleStory::text() joins them.
inline std::string Lines(std::initializer_list<std::string_view> lines) {
  std::vector<std::string> v(lines.begin(), lines.end());
  return RuleStory::join(v);
}

// The SLA ids of an entity's timers, in start order.
inline std::vector<std::string> SlasOf(RuleStory& story, policy::EntityKind kind,
                                const char* key) {
  std::vector<std::string> ids;
  Result<std::vector<TimerView>> timers = story.engine().timers_of(kind, key);
  EXPECT_TRUE(timers.ok()) << timers.status().to_string();
  if (timers.ok())
    for (const TimerView& t : *timers) ids.push_back(t.sla);
  return ids;
}

// The due of an entity's open timer of `sla`, printed in its offset.
inline std::string DueOf(RuleStory& story, policy::EntityKind kind, const char* key,
                  const char* sla) {
  Result<std::vector<TimerView>> timers = story.engine().timers_of(kind, key);
  EXPECT_TRUE(timers.ok()) << timers.status().to_string();
  if (timers.ok())
    for (const TimerView& t : *timers)
      if (t.sla == sla && (t.state == "running" || t.state == "paused"))
        return time::format_instant(t.due, t.offset);
  return std::string("no open timer ") + sla;
}

}  // namespace kefu::engine

#endif  // KEFU_TESTS_ENGINE_RULE_STORY_H_
