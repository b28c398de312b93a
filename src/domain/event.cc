#include "kefu/domain/event.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>

#include "domain/event_hash.h"
#include "policy/json_pointer.h"

namespace kefu::domain {
namespace {

using Json = nlohmann::json;
using policy::AttrValue;
using policy::EntityKind;
using policy::internal::escape_pointer_token;

// Keys are remembered and printed in every notification: a bound keeps a
// pasted document out of them.
constexpr std::size_t kMaxKeyBytes = 128;
// Quoted values in messages are cut here.
constexpr std::size_t kMaxQuotedBytes = 60;

enum class Field : std::uint8_t { kId, kType, kAt, kOrder, kCustomer, kAttrs };
constexpr std::size_t kFieldCount = 6;
constexpr std::array<std::string_view, kFieldCount> kFieldNames = {
    "id", "type", "at", "order", "customer", "attrs"};

std::optional<Field> field_of(std::string_view name) {
  // By first letter: one comparison per key, on the hot path.
  std::optional<Field> f;
  switch (name.empty() ? '\0' : name[0]) {
    case 'i':
      f = Field::kId;
      break;
    case 't':
      f = Field::kType;
      break;
    case 'a':
      f = name.size() == 2 ? Field::kAt : Field::kAttrs;
      break;
    case 'o':
      f = Field::kOrder;
      break;
    case 'c':
      f = Field::kCustomer;
      break;
    default:
      return std::nullopt;
  }
  if (kFieldNames[static_cast<std::size_t>(*f)] != name) return std::nullopt;
  return f;
}

// A string as a message quotes it: JSON-escaped quotes, backslashes and
// control characters, cut at kMaxQuotedBytes before a partial UTF-8
// sequence, so messages stay one valid line.
std::string quote(std::string_view s) {
  bool cut = s.size() > kMaxQuotedBytes;
  if (cut) {
    s = s.substr(0, kMaxQuotedBytes - 3);
    while (!s.empty() && (static_cast<unsigned char>(s.back()) & 0xC0) == 0x80)
      s.remove_suffix(1);  // continuation bytes
    if (!s.empty() && (static_cast<unsigned char>(s.back()) & 0x80))
      s.remove_suffix(1);  // the lead byte of the cut sequence
  }
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      static constexpr char kHex[] = "0123456789abcdef";
      out += "\\u00";
      out += kHex[(c >> 4) & 0xF];
      out += kHex[c & 0xF];
    } else {
      out += c;
    }
  }
  out += cut ? "...\"" : "\"";
  return out;
}

// nlohmann's what() reads "[json.exception.parse_error.101] parse error at
// line 1, column 5: syntax error while parsing value - ...". An event is
// one line, so the byte offset alone locates the error; keep the
// explanation.
std::string syntax_error_message(std::size_t byte, const std::exception& e) {
  std::string_view what = e.what();
  std::size_t start = what.find("] ");
  if (start != std::string_view::npos) what.remove_prefix(start + 2);
  constexpr std::string_view kParseError = "parse error";
  if (what.substr(0, kParseError.size()) == kParseError) {
    what.remove_prefix(kParseError.size());
    std::size_t colon = what.find(": ");
    if (colon != std::string_view::npos) what.remove_prefix(colon + 2);
  }
  return "invalid JSON at byte " + std::to_string(byte) + ": " +
         std::string(what);
}

// A top-level field as read: its string, or what it was instead.
struct RawField {
  bool seen = false;
  bool is_string = false;
  std::string text;  // the string, or a description: "5", "an object"
};

// An error found while reading, reported once the id is known.
struct Located {
  std::string path;
  std::string message;
  bool empty() const { return message.empty(); }
};

// Reads the event in one pass over the text with nlohmann's SAX interface:
// no DOM is built, strings move from the lexer into the Event, and the
// reader remembers what is wrong. Checking happens afterwards, in
// finish(), in a fixed order: the id comes first so that every later
// message can name the event, wherever the id stands in the text.
class EventReader {
 public:
  explicit EventReader(Event& event) : event_(event) {}

