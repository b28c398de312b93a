// Notification JSON, written by hand: the key order is a contract and the
// output path is hot (a replay prints every notification).
#include "kefu/engine/notification.h"

#include <array>
#include <tuple>

#include "engine/json_text.h"

namespace kefu::engine {
namespace {

using internal::append_json_string;

// 500000 -> "0.5", 1 -> "0.000001".
std::string fraction_text(std::int32_t millionths) {
  std::string digits = std::to_string(1000000 + millionths).substr(1);
  while (!digits.empty() && digits.back() == '0') digits.pop_back();
  return (millionths >= 1000000 ? "1" : "0") + (digits.empty() ? "" : "." + digits);
}

}  // namespace

std::string_view notification_kind_name(NotificationKind kind) {
  static constexpr std::array<std::string_view, 6> kNames = {
      "warning", "breach", "escalation", "reminder", "kpi", "correction"};
  return kNames[static_cast<std::size_t>(kind)];
}

std::string to_json(const Notification& n) {
  std::string out;
  out.reserve(200);
  out += "{\"kind\":";
  append_json_string(out, notification_kind_name(n.kind));
  out += ",\"seq\":" + std::to_string(n.seq);
  out += ",\"at\":\"" + time::format_instant(n.at, n.offset) + "\"";
  out += ",\"sla\":";
  append_json_string(out, n.sla);
  out += ",\"entity\":";
  append_json_string(out, policy::entity_kind_name(n.entity));
  out += ",\"key\":";
  append_json_string(out, n.key);
  out += ",\"due\":\"" + time::format_instant(n.due, n.offset) + "\"";
  if (n.kind == NotificationKind::kWarning)
    out += ",\"fraction\":" + fraction_text(n.fraction_millionths);
  if (n.kind == NotificationKind::kEscalation) {
    out += ",\"level\":";
    append_json_string(out, n.level);
    out += ",\"role\":";
    append_json_string(out, n.role);
    if (n.skipped) out += ",\"skipped\":true";
  }
  if (n.kind == NotificationKind::kKpi) {
    out += ",\"value\":" + n.value;
    if (!n.threshold.empty()) {
      out += ",";
      append_json_string(out, n.threshold);
      out += ":" + n.limit;
    }
  }
  if (n.late) out += ",\"late\":true";
  if (!n.event.empty()) {
    out += ",\"event\":";
    append_json_string(out, n.event);
  }
  if (n.kind == NotificationKind::kCorrection)
    out += ",\"corrects\":" + std::to_string(n.corrects);
  out += '}';
  return out;
}

bool notification_before(const Notification& a, const Notification& b) {
  auto key = [](const Notification& n) {
    return std::tuple(n.at, policy::entity_kind_name(n.entity), std::string_view(n.key),
                      std::string_view(n.sla), static_cast<int>(n.kind));
  };
  return key(a) < key(b);
}

}  // namespace kefu::engine
