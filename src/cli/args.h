// Flags: the command-line flags of one `kefu` command.
//
// Flags are "--name value" or "--name=value", each at most once, and only
// those the command knows; "--help" (or "-h") asks for the command's usage.
// Anything else is a usage error, whose message is returned for the caller
// to print with the usage.
//
// Example:
//   Result<Flags> flags = Flags::Parse({"--from", "2026-10-01T09:00+08:00"},
//                                      {"--from", "--to"});
//   flags->get("--from");  // "2026-10-01T09:00+08:00"
//   flags->get("--to");    // nullopt
//
// Thread safety: a value.
#ifndef KEFU_SRC_CLI_ARGS_H_
#define KEFU_SRC_CLI_ARGS_H_

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kefu/status.h"

namespace kefu::cli {

class Flags {
 public:
  // `known` lists the flag names the command takes, with their dashes.
  static Result<Flags> Parse(const std::vector<std::string_view>& args,
                             const std::vector<std::string_view>& known);

  std::optional<std::string> get(std::string_view name) const;
  bool has(std::string_view name) const { return values_.count(name) > 0; }
  bool help() const { return help_; }

 private:
  std::map<std::string, std::string, std::less<>> values_;
  bool help_ = false;
};

}  // namespace kefu::cli

#endif  // KEFU_SRC_CLI_ARGS_H_
