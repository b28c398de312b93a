// The C ABI over the core library (capi/kefu.h). It translates and never
// decides: handles wrap C++ values, a Status becomes the thread's last
// error and a code, int64 seconds become Instants, results become JSON.
//
// Every exported body that can fail runs inside Guard(), one noexcept
// function template that clears the last error, catches whatever the body
// throws (only std::bad_alloc is expected: the core throws nothing on
// purpose) and turns it into KEFU_ERROR. No exception reaches C.
// The experimental calls are defined and exported like the others.
#define KEFU_EXPERIMENTAL
#include "kefu.h"

#include <cstdlib>
#include <cstring>
#include <exception>
#include <new>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kefu/domain/event.h"
#include "kefu/engine/claim_json.h"
#include "kefu/engine/engine.h"
#include "kefu/engine/kpi.h"
#include "kefu/engine/migration.h"
#include "kefu/engine/notification.h"
#include "kefu/store/store.h"
#include "kefu/policy/due_spec_arg.h"
#include "kefu/policy/policy.h"
#include "kefu/policy/vocabulary.h"
#include "kefu/status.h"
#include "kefu/time/calendar.h"
#include "kefu/time/due_spec.h"
#include "kefu/time/instant.h"

// The opaque handles: each wraps one C++ value (leveldb db/c.cc's shape).
// Policy and Calendar share their compiled data, so a calendar handle keeps
// its tables alive after its policy handle is freed.
struct kefu_policy {
  kefu::policy::Policy rep;
};
struct kefu_calendar {
  kefu::time::Calendar rep;
};
struct kefu_engine {
  kefu::engine::Engine rep;
  // kefu_engine_advance's notifications, passed back to the engine at each
  // call so that its buffer is reused (a handle is used by one thread at a
  // time).
  std::vector<kefu::engine::Notification> notes;
};
struct kefu_store {
  kefu::store::Store rep;
};

namespace {

using kefu::Result;
using kefu::Status;
using kefu::time::Instant;

// The calling thread's last error. Its strings stay put until the thread's
// next status-returning call, which is what kefu.h promises.
struct LastError {
  int code = KEFU_OK;
  std::string message;
  std::string path;
  std::string event;
  std::string entity;
  // Set when the message itself could not be stored (out of memory).
  const char* fallback = nullptr;

  void clear() noexcept {
    code = KEFU_OK;
    message.clear();  // keeps the capacity: no allocation on the hot path
    path.clear();
    event.clear();
    entity.clear();
    fallback = nullptr;
  }
};

LastError& last_error() noexcept {
  thread_local LastError error;
  return error;
}

// Appends `in` to `out` as valid UTF-8 with no NUL byte: kefu.h promises
// UTF-8 strings, and hosts often read a message as a C string. A message
// may quote what the caller passed (a due spec, a file name), bytes and
// all: each byte that does not start a well-formed sequence becomes U+FFFD,
// a NUL becomes "\0".
void append_utf8(std::string& out, std::string_view in) {
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(in[i]); };
  auto continuation = [&](std::size_t i) {
    return i < in.size() && (byte(i) & 0xC0) == 0x80;
  };
  for (std::size_t i = 0; i < in.size();) {
    const unsigned char b = byte(i);
    std::size_t n = 0;  // the length of a well-formed sequence at i, or 0
    if (b == 0) {
      out += "\\0";
      ++i;
      continue;
    }
    if (b < 0x80) {
      n = 1;
    } else if (b >= 0xC2 && b <= 0xDF) {
      n = continuation(i + 1) ? 2 : 0;
    } else if (b >= 0xE0 && b <= 0xEF) {
      const unsigned char b1 = i + 1 < in.size() ? byte(i + 1) : 0;
      const bool ok1 = (b == 0xE0)   ? (b1 >= 0xA0 && b1 <= 0xBF)
                       : (b == 0xED) ? (b1 >= 0x80 && b1 <= 0x9F)  // no surrogates
                                     : (b1 & 0xC0) == 0x80;
      n = ok1 && continuation(i + 2) ? 3 : 0;
    } else if (b >= 0xF0 && b <= 0xF4) {
      const unsigned char b1 = i + 1 < in.size() ? byte(i + 1) : 0;
      const bool ok1 = (b == 0xF0)   ? (b1 >= 0x90 && b1 <= 0xBF)
                       : (b == 0xF4) ? (b1 >= 0x80 && b1 <= 0x8F)
                                     : (b1 & 0xC0) == 0x80;
      n = ok1 && continuation(i + 2) && continuation(i + 3) ? 4 : 0;
    }
    if (n == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
      ++i;
    } else {
      out.append(in.substr(i, n));
      i += n;
    }
  }
}

// Records an error and returns its code. Never throws: if the strings
// cannot be stored, a static message stands in.
int fail(int code, std::string_view message, std::string_view path = {},
         std::string_view event = {}, std::string_view entity = {}) noexcept {
  LastError& e = last_error();
  e.clear();
  e.code = code;
  try {
    append_utf8(e.message, message);
    e.path.assign(path);
    e.event.assign(event);
    e.entity.assign(entity);
  } catch (...) {
    e.clear();
    e.code = code;
    e.fallback = "out of memory while recording an error";
  }
  return code;
}

