#include "kefu/domain/event.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <variant>

namespace kefu::domain {
namespace {

using policy::EntityKind;

// gmock is not linked: substring and prefix checks that print both sides.
::testing::AssertionResult Contains(const std::string& text,
                                    const std::string& part) {
  if (text.find(part) != std::string::npos)
    return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << "\"" << text << "\" lacks \"" << part << "\"";
}
::testing::AssertionResult StartsWith(const std::string& text,
                                      const std::string& prefix) {
  if (text.compare(0, prefix.size(), prefix) == 0)
    return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << "\"" << text << "\" does not start with \"" << prefix << "\"";
}

constexpr const char* kCreated =
    R"({"id":"e-1","type":"order.created","at":"2026-03-02T09:15:00+08:00",)"
    R"("order":"WB123","customer":"C001",)"
    R"("attrs":{"tier":"A","cargo":"fragile","declared_value_cents":1200000,)"
    R"("insured":true,"weight_kg":12.5}})";

// The reader itself, without the policy's limits (event_limits_test.cc
// tests those): some cases here are megabytes long on purpose.
constexpr policy::EventLimits kUnbounded{
    .max_bytes = static_cast<std::size_t>(-1),
    .max_depth = 64,
    .max_attributes = static_cast<std::size_t>(-1),
    .max_string_bytes = static_cast<std::size_t>(-1)};

Event parse_ok(const std::string& text) {
  Result<Event> e = parse_event(text, kUnbounded);
  EXPECT_TRUE(e.ok()) << text << "\n" << e.status().to_string();
  return e.ok() ? *e : Event{};
}

Status parse_error(const std::string& text) {
  Result<Event> e = parse_event(text, kUnbounded);
  EXPECT_FALSE(e.ok()) << text;
  return e.status();
}

// Checks the error's class, pointer and message fragment.
void expect_error(const std::string& text, const std::string& path,
                  const std::string& fragment) {
  Status s = parse_error(text);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << text;
  EXPECT_EQ(s.path(), path) << text << "\n" << s.to_string();
  EXPECT_TRUE(Contains(s.message(), fragment)) << text;
}

std::uint64_t hash_of(const std::string& text) {
  return parse_ok(text).content_hash;
}

// An order.created event with `fields` spliced in after the required ones.
std::string order_event(const std::string& fields) {
  return R"({"id":"e-1","type":"order.created","at":"2026-03-02T09:15:00+08:00",)"
         R"("order":"WB123")" +
         (fields.empty() ? "" : "," + fields) + "}";
}

TEST(Event, ParsesEveryField) {
  Event e = parse_ok(kCreated);
  EXPECT_EQ(e.id, "e-1");
  EXPECT_EQ(e.type, "order.created");
  EXPECT_EQ(e.entity, EntityKind::kOrder);
  EXPECT_EQ(e.name, "created");
  EXPECT_EQ(e.key, "WB123");
  EXPECT_EQ(e.customer, "C001");
  EXPECT_EQ(e.at, *time::parse_instant("2026-03-02T01:15:00Z"));
  EXPECT_TRUE(e.removed.empty());
  ASSERT_EQ(e.attrs.items().size(), 5u);
  EXPECT_EQ(std::get<std::string>(*e.attrs.find("tier")), "A");
  EXPECT_EQ(std::get<std::string>(*e.attrs.find("cargo")), "fragile");
  EXPECT_EQ(std::get<std::int64_t>(*e.attrs.find("declared_value_cents")),
            1200000);
  EXPECT_EQ(std::get<bool>(*e.attrs.find("insured")), true);
  EXPECT_EQ(std::get<double>(*e.attrs.find("weight_kg")), 12.5);
  EXPECT_NE(e.content_hash, 0u);
}

TEST(Event, ParsesMinimalEvent) {
  Event e = parse_ok(
      R"({"id":"e-2","type":"order.confirmed","at":"2026-03-02T09:50:00+08:00","order":"WB123"})");
  EXPECT_EQ(e.name, "confirmed");
  EXPECT_EQ(e.customer, "");
  EXPECT_TRUE(e.attrs.empty());
}

TEST(Event, CustomerEventsAreKeyedByCustomer) {
  Event e = parse_ok(
      R"({"id":"c-1","type":"customer.created","at":"2026-03-02T09:00:00Z","customer":"C001",)"
      R"("attrs":{"tier":"A"}})");
  EXPECT_EQ(e.entity, EntityKind::kCustomer);
  EXPECT_EQ(e.key, "C001");
  EXPECT_EQ(e.customer, "");  // the key, not a reference
}

TEST(Event, AcceptsMilestoneNames) {
  // Whether the milestone exists is the engine's question, not the parser's.
  Event e = parse_ok(
      R"({"id":"m","type":"order.plan_sent2","at":"2026-03-02T09:00:00Z","order":"W"})");
  EXPECT_EQ(e.name, "plan_sent2");
}

TEST(Event, AttrValueTypes) {
  Event e = parse_ok(order_event(
      R"("attrs":{"neg":-5,"big":9223372036854775807,"f":false,"e":1e3,"s":"","u":"\u00e9"})"));
  EXPECT_EQ(std::get<std::int64_t>(*e.attrs.find("neg")), -5);
  EXPECT_EQ(std::get<std::int64_t>(*e.attrs.find("big")), INT64_MAX);
  EXPECT_EQ(std::get<bool>(*e.attrs.find("f")), false);
  EXPECT_EQ(std::get<double>(*e.attrs.find("e")), 1000.0);
  EXPECT_EQ(std::get<std::string>(*e.attrs.find("s")), "");
  EXPECT_EQ(std::get<std::string>(*e.attrs.find("u")), "\xc3\xa9");
}

TEST(Event, EmptyAttrsObject) {
  EXPECT_TRUE(parse_ok(order_event(R"("attrs":{})")).attrs.empty());
}

TEST(Event, SyntaxErrorGivesByteOffset) {
  Status s = parse_error(R"({"id":"e-1","type":})");
  EXPECT_EQ(s.path(), "");
  EXPECT_TRUE(Contains(s.message(), "invalid JSON at byte 20: "));
  EXPECT_TRUE(Contains(s.message(), "syntax error"));
}

TEST(Event, SyntaxErrorNamesAnIdReadBeforeIt) {
  Status s = parse_error(R"({"id":"e-9","type":"order.created",,})");
  EXPECT_TRUE(Contains(s.message(), "event \"e-9\": invalid JSON at byte "));
  EXPECT_EQ(s.event_id(), "e-9");
  EXPECT_EQ(s.entity(), "");
}

TEST(Event, RefusesTrailingText) {
  expect_error(order_event("") + " {}", "", "invalid JSON at byte ");
}

TEST(Event, RefusesEmptyText) { expect_error("", "", "invalid JSON at byte "); }

TEST(Event, RefusesNonObjects) {
  expect_error("[1,2]", "", "expected an event as a JSON object, got an array");
  expect_error("\"e\"", "", "got \"e\"");
  expect_error("42", "", "got 42");
  expect_error("null", "", "got null");
}

TEST(Event, IdIsRequired) {
  Status s = parse_error(
      R"({"type":"order.created","at":"2026-03-02T09:15:00Z","order":"W"})");
  EXPECT_EQ(s.path(), "/id");
  EXPECT_EQ(s.message(), "missing required field \"id\"");
  EXPECT_EQ(s.event_id(), "");
  EXPECT_EQ(s.entity(), "");
}

TEST(Event, IdMustBeNonEmptyString) {
  expect_error(R"({"id":"","type":"order.created"})", "/id",
               "expected a non-empty string, got \"\"");
  expect_error(R"({"id":7,"type":"order.created"})", "/id", "got 7");
  expect_error(R"({"id":{"a":1},"type":"order.created"})", "/id",
               "got an object");
  expect_error(R"({"id":null})", "/id", "got null");
}

TEST(Event, ErrorsAfterTheIdNameTheEvent) {
  // The id is found wherever it stands.
  Status s = parse_error(
      R"({"type":"order.created","order":"WB123","at":"soon","id":"e-7"})");
  EXPECT_EQ(s.path(), "/at");
  EXPECT_TRUE(
      StartsWith(s.message(), "event \"e-7\": invalid timestamp \"soon\""));
  EXPECT_EQ(s.event_id(), "e-7");
  EXPECT_EQ(s.entity(), "order:WB123");
  EXPECT_EQ(s.to_string().substr(0, 18), "/at: event \"e-7\": ");
}

TEST(Event, TypeIsRequired) {
  Status s =
      parse_error(R"({"id":"e-1","at":"2026-03-02T09:15:00Z","order":"W"})");
  EXPECT_EQ(s.path(), "/type");
  EXPECT_EQ(s.message(), "event \"e-1\": missing required field \"type\"");
  EXPECT_EQ(s.event_id(), "e-1");
  EXPECT_EQ(s.entity(), "");
}

TEST(Event, TypeMustBeEntityDotName) {
  auto with_type = [](const std::string& type) {
    return R"({"id":"e-1","type":)" + type +
           R"(,"at":"2026-03-02T09:15:00Z","order":"W","customer":"C"})";
  };
  expect_error(with_type("5"), "/type",
               "expected a string \"<entity>.<name>\", got 5");
  expect_error(with_type(R"("created")"), "/type",
               "invalid type \"created\": expected \"<entity>.<name>\"");
  expect_error(with_type(R"("complaint.opened")"), "/type",
               "unknown entity \"complaint\"; expected order or customer");
  expect_error(with_type(R"("Order.created")"), "/type",
               "unknown entity \"Order\"");
  expect_error(with_type(R"(".created")"), "/type", "unknown entity \"\"");
  expect_error(with_type(R"("order.")"), "/type",
               "expected an event name after the \".\"");
  expect_error(with_type(R"("order.Created")"), "/type", "only a-z, 0-9 and _");
  expect_error(with_type(R"("order.plan-sent")"), "/type",
               "only a-z, 0-9 and _");
  expect_error(with_type(R"("order.created.x")"), "/type",
               "only a-z, 0-9 and _");
  expect_error(with_type(R"("order.cr eated")"), "/type",
               "only a-z, 0-9 and _");
  Status s = parse_error(with_type(R"("order.")"));
  EXPECT_TRUE(
      StartsWith(s.message(), "event \"e-1\": invalid type \"order.\""));
  EXPECT_EQ(s.entity(), "");
}

TEST(Event, KeyFieldIsRequired) {
  expect_error(
      R"({"id":"e-1","type":"order.created","at":"2026-03-02T09:15:00Z","customer":"C"})",
      "/order", "missing required field \"order\"");
  expect_error(
      R"({"id":"e-1","type":"customer.created","at":"2026-03-02T09:15:00Z"})",
      "/customer", "missing required field \"customer\"");
}

TEST(Event, KeyMustBeNonEmptyStringOfAtMost128Bytes) {
  auto with_key = [](const std::string& key) {
    return R"({"id":"e-1","type":"order.created","at":"2026-03-02T09:15:00Z","order":)" +
           key + "}";
  };
  expect_error(with_key(R"("")"), "/order",
               "expected a non-empty string key, got \"\"");
  expect_error(with_key("123"), "/order",
               "expected a non-empty string key, got 123");
  expect_error(with_key("[\"W\"]"), "/order", "got an array");
  std::string k128(128, 'k');
  EXPECT_EQ(parse_ok(with_key("\"" + k128 + "\"")).key, k128);
  Status s = parse_error(with_key("\"" + k128 + "k\""));
  EXPECT_EQ(s.path(), "/order");
  EXPECT_TRUE(Contains(s.message(), "is 129 bytes; at most 128 are allowed"));
  EXPECT_EQ(s.entity(), "");  // the key is not known
}

TEST(Event, CustomerReferenceOnOrderEvents) {
  EXPECT_EQ(parse_ok(order_event(R"("customer":"C001")")).customer, "C001");
  expect_error(order_event(R"("customer":"")"), "/customer",
               "expected a non-empty string key, got \"\"");
  expect_error(order_event(R"("customer":null)"), "/customer", "got null");
  expect_error(order_event(R"("customer":1)"), "/customer", "got 1");
  expect_error(order_event("\"customer\":\"" + std::string(129, 'c') + "\""),
               "/customer", "at most 128");
  Status s = parse_error(order_event(R"("customer":false)"));
  EXPECT_EQ(s.entity(), "order:WB123");
}

TEST(Event, CustomerEventsHaveNoOrderReference) {
  Status s = parse_error(
      R"({"id":"c-1","type":"customer.updated","at":"2026-03-02T09:00:00Z","customer":"C001","order":"W"})");
  EXPECT_EQ(s.path(), "/order");
  EXPECT_TRUE(Contains(s.message(), "unknown field \"order\""));
  EXPECT_EQ(s.entity(), "customer:C001");
}

TEST(Event, AtIsRequired) {
  expect_error(R"({"id":"e-1","type":"order.created","order":"W"})", "/at",
               "event \"e-1\": missing required field \"at\"");
}

TEST(Event, AtMustBeAnInstant) {
  expect_error(order_event("").replace(order_event("").find("+08:00"), 6, ""),
               "/at", "missing UTC offset");
  expect_error(
      R"({"id":"e-1","type":"order.created","order":"W","at":1772413200})",
      "/at",
      "expected a timestamp like \"2026-03-02T09:15:00+08:00\", got "
      "1772413200");
  expect_error(
      R"({"id":"e-1","type":"order.created","order":"W","at":"2026-02-30T09:00:00Z"})",
      "/at", "invalid timestamp \"2026-02-30T09:00:00Z\"");
}

TEST(Event, RefusesUnknownFields) {
  Status s = parse_error(order_event(R"("atrs":{"tier":"A"})"));
  EXPECT_EQ(s.path(), "/atrs");
  EXPECT_TRUE(StartsWith(s.message(), "event \"e-1\": unknown field \"atrs\""));
  EXPECT_EQ(s.event_id(), "e-1");
  EXPECT_EQ(s.entity(), "order:WB123");
  expect_error(order_event(R"("a/b~c":1)"), "/a~1b~0c",
               "unknown field \"a/b~c\"");
  expect_error(order_event(R"("":1)"), "/", "unknown field \"\"");
  expect_error(order_event(R"("complaint":"CP-9")"), "/complaint",
               "unknown field");
}

TEST(Event, RefusesNamesCloseToFields) {
  for (const char* name : {"ids", "a", "ax", "at2", "attr", "attrs2", "ord",
                           "customers", "typ", "ID"}) {
    expect_error(order_event("\"" + std::string(name) + "\":1"),
                 "/" + std::string(name), "unknown field");
  }
}

TEST(Event, SkipsTheInsideOfRefusedValues) {
  // Keys nested in a refused value are not read as the event's fields.
  Status s = parse_error(
      R"({"x":{"id":"inner","attrs":{"a":[{"id":"deeper"}]}},"id":"e-1","type":"order.created",)"
      R"("at":"2026-03-02T09:15:00Z","order":"W","attrs":{"k":[{"id":2}],"j":{"type":"t"}}})");
  EXPECT_EQ(s.path(), "/x");
  EXPECT_EQ(s.event_id(), "e-1");
  Status a = parse_error(
      order_event(R"("attrs":{"k":[[{"id":2}]],"j":{"type":"t"}})"));
  EXPECT_EQ(a.path(), "/attrs/k");  // the first bad attribute
}

TEST(Event, RefusesInvalidUtf8AndHugeNumbers) {
  expect_error(order_event("\"attrs\":{\"s\":\"\xff\"}"), "",
               "invalid JSON at byte ");
  expect_error(order_event(R"("attrs":{"n":1e400})"), "",
               "invalid JSON at byte ");
  expect_error(order_event(R"("attrs":{"n":1e400})"), "", "number overflow");
}

TEST(Event, RefusesRepeatedFields) {
  expect_error(order_event(R"("order":"OTHER")"), "/order",
               "duplicate field \"order\"");
  expect_error(order_event(R"("attrs":{},"attrs":{})"), "/attrs",
               "duplicate field \"attrs\"");
}

TEST(Event, AttrsMustBeAnObject) {
  expect_error(order_event(R"("attrs":[1])"), "/attrs",
               "expected an object of attributes, got an array");
  expect_error(order_event(R"("attrs":"tier=A")"), "/attrs", "got \"tier=A\"");
  expect_error(order_event(R"("attrs":null)"), "/attrs", "got null");
}

TEST(Event, AttrValuesMustBeScalars) {
  expect_error(order_event(R"("attrs":{"ok":1,"tags":["a","b"]})"),
               "/attrs/tags",
               "expected a boolean, number or string, got an array");
  expect_error(order_event(R"("attrs":{"addr":{"city":"SH"}})"), "/attrs/addr",
               "got an object");
  expect_error(order_event(R"("attrs":{"a/b":[]})"), "/attrs/a~1b",
               "got an array");
  expect_error(order_event(R"("attrs":{"n":18446744073709551615})"), "/attrs/n",
               "outside the signed 64-bit range");
}

TEST(Event, RefusesRepeatedAttrs) {
  expect_error(order_event(R"("attrs":{"tier":"A","tier":"B"})"), "/attrs/tier",
               "duplicate attribute \"tier\"");
  expect_error(
      R"({"id":"u","type":"order.updated","at":"2026-03-02T09:00:00Z","order":"W","attrs":{"t":null,"t":1}})",
      "/attrs/t", "duplicate attribute");
}

TEST(Event, NullRemovesAttributesInUpdatedEvents) {
  Event e = parse_ok(
      R"({"id":"u","type":"order.updated","at":"2026-03-02T09:00:00Z","order":"W",)"
      R"("attrs":{"tier":null,"cargo":"bulk","insured":null}})");
  EXPECT_EQ(e.removed,
            (std::vector<std::string>{"insured", "tier"}));  // sorted
  EXPECT_EQ(e.attrs.items().size(), 1u);
  EXPECT_EQ(e.attrs.find("tier"), nullptr);
  Event c = parse_ok(
      R"({"id":"u","type":"customer.updated","at":"2026-03-02T09:00:00Z","customer":"C",)"
      R"("attrs":{"tier":null}})");
  EXPECT_EQ(c.removed, std::vector<std::string>{"tier"});
}

TEST(Event, NullIsRefusedOutsideUpdatedEvents) {
  Status s =
      parse_error(order_event(R"("attrs":{"a":1,"tier":null,"z":null})"));
  EXPECT_EQ(s.path(), "/attrs/tier");
  EXPECT_TRUE(Contains(s.message(), "only \"order.updated\" events do"));
  EXPECT_EQ(s.entity(), "order:WB123");
  expect_error(
      R"({"id":"c","type":"customer.closed","at":"2026-03-02T09:00:00Z","customer":"C","attrs":{"x":null}})",
      "/attrs/x", "only \"customer.updated\" events do");
  // "updated" must be the whole name.
  expect_error(
      R"({"id":"c","type":"order.updated_2","at":"2026-03-02T09:00:00Z","order":"W","attrs":{"x":null}})",
      "/attrs/x", "null removes an attribute");
}

TEST(Event, FirstErrorInCheckingOrderWins) {
  // id, then type, then key, then unknown fields, then references, at, attrs.
  expect_error(R"({"id":1,"type":2,"at":3})", "/id", "got 1");
  expect_error(R"({"id":"e","type":2,"at":3,"x":1})", "/type", "got 2");
  expect_error(R"({"id":"e","type":"order.created","at":3,"x":1})", "/order",
               "missing");
  expect_error(R"({"id":"e","type":"order.created","at":3,"x":1,"order":"W"})",
               "/x", "unknown field");
  expect_error(
      R"({"id":"e","type":"order.created","at":3,"order":"W","customer":""})",
      "/customer", "non-empty");
  expect_error(
      R"({"id":"e","type":"order.created","at":3,"order":"W","attrs":[]})",
      "/at", "got 3");
}

TEST(Event, QuotesOddIdsSafely) {
  Status s = parse_error(R"({"id":"a\"b\n","type":"x"})");
  EXPECT_TRUE(StartsWith(s.message(), R"(event "a\"b\u000a": )"));
  EXPECT_EQ(s.event_id(), "a\"b\n");
}

// --- the JSON reader ---

// The attribute `a` of an order event whose attrs are `attrs_json`.
policy::AttrValue attr_of(const std::string& value_json) {
  Event e = parse_ok(order_event(R"("attrs":{"a":)" + value_json + "}"));
  const policy::AttrValue* v = e.attrs.find("a");
  EXPECT_NE(v, nullptr) << value_json;
  return v ? *v : policy::AttrValue(false);
}

std::string string_attr(const std::string& value_json) {
  policy::AttrValue v = attr_of(value_json);
  EXPECT_TRUE(std::holds_alternative<std::string>(v)) << value_json;
  return std::holds_alternative<std::string>(v) ? std::get<std::string>(v) : "";
}

// The 1-based byte offset, as errors give it, of `part` in `text`.
std::string byte_of(const std::string& text, const std::string& part) {
  std::size_t at = text.find(part);
  EXPECT_NE(at, std::string::npos) << part;
  return std::to_string(at + 1);
}

TEST(EventJson, DecodesEscapes) {
  EXPECT_EQ(string_attr(R"("\"\\\/\b\f\n\r\t")"), "\"\\/\b\f\n\r\t");
  EXPECT_EQ(string_attr(R"("a\u0041\u00e9\u4E2D")"), "aA\xc3\xa9\xe4\xb8\xad");
  EXPECT_EQ(string_attr(R"("\u0000")"), std::string(1, '\0'));
  EXPECT_EQ(string_attr(R"("x\n")"), "x\n");  // an escape at the end
  // Escapes in names: fields and attributes are found by their value.
  Event e = parse_ok(
      R"({"\u0069d":"e\"1","type":"order.created","at":"2026-03-02T09:15:00Z",)"
      R"("order":"W","attrs":{"t\u0069er":"A"}})");
  EXPECT_EQ(e.id, "e\"1");
  EXPECT_EQ(std::get<std::string>(*e.attrs.find("tier")), "A");
}

TEST(EventJson, DecodesSurrogatePairs) {
  EXPECT_EQ(string_attr(R"("\ud83d\ude00")"), "\xf0\x9f\x98\x80");
  EXPECT_EQ(string_attr(R"("\uD83D\uDE00!")"), "\xf0\x9f\x98\x80!");
  EXPECT_EQ(string_attr(R"("\udbff\udfff")"), "\xf4\x8f\xbf\xbf");
}

TEST(EventJson, RefusesLoneSurrogates) {
  for (const char* s : {R"("\ud800")", R"("\ud800x")", R"("\ud800\n")",
                        R"("\ud800\u0041")", R"("\ud800\ud800")"}) {
    expect_error(order_event(R"("attrs":{"a":)" + std::string(s) + "}"), "",
                 "surrogate U+D800..U+DBFF must be followed by "
                 "U+DC00..U+DFFF");
  }
  const std::string text = order_event(R"("attrs":{"a":"\udc00"})");
  expect_error(text, "",
               "invalid JSON at byte " + byte_of(text, R"(0"})") +
                   ": syntax error while parsing value - invalid string: "
                   "surrogate U+DC00..U+DFFF must follow U+D800..U+DBFF");
}

