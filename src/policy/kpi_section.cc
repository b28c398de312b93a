#include "policy/kpi_section.h"

#include <algorithm>

#include "kefu/policy/vocabulary.h"
#include "policy/json_pointer.h"
#include "policy/when_json.h"

namespace kefu::policy::internal {
namespace {

constexpr std::string_view kFigureKeys =
    "\"id\", \"on_time\", \"mean\", \"of\", \"count\", \"per\", \"when\", \"min\", \"max\"";

// "<entity>.<name>" with a known entity; whether the name exists is not
// checked here (a figure over an event that never comes is zero, and the
// claim kind may join later).
bool is_event_type(const Json& v) {
  if (!v.is_string()) return false;
  const std::string& s = v.get_ref<const std::string&>();
  std::size_t dot = s.find('.');
  return dot != std::string::npos && dot + 1 < s.size() &&
         parse_entity_kind(std::string_view(s).substr(0, dot)).has_value();
}

std::optional<KpiFigure> read_figure(const Json& item, const std::string& p, Diagnostics& d) {
  if (!item.is_object()) {
    d.error(p, "expected a figure {\"id\":...,\"on_time\":[...],\"min\":0.95}" + got(item));
    return std::nullopt;
  }
  KpiFigure f;
  f.pointer = p;
  const std::size_t before = d.size();
  int measures = 0;
  for (const auto& [k, v] : item.items()) {
    const std::string kp = pointer_child(p, k);
    if (k == "id") {
      if (!v.is_string() || v.get_ref<const std::string&>().empty())
        d.error(kp, "expected a non-empty id string" + got(v));
      else
        f.id = v.get<std::string>();
    } else if (k == "on_time") {
      ++measures;
      f.measure = KpiMeasure::kOnTime;
      if (!v.is_array() || v.empty()) {
        d.error(kp, "expected a non-empty array of SLA ids" + got(v));
        continue;
      }
      for (std::size_t i = 0; i < v.size(); ++i) {
        if (!v[i].is_string() || v[i].get_ref<const std::string&>().empty())
          d.error(pointer_child(kp, i), "expected an SLA id" + got(v[i]));
        else
          f.slas.push_back(v[i].get<std::string>());
      }
    } else if (k == "mean") {
      ++measures;
      f.measure = KpiMeasure::kMean;
      if (!v.is_string() || v.get_ref<const std::string&>().empty())
        d.error(kp, "expected the name of a numeric attribute" + got(v));
      else
        f.attribute = v.get<std::string>();
    } else if (k == "count") {
      ++measures;
      if (f.measure != KpiMeasure::kRatio) f.measure = KpiMeasure::kCount;
      if (!is_event_type(v))
        d.error(kp, "expected an event type \"<entity>.<name>\"" + got(v));
      else
        f.of = v.get<std::string>();
    } else if (k == "of" || k == "per") {
      if (!is_event_type(v)) {
        d.error(kp, "expected an event type \"<entity>.<name>\"" + got(v));
      } else if (k == "of") {
        f.of = v.get<std::string>();
      } else {
        f.per = v.get<std::string>();
        f.measure = KpiMeasure::kRatio;
      }
    } else if (k == "when") {
      f.when = read_when(v, kp, d);
    } else if (k == "min" || k == "max") {
      if (!v.is_number())
        d.error(kp, "expected a number" + got(v));
      else
        (k == "min" ? f.min : f.max) = v.get<double>();
    } else {
      unknown_key(p, k, kFigureKeys, d);
    }
  }
  if (!item.contains("id")) d.error(p, "missing required key \"id\"");
  if (measures != 1)
    d.error(p, "expected exactly one measure: \"on_time\", \"mean\" or \"count\"");
  if (item.contains("mean") && !item.contains("of"))
    d.error(p, "missing required key \"of\": the event type whose attribute is averaged");
  if (item.contains("per") && !item.contains("count"))
    d.error(pointer_child(p, "per"), "\"per\" divides a \"count\"; expected it beside one");
  if (item.contains("when") && !item.contains("count"))
    d.error(pointer_child(p, "when"), "\"when\" selects the events a \"count\" counts; "
                                      "expected it beside one");
  if (d.size() != before) return std::nullopt;
  return f;
}

}  // namespace

KpiSection read_kpi(const Json& value, const std::string& pointer,
                    const std::vector<std::string>& calendars, Diagnostics& d) {
  KpiSection out;
  if (!value.is_object()) {
    d.error(pointer, "expected an object {\"calendar\":...,\"figures\":[...]}" + got(value));
    return out;
  }
  for (const auto& [key, v] : value.items()) {
    const std::string p = pointer_child(pointer, key);
    if (key == "calendar") {
      if (!v.is_string() || !std::binary_search(calendars.begin(), calendars.end(),
                                                 v.get<std::string>()))
        d.error(p, "expected the name of a calendar of the policy" + got(v));
      else
        out.calendar_name = v.get<std::string>();
    } else if (key == "figures") {
      if (!v.is_array() || v.empty()) {
        d.error(p, "expected a non-empty array of figures" + got(v));
        continue;
      }
      for (std::size_t i = 0; i < v.size(); ++i) {
        std::optional<KpiFigure> f = read_figure(v[i], pointer_child(p, i), d);
        if (!f) continue;
        if (std::any_of(out.figures.begin(), out.figures.end(),
                        [&](const KpiFigure& g) { return g.id == f->id; })) {
          d.error(pointer_child(pointer_child(p, i), "id"),
                  "figure \"" + f->id + "\" is already declared; expected each id once");
          continue;
        }
        out.figures.push_back(std::move(*f));
      }
    } else {
      unknown_key(pointer, key, "\"calendar\", \"figures\"", d);
    }
  }
  if (!value.contains("calendar")) d.error(pointer, "missing required key \"calendar\"");
  return out;
}

}  // namespace kefu::policy::internal
