// Reading JSON documents for the policy layer: parsing with located errors,
// and the small vocabulary every section reader uses to describe values.
//
// Policies are read as nlohmann::ordered_json so that objects keep document
// order: errors are then reported in the order a reader meets them. This
// header is internal: nlohmann_json never appears in a public header.
//
// Example:
//   Diagnostics d;
//   std::optional<Json> doc = parse_json_document(text, d);
//   // d holds a syntax error ("invalid JSON at byte 17: ...") or one error
//   // per duplicate key, each with its pointer.
//
// Thread safety: pure functions.
#ifndef KEFU_SRC_POLICY_JSON_DOCUMENT_H_
#define KEFU_SRC_POLICY_JSON_DOCUMENT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "policy/diagnostics.h"

namespace kefu::policy::internal {

using Json = nlohmann::ordered_json;

// Parses `text`. A syntax error is one error without a pointer whose
// message gives the byte offset (nlohmann's parse_error::byte); the result
// is then nullopt. A key repeated in one object is an error at the pointer
// of the repetition (nlohmann would silently keep one of them), but the
// document is still returned so the rest can be checked.
// A string (or key) longer than max_string_bytes is an error at its
// pointer.
std::optional<Json> parse_json_document(
    std::string_view text, Diagnostics& d,
    std::size_t max_string_bytes = static_cast<std::size_t>(-1));

// The value as a message quotes it after "got": its JSON text, shortened
// past 60 characters.
std::string describe_value(const Json& value);

// The value when it is a whole JSON number that fits in int64 (1.0 and
// "1" are not whole numbers here).
std::optional<std::int64_t> whole_number(const Json& value);

// ", got <value>": the tail of every "expected ..." message.
std::string got(const Json& value);

// `unknown key "k"; expected one of <known_keys>`.
std::string unknown_key_message(const std::string& key,
                                std::string_view known_keys);

// Records unknown_key_message at the key's pointer.
void unknown_key(const std::string& object_pointer, const std::string& key,
                 std::string_view known_keys, Diagnostics& d);

}  // namespace kefu::policy::internal

#endif  // KEFU_SRC_POLICY_JSON_DOCUMENT_H_
