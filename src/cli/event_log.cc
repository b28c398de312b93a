#include "cli/event_log.h"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ostream>
#include <utility>

#include <nlohmann/json.hpp>

#include "kefu/domain/event.h"

namespace kefu::cli {
namespace {

constexpr std::size_t kInitialBuffer = std::size_t{1} << 20;

}  // namespace

std::unique_ptr<JsonlReader> JsonlReader::Open(const std::string& path,
                                               std::ostream& err) {
  // stdio, not ifstream: it says why (errno), a directory included.
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    err << "error: cannot read the events file \"" << path
        << "\": " << std::strerror(errno) << "\n";
    return nullptr;
  }
  return std::unique_ptr<JsonlReader>(new JsonlReader(file, path));
}

JsonlReader::JsonlReader(std::FILE* file, std::string path)
    : file_(file), path_(std::move(path)), buffer_(kInitialBuffer) {}

JsonlReader::~JsonlReader() { std::fclose(file_); }

bool JsonlReader::fill() {
  if (eof_) return false;
  // Keep the partial line, at the front; grow only for a line longer than
  // the buffer.
  std::size_t kept = end_ - begin_;
  if (begin_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + begin_, kept);
    begin_ = 0;
    end_ = kept;
  }
  if (end_ == buffer_.size()) buffer_.resize(buffer_.size() * 2);
  std::size_t n = std::fread(buffer_.data() + end_, 1, buffer_.size() - end_,
                             file_);
  if (n == 0) {
    eof_ = true;
    if (std::ferror(file_) != 0) {
      error_ = "cannot read the events file \"" + path_ +
               "\": " + std::strerror(errno);
    }
    return false;
  }
  end_ += n;
  return true;
}

bool JsonlReader::next(std::string_view* line) {
  std::size_t searched = begin_;
  for (;;) {
    const char* data = buffer_.data();
    const void* nl = std::memchr(data + searched, '\n', end_ - searched);
    if (nl != nullptr) {
      std::size_t at = static_cast<const char*>(nl) - data;
      std::size_t length = at - begin_;
      if (length > 0 && data[at - 1] == '\r') --length;
      *line = std::string_view(data + begin_, length);
      begin_ = at + 1;
      ++line_number_;
      return true;
    }
    std::size_t offset = end_ - begin_;  // searched so far, after fill()
    if (!fill()) break;
    searched = offset;
  }
  if (!error_.empty() || begin_ == end_) return false;
  // The last line, without a final newline.
  std::size_t length = end_ - begin_;
  if (buffer_[end_ - 1] == '\r') --length;
  *line = std::string_view(buffer_.data() + begin_, length);
  begin_ = end_;
  ++line_number_;
  return true;
}

bool is_blank(std::string_view line) {
  for (char c : line) {
    if (c != ' ' && c != '\t' && c != '\r') return false;
  }
  return true;
}

AppliedLine apply_line(engine::Engine& engine, std::string_view line,
                       std::optional<time::Instant> limit,
                       std::vector<engine::Notification>* notes) {
  notes->clear();
  AppliedLine applied;
  Result<domain::Event> event =
      domain::parse_event(line, engine.policy().event_limits());
  if (!event.ok()) {
    applied.outcome = LineOutcome::kRefused;
    applied.error = event.status();
    return applied;
  }
  applied.at = event->at;
  if (limit && event->at > *limit) {
    applied.outcome = LineOutcome::kSkipped;
    return applied;
  }
  // Just before the event: a stop at the due instant is on time. Into
  // `notes` itself, whose buffer the engine reuses from line to line.
  engine.advance(event->at - std::chrono::seconds(1), notes);
  Result<engine::IngestOutcome> outcome =
      engine.ingest(std::move(event).value());
  if (!outcome.ok()) {
    applied.outcome = LineOutcome::kRefused;
    applied.error = outcome.status();
  } else if (*outcome == engine::IngestOutcome::kDuplicate) {
    applied.outcome = LineOutcome::kDuplicate;
  }
  return applied;
}

std::string refusal_json(std::int64_t line, const Status& error) {
  nlohmann::ordered_json j;
  j["line"] = line;
  j["event"] = error.event_id().empty() ? nlohmann::ordered_json(nullptr)
                                        : nlohmann::ordered_json(error.event_id());
  j["entity"] = error.entity().empty() ? nlohmann::ordered_json(nullptr)
                                       : nlohmann::ordered_json(error.entity());
  j["error"] = error.to_string();
  // An error may quote the line's bytes, which need not be UTF-8.
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace kefu::cli
