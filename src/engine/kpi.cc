// KPIs from the engine's history (include/kefu/engine/kpi.h, docs/kpi.md).
//
// Each figure of a month is a pair of exact counts (or a sum and a count)
// read from what the engine keeps: the accepted events of every entity
// (its history) and the log of every timer (timer_log). A timer's
// occurrence is settled on time by its stop event or a restart when that
// occurrence did not breach, and late by its breach; the month of the
// settlement is the month it counts in. Figures per tier group each entity
// under its customer's tier as it stands when the figures are computed.
#include "kefu/engine/kpi.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <limits>
#include <map>

#include "engine/json_text.h"
#include "engine/kpi_months.h"
#include "kefu/policy/policy.h"

namespace kefu::engine {
namespace {

using std::chrono::days;
using std::chrono::months;
using std::chrono::year_month_day;
using time::Instant;

constexpr std::uint32_t kNoEntity = std::numeric_limits<std::uint32_t>::max();
constexpr int kBreachFiring = static_cast<int>(sla::FiringKind::kBreach);

// The local month containing `t`: its first day.
std::chrono::year_month month_of(Instant t, time::UtcOffset offset) {
  year_month_day d{time::date_of(time::to_local(t, offset))};
  return d.year() / d.month();
}

Instant month_start(std::chrono::year_month ym, time::UtcOffset offset) {
  return time::to_instant(time::LocalSeconds(time::Date(ym / 1)), offset);
}

std::string month_name(std::chrono::year_month ym) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u", static_cast<int>(ym.year()),
                static_cast<unsigned>(ym.month()));
  return text;
}

std::string tier_attribute(const policy::Attributes& attrs) {
  const policy::AttrValue* v = attrs.find("tier");
  if (v == nullptr) return {};
  if (const auto* s = std::get_if<std::string>(v)) return *s;
  return {};
}

// The tier an entity's figures count under: a customer's own, an order's
// or complaint's customer's, a claim's order's, else its own `tier`
// attribute; "" for none. A claim names no customer (its events cannot),
// so without its order's tier claim timeliness (KPI-2) would only ever
// count overall.
std::string tier_of(const Engine::Impl& m, const EntityRecord& e) {
  if (e.kind == policy::EntityKind::kClaim && e.claim && !e.claim->order.empty()) {
    if (std::optional<std::uint32_t> h = m.find_entity(policy::EntityKind::kOrder, e.claim->order)) {
      std::string t = tier_of(m, m.entities[*h]);
      if (!t.empty()) return t;
    }
  }
  if (e.kind != policy::EntityKind::kCustomer && !e.customer.empty()) {
    if (std::optional<std::uint32_t> h = m.find_entity(policy::EntityKind::kCustomer, e.customer)) {
      std::string t = tier_attribute(m.entities[*h].attrs);
      if (!t.empty()) return t;
    }
  }
  return tier_attribute(e.attrs);
}

struct Counts {
  double numerator = 0;
  std::int64_t denominator = 0;
};

bool in_month(Instant t, Instant start, Instant end) { return t >= start && t < end; }

// Adds what timer `h` settled in [start, end) to `c`.
void count_settlements(const Engine::Impl& m, std::uint32_t h, Instant start, Instant end,
                       Counts& c) {
  bool breached = false;  // the current occurrence has breached
  for (const LogRecord& entry : timer_log(m, h)) {
    const bool here = in_month(entry.at, start, end);
    switch (entry.kind) {
      case LogKind::kFired:
        if (entry.aux / 10000000 != kBreachFiring) break;
        if (here) c.denominator += 1;
        breached = true;
        break;
      case LogKind::kRestarted:
      case LogKind::kStopped:
        // aux 1 on a stop: the entity closed, which settles nothing.
        if (entry.kind == LogKind::kStopped && entry.aux != 0) break;
        if (!breached && here) {
          c.numerator += 1;
          c.denominator += 1;
        }
        breached = false;
        break;
      default:
        break;
    }
  }
}