TEST(EventJson, RefusesBadEscapes) {
  const std::string bad = order_event(R"("attrs":{"a":"\x"})");
  expect_error(bad, "",
               "invalid JSON at byte " + byte_of(bad, R"(x"})") +
                   ": syntax error while parsing value - invalid string: "
                   "forbidden character after backslash");
  expect_error(order_event(R"("attrs":{"a":"\u12"})"), "",
               "'\\u' must be followed by 4 hex digits");
  expect_error(order_event(R"("attrs":{"a":"\u12G4"})"), "",
               "'\\u' must be followed by 4 hex digits");
  expect_error(order_event(R"("attrs":{"a":"\U0041"})"), "",
               "forbidden character after backslash");
  expect_error(R"({"id":"\)", "", "forbidden character after backslash");
  expect_error(R"({"id":"\u00)", "", "'\\u' must be followed by 4 hex digits");
}

TEST(EventJson, RefusesRawControlCharacters) {
  const std::string text = order_event("\"attrs\":{\"a\":\"x\ny\"}");
  expect_error(text, "",
               "invalid JSON at byte " + byte_of(text, "\ny") +
                   ": syntax error while parsing value - invalid string: "
                   "control character U+000A (LF) must be escaped to \\u000A "
                   "or \\n; last read: '\"x<U+000A>'");
  expect_error(order_event(std::string("\"attrs\":{\"a\":\"\x1f\"}")), "",
               "control character U+001F (US) must be escaped to \\u001F");
  expect_error(
      order_event(std::string("\"attrs\":{\"a\":\"", 14) + '\0' + "\"}"), "",
      "control character U+0000 (NUL)");
}

