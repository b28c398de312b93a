// EventHistory: an entity's accepted events, in (instant, arrival) order,
// each with the policy version that was current when it arrived. A late
// event re-applies them; explain and the KPIs read them.
//
// The events are kept encoded (event_codec.h), each record in the engine's
// HistoryArena (history_arena.h); the history holds their places, in
// order. A typical event takes 60-100 bytes there instead of a 240-byte
// domain::Event with its strings, and appending one copies its bytes to the
// end of the arena's current chunk. The instant, id and version of an event
// are read in place; the whole event is decoded only where it is needed
// again (a re-build, a snapshot's canonical form, a KPI).
//
// Every read takes the arena that holds the records. The records are the
// arena's to move (HistoryArena::release): the engine passes each move on
// to the owner's history (moved).
//
// Thread safety: a value, read with its arena.
#ifndef KEFU_SRC_ENGINE_EVENT_HISTORY_H_
#define KEFU_SRC_ENGINE_EVENT_HISTORY_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "engine/byte_codec.h"
#include "engine/history_arena.h"
#include "engine/inline_vector.h"
#include "kefu/domain/event.h"
#include "kefu/policy/vocabulary.h"
#include "kefu/time/instant.h"

namespace kefu::engine {

class EventHistory {
 public:
  using Ref = HistoryArena::Ref;
  // The places of an entity's records: the first twelve inside the entity
  // record (an order has about a dozen events), so that an append writes
  // where the record already is (inline_vector.h).
  using Refs = InlineVector<Ref, 12>;
  // Past this many bytes an entity takes no more events (a snapshot's
  // reader and the re-build of a late event hold its events at once).
  static constexpr std::size_t kMaxBytes = std::size_t{1} << 31;

  std::size_t size() const { return refs_.size(); }
  bool empty() const { return refs_.empty(); }
  bool full() const { return bytes_ >= kMaxBytes; }

  // Appends `ev`, an event of the entity (kind, key) whose handle is `owner`.
  void append(HistoryArena& arena, std::uint32_t owner, const domain::Event& ev,
              std::uint16_t version, policy::EntityKind kind, std::string_view key);

  time::Instant at(const HistoryArena& arena, std::size_t i) const;
  std::string_view id(const HistoryArena& arena, std::size_t i) const;
  std::uint16_t version(const HistoryArena& arena, std::size_t i) const;
  std::uint64_t content_hash(const HistoryArena& arena, std::size_t i) const;
  // Event `i` decoded, for the entity (kind, key) that owns the history.
  domain::Event event(const HistoryArena& arena, std::size_t i, policy::EntityKind kind,
                      std::string_view key) const;

  // The records one after another, as a snapshot stores them after their
  // count.
  void write(const HistoryArena& arena, std::string* out) const;
  // Reads `count` records written by write() into `arena`, for entity
  // `owner`; on damage `r` fails and nothing changes (the records are all
  // checked before the first goes into the arena).
  void read(HistoryArena& arena, std::uint32_t owner, ByteReader& r, std::uint32_t count);

  // The places of the records, for the engine to release them; and a
  // record's new place after the arena moved it.
  const Refs& refs() const { return refs_; }
  void moved(std::uint32_t index, Ref to) { refs_[index] = to; }
  // After its records were released: nothing.
  void clear() {
    refs_.clear();
    bytes_ = 0;
  }

 private:
  Refs refs_;              // record i is at refs_[i]
  std::size_t bytes_ = 0;  // the records' bytes
};

}  // namespace kefu::engine

#endif  // KEFU_SRC_ENGINE_EVENT_HISTORY_H_