  // --- nlohmann::json_sax interface ---
  bool null() {
    return scalar([] { return std::string("null"); }, std::nullopt);
  }
  bool boolean(bool b) {
    return scalar([b] { return std::string(b ? "true" : "false"); },
                  AttrValue(b));
  }
  bool number_integer(std::int64_t i) {
    return scalar([i] { return std::to_string(i); }, AttrValue(i));
  }
  bool number_unsigned(std::uint64_t u) {
    auto text = [u] { return std::to_string(u); };
    if (u >
        static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      if (skip_ == 0 && depth_ == 2) {
        attr_error("integer " + text() + " is outside the signed 64-bit range");
        return true;
      }
      return scalar(text, std::nullopt);
    }
    return scalar(text, AttrValue(static_cast<std::int64_t>(u)));
  }
  bool number_float(double d, const std::string& text) {
    return scalar([&text] { return text; }, AttrValue(d));
  }
  bool string(std::string& s) {
    if (skip_ > 0) return true;
    if (depth_ == 1) {
      if (current_ == Field::kAttrs) {
        attrs_not_object_ = quote(s);
      } else if (RawField* f = current_field()) {
        f->is_string = true;
        f->text = std::move(s);
      }
      return true;
    }
    if (depth_ == 2) {
      set_attr(AttrValue(std::move(s)));
      return true;
    }
    return not_an_object(quote(s));
  }
  bool binary(Json::binary_t&) { return true; }  // not produced by JSON text
  bool start_object(std::size_t) { return start_compound("an object", true); }
  bool start_array(std::size_t) { return start_compound("an array", false); }
  bool end_object() { return end_compound(); }
  bool end_array() { return end_compound(); }
  bool key(std::string& k) {
    if (skip_ > 0) return true;
    if (depth_ == 2) {
      attr_name_ = std::move(k);
      return true;
    }
    std::optional<Field> f = field_of(k);
    current_ = f;
    if (!f) {
      note(structural_, "/" + escape_pointer_token(k),
           "unknown field " + quote(k) +
               "; expected id, type, at, order, customer or attrs");
    } else if (raw_[index(*f)].seen) {
      note(structural_, "/" + escape_pointer_token(k),
           "duplicate field " + quote(k) + ": expected each field once");
      current_ = std::nullopt;  // the first value stands
    } else {
      raw_[index(*f)].seen = true;
    }
    return true;
  }
  bool parse_error(std::size_t byte, const std::string& /*last_token*/,
                   const nlohmann::detail::exception& e) {
    syntax_error_ = syntax_error_message(byte, e);
    return false;
  }

  void syntax_error(std::string message) { syntax_error_ = std::move(message); }

