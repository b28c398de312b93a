// The byte encoding of an entity's events and attributes, shared by the
// snapshot (snapshot.cc) and the entity's history (event_history.h), which
// keeps its events in this form: a snapshot copies a history's bytes as
// they are, and a history reads a snapshot's without re-encoding them.
//
// An event of an entity's history: a byte saying which optional parts
// follow, the id and name, the type, entity and key only when they do not
// follow from the owner (which the engine never produces: type =
// "<kind>.<name>"), the instant (8 bytes), then those of the three
// references, the attributes (in name order) and the removed names that
// the event has, and the content hash (8 bytes). Strings and counts are
// vars (byte_codec.h), so a milestone without attributes takes about 40
// bytes where fixed-width lengths and empty parts took about 65: the
// history is the engine's largest memory at a million orders.
//
// Thread safety: pure functions.
#ifndef KEFU_SRC_ENGINE_EVENT_CODEC_H_
#define KEFU_SRC_ENGINE_EVENT_CODEC_H_

#include <cstdint>
#include <string_view>

#include "engine/byte_codec.h"
#include "kefu/domain/event.h"
#include "kefu/policy/attributes.h"
#include "kefu/policy/vocabulary.h"
#include "kefu/time/instant.h"

namespace kefu::engine {

// The put_ functions write through a ByteWriter, or a ByteCounter then a
// ByteFiller (byte_codec.h): the same bytes either way.
template <typename Writer>
void put_instant(Writer& w, time::Instant t) {
  w.i64(t.time_since_epoch().count());
}
inline time::Instant get_instant(ByteReader& r) {
  return time::Instant(std::chrono::seconds(r.i64()));
}

// An enum value below `limit`, or a failed read.
template <typename E>
E get_enum(ByteReader& r, std::uint8_t limit) {
  std::uint8_t v = r.u8();
  if (v >= limit) r.fail();
  return static_cast<E>(v < limit ? v : 0);
}

template <typename Writer>
void put_attrs(Writer& w, const policy::Attributes& attrs);
// Attributes are written in name order (Attributes keeps them so): names
// that are not strictly increasing fail the read.
policy::Attributes get_attrs(ByteReader& r);

// Whether `ev`'s type, entity and key follow from its owner, the entity
// (kind, key): put_event then leaves them out.
bool derived_from(const domain::Event& ev, policy::EntityKind kind, std::string_view key);
// `ev` as an event of its owner, `derived` being derived_from(ev, owner).
template <typename Writer>
void put_event(Writer& w, const domain::Event& ev, bool derived);
domain::Event get_event(ByteReader& r, policy::EntityKind kind, std::string_view key);
// Reads an event's head, up to and including its instant (what precedes
// it: the flag, id, name and, when not derived, type, entity and key),
// returning the instant; `id` gets the id where asked. The rest of the
// event is left unread.
time::Instant get_event_head(ByteReader& r, std::string_view* id = nullptr);
// Reads past one event without building it, checking what get_event checks.
void skip_event(ByteReader& r);

}  // namespace kefu::engine

#endif  // KEFU_SRC_ENGINE_EVENT_CODEC_H_
