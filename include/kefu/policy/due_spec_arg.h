// A due spec given as text outside a policy, as `kefu due --duration SPEC`
// takes it: the short form or the JSON text of an object form, exactly as a
// policy's target would hold it.
//
// Example:
//   parse_due_spec_arg("3wd")                  // WorkingDays{3}
//   parse_due_spec_arg("\"3wd\"")              // the same, as JSON
//   parse_due_spec_arg(R"({"at":"17:00"})")    // AtTimeOfDay{17:00}
//   parse_due_spec_arg(R"({"weekday":"mon"})") // WeekdayAt, close of business
//   parse_due_spec_arg(R"({"day_of_month":15,"months_after":1,"at":"16:00"})")
//
// Errors are InvalidArgument; for a JSON object their path is the pointer
// of the offending member ("/at"), and a syntax error gives its byte
// offset. Unknown keys are errors.
//
// Thread safety: pure function.
#ifndef KEFU_POLICY_DUE_SPEC_ARG_H_
#define KEFU_POLICY_DUE_SPEC_ARG_H_

#include <string_view>

#include "kefu/status.h"
#include "kefu/time/due_spec.h"

namespace kefu::policy {

// Accepts "30m", "4h", "3wd", "15d", "1mo" (time::parse_due_spec), the same
// as a JSON string, or a JSON object {"at":...}, {"weekday":...,"at":...},
// {"day_of_month":...,"months_after":...,"at":...}. Surrounding blanks are
// ignored.
Result<time::DueSpec> parse_due_spec_arg(std::string_view text);

}  // namespace kefu::policy

#endif  // KEFU_POLICY_DUE_SPEC_ARG_H_