TEST(EventJson, ReadsRawUtf8) {
  EXPECT_EQ(string_attr("\"\xe4\xb8\xad\xe6\x96\x87\""),
            "\xe4\xb8\xad\xe6\x96\x87");
  EXPECT_EQ(string_attr("\"\xf0\x9f\x98\x80 \xc3\xa9\xef\xbf\xbf\""),
            "\xf0\x9f\x98\x80 \xc3\xa9\xef\xbf\xbf");
  Event e = parse_ok(order_event("\"attrs\":{\"\xe5\x93\x81\":1}"));
  EXPECT_NE(e.attrs.find("\xe5\x93\x81"), nullptr);
}

TEST(EventJson, RefusesIllFormedUtf8AtTheBadByte) {
  // Each case: the string's bytes and the offset of the bad byte in them.
  const struct {
    std::string bytes;
    std::size_t bad;
  } cases[] = {
      {"\x80", 0},              // a continuation byte alone
      {"\xc0\x80", 0},          // overlong
      {"\xc1\xbf", 0},          // overlong
      {"\xe0\x80\x80", 1},      // overlong
      {"\xed\xa0\x80", 1},      // a surrogate
      {"\xf4\x90\x80\x80", 1},  // above U+10FFFF
      {"\xf5\x80\x80\x80", 0},
      {"\xff", 0},
      {"\xe4\xb8x", 2},  // cut short
  };
  for (const auto& c : cases) {
    const std::string text = order_event(R"("attrs":{"a":")" + c.bytes + "\"}");
    const std::size_t start = text.find(R"("a":")") + 5;
    expect_error(text, "",
                 "invalid JSON at byte " + std::to_string(start + c.bad + 1) +
                     ": syntax error while parsing value - invalid string: "
                     "ill-formed UTF-8 byte");
  }
  // Cut by the end of the text.
  const std::string cut = R"({"id":"e-1","x":")"
                          "\xe4\xb8";
  expect_error(cut, "",
               "invalid JSON at byte " + std::to_string(cut.size() + 1) +
                   ": syntax error while parsing value - invalid string: "
                   "ill-formed UTF-8 byte");
}