  // Checks what was read and completes the Event; the first error wins.
  Status finish() {
    if (!syntax_error_.empty()) {
      // The line is broken, but an id read before the break still helps
      // to find it.
      const RawField& id = raw(Field::kId);
      if (id.is_string && !id.text.empty()) event_.id = id.text;
      return fail("", syntax_error_);
    }
    if (!not_an_object_.empty()) {
      return fail("",
                  "expected an event as a JSON object, got " + not_an_object_);
    }

    // id
    RawField& id = raw(Field::kId);
    if (!id.seen) return fail("/id", "missing required field \"id\"");
    if (!id.is_string || id.text.empty())
      return fail("/id", "expected a non-empty string, got " + describe(id));
    event_.id = std::move(id.text);

    // type
    RawField& type = raw(Field::kType);
    if (!type.seen) return fail("/type", "missing required field \"type\"");
    if (!type.is_string) {
      return fail("/type", "expected a string \"<entity>.<name>\", got " +
                               describe(type));
    }
    event_.type = std::move(type.text);
    if (Status s = check_type(); !s.ok()) return s;

    // The entity's key.
    const Field key_field =
        event_.entity == EntityKind::kOrder ? Field::kOrder : Field::kCustomer;
    const std::string_view key_name = kFieldNames[index(key_field)];
    RawField& key = raw(key_field);
    const std::string key_path = "/" + std::string(key_name);
    if (!key.seen) {
      return fail(key_path, "missing required field \"" +
                                std::string(key_name) + "\": the key of the " +
                                std::string(key_name) + " the event is about");
    }
    if (Status s = check_key(key, key_path); !s.ok()) return s;
    event_.key = std::move(key.text);
    key_known_ = true;

    if (!structural_.empty())
      return fail(structural_.path, structural_.message);

    // References.
    if (event_.entity == EntityKind::kOrder) {
      RawField& customer = raw(Field::kCustomer);
      if (customer.seen) {
        if (Status s = check_key(customer, "/customer"); !s.ok()) return s;
        event_.customer = std::move(customer.text);
      }
    } else if (raw(Field::kOrder).seen) {
      return fail("/order",
                  "unknown field \"order\": customer events have no "
                  "order reference");
    }

    // at
    RawField& at = raw(Field::kAt);
    if (!at.seen) return fail("/at", "missing required field \"at\"");
    if (!at.is_string) {
      return fail(
          "/at",
          "expected a timestamp like \"2026-03-02T09:15:00+08:00\", got " +
              describe(at));
    }
    Result<time::Instant> instant = time::parse_instant(at.text);
    if (!instant.ok()) return fail("/at", instant.status().message());
    event_.at = *instant;

    // attrs
    if (!attrs_not_object_.empty()) {
      return fail("/attrs",
                  "expected an object of attributes, got " + attrs_not_object_);
    }
    if (!attr_error_.empty())
      return fail(attr_error_.path, attr_error_.message);
    if (!event_.removed.empty()) {
      if (event_.name != "updated") {
        return fail(first_null_,
                    "null removes an attribute, which only \"" +
                        std::string(policy::entity_kind_name(event_.entity)) +
                        ".updated\" events do; expected a boolean, number or "
                        "string");
      }
      std::sort(event_.removed.begin(), event_.removed.end());
    }

    event_.content_hash = internal::content_hash(event_);
    return Status();
  }

 private:
  static std::size_t index(Field f) { return static_cast<std::size_t>(f); }
  RawField& raw(Field f) { return raw_[index(f)]; }
  RawField* current_field() {
    return current_ ? &raw_[index(*current_)] : nullptr;
  }

  static std::string describe(const RawField& f) {
    return f.is_string ? quote(f.text) : f.text;
  }

  static void note(Located& slot, std::string path, std::string message) {
    if (slot.empty()) slot = Located{std::move(path), std::move(message)};
  }

  // A scalar other than a string. `describe()` says what it is, for
  // messages only; `value` is nullopt for null (and for integers no
  // attribute can hold).
  template <typename Describe>
  bool scalar(Describe describe, std::optional<AttrValue> value) {
    if (skip_ > 0) return true;
    if (depth_ == 2) {
      if (value) {
        set_attr(std::move(*value));
      } else {
        remove_attr();
      }
      return true;
    }
    if (depth_ == 1) {
      if (current_ == Field::kAttrs) {
        attrs_not_object_ = describe();
      } else if (RawField* f = current_field()) {
        f->is_string = false;
        f->text = describe();
      }
      return true;
    }
    return not_an_object(describe());
  }

  bool start_compound(const char* description, bool object) {
    if (skip_ > 0) {
      ++skip_;
      return true;
    }
    if (depth_ == 0) {
      if (!object) return not_an_object(description);
      depth_ = 1;
      return true;
    }
    if (depth_ == 1) {
      if (object && current_ == Field::kAttrs) {
        depth_ = 2;
        return true;
      }
      if (current_ == Field::kAttrs) {
        attrs_not_object_ = description;
      } else if (RawField* f = current_field()) {
        f->is_string = false;
        f->text = description;
      }
    } else {
      attr_error(std::string("expected a boolean, number or string, got ") +
                 description);
    }
    skip_ = 1;  // its content is not looked at
    return true;
  }

  bool end_compound() {
    if (skip_ > 0) {
      --skip_;
    } else {
      --depth_;
    }
    return true;
  }

  bool not_an_object(std::string description) {
    not_an_object_ = std::move(description);
    return false;  // stop reading
  }

