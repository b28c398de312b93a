// The exit statuses of `kefu`, as DESIGN.md's command-line contract fixes
// them.
#ifndef KEFU_SRC_CLI_EXIT_CODE_H_
#define KEFU_SRC_CLI_EXIT_CODE_H_

namespace kefu::cli {

inline constexpr int kExitOk = 0;
// An unknown command or flag, a missing flag: the usage goes to stderr.
inline constexpr int kExitUsage = 2;
// Bad input (policy, instant, spec, ...); the rest was still processed
// where that makes sense.
inline constexpr int kExitInvalidInput = 3;

}  // namespace kefu::cli

#endif  // KEFU_SRC_CLI_EXIT_CODE_H_