TEST(EventJson, ReadsNumbers) {
  EXPECT_EQ(std::get<std::int64_t>(attr_of("-0")), 0);
  EXPECT_EQ(std::get<std::int64_t>(attr_of("123456789012345678")),
            123456789012345678);
  EXPECT_EQ(std::get<std::int64_t>(attr_of("1234567890123456789")),
            1234567890123456789);
  EXPECT_EQ(std::get<std::int64_t>(attr_of("-9223372036854775808")), INT64_MIN);
  EXPECT_EQ(std::get<double>(attr_of("0.5")), 0.5);
  EXPECT_EQ(std::get<double>(attr_of("-2.5E-1")), -0.25);
  EXPECT_EQ(std::get<double>(attr_of("1E+2")), 100.0);
  EXPECT_EQ(std::get<double>(attr_of("1e-2")), 0.01);
  EXPECT_EQ(std::get<double>(attr_of("0.1")), 0.1);  // correctly rounded
  EXPECT_EQ(std::get<double>(attr_of("1.7976931348623157e308")),
            1.7976931348623157e308);
  EXPECT_EQ(std::get<double>(attr_of("1e-400")), 0.0);  // underflow reads as 0
  // Integers beyond 64 bits are doubles, as nlohmann reads them.
  EXPECT_EQ(std::get<double>(attr_of("-9223372036854775809")),
            -9223372036854775808.0);
  EXPECT_EQ(std::get<double>(attr_of("18446744073709551616")),
            18446744073709551616.0);
  EXPECT_EQ(std::get<double>(attr_of("123456789012345678901234567890")),
            123456789012345678901234567890.0);
  expect_error(order_event(R"("attrs":{"n":9223372036854775808})"), "/attrs/n",
               "integer 9223372036854775808 is outside the signed 64-bit "
               "range");
}

