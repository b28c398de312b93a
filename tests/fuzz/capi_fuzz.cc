// libFuzzer target: the C ABI entry points that take bytes.
//
// The first byte picks the entry point, the rest is its input:
//   0: kefu_policy_load            (a policy document)
//   1: kefu_engine_ingest          (an event, under the reference policy)
//   2: kefu_engine_ingest_batch    (a JSONL buffer)
//   3: kefu_calendar_add           (a due spec, on "office")
//   4: kefu_engine_timers_of       (an "KIND:KEY" entity name)
// Every call must return a kefu status, set a last error that is a valid
// string on failure, and leak nothing.
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "kefu.h"

namespace {

kefu_policy* reference() {
  static kefu_policy* policy = [] {
    kefu_policy* p = nullptr;
    const char path[] = KEFU_SOURCE_DIR "/examples/policies/reference.json";
    if (kefu_policy_load_file(&p, path, std::strlen(path)) != KEFU_OK) std::abort();
    return p;
  }();
  return policy;
}

// Whether s[0, len) is well-formed UTF-8 (RFC 3629: no overlongs, no
// surrogates, nothing above U+10FFFF).
bool valid_utf8(const char* s, std::size_t len) {
  const auto* p = reinterpret_cast<const unsigned char*>(s);
  for (std::size_t i = 0; i < len;) {
    unsigned char b = p[i];
    std::size_t n = b < 0x80 ? 1 : b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3
                                 : b >= 0xF0 && b <= 0xF4 ? 4 : 0;
    if (n == 0 || i + n > len) return false;
    for (std::size_t k = 1; k < n; ++k)
      if ((p[i + k] & 0xC0) != 0x80) return false;
    if ((b == 0xE0 && p[i + 1] < 0xA0) || (b == 0xED && p[i + 1] > 0x9F) ||
        (b == 0xF0 && p[i + 1] < 0x90) || (b == 0xF4 && p[i + 1] > 0x8F))
      return false;
    i += n;
  }
  return true;
}

// A failure has a message: UTF-8, no NUL, its length as given.
void check_error(int rc) {
  if (rc > 0) std::abort();  // statuses are 0 or negative
  if (rc == KEFU_OK) return;
  std::size_t len = 0;
  const char* message = kefu_last_error_message(&len);
  if (message == nullptr || len == 0 || std::strlen(message) != len) std::abort();
  if (!valid_utf8(message, len)) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const char* bytes = reinterpret_cast<const char*>(data + 1);
  std::size_t len = size - 1;
  switch (data[0] % 5) {
    case 0: {
      kefu_policy* p = nullptr;
      int rc = kefu_policy_load(&p, bytes, len);
      check_error(rc);
      if ((rc == KEFU_OK) != (p != nullptr)) std::abort();
      kefu_policy_free(p);
      break;
    }
    case 1: {
      kefu_engine* e = nullptr;
      if (kefu_engine_new(&e, reference(), nullptr) != KEFU_OK) std::abort();
      int outcome = -1;
      check_error(kefu_engine_ingest(&outcome, e, bytes, len));
      kefu_engine_free(e);
      break;
    }
    case 2: {
      kefu_engine* e = nullptr;
      if (kefu_engine_new(&e, reference(), nullptr) != KEFU_OK) std::abort();
      char* report = nullptr;
      std::size_t report_len = 0, ok = 0, dup = 0, refused = 0;
      check_error(kefu_engine_ingest_batch(&report, &report_len, &ok, &dup, &refused, e,
                                           bytes, len));
      kefu_free(report);
      char* out = nullptr;
      std::size_t out_len = 0;
      check_error(kefu_engine_advance(&out, &out_len, e, 1790000000));
      kefu_free(out);
      kefu_engine_free(e);
      break;
    }
    case 3: {
      kefu_calendar* c = nullptr;
      if (kefu_calendar_get(&c, reference(), "office", 6) != KEFU_OK) std::abort();
      std::int64_t due = 0;
      check_error(kefu_calendar_add(&due, c, 1790000000, bytes, len));
      kefu_calendar_free(c);
      break;
    }
    case 4: {
      kefu_engine* e = nullptr;
      if (kefu_engine_new(&e, reference(), nullptr) != KEFU_OK) std::abort();
      char* out = nullptr;
      std::size_t out_len = 0;
      check_error(kefu_engine_timers_of(&out, &out_len, e, bytes, len));
      kefu_free(out);
      kefu_engine_free(e);
      break;
    }
  }
  return 0;
}