void count_event(const policy::KpiFigure& f, const EntityRecord& e, const domain::Event& ev,
                 Counts& c) {
  switch (f.measure) {
    case policy::KpiMeasure::kOnTime:
      return;
    case policy::KpiMeasure::kMean: {
      if (ev.type != f.of) return;
      const policy::AttrValue* v = ev.attrs.find(f.attribute);
      std::optional<double> x = v ? policy::as_number(*v) : std::nullopt;
      if (!x) return;
      c.numerator += *x;
      c.denominator += 1;
      return;
    }
    case policy::KpiMeasure::kCount:
    case policy::KpiMeasure::kRatio: {
      if (f.measure == policy::KpiMeasure::kRatio && ev.type == f.per) c.denominator += 1;
      if (ev.type != f.of) return;
      if (!f.when.empty()) {
        policy::Attributes a = e.attrs;
        a.merge(ev.attrs);
        if (!policy::matches(f.when, a)) return;
      }
      c.numerator += 1;
      return;
    }
  }
}

KpiValue value_of(const policy::KpiFigure& f, const Counts& c) {
  KpiValue v;
  v.id = f.id;
  v.numerator = c.numerator;
  v.denominator = f.measure == policy::KpiMeasure::kCount ? 1 : c.denominator;
  if (v.denominator > 0) v.value = v.numerator / static_cast<double>(v.denominator);
  if (v.value) v.missed = (f.min && *v.value < *f.min) || (f.max && *v.value > *f.max);
  return v;
}

using internal::append_json_string;

}  // namespace

std::string kpi_number(double v) {
  char text[64];
  std::snprintf(text, sizeof text, "%.6f", v);
  std::string s = text;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  if (s == "-0") s = "0";
  return s;
}

namespace internal {

KpiMonth compute_kpi_month(const Engine::Impl& m, Instant start, Instant end) {
  const policy::KpiSection& k = m.versions.back().policy.kpi();
  const std::size_t n = k.figures.size();
  std::vector<Counts> all(n);
  std::map<std::string, std::vector<Counts>> by_tier;
  for (const EntityRecord& e : m.entities) {
    if (!e.live) continue;
    const std::string tier = tier_of(m, e);
    std::vector<Counts>* tiered = nullptr;
    if (!tier.empty()) {
      auto [it, added] = by_tier.try_emplace(tier);
      if (added) it->second.resize(n);
      tiered = &it->second;
    }
    // The entity's events of the month, decoded once for every figure.
    std::vector<domain::Event> month_events;
    for (std::size_t j = 0; j < e.history.size(); ++j)
      if (in_month(e.history.at(m.histories, j), start, end))
        month_events.push_back(e.history.event(m.histories, j, e.kind, e.key));
    for (std::size_t i = 0; i < n; ++i) {
      const policy::KpiFigure& f = k.figures[i];
      Counts c;
      if (f.measure == policy::KpiMeasure::kOnTime) {
        for (std::uint32_t h : e.timers) {
          const sla::Timer& t = m.timers[h];
          const std::string& id = m.versions[t.version].target(t.target).id;
          if (std::find(f.slas.begin(), f.slas.end(), id) != f.slas.end())
            count_settlements(m, h, start, end, c);
        }
      } else {
        for (const domain::Event& ev : month_events) count_event(f, e, ev, c);
      }
      all[i].numerator += c.numerator;
      all[i].denominator += c.denominator;
      if (tiered) {
        (*tiered)[i].numerator += c.numerator;
        (*tiered)[i].denominator += c.denominator;
      }
    }
  }
  KpiMonth month;
  const time::UtcOffset offset = k.calendar->offset();
  month.month = month_name(month_of(start, offset));
  month.start = start;
  month.end = end;
  auto group = [&](std::string tier, const std::vector<Counts>& counts) {
    KpiGroup g;
    g.tier = std::move(tier);
    for (std::size_t i = 0; i < n; ++i) g.figures.push_back(value_of(k.figures[i], counts[i]));
    month.groups.push_back(std::move(g));
  };
  group("all", all);
  for (const auto& [tier, counts] : by_tier) group(tier, counts);
  return month;
}

// The earliest instant the engine holds an event of, if any.
std::optional<Instant> earliest_event(const Engine::Impl& m) {
  std::optional<Instant> first;
  for (const EntityRecord& e : m.entities) {
    if (!e.live || e.history.empty()) continue;
    Instant t = e.history.at(m.histories, 0);
    if (!first || t < *first) first = t;
  }
  return first;
}

Instant next_month_start(Instant t, time::UtcOffset offset) {
  return month_start(month_of(t, offset) + months(1), offset);
}

void close_kpi_months_due(Engine::Impl& m, Instant now, ReleaseList& out) {
  const policy::KpiSection& k = m.versions.back().policy.kpi();
  if (k.figures.empty() || k.calendar == nullptr) return;
  const time::UtcOffset offset = k.calendar->offset();
  if (!m.kpi_next_month) {
    std::optional<Instant> first = earliest_event(m);
    if (!first) return;
    m.kpi_next_month = next_month_start(*first, offset);
  }
  while (*m.kpi_next_month <= now) {
    const Instant end = *m.kpi_next_month;
    const Instant start = month_start(month_of(end - std::chrono::seconds(1), offset), offset);
    KpiMonth month = compute_kpi_month(m, start, end);
    month.closed = true;
    for (const KpiGroup& g : month.groups) {
      for (std::size_t i = 0; i < g.figures.size(); ++i) {
        const KpiValue& v = g.figures[i];
        if (!v.missed) continue;
        const policy::KpiFigure& f = k.figures[i];
        Notification n;
        n.kind = NotificationKind::kKpi;
        n.at = end;
        n.sla = "kpi." + f.id;
        n.entity = policy::EntityKind::kCustomer;
        n.key = g.tier == "all" ? month.month : month.month + "/" + g.tier;
        n.due = end;
        n.offset = offset;
        n.value = kpi_number(*v.value);
        const bool below = f.min && *v.value < *f.min;
        n.threshold = below ? "min" : "max";
        n.limit = kpi_number(below ? *f.min : *f.max);
        add_note(out, kNoEntity) = std::move(n);
      }
    }
    m.kpi_closed.push_back(std::move(month));
    m.kpi_next_month = next_month_start(end, offset);
  }
}

}  // namespace internal

