// Diagnostics: the errors found while reading a policy document, in
// document order.
//
// The section readers keep going after an error so that `kefu check` can
// list every problem at once; Policy::Parse reports only the first.
//
// Example:
//   Diagnostics d;
//   d.error("/calendars/office/utc_offset",
//           "expected a UTC offset like \"+08:00\", got \"+8\"");
//   if (!d.ok()) return d.errors().front();
//
// Thread safety: a value; not for concurrent mutation.
#ifndef KEFU_SRC_POLICY_DIAGNOSTICS_H_
#define KEFU_SRC_POLICY_DIAGNOSTICS_H_

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "kefu/status.h"

namespace kefu::policy::internal {

class Diagnostics {
 public:
  // Records an InvalidPolicy error about the value at `pointer`.
  void error(std::string pointer, std::string message) {
    errors_.push_back(Status::InvalidPolicy(std::move(message),
                                            std::move(pointer)));
  }
  void add(Status status) { errors_.push_back(std::move(status)); }

  bool ok() const { return errors_.empty(); }
  // The number of errors so far: a reader compares it before and after a
  // value to learn whether that value was clean.
  std::size_t size() const { return errors_.size(); }
  const std::vector<Status>& errors() const { return errors_; }
  std::vector<Status> take() && { return std::move(errors_); }

 private:
  std::vector<Status> errors_;
};

}  // namespace kefu::policy::internal

#endif  // KEFU_SRC_POLICY_DIAGNOSTICS_H_
