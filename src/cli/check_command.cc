// `kefu check`: validates a policy and lists every error, one a line, each
// with the JSON pointer of the offending value.
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/exit_code.h"
#include "cli/policy_loader.h"
#include "kefu/policy/policy.h"

namespace kefu::cli {
namespace {

int run(const Flags& flags, Io& io) {
  std::optional<std::string> path = flags.get("--policy");
  if (!path) {
    io.err << "error: check needs --policy\n";
    return kExitUsage;
  }
  std::optional<std::string> text = read_text_file(*path, io.err);
  if (!text) return kExitInvalidInput;
  std::vector<Status> errors = policy::Policy::Check(*text);
  if (!errors.empty()) {
    for (const Status& error : errors) io.err << error.to_string() << "\n";
    return kExitInvalidInput;
  }
  Result<policy::Policy> policy = policy::Policy::Parse(*text);
  if (!policy.ok()) {  // Check() and Parse() read alike; kept for safety
    io.err << policy.status().to_string() << "\n";
    return kExitInvalidInput;
  }
  // The built-in 24x7 is not the document's: count only its own.
  std::size_t calendars = policy->names().size() - 1;
  io.out << "ok: policy " << policy->version() << ", " << calendars
         << (calendars == 1 ? " calendar" : " calendars") << "\n";
  return kExitOk;
}

}  // namespace

const Command kCheckCommand = {
    "check",
    "validate a policy and list every error with its JSON pointer",
    R"(usage: kefu check --policy P.json

Validates the policy. Each error goes to stderr on its own line, as
"POINTER: MESSAGE" (a JSON syntax error gives its byte offset instead), and
the exit status is 3. A valid policy prints "ok: policy VERSION, N
calendars" (the built-in 24x7 not counted).

exit status: 0 success, 2 usage error, 3 invalid input
)",
    {"--policy"},
    &run,
};

}  // namespace kefu::cli
