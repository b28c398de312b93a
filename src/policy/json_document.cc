#include "policy/json_document.h"

#include <cstddef>
#include <cstdint>
#include <set>
#include <utility>
#include <vector>

#include "policy/json_pointer.h"

namespace kefu::policy::internal {
namespace {

// Follows the parser's events to know the pointer of the value being read,
// so a repeated key can be reported where it is. nlohmann's parser keeps
// one of two equal keys without a word; in a policy that hides a mistake
// (two "mon" rows, two "calendars").
class DuplicateKeyFinder {
 public:
  DuplicateKeyFinder(Diagnostics& d, std::size_t max_string_bytes)
      : d_(d), max_string_bytes_(max_string_bytes) {}

  bool operator()(int /*depth*/, Json::parse_event_t event, Json& parsed) {
    switch (event) {
      case Json::parse_event_t::object_start:
        frames_.push_back(Frame{true, {}, {}, 0});
        break;
      case Json::parse_event_t::array_start:
        frames_.push_back(Frame{false, {}, {}, 0});
        break;
      case Json::parse_event_t::key: {
        Frame& top = frames_.back();
        top.key = parsed.get<std::string>();
        check_length(top.key, "key");
        if (!top.keys.insert(top.key).second) {
          d_.error(pointer(), "duplicate key \"" + top.key +
                                  "\": expected each key once in an object");
        }
        break;
      }
      case Json::parse_event_t::object_end:
      case Json::parse_event_t::array_end:
        frames_.pop_back();
        element_done();
        break;
      case Json::parse_event_t::value:
        if (parsed.is_string()) {
          check_length(parsed.get_ref<const std::string&>(), "string");
        }
        element_done();
        break;
    }
    return true;  // keep every value
  }

 private:
  struct Frame {
    bool object;
    std::set<std::string> keys;  // object: the keys seen so far
    std::string key;             // object: the member being read
    std::size_t index;           // array: the element being read
  };

  void check_length(const std::string& s, std::string_view what) {
    if (s.size() <= max_string_bytes_) return;
    d_.error(pointer(), "a " + std::string(what) + " of " +
                            std::to_string(s.size()) +
                            " bytes; expected at most " +
                            std::to_string(max_string_bytes_) +
                            " (DocumentLimits::max_string_bytes)");
  }

  void element_done() {
    if (!frames_.empty() && !frames_.back().object) ++frames_.back().index;
  }

  std::string pointer() const {
    std::string p;
    for (const Frame& f : frames_) {
      p = f.object ? pointer_child(p, f.key) : pointer_child(p, f.index);
    }
    return p;
  }

  Diagnostics& d_;
  std::size_t max_string_bytes_;
  std::vector<Frame> frames_;
};

// nlohmann's what() reads "[json.exception.parse_error.101] parse error at
// line 1, column 5: syntax error while parsing value - ...". Keep the line,
// column and explanation; the byte offset comes from the exception itself.
std::string syntax_error_message(const Json::parse_error& e) {
  std::string what = e.what();
  std::size_t start = what.find("] ");
  start = start == std::string::npos ? 0 : start + 2;
  std::string_view rest(what);
  rest.remove_prefix(start);
  constexpr std::string_view kParseError = "parse error";
  if (rest.substr(0, kParseError.size()) == kParseError) {
    rest.remove_prefix(kParseError.size());
  }
  std::string position;
  std::string_view explanation = rest;
  std::size_t colon = rest.find(": ");
  if (colon != std::string_view::npos) {
    position = std::string(rest.substr(0, colon));
    explanation = rest.substr(colon + 2);
  }
  std::string message = "invalid JSON at byte " + std::to_string(e.byte);
  constexpr std::string_view kAtLine = " at line ";
  if (position.substr(0, kAtLine.size()) == kAtLine) {
    message += " (line " + position.substr(kAtLine.size()) + ")";
  }
  message += ": ";
  message += explanation;
  return message;
}

}  // namespace

std::optional<Json> parse_json_document(std::string_view text, Diagnostics& d,
                                        std::size_t max_string_bytes) {
  try {
    DuplicateKeyFinder finder(d, max_string_bytes);
    return Json::parse(text.begin(), text.end(),
                       Json::parser_callback_t(std::ref(finder)),
                       /*allow_exceptions=*/true, /*ignore_comments=*/false);
  } catch (const Json::parse_error& e) {
    d.add(Status::InvalidPolicy(syntax_error_message(e)));
  } catch (const Json::exception& e) {
    // A number too large to hold, for instance: no byte offset to give.
    std::string what = e.what();
    std::size_t start = what.find("] ");
    d.add(Status::InvalidPolicy(
        "invalid JSON: " +
        (start == std::string::npos ? what : what.substr(start + 2))));
  }
  return std::nullopt;
}

std::string describe_value(const Json& value) {
  constexpr std::size_t kMax = 60;
  std::string text =
      value.dump(-1, ' ', false, Json::error_handler_t::replace);
  if (text.size() > kMax) {
    text.resize(kMax - 3);
    // Cut before a partial UTF-8 sequence: messages stay valid UTF-8.
    while (!text.empty() && (static_cast<unsigned char>(text.back()) & 0x80)) {
      text.pop_back();
    }
    text += "...";
  }
  return text;
}

std::string got(const Json& value) { return ", got " + describe_value(value); }

std::optional<std::int64_t> whole_number(const Json& value) {
  if (value.is_number_unsigned()) {
    auto u = value.get<std::uint64_t>();
    if (u > static_cast<std::uint64_t>(INT64_MAX)) return std::nullopt;
    return static_cast<std::int64_t>(u);
  }
  if (value.is_number_integer()) return value.get<std::int64_t>();
  return std::nullopt;
}

std::string unknown_key_message(const std::string& key,
                                std::string_view known_keys) {
  return "unknown key \"" + key + "\"; expected one of " +
         std::string(known_keys);
}

void unknown_key(const std::string& object_pointer, const std::string& key,
                 std::string_view known_keys, Diagnostics& d) {
  d.error(pointer_child(object_pointer, key),
          unknown_key_message(key, known_keys));
}

}  // namespace kefu::policy::internal
