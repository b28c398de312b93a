// What happened to each timer: one store of log entries for all timers.
//
// A timer's log is a list threaded through the store, newest first: the
// timer keeps the handle of its newest entry (`sla::Timer::log_tail`) and
// each entry the handle of the one before. One vector instead of a vector
// per timer: a timer with one entry costs 20 bytes, not a 24-byte vector
// header plus a heap chunk. A freed timer's entries go on a free list that
// the next appends reuse, so the store does not grow with retired timers.
//
// An entry caused by an event does not copy the event's id or instant: it
// names the event by its index in the entity's history, which holds both
// (the history is kept anyway, for late events).
#ifndef KEFU_SRC_ENGINE_TIMER_LOG_H_
#define KEFU_SRC_ENGINE_TIMER_LOG_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "engine/stable_vector.h"

namespace kefu::engine {

// What a log entry records; `target` is the entry in force afterwards.
enum class LogKind : std::uint8_t {
  kStarted,
  kPaused,
  kResumed,
  kStopped,
  kRestarted,
  kRetargeted,
  kFired,
  kFaulted,
  kCounted,  // a quota event
  // Engine::migrate moved the timer to a newer policy version: `target` is
  // the entry of that version, `aux` the version it came from (the entries
  // before this one name targets of that version).
  kMigrated,
};
inline constexpr int kLogKindCount = 10;

// A kStopped entry's aux: 0 the target's stop event, 1 the entity closed,
// kStoppedByMigration + v a migration to version v found no entry of the
// target that matches (neither met nor missed, for the KPIs).
inline constexpr std::int32_t kStoppedByMigration = 2;

// The kind's name in explain and the canonical state.
inline std::string_view log_kind_name(LogKind kind) {
  static constexpr std::string_view kNames[kLogKindCount] = {
      "started", "paused", "resumed", "stopped", "restarted",
      "retargeted", "fired", "faulted", "counted", "migrated"};
  return kNames[static_cast<int>(kind)];
}

inline constexpr std::uint32_t kNoLogEntry = 0xFFFFFFFFu;

#pragma pack(push, 4)
struct LogEntry {
  // by_event: the index of the event in the entity's history; otherwise
  // the instant, in seconds since the epoch.
  std::int64_t when = 0;
  std::int32_t aux = 0;  // fired: the firing kind * 10^7 + fraction
  std::uint32_t prev = kNoLogEntry;  // the timer's previous entry
  std::uint16_t target = 0;
  LogKind kind = LogKind::kStarted;
  bool by_event = false;
};
#pragma pack(pop)
static_assert(sizeof(LogEntry) == 20);

class TimerLogStore {
 public:
  // Appends `e` after `tail` (a timer's newest entry, or kNoLogEntry) and
  // returns the handle of the new newest entry.
  std::uint32_t append(std::uint32_t tail, LogEntry e) {
    e.prev = tail;
    if (free_ != kNoLogEntry) {
      const std::uint32_t i = free_;
      free_ = entries_[i].prev;
      entries_[i] = e;
      return i;
    }
    entries_.push_back(e);
    return static_cast<std::uint32_t>(entries_.size() - 1);
  }

  // Frees the list that ends at `tail`: its entries go on the free list.
  void release(std::uint32_t tail) {
    if (tail == kNoLogEntry) return;
    std::uint32_t head = tail;
    while (entries_[head].prev != kNoLogEntry) head = entries_[head].prev;
    entries_[head].prev = free_;
    free_ = tail;
  }

  void reserve(std::size_t n) { entries_.reserve(n); }

  const LogEntry& operator[](std::uint32_t i) const { return entries_[i]; }

  // The list ending at `tail`, oldest first.
  std::vector<const LogEntry*> list(std::uint32_t tail) const {
    std::vector<const LogEntry*> out;
    for (std::uint32_t i = tail; i != kNoLogEntry; i = entries_[i].prev)
      out.push_back(&entries_[i]);
    return {out.rbegin(), out.rend()};
  }

 private:
  StableVector<LogEntry> entries_;
  std::uint32_t free_ = kNoLogEntry;
};

}  // namespace kefu::engine

#endif  // KEFU_SRC_ENGINE_TIMER_LOG_H_
