// Checks a JSON text against size and nesting bounds before it is parsed.
//
// nlohmann's parser is iterative, but the values it builds are walked
// recursively afterwards (dump, comparison, the section readers), so a
// document nested 100,000 levels deep would overflow the stack there. One
// pass over the bytes, which knows only strings and brackets, finds the
// depth first; the real parser still reports every syntax error.
//
// Example:
//   if (std::optional<std::string> e = json_depth_error(text, 32)) ...
//   // *e == "nesting deeper than 32 levels at byte 97"
//
// Thread safety: pure functions.
#ifndef KEFU_SRC_POLICY_JSON_LIMITS_H_
#define KEFU_SRC_POLICY_JSON_LIMITS_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace kefu::policy::internal {

// The message for the first bracket of `text` that opens level
// max_depth + 1 (levels count from 1 for the outermost value), or nullopt.
// Brackets inside strings do not count; escapes inside strings are
// skipped. A malformed text is not an error here: the parser says what is
// wrong with it.
std::optional<std::string> json_depth_error(std::string_view text,
                                            std::size_t max_depth);

}  // namespace kefu::policy::internal

#endif  // KEFU_SRC_POLICY_JSON_LIMITS_H_