  std::string attr_path() const {
    return "/attrs/" + escape_pointer_token(attr_name_);
  }

  void attr_error(std::string message) {
    note(attr_error_, attr_path(), std::move(message));
  }

  bool attr_seen() const {
    return event_.attrs.find(attr_name_) != nullptr ||
           std::find(event_.removed.begin(), event_.removed.end(),
                     attr_name_) != event_.removed.end();
  }

  void set_attr(AttrValue value) {
    if (attr_seen()) return attr_error(duplicate_attr_message());
    event_.attrs.set(std::move(attr_name_), std::move(value));
  }

  void remove_attr() {
    if (attr_seen()) return attr_error(duplicate_attr_message());
    if (first_null_.empty()) first_null_ = attr_path();
    event_.removed.push_back(std::move(attr_name_));
  }

  std::string duplicate_attr_message() const {
    return "duplicate attribute " + quote(attr_name_) +
           ": expected each attribute once";
  }

  Status check_type() {
    const std::string& type = event_.type;
    const std::size_t dot = type.find('.');
    auto bad = [&](std::string why) {
      return fail("/type", "invalid type " + quote(type) + ": " + why);
    };
    if (dot == std::string::npos) {
      return bad("expected \"<entity>.<name>\" such as \"order.created\"");
    }
    std::optional<EntityKind> entity =
        policy::parse_entity_kind(std::string_view(type).substr(0, dot));
    if (!entity) {
      return bad("unknown entity " +
                 quote(std::string_view(type).substr(0, dot)) +
                 "; expected order or customer");
    }
    std::string_view name = std::string_view(type).substr(dot + 1);
    if (name.empty()) return bad("expected an event name after the \".\"");
    for (char c : name) {
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
        return bad("the event name may hold only a-z, 0-9 and _");
    }
    event_.entity = *entity;
    event_.name = std::string(name);
    return Status();
  }

  Status check_key(const RawField& f, const std::string& path) {
    if (!f.is_string || f.text.empty())
      return fail(path, "expected a non-empty string key, got " + describe(f));
    if (f.text.size() > kMaxKeyBytes) {
      return fail(path, "key " + quote(f.text) + " is " +
                            std::to_string(f.text.size()) + " bytes; at most " +
                            std::to_string(kMaxKeyBytes) + " are allowed");
    }
    return Status();
  }

  Status fail(std::string path, std::string_view message) const {
    std::string text;
    if (!event_.id.empty()) {
      text = "event " + quote(event_.id) + ": ";
    }
    text += message;
    std::string entity;  // built only on failure: "order:WB123"
    if (key_known_) {
      entity = std::string(policy::entity_kind_name(event_.entity)) + ":" +
               event_.key;
    }
    return Status::InvalidArgument(std::move(text), std::move(path))
        .with_event(event_.id, std::move(entity));
  }

  Event& event_;
  std::array<RawField, kFieldCount> raw_;
  std::optional<Field> current_;  // the top-level field being read
  int depth_ = 0;                 // 1: in the event, 2: in its attrs
  int skip_ = 0;                  // > 0: inside a value not looked at
  std::string attr_name_;
  bool key_known_ = false;  // errors then name the entity
  std::string syntax_error_;
  std::string not_an_object_;     // what the document was instead
  std::string attrs_not_object_;  // what "attrs" was instead
  Located structural_;            // first unknown or repeated field
  Located attr_error_;            // first bad attribute
  std::string first_null_;        // pointer of the first removed attribute
};

}  // namespace

Result<Event> parse_event(std::string_view json_text) {
  Event event;
  EventReader reader(event);
  try {
    Json::sax_parse(json_text.data(), json_text.data() + json_text.size(),
                    &reader, nlohmann::json::input_format_t::json,
                    /*strict=*/true, /*ignore_comments=*/false);
  } catch (const Json::exception& e) {
    // The SAX parser reports through parse_error(); this is a backstop.
    reader.syntax_error(std::string("invalid JSON: ") + e.what());
  }
  Status status = reader.finish();
  if (!status.ok()) return status;
  return event;
}

}  // namespace kefu::domain
