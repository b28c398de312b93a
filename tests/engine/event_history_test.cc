// EventHistory keeps an entity's events encoded in the engine's arena: what
// goes in must come back field for field, read in place (instant, id,
// version) or decoded, and a snapshot's copy of its records must read back
// into an equal history.
#include "engine/event_history.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "engine/byte_codec.h"

namespace kefu::engine {
namespace {

using policy::EntityKind;

domain::Event OrderEvent(std::string id, std::string name, std::int64_t at) {
  domain::Event ev;
  ev.id = std::move(id);
  ev.name = name;
  ev.type = "order." + name;
  ev.entity = EntityKind::kOrder;
  ev.key = "WB-1";
  ev.at = time::Instant(std::chrono::seconds(at));
  ev.content_hash = 0x0123456789ABCDEFULL + static_cast<std::uint64_t>(at);
  return ev;
}

void ExpectSameEvent(const domain::Event& a, const domain::Event& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.type, b.type);
  EXPECT_EQ(a.entity, b.entity);
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.key, b.key);
  EXPECT_EQ(a.at, b.at);
  EXPECT_EQ(a.customer, b.customer);
  EXPECT_EQ(a.order, b.order);
  EXPECT_EQ(a.complaint, b.complaint);
  EXPECT_EQ(a.attrs, b.attrs);
  EXPECT_EQ(a.removed, b.removed);
  EXPECT_EQ(a.content_hash, b.content_hash);
}

TEST(EventHistory, GivesBackEveryFieldOfEachEvent) {
  HistoryArena arena;
  domain::Event created = OrderEvent("e-1", "created", 1000);
  created.customer = "C-7";
  created.attrs.set("tier", policy::AttrValue(std::string("A")));
  created.attrs.set("declared_value_cents", policy::AttrValue(std::int64_t{1200000}));
  created.attrs.set("fragile", policy::AttrValue(true));
  created.attrs.set("weight", policy::AttrValue(2.5));
  domain::Event updated = OrderEvent("e-2-with-a-long-id-past-the-inline-buffer", "updated", 2000);
  updated.removed = {"fragile"};
  updated.attrs.set("tier", policy::AttrValue(std::string("B")));

  EventHistory h;
  EXPECT_TRUE(h.empty());
  h.append(arena, 0, created, 0, EntityKind::kOrder, "WB-1");
  h.append(arena, 0, updated, 3, EntityKind::kOrder, "WB-1");
  ASSERT_EQ(h.size(), 2u);
  EXPECT_EQ(h.at(arena, 0), created.at);
  EXPECT_EQ(h.at(arena, 1), updated.at);
  EXPECT_EQ(h.id(arena, 0), "e-1");
  EXPECT_EQ(h.id(arena, 1), updated.id);
  EXPECT_EQ(h.version(arena, 0), 0);
  EXPECT_EQ(h.version(arena, 1), 3);
  EXPECT_EQ(h.content_hash(arena, 0), created.content_hash);
  EXPECT_EQ(h.content_hash(arena, 1), updated.content_hash);
  ExpectSameEvent(h.event(arena, 0, EntityKind::kOrder, "WB-1"), created);
  ExpectSameEvent(h.event(arena, 1, EntityKind::kOrder, "WB-1"), updated);
}

TEST(EventHistory, KeepsAnEventWhoseTypeDoesNotFollowFromItsOwner) {
  HistoryArena arena;
  // The engine never stores one, but the encoding must not lose it.
  domain::Event odd = OrderEvent("e-9", "confirmed", 50);
  odd.key = "WB-other";
  EventHistory h;
  h.append(arena, 0, odd, 1, EntityKind::kOrder, "WB-1");
  EXPECT_EQ(h.at(arena, 0), odd.at);
  ExpectSameEvent(h.event(arena, 0, EntityKind::kOrder, "WB-1"), odd);
}

TEST(EventHistory, ReadsBackWhatASnapshotCopiedOfIt) {
  HistoryArena arena;
  EventHistory h;
  for (int i = 0; i < 5; ++i)
    h.append(arena, 0,
             OrderEvent("e-" + std::to_string(i), i == 0 ? "created" : "confirmed", 100 * i),
             static_cast<std::uint16_t>(i % 2), EntityKind::kOrder, "WB-1");
  std::string bytes;
  h.write(arena, &bytes);

  ByteReader r(bytes);
  EventHistory back;
  back.read(arena, 1, r, 5);
  ASSERT_FALSE(r.failed());
  EXPECT_TRUE(r.at_end());
  ASSERT_EQ(back.size(), h.size());
  for (std::size_t i = 0; i < h.size(); ++i) {
    EXPECT_NE(back.refs()[i], h.refs()[i]);  // its own copy
    EXPECT_EQ(arena.record(back.refs()[i]), arena.record(h.refs()[i]));
  }
  EXPECT_EQ(back.at(arena, 4), h.at(arena, 4));
  EXPECT_EQ(back.version(arena, 3), 1);
}

