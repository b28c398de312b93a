// A seeded story for the reference policy (examples/policies/reference.json)
// that exercises every path of the engine's state: the hub traffic of
// bench/engine/event_log.h (orders through their lifecycle, warnings,
// breaches, recurring timers), plus customers with recurring and quota
// timers, attribute updates that re-target timers, events held back so they
// arrive late (re-applied histories, corrections, late breaches), re-sent
// events (duplicates) and a few that the engine refuses.
//
// The snapshot and store tests replay it and compare canonical states and
// future notifications, so a field of the engine's state that a snapshot or
// a recovery forgets shows up as a difference.
//
// Example:
//   for (const std::string& line : StoryLog(7, 2000)) { ... }
//
// Thread safety: values and pure functions.
#ifndef KEFU_TESTS_ENGINE_STORY_LOG_H_
#define KEFU_TESTS_ENGINE_STORY_LOG_H_

#include <cstdint>
#include <deque>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bench/engine/event_log.h"
#include "kefu/domain/event.h"
#include "kefu/engine/engine.h"
#include "kefu/engine/notification.h"

namespace kefu::engine {

// The value of a string field in a flat event line ("at", "order").
inline std::string StoryField(std::string_view line, std::string_view name) {
  const std::string needle = "\"" + std::string(name) + "\":\"";
  std::size_t p = line.find(needle);
  if (p == std::string_view::npos) return {};
  p += needle.size();
  return std::string(line.substr(p, line.find('"', p) - p));
}

// `events` lines (about: late copies and extras are counted too), the same
// for the same seed.
inline std::vector<std::string> StoryLog(std::uint64_t seed, std::size_t events) {
  bench::OrderLog log({.seed = seed, .orders_per_second = 0.02, .customers = 6});
  std::mt19937_64 rng(seed ^ 0x5eedULL);
  auto chance = [&](double p) { return std::uniform_real_distribution<>(0, 1)(rng) < p; };
  std::vector<std::string> out;
  std::deque<std::pair<std::size_t, std::string>> held;  // release index, line
  std::string line;
  std::size_t extra = 0;

  const char* kCustomers[] = {
      R"({"id":"c-1","type":"customer.created","at":"2026-08-31T09:00:00+08:00","customer":"C00001","attrs":{"tier":"A","warehousing":true}})",
      R"({"id":"c-2","type":"customer.created","at":"2026-08-31T09:00:00+08:00","customer":"C00002","attrs":{"tier":"C"}})",
      R"({"id":"c-3","type":"customer.created","at":"2026-08-31T10:00:00+08:00","customer":"C00003","attrs":{"tier":"B"}})"};
  for (const char* c : kCustomers) out.emplace_back(c);

  while (out.size() < events) {
    log.next(&line);
    const std::string at = StoryField(line, "at");
    const std::string order = StoryField(line, "order");
    // Held back for a few lines: the engine's clock passes it first.
    if (chance(0.04) && line.find("order.created") == std::string::npos) {
      held.emplace_back(out.size() + 3 + rng() % 12, line);
    } else {
      out.push_back(line);
    }
    while (!held.empty() && held.front().first <= out.size()) {
      out.push_back(std::move(held.front().second));
      held.pop_front();
    }
    const std::string tag = std::to_string(++extra);
    if (chance(0.03))  // a re-sent event: a duplicate
      out.push_back(out[out.size() / 2 + rng() % (out.size() - out.size() / 2)]);
    if (chance(0.05) && !order.empty()) {  // attributes change: re-targets
      const char* attrs[] = {R"({"tier":"A"})", R"({"tier":"C"})",
                             R"({"departure_at":"2026-09-09T12:00:00+08:00"})",
                             R"({"special_requirements":"oversize","tier":null})"};
      out.push_back(R"({"id":"u-)" + tag + R"(","type":"order.updated","at":")" + at +
                    R"(","order":")" + order + R"(","attrs":)" + attrs[rng() % 4] + "}");
    }
    if (chance(0.03)) {  // customer traffic: quota visits, restarts, re-tiering
      const char* types[] = {"customer.visited", "customer.waybills_checked",
                             "customer.stock_reconciled", "customer.updated"};
      const std::size_t k = rng() % 4;
      std::string c = R"({"id":"v-)" + tag + R"(","type":")" + types[k] + R"(","at":")" + at +
                      R"(","customer":"C0000)" + std::to_string(1 + rng() % 3) + "\"";
      if (k == 3) c += chance(0.5) ? R"(,"attrs":{"tier":"B"})" : R"(,"attrs":{"tier":"C"})";
      out.push_back(c + "}");
    }
    if (chance(0.01))  // refused: no such order
      out.push_back(R"({"id":"x-)" + tag + R"(","type":"order.confirmed","at":")" + at +
                    R"(","order":"NO-SUCH"})");
  }
  return out;
}

// Replays lines [begin, end) as `kefu replay` does: advance to one second
// before each event, then ingest it (refusals are part of the story).
// Returns the notifications, one to_json line each.
inline std::vector<std::string> ReplayStory(Engine& engine, const std::vector<std::string>& lines,
                                            std::size_t begin, std::size_t end) {
  std::vector<std::string> out;
  for (std::size_t i = begin; i < end && i < lines.size(); ++i) {
    Result<domain::Event> ev = domain::parse_event(lines[i]);
    if (!ev.ok()) continue;
    for (const Notification& n : engine.advance(ev->at - std::chrono::seconds(1)))
      out.push_back(to_json(n));
    (void)engine.ingest(std::move(ev).value());
  }
  return out;
}

// Lines joined by '\n', so a failed comparison prints a line diff.
inline std::string RuleStoryJoin(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) out += line + "\n";
  return out;
}

// Advances by `steps` hours from the clock, one hour at a time.
inline std::vector<std::string> AdvanceStory(Engine& engine, int steps) {
  std::vector<std::string> out;
  time::Instant t = engine.clock().value_or(time::Instant(std::chrono::seconds(1788192000)));
  for (int i = 0; i < steps; ++i) {
    t += std::chrono::hours(1);
    for (const Notification& n : engine.advance(t)) out.push_back(to_json(n));
  }
  return out;
}

}  // namespace kefu::engine

#endif  // KEFU_TESTS_ENGINE_STORY_LOG_H_
