// JSON text written by hand where the key order is a contract and the path
// is hot (notifications, the KPI document): a string, escaped.
#ifndef KEFU_SRC_ENGINE_JSON_TEXT_H_
#define KEFU_SRC_ENGINE_JSON_TEXT_H_

#include <string>
#include <string_view>

namespace kefu::engine::internal {

// Appends `s` as a JSON string: quotes, backslashes and control characters
// escaped; UTF-8 passes through.
inline void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          static constexpr char kHex[] = "0123456789abcdef";
          out += "\\u00";
          out += kHex[(c >> 4) & 0xf];
          out += kHex[c & 0xf];
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

}  // namespace kefu::engine::internal

#endif  // KEFU_SRC_ENGINE_JSON_TEXT_H_