TEST(EventHistory, ADamagedCopyFailsTheReadAndChangesNothing) {
  HistoryArena arena;
  EventHistory h;
  h.append(arena, 0, OrderEvent("e-1", "created", 100), 0, EntityKind::kOrder, "WB-1");
  h.append(arena, 0, OrderEvent("e-2", "confirmed", 200), 0, EntityKind::kOrder, "WB-1");
  std::string bytes;
  h.write(arena, &bytes);
  const std::size_t live = arena.live_bytes();

  {  // cut short
    ByteReader r(std::string_view(bytes).substr(0, bytes.size() - 3));
    EventHistory back;
    back.read(arena, 1, r, 2);
    EXPECT_TRUE(r.failed());
    EXPECT_TRUE(back.empty());
    EXPECT_EQ(arena.live_bytes(), live);  // nothing went into the arena
  }
  {  // more records than there are
    ByteReader r(bytes);
    EventHistory back;
    back.read(arena, 1, r, 3);
    EXPECT_TRUE(r.failed());
    EXPECT_TRUE(back.empty());
    EXPECT_EQ(arena.live_bytes(), live);
  }
  {  // attributes out of name order
    domain::Event ev = OrderEvent("e-1", "created", 100);
    ev.attrs.set("a", policy::AttrValue(true));
    ev.attrs.set("b", policy::AttrValue(true));
    EventHistory one;
    one.append(arena, 0, ev, 0, EntityKind::kOrder, "WB-1");
    std::string swapped;
    one.write(arena, &swapped);
    // Each name is a var length (1) and its byte.
    const std::string name_a("\x01" "a"), name_b("\x01" "b");
    const std::size_t a = swapped.find(name_a), b = swapped.find(name_b);
    ASSERT_NE(a, std::string::npos);
    ASSERT_NE(b, std::string::npos);
    std::swap(swapped[a + 1], swapped[b + 1]);
    ByteReader r(swapped);
    EventHistory back;
    back.read(arena, 1, r, 1);
    EXPECT_TRUE(r.failed());
    EXPECT_TRUE(back.empty());
  }
}

// A milestone is its parts byte, the id and the name (each a one-byte
// length and the bytes), the instant, the content hash and the version:
// no bytes for the references, attributes and removed names it lacks.
TEST(EventHistory, AMilestoneTakesOnlyTheBytesItsFieldsNeed) {
  HistoryArena arena;
  EventHistory h;
  h.append(arena, 0, OrderEvent("e-000000001", "confirmed", 100), 0, EntityKind::kOrder, "WB-1");
  EXPECT_EQ(arena.record(h.refs()[0]).size(), 1u + (1 + 11) + (1 + 9) + 8 + 8 + 2);
}

// Each event has one encoding: a part marked present that is empty is
// refused, as is a parts byte naming parts that do not exist.
TEST(EventHistory, ARecordNoWriterMakesIsRefused) {
  HistoryArena arena;
  domain::Event ev = OrderEvent("e-1", "created", 100);
  ev.customer = "C";
  EventHistory one;
  one.append(arena, 0, ev, 0, EntityKind::kOrder, "WB-1");
  std::string good;
  one.write(arena, &good);
  const auto refused = [&arena](const std::string& bytes) {
    ByteReader r(bytes);
    EventHistory back;
    back.read(arena, 1, r, 1);
    return r.failed() && back.empty();
  };
  ASSERT_FALSE(refused(good));

  std::string empty_customer = good;
  const std::size_t at = empty_customer.find("\x01" "C");
  ASSERT_NE(at, std::string::npos);
  empty_customer.replace(at, 2, std::string(1, '\0'));
  EXPECT_TRUE(refused(empty_customer));

  std::string unknown_part = good;
  unknown_part[0] = static_cast<char>(unknown_part[0] | 0x40);
  EXPECT_TRUE(refused(unknown_part));
}

// A bool attribute is the byte 0 or 1: another byte is refused, not read
// as true.
TEST(EventHistory, ABoolAttributeOtherThanZeroOrOneIsRefused) {
  HistoryArena arena;
  domain::Event ev = OrderEvent("e-1", "created", 100);
  ev.attrs.set("insured", policy::AttrValue(true));
  EventHistory one;
  one.append(arena, 0, ev, 0, EntityKind::kOrder, "WB-1");
  std::string bytes;
  one.write(arena, &bytes);
  // The name (var length 7), the type byte 0, the value byte 1.
  const std::string value = std::string("\x07" "insured") + std::string("\0\x01", 2);
  const std::size_t at = bytes.find(value);
  ASSERT_NE(at, std::string::npos);
  bytes[at + value.size() - 1] = 2;
  ByteReader r(bytes);
  EventHistory back;
  back.read(arena, 1, r, 1);
  EXPECT_TRUE(r.failed());
  EXPECT_TRUE(back.empty());
}

}  // namespace
}  // namespace kefu::engine
