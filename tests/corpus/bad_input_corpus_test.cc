// The bad-input corpus: malformed policies and malformed or illegal events,
// each with the error it must get (class, JSON pointer, event id, entity,
// a fragment of the message).
//
// tests/corpus/bad_policies.jsonl: one case a line, a mutation of
// tests/corpus/base_policy.json ("set": {pointer: value}, "remove":
// [pointer]) or a whole text ("text", or "bytes": a string whose code
// points 0-255 are the bytes, for input that is not UTF-8).
// tests/corpus/bad_events.jsonl: one event line ("line" or "bytes") applied
// to an engine that replayed tests/corpus/story.jsonl under the reference
// policy. The engine's canonical state after the refusal must be byte for
// byte the state before it, and its future output unchanged.
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "kefu/engine/engine.h"
#include "kefu/policy/policy.h"

namespace kefu {
namespace {

using nlohmann::json;

std::string read_file(const std::string& relative) {
  std::ifstream in(std::string(KEFU_SOURCE_DIR) + "/" + relative, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// A case of a corpus file; a failure prints its name, not its (possibly
// megabyte-long) input.
struct Case {
  std::string name;
  json data;
  const json& operator[](const char* key) const { return data[key]; }
  bool contains(const char* key) const { return data.contains(key); }
  template <typename T>
  T value(const char* key, T fallback) const { return data.value(key, fallback); }
};
void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

std::vector<Case> read_cases(const std::string& relative) {
  std::vector<Case> cases;
  std::istringstream in(read_file(relative));
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    json data = json::parse(line);
    cases.push_back(Case{data["name"].get<std::string>(), std::move(data)});
  }
  return cases;
}

// "bytes": each code point 0-255 is one byte (so a case can hold invalid
// UTF-8 in a valid JSON file).
std::string input_of(const Case& c, const char* text_key) {
  if (c.contains(text_key)) return c[text_key].get<std::string>();
  std::string bytes;
  const std::string utf8 = c["bytes"].get<std::string>();
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    auto b = static_cast<unsigned char>(utf8[i]);
    if (b < 0x80) {
      bytes += static_cast<char>(b);
    } else {  // a two-byte sequence: U+0080..U+00FF
      bytes += static_cast<char>(((b & 0x1F) << 6) | (static_cast<unsigned char>(utf8[++i]) & 0x3F));
    }
  }
  return bytes;
}

StatusCode code_of(const std::string& name) {
  if (name == "InvalidArgument") return StatusCode::kInvalidArgument;
  if (name == "InvalidPolicy") return StatusCode::kInvalidPolicy;
  if (name == "NotFound") return StatusCode::kNotFound;
  if (name == "Refused") return StatusCode::kRefused;
  ADD_FAILURE() << "unknown code " << name;
  return StatusCode::kOk;
}

std::string case_name(const ::testing::TestParamInfo<Case>& info) {
  std::string name;
  for (char c : info.param.name)
    name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return name;
}

// ---- Policies

std::string policy_text(const Case& c) {
  if (c.contains("text") || c.contains("bytes")) return input_of(c, "text");
  json doc = json::parse(read_file("tests/corpus/base_policy.json"));
  const json sets = c.value("set", json::object());
  const json removes = c.value("remove", json::array());
  for (const auto& [pointer, value] : sets.items())
    doc[json::json_pointer(pointer)] = value;
  for (const auto& pointer : removes) {
    json::json_pointer p(pointer.get<std::string>());
    doc[p.parent_pointer()].erase(p.back());
  }
  return doc.dump();
}

class BadPolicy : public ::testing::TestWithParam<Case> {};

TEST(BadPolicyCorpus, BasePolicyIsValidAndTheCorpusIsLarge) {
  Result<policy::Policy> p = policy::Policy::Parse(read_file("tests/corpus/base_policy.json"));
  EXPECT_TRUE(p.ok()) << p.status().to_string();
  EXPECT_GE(read_cases("tests/corpus/bad_policies.jsonl").size(), 100u);
}

TEST_P(BadPolicy, IsRefusedWhereItIsWrong) {
  const Case& c = GetParam();
  const std::string text = policy_text(c);
  Result<policy::Policy> p = policy::Policy::Parse(text);
  ASSERT_FALSE(p.ok()) << "accepted: " << text.substr(0, 300);
  EXPECT_EQ(p.status().code(), StatusCode::kInvalidPolicy);
  EXPECT_EQ(p.status().path(), c["path"].get<std::string>()) << p.status().to_string();
  EXPECT_NE(p.status().message().find(c["message"].get<std::string>()), std::string::npos)
      << p.status().message();
  // Check() reports the same first error.
  std::vector<Status> all = policy::Policy::Check(text);
  ASSERT_FALSE(all.empty());
  EXPECT_EQ(all.front().to_string(), p.status().to_string());
}

INSTANTIATE_TEST_SUITE_P(Corpus, BadPolicy,
                         ::testing::ValuesIn(read_cases("tests/corpus/bad_policies.jsonl")),
                         case_name);

// ---- Events

const policy::Policy& reference() {
  static const policy::Policy p =
      *policy::Policy::Parse(read_file("examples/policies/reference.json"));
  return p;
}

time::Instant story_end() { return *time::parse_instant("2026-10-01T12:00:00+08:00"); }

engine::Engine story_engine() {
  engine::Engine e(reference());
  std::istringstream in(read_file("tests/corpus/story.jsonl"));
  for (std::string line; std::getline(in, line);) {
    Result<engine::IngestOutcome> r = e.ingest_json(line);
    EXPECT_TRUE(r.ok()) << line << "\n" << r.status().to_string();
  }
  e.advance(story_end());
  return e;
}

std::string future_output(engine::Engine& e) {
  std::string out;
  for (const engine::Notification& n : e.advance(*time::parse_instant("2026-11-15T00:00:00+08:00")))
    out += engine::to_json(n) + "\n";
  return out;
}

class BadEvent : public ::testing::TestWithParam<Case> {};

TEST(BadEventCorpus, TheCorpusIsLarge) {
  EXPECT_GE(read_cases("tests/corpus/bad_events.jsonl").size(), 100u);
}

TEST_P(BadEvent, IsRefusedAndChangesNothing) {
  const Case& c = GetParam();
  engine::Engine e = story_engine();
  const std::string before = e.canonical_state();
  const std::string line = input_of(c, "line");
  Result<engine::IngestOutcome> r = e.ingest_json(line);
  ASSERT_FALSE(r.ok()) << "accepted: " << line.substr(0, 300);
  const Status& s = r.status();
  EXPECT_EQ(s.code(), code_of(c["code"].get<std::string>())) << s.to_string();
  EXPECT_EQ(s.path(), c["path"].get<std::string>()) << s.to_string();
  EXPECT_EQ(s.event_id(), c["event"].get<std::string>()) << s.to_string();
  EXPECT_EQ(s.entity(), c["entity"].get<std::string>()) << s.to_string();
  EXPECT_NE(s.message().find(c["message"].get<std::string>()), std::string::npos)
      << s.message();
  EXPECT_EQ(e.canonical_state(), before);
  // And what comes next is what an engine that never saw it gives.
  engine::Engine control = story_engine();
  EXPECT_EQ(future_output(e), future_output(control));
}

INSTANTIATE_TEST_SUITE_P(Corpus, BadEvent,
                         ::testing::ValuesIn(read_cases("tests/corpus/bad_events.jsonl")),
                         case_name);

}  // namespace
}  // namespace kefu
