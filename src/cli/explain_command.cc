// `kefu explain`: replays an event log silently up to an instant, then says
// why each timer of one entity is where it is.
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/event_log.h"
#include "cli/policy_loader.h"
#include "cli/exit_code.h"
#include "kefu/engine/engine.h"
#include "kefu/policy/vocabulary.h"
#include "kefu/time/instant.h"

namespace kefu::cli {
namespace {

struct EntityRef {
  policy::EntityKind kind;
  std::string key;
};

// "order:WB123": the kind, a colon, a non-empty key.
std::optional<EntityRef> parse_entity_ref(std::string_view text) {
  std::size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon + 1 == text.size()) {
    return std::nullopt;
  }
  std::optional<policy::EntityKind> kind =
      policy::parse_entity_kind(text.substr(0, colon));
  if (!kind) return std::nullopt;
  return EntityRef{*kind, std::string(text.substr(colon + 1))};
}

std::string entity_kinds() {
  std::string out;
  for (std::string_view name : policy::kEntityKindNames) {
    out += out.empty() ? "" : ", ";
    out += name;
  }
  return out;
}

int run(const Flags& flags, Io& io) {
  std::optional<std::string> policy_path = flags.get("--policy");
  std::optional<std::string> events_path = flags.get("--events");
  std::optional<std::string> entity_text = flags.get("--entity");
  if (!policy_path || !events_path || !entity_text) {
    io.err << "error: explain needs --policy, --events and --entity\n";
    return kExitUsage;
  }
  std::optional<EntityRef> entity = parse_entity_ref(*entity_text);
  if (!entity) {
    io.err << "error: --entity: expected KIND:KEY with KIND one of "
           << entity_kinds() << " (order:WB123), got \"" << *entity_text
           << "\"\n";
    return kExitUsage;
  }
  std::optional<time::Instant> at;
  if (std::optional<std::string> text = flags.get("--at")) {
    Result<time::Instant> parsed = time::parse_instant(*text);
    if (!parsed.ok()) {
      io.err << "error: --at: " << parsed.status().to_string() << "\n";
      return kExitInvalidInput;
    }
    at = *parsed;
  }
  std::optional<policy::Policy> policy = load_policy(*policy_path, io.err);
  if (!policy) return kExitInvalidInput;
  std::unique_ptr<JsonlReader> log = JsonlReader::Open(*events_path, io.err);
  if (!log) return kExitInvalidInput;

  engine::Engine engine(*std::move(policy));
  std::vector<engine::Notification> notes;  // not printed: only the state counts
  std::optional<time::Instant> latest;      // of the events applied
  std::int64_t events = 0;
  std::int64_t refused = 0;
  std::int64_t first_refused = 0;
  std::string_view line;
  while (log->next(&line)) {
    if (is_blank(line)) continue;
    AppliedLine applied = apply_line(engine, line, at, &notes);
    if (applied.outcome == LineOutcome::kSkipped) continue;
    ++events;
    if (applied.at && (!latest || *applied.at > *latest)) latest = applied.at;
    if (applied.outcome == LineOutcome::kRefused && refused++ == 0) {
      first_refused = log->line_number();
    }
  }
  if (!log->error().empty()) {
    io.err << "error: " << log->error() << "\n";
    return kExitInvalidInput;
  }
  if (refused > 0) {
    // One line: the details are `kefu replay`'s to print.
    io.err << "warning: " << refused << " of " << events
           << " events refused and ignored (the first on line "
           << first_refused << "); kefu replay lists them\n";
  }
  if (std::optional<time::Instant> end = at ? at : latest) engine.advance(*end);

  Result<std::string> explained = engine.explain(entity->kind, entity->key);
  if (!explained.ok()) {
    io.err << "error: " << explained.status().to_string() << "\n";
    return kExitInvalidInput;
  }
  // Indented: explain is read by people; a program parses it all the same.
  nlohmann::ordered_json doc =
      nlohmann::ordered_json::parse(*explained, nullptr, false);
  if (doc.is_discarded()) {
    io.out << *explained << "\n";
  } else {
    io.out << doc.dump(2, ' ', false,
                       nlohmann::ordered_json::error_handler_t::replace)
           << "\n";
  }
  return kExitOk;
}

}  // namespace

const Command kExplainCommand = {
    "explain",
    "replay an event log and explain the timers of one entity",
    R"(usage: kefu explain --policy P.json --events E.jsonl --entity KIND:KEY [--at ISO]

Replays E.jsonl as kefu replay does, silently, applying only the events at
or before --at (default: all of them), advances the clock to --at (default:
the latest event applied), then prints, as JSON, each timer of the entity
(order:WB123, customer:C001): the target that matched and why, the
calendar, pauses, warnings, due, state, and the notices of the holidays it
crossed.

Refused events are ignored; stderr says how many in one line (kefu replay
lists them). An entity that does not exist at --at is invalid input.

exit status: 0 success, 2 usage error (a malformed --entity), 3 invalid
input
)",
    {"--policy", "--events", "--entity", "--at"},
    &run,
};

}  // namespace kefu::cli