// StatusCode values are the C codes (status.h says so); the cast is the
// whole mapping.
int fail(const Status& s) noexcept {
  return fail(static_cast<int>(s.code()), s.message(), s.path(), s.event_id(),
              s.entity());
}

int fail_null(const char* what) noexcept {
  return fail(KEFU_ENULL, std::string_view(what));
}

// The one guard every fallible exported body runs in.
template <typename Body>
int Guard(Body&& body) noexcept {
  // After a success the strings are already empty: skip the clearing on
  // the hot path (a calendar add costs ~200 instructions).
  LastError& error = last_error();
  if (error.code != KEFU_OK) error.clear();
  try {
    return std::forward<Body>(body)();
  } catch (const std::bad_alloc&) {
    return fail(KEFU_ERROR, "out of memory");
  } catch (const std::exception& ex) {
    // what() may allocate nothing; the concatenation may throw, which
    // fail() does not: build the message inside a try of its own.
    try {
      return fail(KEFU_ERROR, std::string("internal error: ") + ex.what());
    } catch (...) {
      return fail(KEFU_ERROR, "internal error");
    }
  } catch (...) {
    return fail(KEFU_ERROR, "internal error: unknown exception");
  }
}

// A string in: NULL is allowed only when empty.
bool bad_string(const char* s, std::size_t len) {
  return s == nullptr && len > 0;
}

std::string_view view(const char* s, std::size_t len) {
  return len == 0 ? std::string_view() : std::string_view(s, len);
}

// A string out: malloc'd (kefu_free is free), NUL-terminated.
void put_string(char** out, std::size_t* out_len, std::string_view s) {
  char* p = static_cast<char*>(std::malloc(s.size() + 1));
  if (p == nullptr) throw std::bad_alloc();
  if (!s.empty()) std::memcpy(p, s.data(), s.size());
  p[s.size()] = '\0';
  *out = p;
  if (out_len != nullptr) *out_len = s.size();
}

void clear_string(char** out, std::size_t* out_len) {
  if (out != nullptr) *out = nullptr;
  if (out_len != nullptr) *out_len = 0;
}

// Instants the C side passes in, checked as the core checks its own.
std::optional<Instant> instant_of(std::int64_t unix_seconds) {
  Instant t{std::chrono::seconds(unix_seconds)};
  if (t < kefu::time::kMinInstant || t > kefu::time::kMaxInstant)
    return std::nullopt;
  return t;
}

int bad_instant(std::int64_t unix_seconds) {
  return fail(KEFU_EINVALID,
              "instant " + std::to_string(unix_seconds) +
                  " (Unix seconds) is outside the years 1900-9999");
}

std::int64_t unix_of(Instant t) { return t.time_since_epoch().count(); }

// "order:WB123" as kefu explain's --entity takes it.
struct EntityRef {
  kefu::policy::EntityKind kind;
  std::string_view key;
};

std::optional<EntityRef> parse_entity(std::string_view text) {
  std::size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon + 1 == text.size())
    return std::nullopt;
  std::optional<kefu::policy::EntityKind> kind =
      kefu::policy::parse_entity_kind(text.substr(0, colon));
  if (!kind) return std::nullopt;
  return EntityRef{*kind, text.substr(colon + 1)};
}

int bad_entity(std::string_view text) {
  std::string kinds;
  for (std::string_view k : kefu::policy::kEntityKindNames)
    kinds += (kinds.empty() ? "" : ", ") + std::string(k);
  return fail(KEFU_EINVALID, "expected an entity KIND:KEY with KIND one of " +
                                 kinds + " (order:WB123), got \"" +
                                 std::string(text) + "\"");
}

// An empty entity key: the engine would answer "claim: does not exist",
// but nothing was asked for, which is the caller's mistake, not a lookup.
int empty_key(const char* what, const char* example) {
  return fail(KEFU_EINVALID, std::string(what) + " is empty: expected a " +
                                 what + " key such as " + example);
}

// Checks an options struct's version as libgit2 does
// (0 < actual <= the newest this library knows).
bool known_version(unsigned int actual, unsigned int newest) {
  return actual > 0 && actual <= newest;
}

int bad_version(unsigned int actual, unsigned int newest) {
  return fail(KEFU_EVERSION, "options version " + std::to_string(actual) +
                                 " is unknown: this library knows 1 to " +
                                 std::to_string(newest));
}

using Json = nlohmann::ordered_json;

// Error messages and keys may quote bytes that are not UTF-8.
std::string dump(const Json& j, int indent = -1) {
  return j.dump(indent, ' ', false, Json::error_handler_t::replace);
}

Json timer_json(const kefu::engine::TimerView& t) {
  auto iso = [&](Instant i) { return kefu::time::format_instant(i, t.offset); };
  Json j;
  j["sla"] = t.sla;
  j["target"] = t.target;
  j["entity"] = kefu::policy::entity_kind_name(t.entity);
  j["key"] = t.key;
  j["state"] = t.state;
  j["breached"] = t.breached;
  j["armed"] = iso(t.armed);
  j["due"] = iso(t.due);
  j["due_unix"] = unix_of(t.due);
  j["ended"] = t.ended ? Json(iso(*t.ended)) : Json(nullptr);
  j["calendar"] = t.calendar;
  j["policy_version"] = t.policy_version;
  return j;
}

std::string timers_json(const std::vector<kefu::engine::TimerView>& timers) {
  Json array = Json::array();
  for (const kefu::engine::TimerView& t : timers)
    array.push_back(timer_json(t));
  return dump(array);
}

