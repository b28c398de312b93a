// Opening a store from the command line: `--store DB` of `replay`, `state`
// and `snapshot`.
//
// Example:
//   std::optional<store::Store> s = open_store(path, std::nullopt, io.err);
//   if (!s) return kExitInvalidInput;   // the error is printed
//
// Thread safety: none needed (one call per command).
#ifndef KEFU_SRC_CLI_STORE_OPENER_H_
#define KEFU_SRC_CLI_STORE_OPENER_H_

#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

#include "kefu/store/store.h"

namespace kefu::cli {

// Opens the store at `path`. Without `policy_document` the file must exist
// already (`state` and `snapshot` never create one). On failure prints one
// "error: ..." line to `err` and returns nullopt; snapshots skipped as
// damaged are reported as "warning: ..." lines.
std::optional<store::Store> open_store(const std::string& path,
                                       std::optional<std::string_view> policy_document,
                                       std::ostream& err);

}  // namespace kefu::cli

#endif  // KEFU_SRC_CLI_STORE_OPENER_H_
