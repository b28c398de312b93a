// Status and Result<T>: how kefu reports expected failures.
//
// A Status is either OK or carries a code, a message and, where the error is
// about a document, the JSON pointer of the offending value. Nothing in kefu
// throws on purpose; fallible calls return a Status or a Result<T>.
//
// Example:
//   kefu::Result<Instant> due = calendar.add(start, spec);
//   if (!due.ok()) std::cerr << due.status().to_string() << "\n";
//
// Thread safety: values; copy freely.
#ifndef KEFU_STATUS_H_
#define KEFU_STATUS_H_

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace kefu {

// Error classes. Few on purpose: a caller branches on these, and reads the
// message for the rest. The values mirror the C ABI's error codes.
enum class StatusCode : int {
  kOk = 0,
  kInvalidArgument = -2,  // malformed input: a bad spec, timestamp or value
  kInvalidPolicy = -3,    // the policy document is malformed or inconsistent
  kOutOfRange = -4,       // the question needs data the calendar does not have
  kNotFound = -5,         // a named thing (calendar, entity) does not exist
  kRefused = -6,          // a well-formed event the engine cannot accept:
                          // illegal transition, conflict, too late
};

class Status {
 public:
  Status() = default;  // OK

  static Status InvalidArgument(std::string message, std::string path = {}) {
    return Status(StatusCode::kInvalidArgument, std::move(message),
                  std::move(path));
  }
  static Status InvalidPolicy(std::string message, std::string path = {}) {
    return Status(StatusCode::kInvalidPolicy, std::move(message),
                  std::move(path));
  }
  static Status OutOfRange(std::string message, std::string path = {}) {
    return Status(StatusCode::kOutOfRange, std::move(message),
                  std::move(path));
  }
  static Status NotFound(std::string message, std::string path = {}) {
    return Status(StatusCode::kNotFound, std::move(message), std::move(path));
  }
  static Status Refused(std::string message) {
    return Status(StatusCode::kRefused, std::move(message), {});
  }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // RFC 6901 JSON pointer of the value the error is about, or "".
  const std::string& path() const { return path_; }

  // The id of the event the error is about, or "".
  const std::string& event_id() const { return event_id_; }
  // The entity the error is about, "order:WB123", or "".
  const std::string& entity() const { return entity_; }

  // "path: message", or the message alone when there is no path.
  std::string to_string() const {
    if (ok()) return "OK";
    return path_.empty() ? message_ : path_ + ": " + message_;
  }

  // The same error, about that event and entity.
  Status with_event(std::string event_id, std::string entity) const {
    Status s = *this;
    s.event_id_ = std::move(event_id);
    s.entity_ = std::move(entity);
    return s;
  }

  // The same error, located under `prefix` (a JSON pointer).
  Status with_path_prefix(const std::string& prefix) const {
    Status s = *this;
    s.path_ = prefix + path_;
    return s;
  }

 private:
  Status(StatusCode code, std::string message, std::string path)
      : code_(code), message_(std::move(message)), path_(std::move(path)) {}

  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  std::string path_;
  std::string event_id_;
  std::string entity_;
};

// A value or the Status saying why there is none.
template <typename T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {  // NOLINT
    assert(!std::get<Status>(v_).ok() && "a Result needs a value or an error");
  }

  bool ok() const { return std::holds_alternative<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T& value() & { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  const T& operator*() const& { return value(); }
  const T* operator->() const { return &value(); }

  // OK when there is a value.
  Status status() const {
    return ok() ? Status() : std::get<Status>(v_);
  }

 private:
  std::variant<T, Status> v_;
};

}  // namespace kefu

#endif  // KEFU_STATUS_H_