// One line of a batch, refused: the C error fields as JSON.
Json refusal_json(std::int64_t line, const Status& s) {
  auto or_null = [](const std::string& v) {
    return v.empty() ? Json(nullptr) : Json(v);
  };
  Json j;
  j["line"] = line;
  j["result"] = "refused";
  j["code"] = static_cast<int>(s.code());
  j["error"] = s.message();
  j["path"] = or_null(s.path());
  j["event"] = or_null(s.event_id());
  j["entity"] = or_null(s.entity());
  return j;
}

bool is_blank(std::string_view line) {
  for (char c : line)
    if (c != ' ' && c != '\t' && c != '\r') return false;
  return true;
}

const char* error_string(const std::string& s, std::size_t* len) {
  if (len != nullptr) *len = s.size();
  return s.c_str();
}

}  // namespace

extern "C" {

// ---------------------------------------------------------------- version

int kefu_version_number(void) { return KEFU_VERSION_NUMBER; }

int kefu_abi_version(void) { return KEFU_ABI_VERSION; }

// ----------------------------------------------------------------- errors

int kefu_last_error_code(void) { return last_error().code; }

const char* kefu_last_error_message(size_t* len) {
  const LastError& e = last_error();
  if (e.fallback != nullptr) {
    if (len != nullptr) *len = std::strlen(e.fallback);
    return e.fallback;
  }
  return error_string(e.message, len);
}

const char* kefu_last_error_path(size_t* len) {
  return error_string(last_error().path, len);
}

const char* kefu_last_error_event(size_t* len) {
  return error_string(last_error().event, len);
}

const char* kefu_last_error_entity(size_t* len) {
  return error_string(last_error().entity, len);
}

// ----------------------------------------------------------------- memory

void kefu_free(void* p) { std::free(p); }

// ----------------------------------------------------------------- policy

int kefu_policy_load(kefu_policy** out, const char* bytes, size_t len) {
  return Guard([&] {
    if (out == nullptr) return fail_null("out is NULL");
    *out = nullptr;
    if (bad_string(bytes, len)) return fail_null("bytes is NULL");
    Result<kefu::policy::Policy> policy =
        kefu::policy::Policy::Parse(view(bytes, len));
    if (!policy.ok()) return fail(policy.status());
    *out = new kefu_policy{std::move(policy).value()};
    return int{KEFU_OK};
  });
}

int kefu_policy_load_file(kefu_policy** out, const char* path,
                          size_t path_len) {
  return Guard([&] {
    if (out == nullptr) return fail_null("out is NULL");
    *out = nullptr;
    if (bad_string(path, path_len)) return fail_null("path is NULL");
    std::string_view p = view(path, path_len);
    if (p.find('\0') != std::string_view::npos)
      return fail(KEFU_EINVALID, "the policy path holds a NUL byte");
    Result<kefu::policy::Policy> policy = kefu::policy::Policy::Load(p);
    if (!policy.ok()) return fail(policy.status());
    *out = new kefu_policy{std::move(policy).value()};
    return int{KEFU_OK};
  });
}

int kefu_policy_version(char** out, size_t* out_len,
                        const kefu_policy* policy) {
  return Guard([&] {
    clear_string(out, out_len);
    if (out == nullptr) return fail_null("out is NULL");
    if (policy == nullptr) return fail_null("policy is NULL");
    put_string(out, out_len, policy->rep.version());
    return int{KEFU_OK};
  });
}

void kefu_policy_free(kefu_policy* policy) { delete policy; }

// --------------------------------------------------------------- calendar

int kefu_calendar_get(kefu_calendar** out, const kefu_policy* policy,
                      const char* name, size_t len) {
  return Guard([&] {
    if (out == nullptr) return fail_null("out is NULL");
    *out = nullptr;
    if (policy == nullptr) return fail_null("policy is NULL");
    if (bad_string(name, len)) return fail_null("name is NULL");
    std::string_view n = view(name, len);
    const kefu::time::Calendar* calendar = policy->rep.calendar(n);
    if (calendar == nullptr) {
      std::string names;
      for (const std::string& c : policy->rep.names())
        names += (names.empty() ? "" : ", ") + c;
      return fail(KEFU_ENOTFOUND, "no calendar \"" + std::string(n) +
                                      "\" in the policy; it has " + names);
    }
    *out = new kefu_calendar{*calendar};
    return int{KEFU_OK};
  });
}

void kefu_calendar_free(kefu_calendar* calendar) { delete calendar; }

int kefu_calendar_add(int64_t* out_due, const kefu_calendar* calendar,
                      int64_t start_unix_seconds, const char* spec,
                      size_t spec_len) {
  return Guard([&] {
    if (out_due == nullptr) return fail_null("out_due is NULL");
    *out_due = 0;
    if (calendar == nullptr) return fail_null("calendar is NULL");
    if (bad_string(spec, spec_len)) return fail_null("spec is NULL");
    Result<kefu::time::DueSpec> parsed =
        kefu::policy::parse_due_spec_arg(view(spec, spec_len));
    if (!parsed.ok()) return fail(parsed.status());
    Result<Instant> due = calendar->rep.add(
        Instant(std::chrono::seconds(start_unix_seconds)), *parsed);
    if (!due.ok()) return fail(due.status());
    *out_due = unix_of(*due);
    return int{KEFU_OK};
  });
}

int kefu_calendar_elapsed(int64_t* out_seconds, const kefu_calendar* calendar,
                          int64_t a, int64_t b) {
  return Guard([&] {
    if (out_seconds == nullptr) return fail_null("out_seconds is NULL");
    *out_seconds = 0;
    if (calendar == nullptr) return fail_null("calendar is NULL");
    Result<kefu::time::BusinessDuration> open = calendar->rep.elapsed(
        Instant(std::chrono::seconds(a)), Instant(std::chrono::seconds(b)));
    if (!open.ok()) return fail(open.status());
    *out_seconds = open->seconds();
    return int{KEFU_OK};
  });
}

int kefu_calendar_add_many(int64_t* out_dues, const kefu_calendar* calendar,
                           const int64_t* starts, size_t n, const char* spec,
                           size_t spec_len) {
  return Guard([&] {
    if (calendar == nullptr) return fail_null("calendar is NULL");
    if (n > 0 && out_dues == nullptr) return fail_null("out_dues is NULL");
    if (n > 0 && starts == nullptr) return fail_null("starts is NULL");
    if (bad_string(spec, spec_len)) return fail_null("spec is NULL");
    Result<kefu::time::DueSpec> parsed =
        kefu::policy::parse_due_spec_arg(view(spec, spec_len));
    if (!parsed.ok()) return fail(parsed.status());
    const kefu::time::DueSpec& due_spec = *parsed;
    for (std::size_t i = 0; i < n; ++i) {
      Result<Instant> due =
          calendar->rep.add(Instant(std::chrono::seconds(starts[i])), due_spec);
      if (!due.ok()) {
        const std::string index = std::to_string(i);
        return fail(static_cast<int>(due.status().code()),
                    "starts[" + index + "]: " + due.status().message(),
                    "/" + index);
      }
      out_dues[i] = unix_of(*due);
    }
    return int{KEFU_OK};
  });
}

int kefu_calendar_elapsed_many(int64_t* out, const kefu_calendar* calendar,
                               const int64_t* a, const int64_t* b, size_t n) {
  return Guard([&] {
    if (calendar == nullptr) return fail_null("calendar is NULL");
    if (n > 0 && out == nullptr) return fail_null("out is NULL");
    if (n > 0 && (a == nullptr || b == nullptr))
      return fail_null(a == nullptr ? "a is NULL" : "b is NULL");
    for (std::size_t i = 0; i < n; ++i) {
      Result<kefu::time::BusinessDuration> open =
          calendar->rep.elapsed(Instant(std::chrono::seconds(a[i])),
                                Instant(std::chrono::seconds(b[i])));
      if (!open.ok()) {
        const std::string index = std::to_string(i);
        return fail(
            static_cast<int>(open.status().code()),
            "a[" + index + "], b[" + index + "]: " + open.status().message(),
            "/" + index);
      }
      out[i] = open->seconds();
    }
    return int{KEFU_OK};
  });
}

// ----------------------------------------------------------------- engine

int kefu_engine_options_init(kefu_engine_options* opts, unsigned int version) {
  return Guard([&] {
    if (opts == nullptr) return fail_null("opts is NULL");
    if (!known_version(version, KEFU_ENGINE_OPTIONS_VERSION))
      return bad_version(version, KEFU_ENGINE_OPTIONS_VERSION);
    *opts = kefu_engine_options{};
    opts->version = version;
    return int{KEFU_OK};
  });
}

int kefu_engine_new(kefu_engine** out, const kefu_policy* policy,
                    const kefu_engine_options* opts) {
  return Guard([&] {
    if (out == nullptr) return fail_null("out is NULL");
    *out = nullptr;
    if (policy == nullptr) return fail_null("policy is NULL");
    if (opts != nullptr &&
        !known_version(opts->version, KEFU_ENGINE_OPTIONS_VERSION))
      return bad_version(opts->version, KEFU_ENGINE_OPTIONS_VERSION);
    *out = new kefu_engine{kefu::engine::Engine(policy->rep), {}};
    return int{KEFU_OK};
  });
}

void kefu_engine_free(kefu_engine* engine) { delete engine; }

int kefu_engine_load_policy(kefu_engine* engine, const kefu_policy* policy) {
  return Guard([&] {
    if (engine == nullptr) return fail_null("engine is NULL");
    if (policy == nullptr) return fail_null("policy is NULL");
    engine->rep.load_policy(policy->rep);
    return int{KEFU_OK};
  });
}

int kefu_engine_migrate(char** out_json, size_t* out_len, kefu_engine* engine) {
  return Guard([&] {
    clear_string(out_json, out_len);
    if (out_json == nullptr) return fail_null("out_json is NULL");
    if (engine == nullptr) return fail_null("engine is NULL");
    put_string(out_json, out_len, kefu::engine::to_json(engine->rep.migrate()));
    return int{KEFU_OK};
  });
}

int kefu_engine_ingest(int* out_outcome, kefu_engine* engine, const char* json,
                       size_t len) {
  return Guard([&] {
    if (engine == nullptr) return fail_null("engine is NULL");
    if (bad_string(json, len)) return fail_null("json is NULL");
    Result<kefu::engine::IngestOutcome> r =
        engine->rep.ingest_json(view(json, len));
    if (!r.ok()) return fail(r.status());
    if (out_outcome != nullptr)
      *out_outcome = *r == kefu::engine::IngestOutcome::kDuplicate
                         ? KEFU_INGEST_DUPLICATE
                         : KEFU_INGEST_ACCEPTED;
    return int{KEFU_OK};
  });
}

int kefu_engine_ingest_batch(char** out_results, size_t* out_len,
                             size_t* out_accepted, size_t* out_duplicates,
                             size_t* out_refused, kefu_engine* engine,
                             const char* jsonl, size_t len) {
  return Guard([&] {
    clear_string(out_results, out_len);
    if (out_accepted != nullptr) *out_accepted = 0;
    if (out_duplicates != nullptr) *out_duplicates = 0;
    if (out_refused != nullptr) *out_refused = 0;
    if (engine == nullptr) return fail_null("engine is NULL");
    if (bad_string(jsonl, len)) return fail_null("jsonl is NULL");
    const bool report = out_results != nullptr;
    std::string results = "[";
    std::size_t counts[3] = {0, 0, 0};  // accepted, duplicates, refused
    std::string_view rest = view(jsonl, len);
    std::int64_t line_number = 0;
    while (!rest.empty()) {
      std::size_t nl = rest.find('\n');
      std::string_view line = rest.substr(0, nl);
      rest = nl == std::string_view::npos ? std::string_view()
                                          : rest.substr(nl + 1);
      ++line_number;
      if (is_blank(line)) continue;
      if (line.back() == '\r') line.remove_suffix(1);
      Result<kefu::engine::IngestOutcome> r = engine->rep.ingest_json(line);
      std::size_t which = !r.ok()                                         ? 2
                          : *r == kefu::engine::IngestOutcome::kDuplicate ? 1
                                                                          : 0;
      ++counts[which];
      if (!report) continue;
      if (results.size() > 1) results += ',';
      if (which == 2) {
        results += dump(refusal_json(line_number, r.status()));
      } else {
        results += "{\"line\":" + std::to_string(line_number) +
                   ",\"result\":\"" + (which == 1 ? "duplicate" : "ok") + "\"}";
      }
    }
    results += ']';
    if (report) put_string(out_results, out_len, results);
    if (out_accepted != nullptr) *out_accepted = counts[0];
    if (out_duplicates != nullptr) *out_duplicates = counts[1];
    if (out_refused != nullptr) *out_refused = counts[2];
    return int{KEFU_OK};
  });
}

int kefu_engine_advance(char** out_jsonl, size_t* out_len, kefu_engine* engine,
                        int64_t now_unix_seconds) {
  return Guard([&] {
    clear_string(out_jsonl, out_len);
    if (out_jsonl == nullptr) return fail_null("out_jsonl is NULL");
    if (engine == nullptr) return fail_null("engine is NULL");
    std::optional<Instant> now = instant_of(now_unix_seconds);
    if (!now) return bad_instant(now_unix_seconds);
    std::string text;
    engine->rep.advance(*now, &engine->notes);
    for (const kefu::engine::Notification& n : engine->notes) {
      text += kefu::engine::to_json(n);
      text += '\n';
    }
    put_string(out_jsonl, out_len, text);
    return int{KEFU_OK};
  });
}

int kefu_engine_timers_of(char** out_json, size_t* out_len,
                          const kefu_engine* engine, const char* entity,
                          size_t len) {
  return Guard([&] {
    clear_string(out_json, out_len);
    if (out_json == nullptr) return fail_null("out_json is NULL");
    if (engine == nullptr) return fail_null("engine is NULL");
    if (bad_string(entity, len)) return fail_null("entity is NULL");
    std::optional<EntityRef> ref = parse_entity(view(entity, len));
    if (!ref) return bad_entity(view(entity, len));
    Result<std::vector<kefu::engine::TimerView>> timers =
        engine->rep.timers_of(ref->kind, ref->key);
    if (!timers.ok()) return fail(timers.status());
    put_string(out_json, out_len, timers_json(*timers));
    return int{KEFU_OK};
  });
}

int kefu_engine_due_before(char** out_json, size_t* out_len,
                           const kefu_engine* engine,
                           int64_t before_unix_seconds) {
  return Guard([&] {
    clear_string(out_json, out_len);
    if (out_json == nullptr) return fail_null("out_json is NULL");
    if (engine == nullptr) return fail_null("engine is NULL");
    std::optional<Instant> before = instant_of(before_unix_seconds);
    if (!before) return bad_instant(before_unix_seconds);
    put_string(out_json, out_len,
               timers_json(engine->rep.open_timers_due_before(*before)));
    return int{KEFU_OK};
  });
}

int kefu_engine_kpis(char** out_json, size_t* out_len, const kefu_engine* engine) {
  return Guard([&] {
    clear_string(out_json, out_len);
    if (out_json == nullptr) return fail_null("out_json is NULL");
    if (engine == nullptr) return fail_null("engine is NULL");
    put_string(out_json, out_len,
               kefu::engine::kpi_json(engine->rep.kpi_months(), engine->rep.policy()));
    return int{KEFU_OK};
  });
}

namespace {

// The claim and insurance queries, shared by the engine and the store
// handles: `engine` is the handle's engine, or null when the handle was
// NULL (`null_handle` says which).
// A query by entity key (a claim's or an order's): the argument checks
// every such call makes, then `document(engine, key)`, the JSON or the
// error that refuses it.
// (A function pointer, not a template: this part of the file has C linkage.)
using KeyDocument = Result<std::string> (*)(const kefu::engine::Engine&, std::string_view);
int key_query(char** out_json, size_t* out_len, const kefu::engine::Engine* engine,
              const char* null_handle, const char* key, size_t len, const char* null_key,
              const char* kind, const char* example, KeyDocument document) {
  return Guard([&] {
    clear_string(out_json, out_len);
    if (out_json == nullptr) return fail_null("out_json is NULL");
    if (engine == nullptr) return fail_null(null_handle);
    if (bad_string(key, len)) return fail_null(null_key);
    if (len == 0) return empty_key(kind, example);
    Result<std::string> json = document(*engine, view(key, len));
    if (!json.ok()) return fail(json.status());
    put_string(out_json, out_len, *json);
    return int{KEFU_OK};
  });
}

int claim_query(char** out_json, size_t* out_len, const kefu::engine::Engine* engine,
                const char* null_handle, const char* claim, size_t len) {
  return key_query(out_json, out_len, engine, null_handle, claim, len, "claim is NULL", "claim",
                   "CL-1",
                   [](const kefu::engine::Engine& e, std::string_view key) -> Result<std::string> {
                     Result<kefu::engine::ClaimView> c = e.claim(key);
                     if (!c.ok()) return c.status();
                     return kefu::engine::claim_json(*c);
                   });
}

int compensation_query(char** out_json, size_t* out_len, const kefu::engine::Engine* engine,
                       const char* null_handle, const char* claim, size_t len) {
  return key_query(out_json, out_len, engine, null_handle, claim, len, "claim is NULL", "claim",
                   "CL-1",
                   [](const kefu::engine::Engine& e, std::string_view key) -> Result<std::string> {
                     Result<kefu::domain::Compensation> pay = e.compensation(key);
                     if (!pay.ok()) return pay.status();
                     return kefu::engine::compensation_json(key, *pay);
                   });
}

int insurance_query(char** out_json, size_t* out_len, const kefu::engine::Engine* engine,
                    const char* null_handle, const char* order, size_t len) {
  return key_query(out_json, out_len, engine, null_handle, order, len, "order is NULL", "order",
                   "WB123",
                   [](const kefu::engine::Engine& e, std::string_view key) -> Result<std::string> {
                     Result<kefu::domain::InsuranceAssessment> a = e.insurance(key);
                     if (!a.ok()) return a.status();
                     return kefu::engine::insurance_json(key, *a);
                   });
}

int insured_cargo_list_query(char** out_json, size_t* out_len,
                             const kefu::engine::Engine* engine, const char* null_handle,
                             const char* date, size_t len) {
  return Guard([&] {
    clear_string(out_json, out_len);
    if (out_json == nullptr) return fail_null("out_json is NULL");
    if (engine == nullptr) return fail_null(null_handle);
    if (bad_string(date, len)) return fail_null("date is NULL");
    Result<kefu::time::Date> day = kefu::time::parse_date(view(date, len));
    if (!day.ok()) return fail(day.status());
    put_string(out_json, out_len,
               kefu::engine::insured_cargo_list_json(*day, engine->insured_cargo_list(*day),
                                                     engine->policy()));
    return int{KEFU_OK};
  });
}

// Two names: the file is extern "C", which allows no overloads.
const kefu::engine::Engine* engine_of(const kefu_engine* engine) {
  return engine ? &engine->rep : nullptr;
}
const kefu::engine::Engine* engine_of_store(const kefu_store* store) {
  return store ? &store->rep.engine() : nullptr;
}

}  // namespace

int kefu_engine_claim(char** out_json, size_t* out_len, const kefu_engine* engine,
                      const char* claim, size_t len) {
  return claim_query(out_json, out_len, engine_of(engine), "engine is NULL", claim, len);
}

int kefu_engine_compensation(char** out_json, size_t* out_len,
                             const kefu_engine* engine, const char* claim,
                             size_t len) {
  return compensation_query(out_json, out_len, engine_of(engine), "engine is NULL", claim, len);
}

int kefu_engine_insurance(char** out_json, size_t* out_len,
                          const kefu_engine* engine, const char* order,
                          size_t len) {
  return insurance_query(out_json, out_len, engine_of(engine), "engine is NULL", order, len);
}

int kefu_engine_insured_cargo_list(char** out_json, size_t* out_len,
                                   const kefu_engine* engine, const char* date,
                                   size_t len) {
  return insured_cargo_list_query(out_json, out_len, engine_of(engine), "engine is NULL", date,
                                  len);
}

int kefu_engine_explain(char** out_json, size_t* out_len,
                        const kefu_engine* engine, const char* entity,
                        size_t len) {
  return Guard([&] {
    clear_string(out_json, out_len);
    if (out_json == nullptr) return fail_null("out_json is NULL");
    if (engine == nullptr) return fail_null("engine is NULL");
    if (bad_string(entity, len)) return fail_null("entity is NULL");
    std::optional<EntityRef> ref = parse_entity(view(entity, len));
    if (!ref) return bad_entity(view(entity, len));
    Result<std::string> explained = engine->rep.explain(ref->kind, ref->key);
    if (!explained.ok()) return fail(explained.status());
    put_string(out_json, out_len, *explained);
    return int{KEFU_OK};
  });
}

int kefu_store_options_init(kefu_store_options* opts, unsigned int version) {
  return Guard([&] {
    if (opts == nullptr) return fail_null("opts is NULL");
    if (!known_version(version, KEFU_STORE_OPTIONS_VERSION))
      return bad_version(version, KEFU_STORE_OPTIONS_VERSION);
    *opts = kefu_store_options KEFU_STORE_OPTIONS_INIT;
    opts->version = version;
    return int{KEFU_OK};
  });
}

int kefu_store_open(kefu_store** out, const char* path, size_t path_len, const char* policy,
                    size_t policy_len, const kefu_store_options* opts) {
  return Guard([&] {
    if (out != nullptr) *out = nullptr;
    if (out == nullptr) return fail_null("out is NULL");
    if (path == nullptr || path_len == 0) return fail_null("path is NULL or empty");
    if (bad_string(policy, policy_len)) return fail_null("policy is NULL");
    kefu::store::StoreOptions options;
    if (opts != nullptr) {
      if (!known_version(opts->version, KEFU_STORE_OPTIONS_VERSION))
        return bad_version(opts->version, KEFU_STORE_OPTIONS_VERSION);
      if (opts->synchronous < KEFU_SYNC_OFF || opts->synchronous > KEFU_SYNC_FULL)
        return fail(KEFU_EINVALID, "synchronous " + std::to_string(opts->synchronous) +
                                       " is not a kefu_sync (0, 1 or 2)");
      if (opts->snapshot_every < 0 || opts->keep_snapshots < 1)
        return fail(KEFU_EINVALID, "snapshot_every must be >= 0 and keep_snapshots >= 1");
      options.synchronous = static_cast<kefu::store::Synchronous>(opts->synchronous);
      options.snapshot_every = opts->snapshot_every;
      options.keep_snapshots = opts->keep_snapshots;
    }
    const std::string file(path, path_len);
    if (file.find('\0') != std::string::npos)
      return fail(KEFU_EINVALID, "the path holds a NUL byte");
    std::optional<std::string_view> document;
    if (policy != nullptr) document = view(policy, policy_len);
    Result<kefu::store::Store> opened = kefu::store::Store::open(file, document, options);
    if (!opened.ok()) return fail(opened.status());
    *out = new kefu_store{std::move(opened).value()};
    return int{KEFU_OK};
  });
}

void kefu_store_free(kefu_store* store) { delete store; }

int kefu_store_ingest_batch(char** out_results, size_t* out_len, size_t* out_accepted,
                            size_t* out_duplicates, size_t* out_refused, char** out_jsonl,
                            size_t* out_jsonl_len, kefu_store* store, const char* jsonl,
                            size_t len, int replay) {
  return Guard([&] {
    clear_string(out_results, out_len);
    clear_string(out_jsonl, out_jsonl_len);
    if (out_accepted != nullptr) *out_accepted = 0;
    if (out_duplicates != nullptr) *out_duplicates = 0;
    if (out_refused != nullptr) *out_refused = 0;
    if (store == nullptr) return fail_null("store is NULL");
    if (bad_string(jsonl, len)) return fail_null("jsonl is NULL");
    kefu::store::Store::Batch batch;
    std::vector<std::int64_t> lines;  // the line number of each ingest
    std::string_view rest = view(jsonl, len);
    std::int64_t line_number = 0;
    while (!rest.empty()) {
      std::size_t nl = rest.find('\n');
      std::string_view line = rest.substr(0, nl);
      rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
      ++line_number;
      if (is_blank(line)) continue;
      if (line.back() == '\r') line.remove_suffix(1);
      if (replay != 0) {
        Result<kefu::domain::Event> ev = kefu::domain::parse_event(line);
        if (ev.ok()) batch.advance(ev->at - std::chrono::seconds(1));
      }
      batch.ingest(std::string(line));
      lines.push_back(line_number);
    }
    Result<kefu::store::Store::BatchResult> r = store->rep.apply(batch);
    if (!r.ok()) return fail(r.status());
    std::string results = "[";
    std::size_t counts[3] = {0, 0, 0};  // accepted, duplicates, refused
    for (std::size_t i = 0; i < r->events.size(); ++i) {
      const Result<kefu::engine::IngestOutcome>& e = r->events[i];
      std::size_t which = !e.ok() ? 2 : *e == kefu::engine::IngestOutcome::kDuplicate ? 1 : 0;
      ++counts[which];
      if (out_results == nullptr) continue;
      if (results.size() > 1) results += ',';
      if (which == 2) {
        results += dump(refusal_json(lines[i], e.status()));
      } else {
        results += "{\"line\":" + std::to_string(lines[i]) + ",\"result\":\"" +
                   (which == 1 ? "duplicate" : "ok") + "\"}";
      }
    }
    results += ']';
    if (out_results != nullptr) put_string(out_results, out_len, results);
    if (out_jsonl != nullptr) {
      std::string text;
      for (const kefu::engine::Notification& n : r->notifications)
        text += kefu::engine::to_json(n) + "\n";
      put_string(out_jsonl, out_jsonl_len, text);
    }
    if (out_accepted != nullptr) *out_accepted = counts[0];
    if (out_duplicates != nullptr) *out_duplicates = counts[1];
    if (out_refused != nullptr) *out_refused = counts[2];
    return int{KEFU_OK};
  });
}

int kefu_store_advance(char** out_jsonl, size_t* out_len, kefu_store* store,
                       int64_t now_unix_seconds) {
  return Guard([&] {
    clear_string(out_jsonl, out_len);
    if (out_jsonl == nullptr) return fail_null("out_jsonl is NULL");
    if (store == nullptr) return fail_null("store is NULL");
    std::optional<Instant> now = instant_of(now_unix_seconds);
    if (!now) return bad_instant(now_unix_seconds);
    kefu::store::Store::Batch batch;
    batch.advance(*now);
    Result<kefu::store::Store::BatchResult> r = store->rep.apply(batch);
    if (!r.ok()) return fail(r.status());
    std::string text;
    for (const kefu::engine::Notification& n : r->notifications)
      text += kefu::engine::to_json(n) + "\n";
    put_string(out_jsonl, out_len, text);
    return int{KEFU_OK};
  });
}

int kefu_store_pending(char** out_jsonl, size_t* out_len, kefu_store* store) {
  return Guard([&] {
    clear_string(out_jsonl, out_len);
    if (out_jsonl == nullptr) return fail_null("out_jsonl is NULL");
    if (store == nullptr) return fail_null("store is NULL");
    Result<std::vector<kefu::store::OutboxEntry>> pending = store->rep.pending();
    if (!pending.ok()) return fail(pending.status());
    std::string text;
    for (const kefu::store::OutboxEntry& n : *pending) text += n.json + "\n";
    put_string(out_jsonl, out_len, text);
    return int{KEFU_OK};
  });
}

int kefu_store_ack(kefu_store* store, int64_t seq) {
  return Guard([&] {
    if (store == nullptr) return fail_null("store is NULL");
    if (Status s = store->rep.ack(seq); !s.ok()) return fail(s);
    return int{KEFU_OK};
  });
}

int kefu_store_snapshot(int64_t* out_journal_seq, kefu_store* store) {
  return Guard([&] {
    if (out_journal_seq != nullptr) *out_journal_seq = 0;
    if (store == nullptr) return fail_null("store is NULL");
    Result<kefu::store::Store::SnapshotWritten> w = store->rep.snapshot();
    if (!w.ok()) return fail(w.status());
    if (out_journal_seq != nullptr) *out_journal_seq = w->journal_seq;
    return int{KEFU_OK};
  });
}

int kefu_store_load_policy(kefu_store* store, const char* policy, size_t len) {
  return Guard([&] {
    if (store == nullptr) return fail_null("store is NULL");
    if (bad_string(policy, len)) return fail_null("policy is NULL");
    if (Status s = store->rep.load_policy(view(policy, len)); !s.ok()) return fail(s);
    return int{KEFU_OK};
  });
}

int kefu_store_migrate(char** out_json, size_t* out_len, kefu_store* store) {
  return Guard([&] {
    clear_string(out_json, out_len);
    if (out_json == nullptr) return fail_null("out_json is NULL");
    if (store == nullptr) return fail_null("store is NULL");
    Result<kefu::engine::MigrationReport> report = store->rep.migrate();
    if (!report.ok()) return fail(report.status());
    put_string(out_json, out_len, kefu::engine::to_json(*report));
    return int{KEFU_OK};
  });
}

int kefu_store_state(char** out_json, size_t* out_len, const kefu_store* store) {
  return Guard([&] {
    clear_string(out_json, out_len);
    if (out_json == nullptr) return fail_null("out_json is NULL");
    if (store == nullptr) return fail_null("store is NULL");
    put_string(out_json, out_len, store->rep.engine().canonical_state());
    return int{KEFU_OK};
  });
}

int kefu_store_timers_of(char** out_json, size_t* out_len, const kefu_store* store,
                         const char* entity, size_t len) {
  return Guard([&] {
    clear_string(out_json, out_len);
    if (out_json == nullptr) return fail_null("out_json is NULL");
    if (store == nullptr) return fail_null("store is NULL");
    if (bad_string(entity, len)) return fail_null("entity is NULL");
    std::optional<EntityRef> ref = parse_entity(view(entity, len));
    if (!ref) return bad_entity(view(entity, len));
    Result<std::vector<kefu::engine::TimerView>> timers =
        store->rep.engine().timers_of(ref->kind, ref->key);
    if (!timers.ok()) return fail(timers.status());
    put_string(out_json, out_len, timers_json(*timers));
    return int{KEFU_OK};
  });
}

int kefu_store_claim(char** out_json, size_t* out_len, const kefu_store* store,
                     const char* claim, size_t len) {
  return claim_query(out_json, out_len, engine_of_store(store), "store is NULL", claim, len);
}

int kefu_store_compensation(char** out_json, size_t* out_len, const kefu_store* store,
                            const char* claim, size_t len) {
  return compensation_query(out_json, out_len, engine_of_store(store), "store is NULL", claim, len);
}

int kefu_store_insurance(char** out_json, size_t* out_len, const kefu_store* store,
                         const char* order, size_t len) {
  return insurance_query(out_json, out_len, engine_of_store(store), "store is NULL", order, len);
}

int kefu_store_insured_cargo_list(char** out_json, size_t* out_len, const kefu_store* store,
                                  const char* date, size_t len) {
  return insured_cargo_list_query(out_json, out_len, engine_of_store(store), "store is NULL", date,
                                  len);
}

}  // extern "C"
