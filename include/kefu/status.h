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
#include <memory>
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

  Status(const Status& other)
      : error_(other.error_ ? std::make_unique<Error>(*other.error_) : nullptr) {}
  Status& operator=(const Status& other) {
    if (this != &other)
      error_ = other.error_ ? std::make_unique<Error>(*other.error_) : nullptr;
    return *this;
  }
  Status(Status&&) noexcept = default;
  Status& operator=(Status&&) noexcept = default;
  ~Status() = default;

  bool ok() const { return error_ == nullptr; }
  StatusCode code() const { return error_ ? error_->code : StatusCode::kOk; }
  const std::string& message() const { return error_ ? error_->message : empty(); }
  // RFC 6901 JSON pointer of the value the error is about, or "".
  const std::string& path() const { return error_ ? error_->path : empty(); }

  // The id of the event the error is about, or "".
  const std::string& event_id() const { return error_ ? error_->event_id : empty(); }
  // The entity the error is about, "order:WB123", or "".
  const std::string& entity() const { return error_ ? error_->entity : empty(); }

  // "path: message", or the message alone when there is no path.
  std::string to_string() const {
    if (ok()) return "OK";
    return error_->path.empty() ? error_->message : error_->path + ": " + error_->message;
  }

  // The same error, about that event and entity.
  Status with_event(std::string event_id, std::string entity) const {
    Status s = *this;
    if (s.error_) {
      s.error_->event_id = std::move(event_id);
      s.error_->entity = std::move(entity);
    }
    return s;
  }

  // The same error, located under `prefix` (a JSON pointer).
  Status with_path_prefix(const std::string& prefix) const {
    Status s = *this;
    if (s.error_) s.error_->path = prefix + s.error_->path;
    return s;
  }

 private:
  // What an error carries. An OK status holds none: it is one null pointer,
  // made and dropped for nothing, where the hot paths return it many times
  // an event (it was four strings to build and destroy).
  struct Error {
    StatusCode code;
    std::string message;
    std::string path;
    std::string event_id;
    std::string entity;
  };

  Status(StatusCode code, std::string message, std::string path)
      : error_(std::make_unique<Error>(Error{code, std::move(message), std::move(path), {}, {}})) {}

  static const std::string& empty() {
    static const std::string kEmpty;
    return kEmpty;
  }

  std::unique_ptr<Error> error_;  // null: OK
};

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
