// Small helpers for the engine tests: local instants in +08:00 in 2026,
// event lines, expected notification lines, and ingest/advance wrappers.
#ifndef KEFU_TESTS_ENGINE_ENGINE_STORY_H_
#define KEFU_TESTS_ENGINE_ENGINE_STORY_H_

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "kefu/engine/engine.h"
#include "kefu/engine/notification.h"

namespace kefu::engine {
namespace {

using Lines = std::vector<std::string>;

// "03-02T09:00" -> "2026-03-02T09:00:00+08:00"; "03-02T09:59:59" too.
inline std::string T(std::string_view local) {
  return "2026-" + std::string(local) + (local.size() == 11 ? ":00" : "") + "+08:00";
}

inline time::Instant I(std::string_view local) { return *time::parse_instant(T(local)); }

// One event line; the entity field is named after the type's prefix.
inline std::string Ev(std::string_view id, std::string_view type, std::string_view local,
               std::string_view key, std::string_view attrs = {}) {
  std::string entity(type.substr(0, type.find('.')));
  std::string s = R"({"id":")" + std::string(id) + R"(","type":")" + std::string(type) +
                  R"(","at":")" + T(local) + R"(",")" + entity + R"(":")" +
                  std::string(key) + "\"";
  if (!attrs.empty()) s += ",\"attrs\":" + std::string(attrs);
  return s + "}";
}

// The expected line of a notification; the entity is the sla's prefix.
inline std::string N(std::string_view kind, int seq, std::string_view at, std::string_view sla,
              std::string_view key, std::string_view due, std::string_view tail = {}) {
  std::string entity(sla.substr(0, sla.find('.')));
  return R"({"kind":")" + std::string(kind) + R"(","seq":)" + std::to_string(seq) +
         R"(,"at":")" + T(at) + R"(","sla":")" + std::string(sla) + R"(","entity":")" +
         entity + R"(","key":")" + std::string(key) + R"(","due":")" + T(due) + "\"" +
         std::string(tail) + "}";
}

inline void Accept(Engine& engine, const std::string& line) {
  Result<IngestOutcome> r = engine.ingest_json(line);
  ASSERT_TRUE(r.ok()) << line << "\n" << r.status().to_string();
  EXPECT_EQ(*r, IngestOutcome::kAccepted) << line;
}

inline Status Refuse(Engine& engine, const std::string& line) {
  Result<IngestOutcome> r = engine.ingest_json(line);
  EXPECT_FALSE(r.ok()) << "accepted: " << line;
  return r.ok() ? Status() : r.status();
}

inline Lines Advance(Engine& engine, std::string_view local) {
  Lines out;
  for (const Notification& n : engine.advance(I(local))) out.push_back(to_json(n));
  return out;
}

}  // namespace
}  // namespace kefu::engine

#endif  // KEFU_TESTS_ENGINE_ENGINE_STORY_H_
