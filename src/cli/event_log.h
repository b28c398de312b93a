// Event logs (JSONL) as `kefu replay` and `kefu explain` read them: one
// event a line, applied in file order, the clock advanced to one second
// before each event so that an event at a due instant is on time
// (DESIGN.md, "The command line").
//
// Example:
//   std::unique_ptr<JsonlReader> log = JsonlReader::Open(path, io.err);
//   if (!log) return kExitInvalidInput;            // the error is printed
//   std::string_view line;
//   std::vector<engine::Notification> notes;
//   while (log->next(&line)) {
//     if (is_blank(line)) continue;
//     AppliedLine r = apply_line(engine, line, std::nullopt, &notes);
//     for (const auto& n : notes) print(n);
//     if (r.outcome == LineOutcome::kRefused)
//       print(refusal_json(log->line_number(), r.error));
//   }
//
// Thread safety: a JsonlReader is used by one thread; the functions are
// pure but for the engine they are given.
#ifndef KEFU_SRC_CLI_EVENT_LOG_H_
#define KEFU_SRC_CLI_EVENT_LOG_H_

#include <cstdint>
#include <cstdio>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kefu/engine/engine.h"
#include "kefu/engine/notification.h"
#include "kefu/policy/policy.h"
#include "kefu/status.h"
#include "kefu/time/instant.h"

namespace kefu::cli {

// Reads a file line by line through one large buffer: a replay reads
// millions of lines, and a line costs a memchr, not an allocation.
class JsonlReader {
 public:
  // The reader of the file at `path`; on failure prints one "error: ..."
  // line to `err` and returns nullptr.
  static std::unique_ptr<JsonlReader> Open(const std::string& path,
                                           std::ostream& err);
  ~JsonlReader();
  JsonlReader(const JsonlReader&) = delete;
  JsonlReader& operator=(const JsonlReader&) = delete;

  // The next line, without its "\n" or "\r\n"; valid until the next call.
  // False at the end of the file or on a read error (see error()).
  bool next(std::string_view* line);

  // The number of the line last returned, from 1.
  std::int64_t line_number() const { return line_number_; }

  // Why reading stopped early, or "" at a clean end of file.
  const std::string& error() const { return error_; }

 private:
  JsonlReader(std::FILE* file, std::string path);
  bool fill();  // reads more; false when nothing more came

  std::FILE* file_;
  std::string path_;
  std::vector<char> buffer_;
  std::size_t begin_ = 0;  // the unread bytes are [begin_, end_)
  std::size_t end_ = 0;
  bool eof_ = false;
  std::int64_t line_number_ = 0;
  std::string error_;
};

// A line holding nothing but blanks: skipped, not refused.
bool is_blank(std::string_view line);

enum class LineOutcome : std::uint8_t {
  kAccepted,
  kDuplicate,  // the same id and content again: acknowledged, ignored
  kRefused,
  kSkipped,    // the event is after the limit: not applied
};

struct AppliedLine {
  LineOutcome outcome = LineOutcome::kAccepted;
  std::optional<time::Instant> at;  // the event's instant, when it parsed
  Status error;                     // why, when refused
};

// Parses one line as an event. Unless its instant is after `limit`, advances
// `engine` to one second before that instant (the notifications replace
// `*notes`) and ingests it. A line that does not parse changes nothing and
// leaves `*notes` empty.
AppliedLine apply_line(engine::Engine& engine, std::string_view line,
                       std::optional<time::Instant> limit,
                       std::vector<engine::Notification>* notes);

// A refused line as the contract prints it on stderr, without newline:
// {"line":N,"event":"e-7" or null,"entity":"order:WB123" or null,"error":"..."}
std::string refusal_json(std::int64_t line, const Status& error);


}  // namespace kefu::cli

#endif  // KEFU_SRC_CLI_EVENT_LOG_H_
