// `kefu replay`: applies an event log to an engine under a policy and
// prints every notification, as DESIGN.md's command-line contract says.
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/event_log.h"
#include "cli/policy_loader.h"
#include "cli/store_replay.h"
#include "cli/exit_code.h"
#include "cli/kpi_file.h"
#include "kefu/engine/engine.h"
#include "kefu/engine/kpi.h"
#include "kefu/engine/notification.h"
#include "kefu/time/instant.h"

namespace kefu::cli {
namespace {

// Output is gathered and written in chunks of this size: a replay prints
// millions of lines, and a write per line would cost more than the engine.
constexpr std::size_t kChunk = std::size_t{1} << 20;

// How many lines pass between looks at the clock for progress.
constexpr std::int64_t kProgressStride = 4096;

// Progress on stderr while stderr is a terminal: lines read and events per
// second, redrawn on one line about every second. The library never reads
// a clock; this display is the command line's own.
class Progress {
 public:
  Progress() : enabled_(isatty(STDERR_FILENO) == 1) {
    start_ = last_ = std::chrono::steady_clock::now();
  }

  bool enabled() const { return enabled_; }
  bool shown() const { return shown_; }

  // Called every kProgressStride lines; redraws when a second has passed.
  void tick(std::int64_t lines, std::int64_t events, std::ostream& err) {
    if (!enabled_) return;
    auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::seconds(1)) return;
    last_ = now;
    draw(lines, events, now, "", err);
  }

  // Erases the progress line, so that an error line can be printed.
  void clear(std::ostream& err) {
    if (shown_) err << "\r\033[K";
    shown_ = false;
  }

  // The last figures on their own line, if progress was shown at all.
  void finish(std::int64_t lines, std::int64_t events, std::ostream& err) {
    if (!enabled_ || !ever_shown_) return;
    draw(lines, events, std::chrono::steady_clock::now(), "\n", err);
    shown_ = false;
  }

 private:
  void draw(std::int64_t lines, std::int64_t events,
            std::chrono::steady_clock::time_point now, const char* end,
            std::ostream& err) {
    double seconds = std::chrono::duration<double>(now - start_).count();
    double rate = seconds > 0 ? static_cast<double>(events) / seconds : 0;
    char text[160];
    std::snprintf(text, sizeof text,
                  "\rkefu replay: %lld lines, %lld events, %.0f events/s, "
                  "%.1f s\033[K%s",
                  static_cast<long long>(lines), static_cast<long long>(events),
                  rate, seconds, end);
    err << text << std::flush;
    shown_ = ever_shown_ = true;
  }