TEST(EventJson, DescribesNumbersAsWritten) {
  expect_error(order_event(R"("customer":1.50)"), "/customer", "got 1.50");
  expect_error(order_event(R"("customer":-0)"), "/customer", "got 0");
  expect_error(order_event(R"("customer":2e0)"), "/customer", "got 2e0");
}

TEST(EventJson, RefusesNumbersOutsideTheGrammar) {
  auto number_error = [](const std::string& number,
                         const std::string& fragment) {
    expect_error(order_event(R"("attrs":{"n":)" + number + "}"), "",
                 "invalid JSON at byte ");
    expect_error(order_event(R"("attrs":{"n":)" + number + "}"), "", fragment);
  };
  number_error("-", "invalid number; expected digit after '-'");
  number_error("-x", "invalid number; expected digit after '-'");
  number_error("1.", "invalid number; expected digit after '.'");
  number_error("1.e5", "invalid number; expected digit after '.'");
  number_error("1e",
               "invalid number; expected '+', '-', or digit after exponent");
  number_error("1e+", "invalid number; expected digit after exponent sign");
  number_error("01", "unexpected number literal; expected '}'");
  number_error("00", "unexpected number literal; expected '}'");
  number_error(".5", "invalid literal");
  number_error("+1", "invalid literal");
  number_error("0x10", "invalid literal; last read: 'x'; expected '}'");
  number_error("NaN", "invalid literal");
  number_error("Infinity", "invalid literal");
  number_error("-Infinity", "expected digit after '-'");
  const std::string huge = order_event(R"("attrs":{"n":-1e400})");
  expect_error(huge, "",
               "invalid JSON at byte " + byte_of(huge, "0}}") +
                   ": number overflow parsing '-1e400'");
}