std::vector<KpiMonth> Engine::kpi_months() const {
  const Impl& m = *impl_;
  std::vector<KpiMonth> months = m.kpi_closed;
  const policy::KpiSection& k = m.versions.back().policy.kpi();
  if (k.figures.empty() || k.calendar == nullptr) return months;
  const time::UtcOffset offset = k.calendar->offset();
  std::optional<Instant> first = internal::earliest_event(m);
  // The months not closed yet: from the first open one through the one
  // holding the clock (or the latest event, before any advance).
  std::optional<Instant> last = m.clock;
  for (const EntityRecord& e : m.entities)
    if (e.live && (!last || e.last_event > *last)) last = e.last_event;
  if (!last) return months;
  if (!m.kpi_next_month && !first) return months;
  Instant start = m.kpi_next_month ? *m.kpi_next_month
                                   : month_start(month_of(*first, offset), offset);
  while (start <= *last) {
    Instant end = internal::next_month_start(start, offset);
    months.push_back(internal::compute_kpi_month(m, start, end));
    start = end;
  }
  return months;
}

std::string kpi_json(const std::vector<KpiMonth>& months, const policy::Policy& policy) {
  const policy::KpiSection& k = policy.kpi();
  const time::UtcOffset offset = k.calendar ? k.calendar->offset() : time::UtcOffset();
  std::string out = "{\"policy\":";
  append_json_string(out, policy.version());
  out += ",\"calendar\":";
  append_json_string(out, k.calendar_name);
  out += ",\"months\":[";
  for (std::size_t mi = 0; mi < months.size(); ++mi) {
    const KpiMonth& month = months[mi];
    if (mi) out += ",";
    out += "{\"month\":\"" + month.month + "\",\"start\":\"" +
           time::format_instant(month.start, offset) + "\",\"end\":\"" +
           time::format_instant(month.end, offset) + "\",\"closed\":" +
           (month.closed ? "true" : "false") + ",\"tiers\":{";
    for (std::size_t gi = 0; gi < month.groups.size(); ++gi) {
      const KpiGroup& g = month.groups[gi];
      if (gi) out += ",";
      append_json_string(out, g.tier);
      out += ":{";
      for (std::size_t i = 0; i < g.figures.size(); ++i) {
        const KpiValue& v = g.figures[i];
        if (i) out += ",";
        append_json_string(out, v.id);
        out += ":{\"value\":" + (v.value ? kpi_number(*v.value) : std::string("null"));
        out += ",\"numerator\":" + kpi_number(v.numerator);
        out += ",\"denominator\":" + std::to_string(v.denominator);
        if (i < k.figures.size()) {
          if (k.figures[i].min) out += ",\"min\":" + kpi_number(*k.figures[i].min);
          if (k.figures[i].max) out += ",\"max\":" + kpi_number(*k.figures[i].max);
        }
        out += std::string(",\"missed\":") + (v.missed ? "true" : "false") + "}";
      }
      out += "}";
    }
    out += "}}";
  }
  out += "]}";
  return out;
}

}  // namespace kefu::engine
