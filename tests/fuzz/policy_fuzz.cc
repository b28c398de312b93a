// libFuzzer target: policy parsing and compilation.
//
// Any byte string is a candidate policy document. Parse and Check must agree
// (Parse fails exactly when Check reports an error, with Check's first
// error), and a policy that compiles must run an engine: that exercises the
// compiled calendars and targets, not only the validator.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "kefu/engine/engine.h"
#include "kefu/policy/policy.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  kefu::Result<kefu::policy::Policy> policy = kefu::policy::Policy::Parse(text);
  std::vector<kefu::Status> errors = kefu::policy::Policy::Check(text);
  if (policy.ok() != errors.empty()) std::abort();
  if (!policy.ok()) {
    if (policy.status().message() != errors.front().message()) std::abort();
    return 0;
  }
  // A compiled policy drives an engine through one order's life.
  kefu::engine::Engine engine(*policy);
  (void)engine.ingest_json(
      R"({"id":"f-1","type":"order.created","at":"2026-09-30T17:00:00+08:00","order":"F1","attrs":{"tier":"A"}})");
  (void)engine.ingest_json(
      R"({"id":"f-2","type":"order.confirmed","at":"2026-09-30T19:00:00+08:00","order":"F1"})");
  (void)engine.advance(*kefu::time::parse_instant("2026-10-20T00:00:00+08:00"));
  (void)engine.explain(kefu::policy::EntityKind::kOrder, "F1");
  return 0;
}
