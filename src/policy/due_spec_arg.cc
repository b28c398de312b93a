#include "kefu/policy/due_spec_arg.h"

#include <optional>
#include <string>

#include "policy/diagnostics.h"
#include "policy/due_spec_json.h"
#include "policy/json_document.h"

namespace kefu::policy {

Result<time::DueSpec> parse_due_spec_arg(std::string_view text) {
  constexpr std::string_view kBlanks = " \t\r\n";
  std::size_t first = text.find_first_not_of(kBlanks);
  if (first == std::string_view::npos) {
    return Status::InvalidArgument(
        "expected a due spec like \"4h\", \"3wd\" or {\"at\":\"17:00\"}, got "
        "nothing");
  }
  text = text.substr(first, text.find_last_not_of(kBlanks) - first + 1);
  if (text.front() != '{' && text.front() != '"') {
    return time::parse_due_spec(text);
  }
  internal::Diagnostics d;
  std::optional<internal::Json> json =
      internal::parse_json_document(text, d);
  if (!d.ok()) {
    const Status& s = d.errors().front();
    return Status::InvalidArgument(s.message(), s.path());
  }
  return internal::due_spec_from_json(*json, "");
}

}  // namespace kefu::policy
