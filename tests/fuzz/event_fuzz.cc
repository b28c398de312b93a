// libFuzzer target: one event line, parsed.
//
// parse_event must never crash, hang or read out of bounds; a parsed event
// must hash its content deterministically (parsing twice gives the same
// content hash), since idempotence rests on it.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "kefu/domain/event.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view line(reinterpret_cast<const char*>(data), size);
  kefu::Result<kefu::domain::Event> a = kefu::domain::parse_event(line);
  kefu::Result<kefu::domain::Event> b = kefu::domain::parse_event(line);
  if (a.ok() != b.ok()) std::abort();
  if (a.ok()) {
    if (a->content_hash != b->content_hash || a->id != b->id) std::abort();
    if (a->id.empty() || a->key.empty()) std::abort();  // both are required
  } else if (a.status().message() != b.status().message()) {
    std::abort();
  }
  return 0;
}