TEST(EventJson, RefusesBadLiterals) {
  expect_error(order_event(R"("attrs":{"b":tru})"), "",
               "syntax error while parsing value - invalid literal; last read: "
               "'tru}'");
  expect_error(order_event(R"("attrs":{"b":True})"), "", "invalid literal");
  expect_error(order_event(R"("attrs":{"b":nul)"), "", "invalid literal");
  expect_error(order_event(R"("attrs":{"b":falsey})"), "",
               "invalid literal; last read: 'y'; expected '}'");
}

TEST(EventJson, AcceptsJsonWhitespaceOnly) {
  const std::string spaced =
      " \t\r\n{ \"id\" :\t\"e-1\" ,\r\n\"type\"\n:\"order.created\" , "
      "\"at\" : \"2026-03-02T09:15:00+08:00\" , \"order\" : \"WB123\" , "
      "\"customer\" : \"C001\" , \"attrs\" : { \"tier\" : \"A\" , "
      "\"cargo\" : \"fragile\" , \"declared_value_cents\" : 1200000 , "
      "\"insured\" : true , \"weight_kg\" : 12.5 } } \r\n\t ";
  EXPECT_EQ(hash_of(spaced), hash_of(kCreated));
  for (const char* other : {"\v", "\f", "\xc2\xa0"}) {  // not JSON's
    expect_error(std::string(other) + kCreated, "", "invalid literal");
    expect_error(order_event(std::string(other) + R"("customer":"C")"), "",
                 "invalid JSON at byte ");
  }
}

TEST(EventJson, SkipsAByteOrderMark) {
  EXPECT_EQ(hash_of("\xef\xbb\xbf" + std::string(kCreated)), hash_of(kCreated));
  expect_error("\xef\xbb{}", "",
               "invalid JSON at byte 3: syntax error while parsing value - "
               "invalid BOM; must be 0xEF 0xBB 0xBF if given");
}

