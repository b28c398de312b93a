// EventHistory keeps an entity's events encoded: what goes in must come
// back field for field, read in place (instant, id, version) or decoded,
// and a snapshot's copy of its bytes must read back into an equal history.
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
  h.append(created, 0, EntityKind::kOrder, "WB-1");
  h.append(updated, 3, EntityKind::kOrder, "WB-1");
  ASSERT_EQ(h.size(), 2u);
  EXPECT_EQ(h.at(0), created.at);
  EXPECT_EQ(h.at(1), updated.at);
  EXPECT_EQ(h.id(0), "e-1");
  EXPECT_EQ(h.id(1), updated.id);
  EXPECT_EQ(h.version(0), 0);
  EXPECT_EQ(h.version(1), 3);
  EXPECT_EQ(h.content_hash(0), created.content_hash);
  EXPECT_EQ(h.content_hash(1), updated.content_hash);
  ExpectSameEvent(h.event(0, EntityKind::kOrder, "WB-1"), created);
  ExpectSameEvent(h.event(1, EntityKind::kOrder, "WB-1"), updated);
}

TEST(EventHistory, KeepsAnEventWhoseTypeDoesNotFollowFromItsOwner) {
  // The engine never stores one, but the encoding must not lose it.
  domain::Event odd = OrderEvent("e-9", "confirmed", 50);
  odd.key = "WB-other";
  EventHistory h;
  h.append(odd, 1, EntityKind::kOrder, "WB-1");
  EXPECT_EQ(h.at(0), odd.at);
  ExpectSameEvent(h.event(0, EntityKind::kOrder, "WB-1"), odd);
}

TEST(EventHistory, ReadsBackWhatASnapshotCopiedOfIt) {
  EventHistory h;
  for (int i = 0; i < 5; ++i)
    h.append(OrderEvent("e-" + std::to_string(i), i == 0 ? "created" : "confirmed", 100 * i),
             static_cast<std::uint16_t>(i % 2), EntityKind::kOrder, "WB-1");
  const std::string bytes(h.bytes());

  ByteReader r(bytes);
  EventHistory back;
  back.read(r, 5);
  ASSERT_FALSE(r.failed());
  EXPECT_TRUE(r.at_end());
  EXPECT_EQ(back, h);
  EXPECT_EQ(back.at(4), h.at(4));
  EXPECT_EQ(back.version(3), 1);
}

TEST(EventHistory, ADamagedCopyFailsTheReadAndChangesNothing) {
  EventHistory h;
  h.append(OrderEvent("e-1", "created", 100), 0, EntityKind::kOrder, "WB-1");
  h.append(OrderEvent("e-2", "confirmed", 200), 0, EntityKind::kOrder, "WB-1");
  const std::string bytes(h.bytes());

  {  // cut short
    ByteReader r(std::string_view(bytes).substr(0, bytes.size() - 3));
    EventHistory back;
    back.read(r, 2);
    EXPECT_TRUE(r.failed());
    EXPECT_TRUE(back.empty());
  }
  {  // more records than there are
    ByteReader r(bytes);
    EventHistory back;
    back.read(r, 3);
    EXPECT_TRUE(r.failed());
    EXPECT_TRUE(back.empty());
  }
  {  // attributes out of name order
    domain::Event ev = OrderEvent("e-1", "created", 100);
    ev.attrs.set("a", policy::AttrValue(true));
    ev.attrs.set("b", policy::AttrValue(true));
    EventHistory one;
    one.append(ev, 0, EntityKind::kOrder, "WB-1");
    std::string swapped(one.bytes());
    // Each name is a 32-bit length (1) and its byte.
    const std::string name_a("\x01\0\0\0a", 5), name_b("\x01\0\0\0b", 5);
    const std::size_t a = swapped.find(name_a), b = swapped.find(name_b);
    ASSERT_NE(a, std::string::npos);
    ASSERT_NE(b, std::string::npos);
    std::swap(swapped[a + 4], swapped[b + 4]);
    ByteReader r(swapped);
    EventHistory back;
    back.read(r, 1);
    EXPECT_TRUE(r.failed());
    EXPECT_TRUE(back.empty());
  }
}

}  // namespace
}  // namespace kefu::engine
