// A synthetic, time-ordered event log of a busy logistics hub, for the
// engine benchmarks: orders are opened (a backlog first, if asked, then at
// a steady rate) and run through their lifecycle in the reference policy's
// vocabulary (examples/policies/reference.json), so that the log can hold
// a million orders live at once.
//
// Each order is created (with attributes: tier, cargo, declared value,
// insurance, planned departure, sometimes special requirements, a new
// customer or a delivery appointment), confirmed (or, rarely, cancelled),
// sometimes assessed, planned, its plan sent, its departure confirmed
// (tiers A and B), departed around its planned departure, tracked in transit
// (tracking pushes, in-transit scans, warehouse stops, delay and anomaly
// reports), delivered, signed, and closed when its receipt returns (a few
// receipts are rejected first). A few milestones are late, as in real life,
// so the engine has warnings and breaches to emit. An order lives about
// five days and has about 11 events: at `orders_per_second` = 2.5, 1.11M
// orders are live in the steady state, reached after about seven simulated
// days and 16M events. A backlog (`burst_orders`) gets a million orders live
// sooner: 1.02M orders opened over a simulated day are live after 4.1M
// events, each confirmed, planned or on its way.
//
// Events follow each order's state machine (include/kefu/domain/lifecycle.h)
// and come out in time order (ties broken by a sequence number), ids
// "e-000000001" upwards, instants written with +08:00. The same options give
// the same bytes: the only randomness is a seeded std::mt19937_64.
//
// Example:
//   kefu::bench::OrderLog log({.burst_orders = 1020000});
//   std::string line;
//   while (log.orders() < 1020000) {
//     log.next(&line);
//     engine.ingest_json(line);
//   }
//
// Thread safety: an OrderLog is used by one thread.
#ifndef KEFU_BENCH_ENGINE_EVENT_LOG_H_
#define KEFU_BENCH_ENGINE_EVENT_LOG_H_

#include <charconv>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <queue>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "kefu/time/instant.h"

namespace kefu::bench {

class OrderLog {
 public:
  struct Options {
    std::uint64_t seed = 20261001;
    // The first order is created then (UTC seconds since the epoch);
    // 2026-09-01T00:00:00+08:00, so weeks of log stay inside the bundled
    // holiday data.
    std::int64_t start = 1788192000;
    double orders_per_second = 2.5;
    // A backlog opened quickly: the first `burst_orders` orders are created
    // evenly at random over `burst_seconds`, then the rate is
    // `orders_per_second`. So a million orders are live after a simulated
    // day and a few million events, where the steady state takes a week.
    std::uint64_t burst_orders = 0;
    double burst_seconds = 86400;
    int customers = 20000;
  };

  explicit OrderLog(Options options)
      : options_(options),
        rng_(options.seed),
        next_creation_(static_cast<double>(options.start)) {
    schedule_creation();
  }

  // Writes the next event, as one JSON object without newline, to `*line`
  // (replacing its content) and returns its instant.
  time::Instant next(std::string* line) {
    Step s = queue_.top();
    queue_.pop();
    line->clear();
    if (s.kind == kCreate) {
      create(s.at, line);
      schedule_creation();
    } else {
      advance(s, line);
    }
    ++events_;
    return time::Instant(std::chrono::seconds(s.at));
  }

  // Orders created and not yet closed (received back or cancelled), after
  // the last event returned.
  std::size_t live_orders() const { return live_; }
  std::uint64_t events() const { return events_; }
  std::uint64_t orders() const { return orders_.size(); }

 private:
  // What happens next to an order; one step writes one event.
  enum Kind : std::uint8_t {
    kCreate,
    kConfirm,
    kCancel,
    kAssess,
    kPlan,
    kPlanSend,
    kDepartureConfirm,
    kDepart,
    kTransit,  // the next event in transit, or the delivery
    kInboundConfirm,
    kDelayNotify,
    kAnomalyReport,
    kDeliver,
    kSign,
    kReceiptReject,
    kExceptionNotice,
    kReceiptReturn,
  };

  struct Step {
    std::int64_t at;
    std::uint64_t seq;
    std::uint32_t order;
    Kind kind;
    friend bool operator>(const Step& a, const Step& b) {
      return a.at != b.at ? a.at > b.at : a.seq > b.seq;
    }
  };

  // What later steps need to know about an order.
  struct Order {
    std::int64_t departure_at;
    std::int64_t transit_end = 0;  // delivery, once departed
    char tier;
    bool assessed;
    bool appointment;
  };

  static constexpr std::int64_t kMinute = 60;
  static constexpr std::int64_t kHour = 3600;
  static constexpr std::int64_t kDay = 86400;
  static constexpr std::int64_t kOffset = 8 * kHour;  // +08:00

  std::int64_t uniform(std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng_);
  }
  bool chance(double p) { return std::bernoulli_distribution(p)(rng_); }