TEST(EventJson, SyntaxErrorsSayWhatWasExpected) {
  expect_error(R"({"id":"e-1","type":})", "",
               "invalid JSON at byte 20: syntax error while parsing value - "
               "unexpected '}'; expected '[', '{', or a literal");
  expect_error(R"({"id":"e-1",})", "",
               "invalid JSON at byte 13: syntax error while parsing object key "
               "- unexpected '}'; expected string literal");
  expect_error(R"({"id" "e"})", "",
               "invalid JSON at byte 9: syntax error while parsing object "
               "separator - unexpected string literal; expected ':'");
  expect_error(R"({"id":"e" "type"})", "",
               "invalid JSON at byte 16: syntax error while parsing object - "
               "unexpected string literal; expected '}'");
  expect_error(R"({"id":"e")", "",
               "invalid JSON at byte 10: syntax error while parsing object - "
               "unexpected end of input; expected '}'");
  expect_error(R"({"id":"e"} x)", "",
               "invalid JSON at byte 12: syntax error while parsing value - "
               "invalid literal; last read: 'x'; expected end of input");
  expect_error(R"({"id":"e"}])", "",
               "invalid JSON at byte 11: syntax error while parsing value - "
               "unexpected ']'; expected end of input");
  expect_error(R"({"id":"e)", "",
               "invalid JSON at byte 9: syntax error while parsing value - "
               "invalid string: missing closing quote; last read: '\"e'");
  expect_error(R"({"id)", "",
               "invalid JSON at byte 5: syntax error while parsing object key "
               "- invalid string: missing closing quote; last read: '\"id'; "
               "expected string literal");
  expect_error(R"({"x":[1,]})", "",
               "invalid JSON at byte 9: syntax error while parsing value - "
               "unexpected ']'; expected '[', '{', or a literal");
  expect_error(R"({"x":[1 2]})", "",
               "invalid JSON at byte 9: syntax error while parsing array - "
               "unexpected number literal; expected ']'");
  expect_error(R"({"x":{"a" 1}})", "",
               "syntax error while parsing object separator - unexpected "
               "number literal; expected ':'");
  expect_error("   ", "",
               "invalid JSON at byte 4: syntax error while parsing value - "
               "unexpected end of input; expected '[', '{', or a literal");
}

TEST(EventJson, SyntaxErrorsInRefusedValuesStillStop) {
  // Skipped content is read to its end: a syntax error in it wins over
  // what was wrong before it.
  expect_error(order_event(R"("x":{"a":[1,{"b":tru}]})"), "",
               "invalid literal");
  expect_error(order_event(R"("attrs":{"k":[1e400]})"), "", "number overflow");
  expect_error(order_event(R"("attrs":{"k":{"\ud800":1}})"), "", "surrogate");
}

TEST(EventJson, BoundsNesting) {
  // The event is level 1: 64 levels are read, the 65th is refused.
  auto nested = [](int levels) {
    return order_event("\"x\":" + std::string(levels, '[') +
                       std::string(levels, ']'));
  };
  expect_error(nested(63), "/x", "unknown field \"x\"");
  const std::string deep = nested(64);
  expect_error(deep, "",
               "invalid JSON at byte " + std::to_string(deep.find("[") + 64) +
                   ": arrays and objects nested more than 64 deep");
  expect_error(order_event(R"("attrs":{"a":)" + std::string(63, '[')), "",
               "arrays and objects nested more than 64 deep");
  std::string objects;
  for (int i = 0; i < 70; ++i) objects += R"({"a":)";
  expect_error(order_event("\"x\":" + objects), "", "nested more than 64 deep");
  // Far deeper than any stack: refused at the limit, not read further.
  expect_error(std::string(1000000, '['), "",
               "expected an event as a JSON object, got an array");
  expect_error(order_event("\"x\":" + std::string(1000000, '[')), "",
               "nested more than 64 deep");
}

TEST(EventJson, ReadsLongStrings) {
  const std::string plain(1 << 20, 'x');
  EXPECT_EQ(string_attr("\"" + plain + "\""), plain);
  std::string escaped_json, escaped;
  for (int i = 0; i < 100000; ++i) {
    escaped_json += "ab\\n\\u00e9\\ud83d\\ude00";
    escaped += "ab\n\xc3\xa9\xf0\x9f\x98\x80";
  }
  EXPECT_EQ(string_attr("\"" + escaped_json + "\""), escaped);
  // A long id is named in messages cut short.
  const std::string long_id(100000, 'i');
  Status s = parse_error(R"({"id":")" + long_id + R"(","type":"x"})");
  EXPECT_TRUE(
      StartsWith(s.message(), "event \"" + std::string(57, 'i') + "...\": "));
  EXPECT_EQ(s.event_id(), long_id);
  // An unterminated long string: the message quotes its end only.
  Status open = parse_error(order_event("\"attrs\":{\"a\":\"" + plain));
  EXPECT_TRUE(
      Contains(open.message(), "missing closing quote; last read: '..."));
  EXPECT_LT(open.message().size(), 200u);
}

TEST(EventJson, MessagesStayValidUtf8) {
  // "Last read" shows bytes that are not UTF-8 in hex.
  expect_error(order_event("\"attrs\":{\"a\":\xff}"), "",
               "invalid literal; last read: '<0xFF>'");
}

TEST(EventJson, EscapedNamesAreStillDuplicates) {
  expect_error(order_event(R"("\u006frder":"W2")"), "/order",
               "duplicate field \"order\"");
  expect_error(order_event(R"("attrs":{"tier":"A","t\u0069er":"B"})"),
               "/attrs/tier", "duplicate attribute \"tier\"");
}

// --- content_hash ---

