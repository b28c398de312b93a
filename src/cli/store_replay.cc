// `kefu replay --store DB` (cli/store_replay.h).
//
// The same contract as the plain replay (file order, advance to one second
// before each event, --until, refusals on stderr), with the engine in a
// store: lines go in batches, each batch is one transaction holding its
// accepted events, its advances and the notifications they released, and
// only after the commit are those notifications printed and acknowledged.
// So a run killed at any instant loses nothing: run again, it prints what
// was committed but not acknowledged, skips the events already journaled
// and goes on.
#include "cli/store_replay.h"

#include "cli/kpi_file.h"

#include <chrono>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "cli/event_log.h"
#include "cli/exit_code.h"
#include "cli/policy_loader.h"
#include "cli/store_opener.h"
#include "kefu/domain/event.h"
#include "kefu/engine/notification.h"
#include "kefu/time/instant.h"

namespace kefu::cli {
namespace {

constexpr std::size_t kBatchLines = 1000;

struct Run {
  store::Store& store;
  Io& io;
  store::Store::Batch batch;
  std::vector<std::int64_t> batch_lines;  // the line of each ingest of the batch
  std::int64_t refused = 0;

  // Commits the batch, then prints and acknowledges what it released.
  bool commit() {
    if (batch.empty()) return true;
    Result<store::Store::BatchResult> r = store.apply(batch);
    batch = store::Store::Batch();
    if (!r.ok()) {
      io.err << "error: " << r.status().to_string() << "\n";
      return false;
    }
    std::string out;
    for (const engine::Notification& n : r->notifications) out += engine::to_json(n) + "\n";
    io.out << out << std::flush;
    for (std::size_t i = 0; i < r->events.size(); ++i) {
      if (r->events[i].ok()) continue;
      ++refused;
      io.err << refusal_json(batch_lines[i], r->events[i].status()) << "\n";
    }
    batch_lines.clear();
    if (!r->notifications.empty()) {
      if (Status s = store.ack(r->notifications.back().seq); !s.ok()) {
        io.err << "error: " << s.to_string() << "\n";
        return false;
      }
    }
    return true;
  }

  // What an earlier run committed and did not print.
  bool print_pending() {
    Result<std::vector<store::OutboxEntry>> pending = store.pending();
    if (!pending.ok()) {
      io.err << "error: " << pending.status().to_string() << "\n";
      return false;
    }
    if (pending->empty()) return true;
    std::string out;
    for (const store::OutboxEntry& n : *pending) out += n.json + "\n";
    io.out << out << std::flush;
    Status s = store.ack(pending->back().seq);
    if (!s.ok()) io.err << "error: " << s.to_string() << "\n";
    return s.ok();
  }
};

}  // namespace

int replay_with_store(const Flags& flags, Io& io) {
  std::optional<std::string> policy_path = flags.get("--policy");
  std::optional<std::string> events_path = flags.get("--events");
  std::optional<std::string> store_path = flags.get("--store");
  if (!policy_path || !events_path || !store_path) {
    io.err << "error: replay needs --policy and --events\n";
    return kExitUsage;
  }
  std::optional<time::Instant> until;
  if (std::optional<std::string> text = flags.get("--until")) {
    Result<time::Instant> parsed = time::parse_instant(*text);
    if (!parsed.ok()) {
      io.err << "error: --until: " << parsed.status().to_string() << "\n";
      return kExitInvalidInput;
    }
    until = *parsed;
  }
  // The policy is checked as the plain replay checks it, for the same errors.
  std::optional<std::string> policy_text = read_text_file(*policy_path, io.err);
  if (!policy_text || !load_policy(*policy_path, io.err)) return kExitInvalidInput;
  std::unique_ptr<JsonlReader> log = JsonlReader::Open(*events_path, io.err);
  if (!log) return kExitInvalidInput;
  std::optional<store::Store> store = open_store(*store_path, *policy_text, io.err);
  if (!store) return kExitInvalidInput;

  Run run{*store, io, {}, {}, 0};
  if (!run.print_pending()) return kExitInvalidInput;
  std::optional<time::Instant> latest;
  std::string_view line;
  while (log->next(&line)) {
    if (is_blank(line)) continue;
    Result<domain::Event> ev = domain::parse_event(line);
    if (!ev.ok()) {
      ++run.refused;
      io.err << refusal_json(log->line_number(), ev.status()) << "\n";
      continue;
    }
    if (!latest || ev->at > *latest) latest = ev->at;
    if (until && ev->at > *until) {
      if (!run.commit()) return kExitInvalidInput;
      io.err << "error: --until " << *flags.get("--until") << " is before the event on line "
             << log->line_number() << "; it must not be earlier than the last event\n";
      return kExitUsage;
    }
    Result<bool> journaled = store->journaled(ev->id);
    if (!journaled.ok()) {
      io.err << "error: " << journaled.status().to_string() << "\n";
      return kExitInvalidInput;
    }
    if (*journaled) continue;  // applied by an earlier run
    run.batch.advance(ev->at - std::chrono::seconds(1));
    run.batch.ingest(std::string(line));
    run.batch_lines.push_back(log->line_number());
    if (run.batch_lines.size() >= kBatchLines && !run.commit()) return kExitInvalidInput;
  }
  bool read_failed = !log->error().empty();
  if (read_failed) {
    io.err << "error: " << log->error() << "\n";
  } else if (std::optional<time::Instant> end = until ? until : latest) {
    run.batch.advance(*end);  // inclusive, as in the plain replay
  }
  if (!run.commit()) return kExitInvalidInput;
  bool kpi_failed = false;
  if (std::optional<std::string> kpi_path = flags.get("--kpi"); kpi_path && !read_failed) {
    if (std::optional<std::string> e = write_kpi_file(*kpi_path, store->engine())) {
      io.err << *e;
      kpi_failed = true;
    }
  }
  return read_failed || kpi_failed || run.refused > 0 ? kExitInvalidInput : kExitOk;
}

}  // namespace kefu::cli