  void push(std::int64_t at, std::uint32_t order, Kind kind) {
    queue_.push(Step{at, seq_++, order, kind});
  }
  // The next step of an order, at least a second after its last one.
  void then(const Step& s, std::int64_t delay, Kind kind) {
    push(s.at + (delay < 1 ? 1 : delay), s.order, kind);
  }

  void schedule_creation() {
    const double rate = orders_.size() < options_.burst_orders
                            ? static_cast<double>(options_.burst_orders) / options_.burst_seconds
                            : options_.orders_per_second;
    next_creation_ += std::exponential_distribution<double>(rate)(rng_);
    push(static_cast<std::int64_t>(next_creation_), 0, kCreate);
  }

  void create(std::int64_t at, std::string* line) {
    const auto number = static_cast<std::uint32_t>(orders_.size());
    Order o;
    const int tier = static_cast<int>(uniform(0, 9));
    o.tier = tier < 2 ? 'A' : tier < 5 ? 'B' : 'C';
    // Departures leave on the half hour, 12-48 hours after the order.
    o.departure_at = (at + uniform(12 * kHour, 48 * kHour)) / (30 * kMinute) * (30 * kMinute);
    const bool special = chance(0.10);
    const bool new_customer = chance(0.05);
    o.assessed = special || new_customer;
    o.appointment = chance(0.20);
    orders_.push_back(o);
    ++live_;

    open(at, "order.created", number, line);
    *line += ",\"customer\":\"C";
    append_padded(line, static_cast<std::uint64_t>(uniform(1, options_.customers)), 5);
    *line += "\",\"attrs\":{\"tier\":\"";
    *line += o.tier;
    const std::int64_t cargo = uniform(0, 19);
    *line += "\",\"cargo\":\"";
    *line += cargo < 14 ? "general" : cargo < 17 ? "fragile" : "cold_chain";
    *line += "\",\"declared_value_cents\":";
    append_number(line, static_cast<std::uint64_t>(uniform(50, 5000)) * 1000);
    *line += ",\"insured\":";
    *line += chance(0.3) ? "true" : "false";
    *line += ",\"departure_at\":\"";
    append_instant(line, o.departure_at);
    *line += '"';
    if (special) *line += chance(0.5) ? ",\"special_requirements\":\"oversize\""
                                      : ",\"special_requirements\":\"tail_lift\"";
    if (new_customer) *line += ",\"new_customer\":true";
    if (o.appointment) {
      *line += ",\"appointment_at\":\"";
      append_instant(line, (o.departure_at + uniform(kDay, 3 * kDay)) / kHour * kHour);
      *line += '"';
    }
    *line += "}}";

    const Step s{at, 0, number, kCreate};
    if (chance(0.015)) {
      then(s, uniform(10 * kMinute, 2 * kHour), kCancel);
    } else {
      // One in thirty is confirmed after the hour: order.confirm breaches.
      then(s, chance(1.0 / 30) ? uniform(kHour, 3 * kHour) : uniform(2 * kMinute, 55 * kMinute),
           kConfirm);
    }
  }

  void advance(const Step& s, std::string* line) {
    Order& o = orders_[s.order];
    switch (s.kind) {
      case kCreate:
        break;  // handled by create()
      case kConfirm:
        event(s, "order.confirmed", line);
        if (o.assessed)
          then(s, uniform(10 * kMinute, 100 * kMinute), kAssess);
        else
          then(s, uniform(30 * kMinute, 4 * kHour), kPlan);
        break;
      case kCancel:
        event(s, "order.cancelled", line);
        --live_;
        break;
      case kAssess:
        event(s, "order.assessed", line);
        then(s, uniform(30 * kMinute, 3 * kHour), kPlan);
        break;
      case kPlan:
        event(s, "order.planned", line);
        then(s, uniform(5 * kMinute, kHour), kPlanSend);
        break;
      case kPlanSend:
        event(s, "order.plan_sent", line);
        if (o.tier != 'C')
          then(s, o.departure_at - uniform(10 * kMinute, 2 * kHour) - s.at, kDepartureConfirm);
        else
          then(s, o.departure_at + uniform(-30 * kMinute, 30 * kMinute) - s.at, kDepart);
        break;
      case kDepartureConfirm:
        event(s, "order.departure_confirmed", line);
        then(s, o.departure_at + uniform(-5 * kMinute, 30 * kMinute) - s.at, kDepart);
        break;
      case kDepart:
        event(s, "order.departed", line);
        o.transit_end = s.at + uniform(kDay, 3 * kDay);
        then(s, o.appointment ? uniform(kHour, 8 * kHour) : uniform(4 * kHour, 16 * kHour),
             kTransit);
        break;
      case kTransit:
        transit(s, o, line);
        break;
      case kInboundConfirm:
        event(s, "order.inbound_confirmed", line);
        next_in_transit(s, o);
        break;
      case kDelayNotify:
        event(s, "order.delay_notified", line);
        next_in_transit(s, o);
        break;
      case kAnomalyReport:
        event(s, "order.anomaly_reported", line);
        next_in_transit(s, o);
        break;
      case kDeliver:
        event(s, "order.delivered", line);
        then(s, uniform(10 * kMinute, 3 * kHour), kSign);
        break;
      case kSign:
        event(s, "order.signed", line);
        if (chance(0.08))
          then(s, uniform(6 * kHour, 2 * kDay), kReceiptReject);
        else
          then(s, uniform(12 * kHour, 3 * kDay), kReceiptReturn);
        break;
      case kReceiptReject:
        event(s, "order.receipt_rejected", line);
        then(s, uniform(kHour, 30 * kHour), kExceptionNotice);
        break;
      case kExceptionNotice:
        event(s, "order.exception_notice_sent", line);
        then(s, uniform(kDay, 3 * kDay), kReceiptReturn);
        break;
      case kReceiptReturn:
        event(s, "order.receipt_returned", line);
        --live_;
        break;
    }
  }