  bool enabled_;
  bool shown_ = false;
  bool ever_shown_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
};

void append_notifications(const std::vector<engine::Notification>& notes,
                          std::string* out) {
  for (const engine::Notification& n : notes) {
    *out += engine::to_json(n);
    *out += '\n';
  }
}

// Writes and empties `buffer` when it is full enough, or always with `force`.
void drain(std::string* buffer, std::ostream& stream, bool force) {
  if (buffer->empty() || (!force && buffer->size() < kChunk)) return;
  stream.write(buffer->data(), static_cast<std::streamsize>(buffer->size()));
  buffer->clear();
}

// The offset an instant was written with: "+08:00" of
// "2026-10-01T09:00:00+08:00"; UTC for "...Z".
time::UtcOffset offset_of(std::string_view instant) {
  if (instant.size() >= 6) {
    Result<time::UtcOffset> offset =
        time::parse_utc_offset(instant.substr(instant.size() - 6));
    if (offset.ok()) return *offset;
  }
  return time::UtcOffset();
}

int run(const Flags& flags, Io& io) {
  if (flags.has("--store")) return replay_with_store(flags, io);
  std::optional<std::string> policy_path = flags.get("--policy");
  std::optional<std::string> events_path = flags.get("--events");
  if (!policy_path || !events_path) {
    io.err << "error: replay needs --policy and --events\n";
    return kExitUsage;
  }
  std::optional<time::Instant> until;
  time::UtcOffset until_offset;  // to print an event's instant as --until reads
  if (std::optional<std::string> text = flags.get("--until")) {
    Result<time::Instant> parsed = time::parse_instant(*text);
    if (!parsed.ok()) {
      io.err << "error: --until: " << parsed.status().to_string() << "\n";
      return kExitInvalidInput;
    }
    until = *parsed;
    until_offset = offset_of(*text);
  }
  std::optional<policy::Policy> policy = load_policy(*policy_path, io.err);
  if (!policy) return kExitInvalidInput;
  std::unique_ptr<JsonlReader> log = JsonlReader::Open(*events_path, io.err);
  if (!log) return kExitInvalidInput;

  engine::Engine engine(*std::move(policy));
  Progress progress;
  std::string out;
  std::string errors;
  out.reserve(kChunk + 4096);
  auto flush_errors = [&](bool force) {
    if (errors.empty() || (!force && errors.size() < kChunk)) return;
    progress.clear(io.err);
    drain(&errors, io.err, true);
  };

  std::vector<engine::Notification> notes;
  std::optional<time::Instant> latest;  // of the events that parsed
  std::int64_t events = 0;
  std::int64_t refused = 0;
  std::string_view line;
  while (log->next(&line)) {
    if (log->line_number() % kProgressStride == 0) {
      flush_errors(true);  // before the redraw, so that neither tears
      progress.tick(log->line_number(), events, io.err);
    }
    if (is_blank(line)) continue;
    ++events;
    AppliedLine applied = apply_line(engine, line, until, &notes);
    if (applied.at && (!latest || *applied.at > *latest)) latest = applied.at;
    if (applied.outcome == LineOutcome::kSkipped) {
      // An event after --until: the usage asked to stop before the log did.
      drain(&out, io.out, true);
      flush_errors(true);
      progress.clear(io.err);
      io.err << "error: --until " << *flags.get("--until")
             << " is before the event on line " << log->line_number()
             << " (" << time::format_instant(*applied.at, until_offset)
             << "); it must not be earlier than the last event\n";
      return kExitUsage;
    }
    append_notifications(notes, &out);
    drain(&out, io.out, false);
    if (applied.outcome == LineOutcome::kRefused) {
      ++refused;
      errors += refusal_json(log->line_number(), applied.error);
      errors += '\n';
      flush_errors(false);
    }
  }
  bool read_failed = !log->error().empty();
  if (read_failed) {
    errors += "error: " + log->error() + "\n";
  } else if (std::optional<time::Instant> end = until ? until : latest) {
    // Inclusive: notifications at the end instant itself are printed.
    append_notifications(engine.advance(*end), &out);
  }
  drain(&out, io.out, true);
  io.out.flush();
  bool kpi_failed = false;
  if (std::optional<std::string> kpi_path = flags.get("--kpi"); kpi_path && !read_failed) {
    if (std::optional<std::string> e = write_kpi_file(*kpi_path, engine)) {
      kpi_failed = true;
      errors += *e;
    }
  }
  flush_errors(true);
  progress.finish(log->line_number(), events, io.err);
  return read_failed || kpi_failed || refused > 0 ? kExitInvalidInput : kExitOk;
}

}  // namespace

const Command kReplayCommand = {
    "replay",
    "apply an event log under a policy and print every notification",
    R"(usage: kefu replay --policy P.json --events E.jsonl [--until ISO] [--kpi FILE] [--store DB]

Applies the events of E.jsonl (one JSON object a line) in file order, never
sorted. Before the event at instant t the clock advances to t - 1s, so an
event at a due instant is on time; at the end it advances to --until
(inclusive), by default the latest instant of the events read. An --until
earlier than an event is a usage error. Blank lines are skipped.

stdout: the notifications, one JSON object a line, as they come due.
stderr: each refused line as one JSON object,
  {"line":N,"event":"ID" or null,"entity":"order:KEY" or null,"error":"..."}
and, when stderr is a terminal, the progress (lines, events per second).

--kpi FILE writes the policy's KPIs (its "kpi" section) of every month the
events reach, overall and per customer tier, as one JSON document
(docs/kpi.md); a month whose end the clock passed is "closed":true.

--store DB journals the run in the store DB (created if missing, with the
policy; a changed policy is loaded as a new version): events are applied in
batches of 1000 lines, each committed with its notifications before they
are printed. Run again on the same file, it resumes: events whose id is
journaled are skipped, and notifications committed but not yet printed
(the run was killed) are printed first. With --kpi, the KPIs are those of
everything the store holds.

exit status: 0 success, 2 usage error, 3 invalid input (a line was refused;
the others were still applied)
)",
    {"--policy", "--events", "--until", "--kpi", "--store"},
    &run,
};

}  // namespace kefu::cli
