// EventHistory: an entity's accepted events, in (instant, arrival) order,
// each with the policy version that was current when it arrived. A late
// event re-applies them; explain and the KPIs read them.
//
// The events are kept encoded (event_codec.h), one record after another in
// a single buffer, with each record's offset beside it: a typical event
// takes 60-100 bytes here instead of a 240-byte domain::Event with its
// strings, and appending one copies bytes instead of moving an Event (and,
// at each growth, every Event before it). The instant, id and version of an
// event are read in place; the whole event is decoded only where it is
// needed again (a re-build, a snapshot's canonical form, a KPI).
//
// Thread safety: a value.
#ifndef KEFU_SRC_ENGINE_EVENT_HISTORY_H_
#define KEFU_SRC_ENGINE_EVENT_HISTORY_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/byte_codec.h"
#include "kefu/domain/event.h"
#include "kefu/policy/vocabulary.h"
#include "kefu/time/instant.h"

namespace kefu::engine {

class EventHistory {
 public:
  // Past this many bytes an entity takes no more events (offsets are 32
  // bits; one event, bounded by the event limits, fits in what is left).
  static constexpr std::size_t kMaxBytes = std::size_t{1} << 31;

  std::size_t size() const { return starts_.size(); }
  bool empty() const { return starts_.empty(); }
  bool full() const { return bytes_.size() >= kMaxBytes; }

  // Appends `ev`, an event of the entity (kind, key).
  void append(const domain::Event& ev, std::uint16_t version, policy::EntityKind kind,
              std::string_view key);

  time::Instant at(std::size_t i) const;
  std::string_view id(std::size_t i) const;
  std::uint16_t version(std::size_t i) const;
  std::uint64_t content_hash(std::size_t i) const;
  // Event `i` decoded, for the entity (kind, key) that owns the history.
  domain::Event event(std::size_t i, policy::EntityKind kind, std::string_view key) const;

  // The records, as a snapshot stores them after their count.
  std::string_view bytes() const { return bytes_; }
  // Reads `count` records written from bytes(); on damage `r` fails and
  // the history is left as it was.
  void read(ByteReader& r, std::uint32_t count);

  friend bool operator==(const EventHistory&, const EventHistory&) = default;

 private:
  std::string_view record(std::size_t i) const;

  std::string bytes_;
  std::vector<std::uint32_t> starts_;  // record i begins at bytes_[starts_[i]]
};

}  // namespace kefu::engine

#endif  // KEFU_SRC_ENGINE_EVENT_HISTORY_H_