  // One event on the road; the appointment, when there is one, is
  // confirmed first.
  void transit(const Step& s, Order& o, std::string* line) {
    if (o.appointment) {
      o.appointment = false;
      event(s, "order.appointment_confirmed", line);
      next_in_transit(s, o);
      return;
    }
    const std::int64_t r = uniform(0, 99);
    if (r < 45) {
      event(s, "order.tracking_pushed", line);
    } else if (r < 85) {
      event(s, "order.in_transit", line);
    } else if (r < 92) {
      event(s, "order.arrived_warehouse", line);
      then(s, uniform(30 * kMinute, 5 * kHour), kInboundConfirm);
      return;
    } else if (r < 96) {
      event(s, "order.delay_reported", line);
      then(s, uniform(10 * kMinute, 90 * kMinute), kDelayNotify);
      return;
    } else {
      event(s, "order.anomaly_recorded", line);
      then(s, uniform(10 * kMinute, 90 * kMinute), kAnomalyReport);
      return;
    }
    next_in_transit(s, o);
  }

  // Another event on the road every 4-16 hours, until delivery is due.
  void next_in_transit(const Step& s, const Order& o) {
    const std::int64_t at = s.at + uniform(4 * kHour, 16 * kHour);
    if (at < o.transit_end)
      push(at, s.order, kTransit);
    else
      then(s, o.transit_end - s.at, kDeliver);
  }

  // {"id":"e-...","type":TYPE,"at":"...","order":"WB..."
  void open(std::int64_t at, std::string_view type, std::uint32_t order, std::string* line) {
    *line += "{\"id\":\"e-";
    append_padded(line, events_ + 1, 9);
    *line += "\",\"type\":\"";
    *line += type;
    *line += "\",\"at\":\"";
    append_instant(line, at);
    *line += "\",\"order\":\"WB";
    append_padded(line, order + 1, 8);
    *line += '"';
  }
  void event(const Step& s, std::string_view type, std::string* line) {
    open(s.at, type, s.order, line);
    *line += '}';
  }

  static void append_number(std::string* out, std::uint64_t n) {
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, n);
    out->append(buf, r.ptr);
  }
  static void append_padded(std::string* out, std::uint64_t n, int width) {
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, n);
    for (auto len = r.ptr - buf; len < width; ++len) *out += '0';
    out->append(buf, r.ptr);
  }
  // "2026-09-01T08:00:00+08:00"
  static void append_instant(std::string* out, std::int64_t utc) {
    const std::int64_t local = utc + kOffset;
    std::int64_t day = local / kDay, second = local % kDay;
    if (second < 0) second += kDay, --day;
    const std::chrono::year_month_day ymd{std::chrono::sys_days(std::chrono::days(day))};
    char buf[32];
    auto two = [&](char* p, unsigned v) {
      p[0] = static_cast<char>('0' + v / 10);
      p[1] = static_cast<char>('0' + v % 10);
    };
    const int year = static_cast<int>(ymd.year());
    two(buf, static_cast<unsigned>(year / 100));
    two(buf + 2, static_cast<unsigned>(year % 100));
    buf[4] = '-';
    two(buf + 5, static_cast<unsigned>(ymd.month()));
    buf[7] = '-';
    two(buf + 8, static_cast<unsigned>(ymd.day()));
    buf[10] = 'T';
    two(buf + 11, static_cast<unsigned>(second / kHour));
    buf[13] = ':';
    two(buf + 14, static_cast<unsigned>(second % kHour / kMinute));
    buf[16] = ':';
    two(buf + 17, static_cast<unsigned>(second % kMinute));
    out->append(buf, 19);
    *out += "+08:00";
  }

  Options options_;
  std::mt19937_64 rng_;
  double next_creation_;
  std::priority_queue<Step, std::vector<Step>, std::greater<>> queue_;
  std::uint64_t seq_ = 0;
  std::vector<Order> orders_;
  std::size_t live_ = 0;
  std::uint64_t events_ = 0;
};

}  // namespace kefu::bench

#endif  // KEFU_BENCH_ENGINE_EVENT_LOG_H_
