// RFC 6901 JSON pointers: how policy errors say where they are.
//
// Every policy error names the offending value by its pointer, built while
// walking the document, so a key holding "/" or "~" must be escaped.
//
// Example:
//   pointer_child("/calendars", "a/b") == "/calendars/a~1b"
//   pointer_child("/holidays", 2) == "/holidays/2"
//
// Thread safety: pure functions.
#ifndef KEFU_SRC_POLICY_JSON_POINTER_H_
#define KEFU_SRC_POLICY_JSON_POINTER_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace kefu::policy::internal {

// One reference token: "~" becomes "~0" and "/" becomes "~1".
std::string escape_pointer_token(std::string_view key);

// The pointer of member `key` of the value at `parent`.
std::string pointer_child(std::string_view parent, std::string_view key);

// The pointer of element `index` of the array at `parent`.
std::string pointer_child(std::string_view parent, std::size_t index);

}  // namespace kefu::policy::internal

#endif  // KEFU_SRC_POLICY_JSON_POINTER_H_
