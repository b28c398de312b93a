// The snapshot serializer (include/kefu/engine/snapshot.h).
//
// It writes the engine's logical content field by field, never raw memory,
// so it survives changes to how Engine::Impl lays things out: only the
// fields are its business. Handles (an entity's or a timer's index) are
// kept, free slots included, because they decide the order of ties in
// advance (the heap orders equal instants by timer handle) and so the
// future output. What is derived is rebuilt instead of stored: the key
// maps (from the live entities), the due-time heap (one entry per
// scheduled timer), the log store (each timer's list appended afresh), the queue of ids to forget (from the remembered ids)
// and the queue of closed entities (from their close instants).
//
// A field added to the state must be added here, in the same order on
// both sides, with kSnapshotFormat bumped; tests/engine/snapshot_test.cc
// compares restored and original engines over rich stories and fails when
// one is forgotten.
#include "kefu/engine/snapshot.h"

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/byte_codec.h"
#include "engine/engine_state.h"
#include "engine/event_codec.h"

namespace kefu::engine {
namespace {

constexpr std::string_view kMagic = "KEFUSNAP";
constexpr std::size_t kHeaderSize = 8 + 4 + 8 + 8;

// ---- writing

void put_optional_i64(ByteWriter& w, const std::optional<std::int64_t>& v) {
  w.u8(v ? 1 : 0);
  if (v) w.i64(*v);
}

std::optional<std::int64_t> get_optional_i64(ByteReader& r) {
  if (r.u8() == 0) return std::nullopt;
  return r.i64();
}

// A claim's state beyond its attributes (claim_rules.h): the sign-off
// chain, legal referrals, insurer recovery, salvage and payment.
void put_claim(ByteWriter& w, const domain::ClaimState& c) {
  w.str(c.order);
  w.str(c.complaint);
  w.u8(c.insured_cargo ? 1 : 0);
  w.u8(c.chain ? 1 : 0);
  if (c.chain) {
    const domain::SignOffChain::Parts p = c.chain->parts();
    w.u64(p.band_index);
    put_optional_i64(w, p.up_to_cents);
    w.u32(static_cast<std::uint32_t>(p.roles.size()));
    for (const std::string& role : p.roles) w.str(role);
    w.u32(static_cast<std::uint32_t>(p.signoffs.size()));
    for (const domain::SignOff& s : p.signoffs) {
      w.str(s.role);
      w.u8(static_cast<std::uint8_t>(s.opinion));
      w.str(s.event);
    }
    w.u8(p.disagreement ? 1 : 0);
    w.u8(p.arbitration ? 1 + static_cast<std::uint8_t>(*p.arbitration) : 0);
  }
  w.u32(static_cast<std::uint32_t>(c.legal.size()));
  for (const domain::LegalReferral& l : c.legal) {
    put_instant(w, l.referred);
    w.u8(l.concluded ? 1 : 0);
    if (l.concluded) put_instant(w, *l.concluded);
    w.str(l.reason);
    w.str(l.event);
  }
  w.u8(c.insurer_submitted ? 1 : 0);
  w.u8(c.insurer_paid ? 1 : 0);
  put_optional_i64(w, c.insurer_paid_cents);
  put_optional_i64(w, c.salvage_value_cents);
  w.u8(c.salvage_disposed ? 1 : 0);
  put_optional_i64(w, c.salvage_proceeds_cents);
  put_optional_i64(w, c.paid_cents);
}

void put_kpi_month(ByteWriter& w, const KpiMonth& month) {
  w.str(month.month);
  put_instant(w, month.start);
  put_instant(w, month.end);
  w.u8(month.closed ? 1 : 0);
  w.u32(static_cast<std::uint32_t>(month.groups.size()));
  for (const KpiGroup& g : month.groups) {
    w.str(g.tier);
    w.u32(static_cast<std::uint32_t>(g.figures.size()));
    for (const KpiValue& v : g.figures) {
      w.str(v.id);
      w.f64(v.numerator);
      w.i64(v.denominator);
      w.u8(v.value ? 1 : 0);
      if (v.value) w.f64(*v.value);
      w.u8(v.missed ? 1 : 0);
    }
  }
}

void put_notification(ByteWriter& w, const Notification& n) {
  w.u8(static_cast<std::uint8_t>(n.kind));
  w.i64(n.seq);
  put_instant(w, n.at);
  w.str(n.sla);
  w.u8(static_cast<std::uint8_t>(n.entity));
  w.str(n.key);
  put_instant(w, n.due);
  w.i64(n.offset.value().count());
  w.i32(n.fraction_millionths);
  w.u8(n.late ? 1 : 0);
  w.str(n.event);
  w.i64(n.corrects);
  w.str(n.level);
  w.str(n.role);
  w.u8(n.skipped ? 1 : 0);
  w.str(n.value);
  w.str(n.threshold);
  w.str(n.limit);
}

void put_entity(ByteWriter& w, const EntityRecord& e, const HistoryArena& histories) {
  w.u8(e.live ? 1 : 0);
  if (!e.live) return;  // a free slot: a default record
  w.u8(static_cast<std::uint8_t>(e.kind));
  w.str(e.key);
  w.u8(e.state);
  put_attrs(w, e.attrs);
  w.str(e.customer);
  put_instant(w, e.created);
  put_instant(w, e.last_event);
  w.u8(e.closed_at ? 1 : 0);
  if (e.closed_at) put_instant(w, *e.closed_at);
  w.u32(static_cast<std::uint32_t>(e.timers.size()));
  for (std::uint32_t h : e.timers) w.u32(h);
  put_instant(w, e.next_due);
  // The history's records are in the snapshot's form already.
  w.u32(static_cast<std::uint32_t>(e.history.size()));
  e.history.write(histories, &w.bytes());
  w.u32(static_cast<std::uint32_t>(e.emitted.size()));
  for (const EmittedRecord& r : e.emitted) {
    w.u8(static_cast<std::uint8_t>(r.kind));
    w.i32(r.fraction_millionths);
    put_instant(w, r.at);
    put_instant(w, r.due);
    w.i64(r.seq);
    w.str(r.sla);
    w.i64(r.offset.value().count());
  }
  w.u32(static_cast<std::uint32_t>(e.not_started.size()));
  for (const NotStarted& n : e.not_started) {
    put_instant(w, n.at);
    w.u16(n.version);
    w.u16(n.target);
    w.u8(n.tried ? 1 : 0);
    w.str(n.message());
  }
  w.u8(e.level);
  w.u32(static_cast<std::uint32_t>(e.migrations.size()));
  for (const Migration& g : e.migrations) {
    put_instant(w, g.at);
    w.u16(g.version);
    w.u32(g.after);
  }
  w.u8(e.claim ? 1 : 0);
  if (e.claim) put_claim(w, *e.claim);
}

void put_timer(ByteWriter& w, const sla::Timer& t, const TimerLogStore& log) {
  put_instant(w, t.armed);
  put_instant(w, t.base_due);
  put_instant(w, t.due);
  // paused_since and ended share a slot: the one the state makes valid.
  put_instant(w, t.state == sla::TimerState::kStopped ? t.ended : t.paused_since);
  put_instant(w, t.next_at);
  w.i64(t.paused_open);
  w.i64(t.warn_span);
  w.u32(t.entity);
  w.u16(t.version);
  w.u16(t.target);
  w.i32(t.quota_count);
  w.i32(t.quota_period);
  w.u8(static_cast<std::uint8_t>(t.state));
  w.u8(t.next_warning);
  w.u8(t.breached ? 1 : 0);
  w.u8(t.satisfied ? 1 : 0);
  // The timer's log, oldest first; the store's handles are not kept (the
  // restored store is compact, which nothing observes).
  const std::vector<const LogEntry*> entries = log.list(t.log_tail);
  w.u32(static_cast<std::uint32_t>(entries.size()));
  for (const LogEntry* entry : entries) {
    w.i64(entry->when);
    w.i32(entry->aux);
    w.u16(entry->target);
    w.u8(static_cast<std::uint8_t>(entry->kind));
    w.u8(entry->by_event ? 1 : 0);
  }
}

// ---- reading

constexpr std::uint8_t kNotificationKinds = 6;

Notification get_notification(ByteReader& r) {
  Notification n;
  n.kind = get_enum<NotificationKind>(r, kNotificationKinds);
  n.seq = r.i64();
  n.at = get_instant(r);
  n.sla = r.str();
  n.entity = get_enum<policy::EntityKind>(r, policy::kEntityKindCount);
  n.key = r.str();
  n.due = get_instant(r);
  n.offset = time::UtcOffset::seconds(static_cast<std::int32_t>(r.i64()));
  n.fraction_millionths = r.i32();
  n.late = r.u8() != 0;
  n.event = r.str();
  n.corrects = r.i64();
  n.level = r.str();
  n.role = r.str();
  n.skipped = r.u8() != 0;
  n.value = r.str();
  n.threshold = r.str();
  n.limit = r.str();
  return n;
}

// Entity `h`, its history's records read into `histories`.
EntityRecord get_entity(ByteReader& r, HistoryArena& histories, std::uint32_t h) {
  EntityRecord e;
  e.live = r.u8() != 0;
  if (!e.live) return e;
  e.kind = get_enum<policy::EntityKind>(r, policy::kEntityKindCount);
  e.key = r.str();
  e.state = r.u8();
  e.attrs = get_attrs(r);
  e.customer = r.str();
  e.created = get_instant(r);
  e.last_event = get_instant(r);
  if (r.u8() != 0) e.closed_at = get_instant(r);
  const std::uint32_t timers = r.count(4);
  e.timers.reserve(timers);
  for (std::uint32_t i = 0; i < timers && !r.failed(); ++i) e.timers.push_back(r.u32());
  e.next_due = get_instant(r);
  e.history.read(histories, h, r, r.count(30));
  const std::uint32_t emitted = r.count(37);
  e.emitted.reserve(emitted);
  for (std::uint32_t i = 0; i < emitted && !r.failed(); ++i) {
    EmittedRecord rec{};
    rec.kind = get_enum<NotificationKind>(r, kNotificationKinds);
    rec.fraction_millionths = r.i32();
    rec.at = get_instant(r);
    rec.due = get_instant(r);
    rec.seq = r.i64();
    rec.sla = r.str();
    rec.offset = time::UtcOffset::seconds(static_cast<std::int32_t>(r.i64()));
    e.emitted.push_back(std::move(rec));
  }
  const std::uint32_t not_started = r.count(17);
  e.not_started.reserve(not_started);
  for (std::uint32_t i = 0; i < not_started && !r.failed(); ++i) {
    NotStarted n;
    n.at = get_instant(r);
    n.version = r.u16();
    n.target = r.u16();
    n.tried = r.u8() != 0;
    if (std::string detail = r.str(); !detail.empty())
      n.detail = std::make_unique<const std::string>(std::move(detail));
    e.not_started.push_back(std::move(n));
  }
  e.level = r.u8();
  const std::uint32_t migrations = r.count(14);
  e.migrations.reserve(migrations);
  for (std::uint32_t i = 0; i < migrations && !r.failed(); ++i) {
    Migration g;
    g.at = get_instant(r);
    g.version = r.u16();
    g.after = r.u32();
    e.migrations.push_back(g);
  }
  if (r.u8() != 0) {
    auto c = std::make_unique<domain::ClaimState>();
    c->order = r.str();
    c->complaint = r.str();
    c->insured_cargo = r.u8() != 0;
    if (r.u8() != 0) {
      domain::SignOffChain::Parts p;
      p.band_index = static_cast<std::size_t>(r.u64());
      p.up_to_cents = get_optional_i64(r);
      const std::uint32_t roles = r.count(4);
      for (std::uint32_t i = 0; i < roles && !r.failed(); ++i) p.roles.push_back(r.str());
      const std::uint32_t signoffs = r.count(9);
      for (std::uint32_t i = 0; i < signoffs && !r.failed(); ++i) {
        domain::SignOff s;
        s.role = r.str();
        s.opinion = get_enum<domain::Opinion>(r, 2);
        s.event = r.str();
        p.signoffs.push_back(std::move(s));
      }
      p.disagreement = r.u8() != 0;
      if (const std::uint8_t a = r.u8(); a != 0) {
        if (a > 2) r.fail();
        else p.arbitration = static_cast<domain::Opinion>(a - 1);
      }
      c->chain = domain::SignOffChain::Restore(std::move(p));
    }
    const std::uint32_t legal = r.count(18);
    for (std::uint32_t i = 0; i < legal && !r.failed(); ++i) {
      domain::LegalReferral l;
      l.referred = get_instant(r);
      if (r.u8() != 0) l.concluded = get_instant(r);
      l.reason = r.str();
      l.event = r.str();
      c->legal.push_back(std::move(l));
    }
    c->insurer_submitted = r.u8() != 0;
    c->insurer_paid = r.u8() != 0;
    c->insurer_paid_cents = get_optional_i64(r);
    c->salvage_value_cents = get_optional_i64(r);
    c->salvage_disposed = r.u8() != 0;
    c->salvage_proceeds_cents = get_optional_i64(r);
    c->paid_cents = get_optional_i64(r);
    e.claim = std::move(c);
  }
  return e;
}

KpiMonth get_kpi_month(ByteReader& r) {
  KpiMonth month;
  month.month = r.str();
  month.start = get_instant(r);
  month.end = get_instant(r);
  month.closed = r.u8() != 0;
  const std::uint32_t groups = r.count(8);
  for (std::uint32_t i = 0; i < groups && !r.failed(); ++i) {
    KpiGroup g;
    g.tier = r.str();
    const std::uint32_t figures = r.count(22);
    for (std::uint32_t k = 0; k < figures && !r.failed(); ++k) {
      KpiValue v;
      v.id = r.str();
      v.numerator = r.f64();
      v.denominator = r.i64();
      if (r.u8() != 0) v.value = r.f64();
      v.missed = r.u8() != 0;
      g.figures.push_back(std::move(v));
    }
    month.groups.push_back(std::move(g));
  }
  return month;
}

sla::Timer get_timer(ByteReader& r, TimerLogStore& log) {
  sla::Timer t;
  t.armed = get_instant(r);
  t.base_due = get_instant(r);
  t.due = get_instant(r);
  const Instant slot = get_instant(r);
  t.next_at = get_instant(r);
  t.paused_open = r.i64();
  t.warn_span = r.i64();
  t.entity = r.u32();
  t.version = r.u16();
  t.target = r.u16();
  t.quota_count = r.i32();
  t.quota_period = r.i32();
  t.state = get_enum<sla::TimerState>(r, 4);
  if (t.state == sla::TimerState::kStopped)
    t.ended = slot;
  else
    t.paused_since = slot;
  t.next_warning = r.u8();
  t.breached = r.u8() != 0;
  t.satisfied = r.u8() != 0;
  const std::uint32_t n = r.count(16);
  t.log_tail = kNoLogEntry;
  for (std::uint32_t i = 0; i < n && !r.failed(); ++i) {
    LogEntry entry;
    entry.when = r.i64();
    entry.aux = r.i32();
    entry.target = r.u16();
    entry.kind = get_enum<LogKind>(r, kLogKindCount);
    entry.by_event = r.u8() != 0;
    t.log_tail = log.append(t.log_tail, entry);
  }
  return t;
}

Status damaged(const std::string& what) {
  return Status::InvalidArgument("damaged snapshot: " + what);
}

// The payload after checking the header and the checksum.
Result<std::string_view> payload_of(std::string_view bytes) {
  if (bytes.size() < kHeaderSize)
    return damaged("truncated header (" + std::to_string(bytes.size()) + " bytes)");
  if (bytes.substr(0, kMagic.size()) != kMagic) return damaged("not a kefu snapshot (bad magic)");
  ByteReader header(bytes.substr(kMagic.size(), kHeaderSize - kMagic.size()));
  const std::uint32_t format = header.u32();
  const std::uint64_t length = header.u64();
  const std::uint64_t sum = header.u64();
  if (format != kSnapshotFormat)
    return damaged("format " + std::to_string(format) + ", this build reads format " +
                   std::to_string(kSnapshotFormat));
  if (length != bytes.size() - kHeaderSize)
    return damaged("payload is " + std::to_string(bytes.size() - kHeaderSize) +
                   " bytes, the header says " + std::to_string(length) + " (truncated?)");
  std::string_view payload = bytes.substr(kHeaderSize);
  if (checksum64(payload) != sum) return damaged("checksum mismatch");
  return payload;
}

std::vector<std::string> get_versions(ByteReader& r) {
  std::vector<std::string> versions;
  const std::uint32_t n = r.count(4);
  for (std::uint32_t i = 0; i < n && !r.failed(); ++i) versions.push_back(r.str());
  return versions;
}

}  // namespace

std::string write_snapshot(const Engine& engine) {
  const Engine::Impl& m = engine.impl();
  ByteWriter w;
  // Room for a typical engine (a million open orders took 444 bytes each
  // with their timers and ids): a snapshot of hundreds of MB is not copied
  // at each doubling of its string. Beyond it the string grows as usual;
  // below it the untouched tail of so large an allocation is never paged
  // in (Linux maps it on first touch).
  w.bytes().reserve(kHeaderSize + m.entities.size() * 480 + m.timers.size() * 32 +
                    m.seen.size() * 8 + m.seen_orphans.size() * 40);
  w.bytes().append(kHeaderSize, '\0');

  w.u32(static_cast<std::uint32_t>(m.versions.size()));
  for (const PolicyVersion& v : m.versions) w.str(v.policy.version());
  w.u8(m.clock ? 1 : 0);
  if (m.clock) put_instant(w, *m.clock);
  w.u64(m.arrivals);
  w.i64(m.next_seq);

  w.u32(static_cast<std::uint32_t>(m.entities.size()));
  for (const EntityRecord& e : m.entities) put_entity(w, e, m.histories);
  w.u32(static_cast<std::uint32_t>(m.free_entities.size()));
  for (std::uint32_t h : m.free_entities) w.u32(h);

  w.u32(static_cast<std::uint32_t>(m.timers.size()));
  for (const sla::Timer& t : m.timers) put_timer(w, t, m.log);
  w.u32(static_cast<std::uint32_t>(m.free_timers.size()));
  for (std::uint32_t h : m.free_timers) w.u32(h);

  w.u32(static_cast<std::uint32_t>(m.pending.size()));
  for (const Pending& p : m.pending) {
    w.u32(p.entity);
    put_notification(w, p.n);
  }
  // A remembered id by its event's place; one whose entity left, in full.
  w.u32(static_cast<std::uint32_t>(m.seen.size()));
  m.seen.for_each([&](std::uint64_t, const SeenRef& r) {
    w.u32(r.entity);
    w.u32(r.index);
  });
  w.u32(static_cast<std::uint32_t>(m.seen_orphans.size()));
  m.seen_orphans.for_each([&](std::uint64_t, const SeenId& s) {
    w.str(s.id);
    w.u64(s.hash);
    put_instant(w, s.at);
  });
  w.u8(m.kpi_next_month ? 1 : 0);
  if (m.kpi_next_month) put_instant(w, *m.kpi_next_month);
  w.u32(static_cast<std::uint32_t>(m.kpi_closed.size()));
  for (const KpiMonth& month : m.kpi_closed) put_kpi_month(w, month);

  std::string& out = w.bytes();
  const std::string_view payload(out.data() + kHeaderSize, out.size() - kHeaderSize);
  ByteWriter header;
  header.bytes().append(kMagic);
  header.u32(kSnapshotFormat);
  header.u64(payload.size());
  header.u64(checksum64(payload));
  out.replace(0, kHeaderSize, header.bytes());
  return std::move(out);
}

Result<std::vector<std::string>> snapshot_policy_versions(std::string_view bytes) {
  Result<std::string_view> payload = payload_of(bytes);
  if (!payload.ok()) return payload.status();
  ByteReader r(*payload);
  std::vector<std::string> versions = get_versions(r);
  if (r.failed() || versions.empty()) return damaged("no policy versions");
  return versions;
}

Result<Engine> read_snapshot(std::string_view bytes, const std::vector<policy::Policy>& policies) {
  Result<std::string_view> payload = payload_of(bytes);
  if (!payload.ok()) return payload.status();
  ByteReader r(*payload);
  const std::vector<std::string> versions = get_versions(r);
  if (r.failed() || versions.empty()) return damaged("no policy versions");
  if (versions.size() != policies.size())
    return Status::InvalidArgument("the snapshot needs " + std::to_string(versions.size()) +
                                   " policy versions, " + std::to_string(policies.size()) +
                                   " were given");
  for (std::size_t i = 0; i < versions.size(); ++i)
    if (policies[i].version() != versions[i])
      return Status::InvalidArgument("policy version " + std::to_string(i) + " is \"" +
                                     policies[i].version() + "\", the snapshot needs \"" +
                                     versions[i] + "\"");
  Engine engine(policies.front());
  for (std::size_t i = 1; i < policies.size(); ++i) engine.load_policy(policies[i]);
  Engine::Impl& m = engine.impl();

  if (r.u8() != 0) m.clock = get_instant(r);
  m.arrivals = r.u64();
  m.next_seq = r.i64();

  const std::uint32_t entities = r.count(1);
  m.entities.reserve(entities);
  for (std::uint32_t i = 0; i < entities && !r.failed(); ++i)
    m.entities.push_back(get_entity(r, m.histories, i));
  const std::uint32_t free_entities = r.count(4);
  for (std::uint32_t i = 0; i < free_entities && !r.failed(); ++i)
    m.free_entities.push_back(r.u32());

  const std::uint32_t timers = r.count(70);
  m.timers.reserve(timers);
  m.log.reserve(timers);  // most timers have one entry; more grow the store as usual
  for (std::uint32_t i = 0; i < timers && !r.failed(); ++i) m.timers.push_back(get_timer(r, m.log));
  const std::uint32_t free_timers = r.count(4);
  for (std::uint32_t i = 0; i < free_timers && !r.failed(); ++i) m.free_timers.push_back(r.u32());

  const std::uint32_t pending = r.count(40);
  m.pending.reserve(pending);
  for (std::uint32_t i = 0; i < pending && !r.failed(); ++i) {
    const std::uint32_t entity = r.u32();
    m.pending.push_back(Pending{entity, get_notification(r)});
  }
  const std::uint32_t seen = r.count(8);
  m.seen.reserve(seen);
  // The queue of ids to forget is sorted once, not pushed into a million
  // times; ids of equal instants may leave in another order, which the
  // engine allows (engine_state.h, seen_order).
  std::vector<Engine::Impl::SeenEntry> seen_order;
  seen_order.reserve(seen);
  for (std::uint32_t i = 0; i < seen && !r.failed(); ++i) {
    const std::uint32_t entity = r.u32();
    const std::uint32_t index = r.u32();
    if (r.failed()) break;
    if (entity >= m.entities.size() || !m.entities[entity].live ||
        index >= m.entities[entity].history.size())
      return damaged("remembered id " + std::to_string(i) + " names entity " +
                     std::to_string(entity) + ", event " + std::to_string(index) +
                     ", which it does not hold");
    const EventHistory& history = m.entities[entity].history;
    const std::string_view id = history.id(m.histories, index);
    const std::uint64_t id_hash = hash_bytes(id);
    if (m.remembered(id_hash, id)) return damaged("event id " + std::string(id) + " remembered twice");
    // The queue of ids to forget names each by its hash and instant.
    seen_order.emplace_back(history.at(m.histories, index), id_hash);
    m.remember(id_hash, entity, index);
  }
  const std::uint32_t orphans = r.count(20);
  for (std::uint32_t i = 0; i < orphans && !r.failed(); ++i) {
    std::string id = r.str();
    const std::uint64_t hash = r.u64();
    const Instant at = get_instant(r);
    const std::uint64_t id_hash = hash_bytes(id);
    if (r.failed()) break;
    if (m.remembered(id_hash, id)) return damaged("event id " + id + " remembered twice");
    seen_order.emplace_back(at, id_hash);
    m.seen_orphans.insert(id_hash, SeenId{hash, at, std::move(id)});
  }
  m.seen_order = ExpiryQueue(std::move(seen_order));
  if (r.u8() != 0) m.kpi_next_month = get_instant(r);
  const std::uint32_t kpi_months = r.count(29);
  for (std::uint32_t i = 0; i < kpi_months && !r.failed(); ++i)
    m.kpi_closed.push_back(get_kpi_month(r));
  if (r.failed()) return damaged("undecodable at payload offset " + std::to_string(r.offset()));
  if (!r.at_end()) return damaged("trailing bytes at payload offset " + std::to_string(r.offset()));

  // Cross-references: a checksum passed, so these fail only on a writer bug,
  // but a bad handle must never become an out-of-bounds access.
  std::vector<bool> free_timer(m.timers.size(), false);
  for (std::uint32_t h : m.free_timers) {
    if (h >= m.timers.size()) return damaged("free timer handle out of range");
    free_timer[h] = true;
  }
  for (std::uint32_t h : m.free_entities)
    if (h >= m.entities.size() || m.entities[h].live) return damaged("bad free entity handle");
  for (std::size_t h = 0; h < m.timers.size(); ++h) {
    const sla::Timer& t = m.timers[h];
    if (free_timer[h]) continue;
    if (t.entity >= m.entities.size() || !m.entities[t.entity].live ||
        t.version >= m.versions.size() ||
        t.target >= m.versions[t.version].policy.sla().size())
      return damaged("timer " + std::to_string(h) + " refers to no entity or target");
    // Newest first (the list's own order, walked without copying it): an
    // entry names a target of the version in force after it, which before
    // a migration is the version migrated from.
    std::size_t version = t.version;
    const std::size_t history = m.entities[t.entity].history.size();
    for (std::uint32_t i = t.log_tail; i != kNoLogEntry; i = m.log[i].prev) {
      const LogEntry& entry = m.log[i];
      if (entry.target >= m.versions[version].policy.sla().size())
        return damaged("timer " + std::to_string(h) + " log names no target");
      if (entry.kind == LogKind::kMigrated) {
        if (entry.aux < 0 || static_cast<std::size_t>(entry.aux) >= m.versions.size())
          return damaged("timer " + std::to_string(h) + " log names no policy version");
        version = static_cast<std::size_t>(entry.aux);
      }
      if (entry.by_event &&
          (entry.when < 0 || static_cast<std::uint64_t>(entry.when) >= history))
        return damaged("timer " + std::to_string(h) + " log names no event");
    }
  }
  for (const Pending& p : m.pending)
    if (p.entity >= m.entities.size()) return damaged("pending notification of no entity");

  // The derived structures; the key tables sized once for their entities.
  std::array<std::size_t, policy::kEntityKindCount> live{};
  for (const EntityRecord& e : m.entities)
    if (e.live) ++live[static_cast<std::size_t>(e.kind)];
  for (std::size_t k = 0; k < live.size(); ++k) m.keys[k].reserve(live[k]);
  for (std::size_t h = 0; h < m.entities.size(); ++h) {
    EntityRecord& e = m.entities[h];
    if (!e.live) continue;
    for (std::uint32_t t : e.timers)
      if (t >= m.timers.size() || free_timer[t] || m.timers[t].entity != h)
        return damaged("entity " + e.key + " names a timer that is not its own");
    for (std::size_t i = 0; i < e.history.size(); ++i)
      if (e.history.version(m.histories, i) >= m.versions.size())
        return damaged("history names no policy version");
    for (const Migration& g : e.migrations)
      if (g.version >= m.versions.size()) return damaged("migration names no policy version");
    for (const NotStarted& n : e.not_started)
      if (n.version >= m.versions.size() ||
          n.target >= m.versions[n.version].policy.sla().size())
        return damaged("entity " + e.key + " notes a target that does not exist");
    const std::uint64_t key_hash = hash_bytes(e.key);
    if (m.find_entity_slot(e.kind, e.key, key_hash) != FlatTable<std::uint32_t>::kNone)
      return damaged("entity " + e.key + " appears twice");
    m.keys[static_cast<std::size_t>(e.kind)].insert(key_hash, static_cast<std::uint32_t>(h));
    if (e.closed_at)
      m.closed_order.emplace(*e.closed_at, static_cast<std::uint8_t>(e.kind), e.key);
  }
  // The due index: one current entry per scheduled timer (an entry is
  // current when its instant is the timer's next_at).
  for (std::size_t h = 0; h < m.timers.size(); ++h) {
    const sla::Timer& t = m.timers[h];
    if (!free_timer[h] && t.next_at != Instant::max())
      m.heap.push(t.next_at, static_cast<std::uint32_t>(h));
  }
  return engine;
}

}  // namespace kefu::engine