TEST(Event, HashIgnoresMemberOrderWhitespaceAndEscapes) {
  std::uint64_t h = hash_of(kCreated);
  EXPECT_EQ(
      h,
      hash_of(
          R"({ "attrs" : {"weight_kg":12.5,"insured":true,"declared_value_cents":1200000,)"
          R"("cargo":"fragile","tier":"A"}, "customer":"C001", "order":"WB123",)"
          R"( "at":"2026-03-02T09:15:00+08:00", "type":"order.created", "id":"e-1" })"));
  EXPECT_EQ(
      h,
      hash_of(
          R"({"id":"e\u002d1","type":"order.created","at":"2026-03-02T09:15:00+08:00",)"
          R"("order":"WB123","customer":"C001",)"
          R"("attrs":{"tier":"\u0041","cargo":"fragile","declared_value_cents":1200000,)"
          R"("insured":true,"weight_kg":1.25e1}})"));
}

TEST(Event, HashIgnoresTheOffsetOfTheSameInstant) {
  std::string base = kCreated;
  std::string utc = base;
  utc.replace(utc.find("2026-03-02T09:15:00+08:00"), 25,
              "2026-03-02T01:15:00Z");
  std::string minutes = base;
  minutes.replace(minutes.find("2026-03-02T09:15:00+08:00"), 25,
                  "2026-03-01T20:15-05:00");
  EXPECT_EQ(hash_of(base), hash_of(utc));
  EXPECT_EQ(hash_of(base), hash_of(minutes));
}

TEST(Event, HashTreatsEqualNumbersAlike) {
  EXPECT_EQ(hash_of(order_event(R"("attrs":{"n":5})")),
            hash_of(order_event(R"("attrs":{"n":5.0})")));
  EXPECT_EQ(hash_of(order_event(R"("attrs":{"n":0})")),
            hash_of(order_event(R"("attrs":{"n":-0.0})")));
  EXPECT_EQ(hash_of(order_event(R"("attrs":{"n":0.5})")),
            hash_of(order_event(R"("attrs":{"n":5e-1})")));
}

TEST(Event, HashChangesWithAnyField) {
  const std::string base = kCreated;
  const std::uint64_t h = hash_of(base);
  auto changed = [&](const std::string& from, const std::string& to) {
    std::string text = base;
    std::size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    text.replace(at, from.size(), to);
    return hash_of(text);
  };
  EXPECT_NE(h, changed(R"("id":"e-1")", R"("id":"e-2")"));
  EXPECT_NE(h, changed("order.created", "order.confirmed"));
  EXPECT_NE(h, changed("09:15:00+08:00", "09:15:01+08:00"));
  EXPECT_NE(h, changed("+08:00", "+09:00"));
  EXPECT_NE(h, changed(R"("order":"WB123")", R"("order":"WB124")"));
  EXPECT_NE(h, changed(R"(,"customer":"C001")", ""));
  EXPECT_NE(h, changed(R"("customer":"C001")", R"("customer":"C002")"));
  EXPECT_NE(h, changed(R"("tier":"A")", R"("tier":"B")"));
  EXPECT_NE(h, changed(R"("tier":"A")", R"("tiers":"A")"));
  EXPECT_NE(h, changed(R"(1200000)", R"(1200001)"));
  EXPECT_NE(h, changed(R"(1200000)", R"("1200000")"));
  EXPECT_NE(h, changed(R"(1200000)", R"(1200000.5)"));
  EXPECT_NE(h, changed("true", "false"));
  EXPECT_NE(h, changed("true", "1"));
  EXPECT_NE(h, changed("12.5", "12.25"));
  EXPECT_NE(h, changed(R"(,"weight_kg":12.5)", ""));
  EXPECT_NE(h, changed(R"("tier":"A")", R"("tier":"A","x":"")"));
}

TEST(Event, HashSeparatesFieldBoundaries) {
  EXPECT_NE(hash_of(order_event(R"("attrs":{"a":"bc"})")),
            hash_of(order_event(R"("attrs":{"ab":"c"})")));
  EXPECT_NE(hash_of(order_event(R"("attrs":{"a":"","b":""})")),
            hash_of(order_event(R"("attrs":{"a":"b"})")));
  // The key and the customer reference are different roles.
  EXPECT_NE(
      hash_of(
          R"({"id":"e","type":"customer.created","at":"2026-03-02T09:00:00Z","customer":"C"})"),
      hash_of(
          R"({"id":"e","type":"customer.created","at":"2026-03-02T09:00:00Z","customer":"D"})"));
}

TEST(Event, HashSeesRemovals) {
  auto updated = [](const std::string& attrs) {
    return R"({"id":"u","type":"order.updated","at":"2026-03-02T09:00:00Z","order":"W","attrs":)" +
           attrs + "}";
  };
  const std::uint64_t removed = hash_of(updated(R"({"tier":null})"));
  EXPECT_NE(removed, hash_of(updated("{}")));
  EXPECT_NE(removed, hash_of(updated(R"({"tier":""})")));
  EXPECT_NE(removed, hash_of(updated(R"({"tiers":null})")));
  EXPECT_EQ(hash_of(updated(R"({"b":1,"a":null,"c":null})")),
            hash_of(updated(R"({"c":null,"a":null,"b":1.0})")));
}

TEST(Event, HashIsStableAcrossBuilds) {
  // The hash is stored with remembered ids: it is a format. This value
  // changes only with a deliberate change of the canonical form.
  EXPECT_EQ(hash_of(kCreated), parse_ok(kCreated).content_hash);
  EXPECT_EQ(hash_of(kCreated), 2278520369448245234u);
}

}  // namespace
}  // namespace kefu::domain
