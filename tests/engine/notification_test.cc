// Notifications as the contract prints and orders them (DESIGN.md, "Events
// in, notifications out"; kefu/engine/notification.h).
#include "kefu/engine/notification.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace kefu::engine {
namespace {

using policy::EntityKind;

time::Instant I(const char* text) { return *time::parse_instant(text); }

Notification Breach() {
  Notification n;
  n.kind = NotificationKind::kBreach;
  n.seq = 17;
  n.at = I("2026-03-02T10:15:00+08:00");
  n.sla = "order.confirm";
  n.entity = EntityKind::kOrder;
  n.key = "WB123";
  n.due = I("2026-03-02T10:15:00+08:00");
  n.offset = time::UtcOffset::hours(8);
  return n;
}

TEST(Notification, KindNames) {
  EXPECT_EQ(notification_kind_name(NotificationKind::kWarning), "warning");
  EXPECT_EQ(notification_kind_name(NotificationKind::kBreach), "breach");
  EXPECT_EQ(notification_kind_name(NotificationKind::kEscalation), "escalation");
  EXPECT_EQ(notification_kind_name(NotificationKind::kReminder), "reminder");
  EXPECT_EQ(notification_kind_name(NotificationKind::kKpi), "kpi");
  EXPECT_EQ(notification_kind_name(NotificationKind::kCorrection), "correction");
}

TEST(Notification, BreachKeysInTheContractsOrder) {
  EXPECT_EQ(to_json(Breach()),
            R"({"kind":"breach","seq":17,"at":"2026-03-02T10:15:00+08:00",)"
            R"("sla":"order.confirm","entity":"order","key":"WB123",)"
            R"("due":"2026-03-02T10:15:00+08:00"})");
}

TEST(Notification, InstantsPrintInTheCalendarsOffsetNeverZ) {
  Notification n = Breach();
  n.offset = time::UtcOffset();
  n.entity = EntityKind::kCustomer;
  n.sla = "customer.visits";
  n.key = "C001";
  EXPECT_EQ(to_json(n),
            R"({"kind":"breach","seq":17,"at":"2026-03-02T02:15:00+00:00",)"
            R"("sla":"customer.visits","entity":"customer","key":"C001",)"
            R"("due":"2026-03-02T02:15:00+00:00"})");
}

TEST(Notification, WarningCarriesItsFraction) {
  Notification n = Breach();
  n.kind = NotificationKind::kWarning;
  n.seq = 1;
  n.at = I("2026-03-02T09:45:00+08:00");
  n.fraction_millionths = 500000;
  EXPECT_EQ(to_json(n),
            R"({"kind":"warning","seq":1,"at":"2026-03-02T09:45:00+08:00",)"
            R"("sla":"order.confirm","entity":"order","key":"WB123",)"
            R"("due":"2026-03-02T10:15:00+08:00","fraction":0.5})");
}

TEST(Notification, FractionsPrintShortestExactDecimal) {
  struct Case {
    std::int32_t millionths;
    const char* text;
  };
  const std::vector<Case> cases = {{500000, "0.5"},       {800000, "0.8"},
                                   {750000, "0.75"},      {100000, "0.1"},
                                   {333333, "0.333333"},  {1, "0.000001"},
                                   {999999, "0.999999"},  {50000, "0.05"},
                                   {123400, "0.1234"}};
  for (const Case& c : cases) {
    Notification n = Breach();
    n.kind = NotificationKind::kWarning;
    n.fraction_millionths = c.millionths;
    const std::string line = to_json(n);
    const std::string tail = ",\"fraction\":" + std::string(c.text) + "}";
    EXPECT_TRUE(line.size() >= tail.size() &&
                line.compare(line.size() - tail.size(), tail.size(), tail) == 0)
        << c.millionths << ": " << line;
  }
}

TEST(Notification, OnlyWarningsCarryAFraction) {
  Notification n = Breach();
  n.fraction_millionths = 500000;
  EXPECT_EQ(to_json(n).find("fraction"), std::string::npos);
  n.kind = NotificationKind::kReminder;
  EXPECT_EQ(to_json(n),
            R"({"kind":"reminder","seq":17,"at":"2026-03-02T10:15:00+08:00",)"
            R"("sla":"order.confirm","entity":"order","key":"WB123",)"
            R"("due":"2026-03-02T10:15:00+08:00"})");
}

TEST(Notification, LateAndEventFollowTheRequiredKeys) {
  Notification n = Breach();
  n.at = I("2026-03-02T12:00:00+08:00");
  n.due = I("2026-03-02T11:00:00+08:00");
  n.late = true;
  n.event = "e-42";
  EXPECT_EQ(to_json(n),
            R"({"kind":"breach","seq":17,"at":"2026-03-02T12:00:00+08:00",)"
            R"("sla":"order.confirm","entity":"order","key":"WB123",)"
            R"("due":"2026-03-02T11:00:00+08:00","late":true,"event":"e-42"})");
}

TEST(Notification, CorrectionNamesTheSeqItWithdraws) {
  Notification n = Breach();
  n.kind = NotificationKind::kCorrection;
  n.seq = 18;
  n.event = "e-43";
  n.corrects = 17;
  EXPECT_EQ(to_json(n),
            R"({"kind":"correction","seq":18,"at":"2026-03-02T10:15:00+08:00",)"
            R"("sla":"order.confirm","entity":"order","key":"WB123",)"
            R"("due":"2026-03-02T10:15:00+08:00","event":"e-43","corrects":17})");
}

TEST(Notification, WarningWithEveryOptionalKeyKeepsTheirOrder) {
  Notification n = Breach();
  n.kind = NotificationKind::kWarning;
  n.fraction_millionths = 800000;
  n.late = true;
  n.event = "e-1";
  EXPECT_EQ(to_json(n),
            R"({"kind":"warning","seq":17,"at":"2026-03-02T10:15:00+08:00",)"
            R"("sla":"order.confirm","entity":"order","key":"WB123",)"
            R"("due":"2026-03-02T10:15:00+08:00","fraction":0.8,"late":true,"event":"e-1"})");
}

TEST(Notification, StringsAreEscaped) {
  Notification n = Breach();
  n.key = "WB\"1\\2\n\x01";
  n.event = "e\t1";
  n.late = false;
  const std::string line = to_json(n);
  EXPECT_NE(line.find(R"("key":"WB\"1\\2\n\u0001")"), std::string::npos) << line;
  EXPECT_NE(line.find(R"("event":"e\t1")"), std::string::npos) << line;
}

TEST(Notification, OrderIsInstantEntityKeySlaKind) {
  auto make = [](const char* at, EntityKind entity, const char* key, const char* sla,
                 NotificationKind kind) {
    Notification n = Breach();
    n.at = I(at);
    n.entity = entity;
    n.key = key;
    n.sla = sla;
    n.kind = kind;
    return n;
  };
  using K = NotificationKind;
  const EntityKind kOrder = EntityKind::kOrder;
  const EntityKind kCustomer = EntityKind::kCustomer;
  // In the expected order.
  const std::vector<Notification> expected = {
      make("2026-03-02T09:00:00+08:00", kOrder, "WB9", "order.z", K::kCorrection),
      make("2026-03-02T10:00:00+08:00", kCustomer, "Z", "customer.z", K::kCorrection),
      make("2026-03-02T10:00:00+08:00", kOrder, "WB1", "order.a", K::kCorrection),
      make("2026-03-02T10:00:00+08:00", kOrder, "WB1", "order.b", K::kWarning),
      make("2026-03-02T10:00:00+08:00", kOrder, "WB1", "order.b", K::kBreach),
      make("2026-03-02T10:00:00+08:00", kOrder, "WB1", "order.b", K::kEscalation),
      make("2026-03-02T10:00:00+08:00", kOrder, "WB1", "order.b", K::kReminder),
      make("2026-03-02T10:00:00+08:00", kOrder, "WB1", "order.b", K::kKpi),
      make("2026-03-02T10:00:00+08:00", kOrder, "WB1", "order.b", K::kCorrection),
      make("2026-03-02T10:00:00+08:00", kOrder, "WB2", "order.a", K::kWarning),
      make("2026-03-02T10:00:01+08:00", kCustomer, "A", "customer.a", K::kWarning),
  };
  for (std::size_t i = 0; i < expected.size(); ++i) {
    for (std::size_t j = 0; j < expected.size(); ++j) {
      EXPECT_EQ(notification_before(expected[i], expected[j]), i < j)
          << i << " before " << j << ": " << to_json(expected[i]) << " / "
          << to_json(expected[j]);
    }
  }
  std::vector<Notification> shuffled(expected.rbegin(), expected.rend());
  std::stable_sort(shuffled.begin(), shuffled.end(), notification_before);
  for (std::size_t i = 0; i < expected.size(); ++i)
    EXPECT_EQ(to_json(shuffled[i]), to_json(expected[i])) << i;
}

TEST(Notification, TiesBeyondTheKeyKeepTheirOrder) {
  // Same instant, entity, key, sla and kind: neither is before the other,
  // so a stable sort keeps them as they came (the seq they were given).
  Notification a = Breach();
  Notification b = Breach();
  a.seq = 1;
  b.seq = 2;
  b.due = I("2026-03-01T00:00:00+08:00");
  EXPECT_FALSE(notification_before(a, b));
  EXPECT_FALSE(notification_before(b, a));
}

}  // namespace
}  // namespace kefu::engine
