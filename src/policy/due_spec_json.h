// A due spec as a policy writes it: a JSON string in the short form ("4h",
// "3wd", "15d", "1mo") or one of the calendar-only object forms of
// DESIGN.md's deadline table:
//
//   {"at":"17:00"}
//   {"weekday":"mon","at":"16:00"}                      ("at" optional)
//   {"day_of_month":15,"months_after":1,"at":"16:00"}   (both optional)
//
// The forms that need an entity ("before", "every", "count") belong to the
// sla section, which reads its own keys and hands the rest here.
//
// Example:
//   Result<time::DueSpec> spec =
//       due_spec_from_json(Json::parse(R"({"at":"17:00"})"), "/sla/0/target");
//   // errors are located: "/sla/0/target/at: expected a time ..."
//
// Thread safety: pure function.
#ifndef KEFU_SRC_POLICY_DUE_SPEC_JSON_H_
#define KEFU_SRC_POLICY_DUE_SPEC_JSON_H_

#include <string>

#include "kefu/status.h"
#include "kefu/time/due_spec.h"
#include "policy/json_document.h"

namespace kefu::policy::internal {

// Converts `value`, found at JSON pointer `pointer`, into a DueSpec. An
// error is InvalidArgument with the pointer of the offending value (a
// member's own pointer for a bad member, `pointer` itself otherwise); the
// policy's section readers relabel it as InvalidPolicy.
Result<time::DueSpec> due_spec_from_json(const Json& value,
                                         const std::string& pointer);

}  // namespace kefu::policy::internal

#endif  // KEFU_SRC_POLICY_DUE_SPEC_JSON_H_
