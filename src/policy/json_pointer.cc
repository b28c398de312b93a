#include "policy/json_pointer.h"

namespace kefu::policy::internal {

std::string escape_pointer_token(std::string_view key) {
  std::string out;
  out.reserve(key.size());
  for (char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

std::string pointer_child(std::string_view parent, std::string_view key) {
  std::string out(parent);
  out += '/';
  out += escape_pointer_token(key);
  return out;
}

std::string pointer_child(std::string_view parent, std::size_t index) {
  std::string out(parent);
  out += '/';
  out += std::to_string(index);
  return out;
}

}  // namespace kefu::policy::internal
