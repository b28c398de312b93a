#include "kefu/domain/event.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <utility>

#include "domain/event_hash.h"
#include "domain/event_scanner.h"
#include "policy/json_pointer.h"

namespace kefu::domain {
namespace {

using internal::JsonScanner;
using internal::JsonValue;
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
  // By length, then one fixed-size comparison the compiler inlines: this
  // runs for every member of every event.
  const auto equals = [name](std::string_view word) {
    return std::memcmp(name.data(), word.data(), word.size()) == 0;
  };
  switch (name.size()) {
    case 2:
      if (equals("id")) return Field::kId;
      if (equals("at")) return Field::kAt;
      break;
    case 4:
      if (equals("type")) return Field::kType;
      break;
    case 5:
      if (equals("order")) return Field::kOrder;
      if (equals("attrs")) return Field::kAttrs;
      break;
    case 8:
      if (equals("customer")) return Field::kCustomer;
      break;
    default:
      break;
  }
  return std::nullopt;
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

// A top-level field as read: its string, or what it was instead.
struct RawField {
  bool seen = false;
  bool is_string = false;
  // The string, or a description ("5", "an object"): a view into the
  // event's text or into `owned`.
  std::string_view text;
  std::string owned;  // the bytes of `text` when the text does not hold them
};

// An error found while reading, reported once the id is known.
struct Located {
  std::string path;
  std::string message;
  bool empty() const { return message.empty(); }
};

// Reads the event in one pass over the text (JsonScanner): no DOM is
// built, strings go from the text into the Event, and the reader remembers
// what is wrong. Checking happens afterwards, in finish(), in a fixed
// order: the id comes first so that every later message can name the
// event, wherever the id stands in the text.
class EventReader {
 public:
  EventReader(Event& event, const policy::EventLimits& limits)
      : event_(event), limits_(limits) {}

  // Reads the text; a syntax error stops it (finish() reports it).
  void read(std::string_view text) {
    JsonScanner in(text, static_cast<int>(limits_.max_depth));
    if (!read_document(in)) syntax_error_ = in.error();
  }

  // Checks what was read and completes the Event; the first error wins.
  Status finish() {
    if (!syntax_error_.empty()) {
      // The line is broken, but an id read before the break still helps
      // to find it.
      const RawField& id = raw(Field::kId);
      if (id.is_string && !id.text.empty()) event_.id = std::string(id.text);
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
    event_.id = std::string(id.text);

    // type
    RawField& type = raw(Field::kType);
    if (!type.seen) return fail("/type", "missing required field \"type\"");
    if (!type.is_string) {
      return fail("/type", "expected a string \"<entity>.<name>\", got " +
                               describe(type));
    }
    event_.type = std::string(type.text);
    if (Status s = check_type(); !s.ok()) return s;

    // The entity's key.
    const Field key_field =
        event_.entity == EntityKind::kOrder ? Field::kOrder : Field::kCustomer;
    const std::string_view key_name = kFieldNames[index(key_field)];
    RawField& key = raw(key_field);
    // Pointers are built on failure only: this is the hot path.
    const std::string_view key_path =
        key_field == Field::kOrder ? "/order" : "/customer";
    if (!key.seen) {
      return fail(std::string(key_path),
                  "missing required field \"" + std::string(key_name) +
                      "\": the key of the " + std::string(key_name) +
                      " the event is about");
    }
    if (Status s = check_key(key, key_path); !s.ok()) return s;
    event_.key = std::string(key.text);
    key_known_ = true;

    if (!structural_.empty())
      return fail(structural_.path, structural_.message);

    // References.
    if (event_.entity == EntityKind::kOrder) {
      RawField& customer = raw(Field::kCustomer);
      if (customer.seen) {
        if (Status s = check_key(customer, "/customer"); !s.ok()) return s;
        event_.customer = std::string(customer.text);
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
    return f.is_string ? quote(f.text) : std::string(f.text);
  }

  static void note(Located& slot, std::string path, std::string message) {
    if (slot.empty()) slot = Located{std::move(path), std::move(message)};
  }

  // What a value other than an attribute's is, for messages: its string
  // quoted, an integer in decimal, any other number as written, "an
  // object".
  static std::string describe(const JsonValue& v) {
    switch (v.kind) {
      case JsonValue::Kind::kString:
        return quote(v.text);
      case JsonValue::Kind::kInteger:
        return std::to_string(v.integer);
      case JsonValue::Kind::kUnsigned:
        return std::to_string(v.unsigned_integer);
      case JsonValue::Kind::kReal:
        return std::string(v.text);
      case JsonValue::Kind::kTrue:
        return "true";
      case JsonValue::Kind::kFalse:
        return "false";
      case JsonValue::Kind::kNull:
        return "null";
      case JsonValue::Kind::kObject:
        return "an object";
      case JsonValue::Kind::kArray:
        return "an array";
    }
    return "";
  }

  static bool is_compound(const JsonValue& v) {
    return v.kind == JsonValue::Kind::kObject ||
           v.kind == JsonValue::Kind::kArray;
  }

  // The document: an event object, and nothing after it.
  bool read_document(JsonScanner& in) {
    in.skip_whitespace();
    if (in.consume('{')) {
      if (!read_event(in)) return false;
      in.skip_whitespace();
      return in.at_end() || in.fail("value", "end of input");
    }
    JsonValue v;
    if (!in.value(&v)) return false;
    not_an_object_ = describe(v);  // reading stops here
    return true;
  }

  // The members of the event, after its '{'.
  bool read_event(JsonScanner& in) {
    in.skip_whitespace();
    if (in.consume('}')) return true;
    for (;;) {
      in.skip_whitespace();
      std::string_view name;
      if (!in.key(&name)) return false;
      key(name);
      in.skip_whitespace();
      if (!in.consume(':')) return in.fail("object separator", "':'");
      in.skip_whitespace();
      if (!read_field(in)) return false;
      in.skip_whitespace();
      if (in.consume(',')) continue;
      if (in.consume('}')) return true;
      return in.fail("object", "'}'");
    }
  }

  // A top-level member's name: which field it is, or what is wrong.
  void key(std::string_view k) {
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
  }

  // A top-level member's value.
  bool read_field(JsonScanner& in) {
    if (current_ == Field::kAttrs && in.consume('{')) return read_attrs(in);
    JsonValue v;
    if (!in.value(&v)) return false;
    if (current_ == Field::kAttrs) {
      attrs_not_object_ = describe(v);
    } else if (RawField* f = current_field()) {
      f->is_string = v.kind == JsonValue::Kind::kString;
      if (f->is_string && too_long(v.text))
        string_too_long(v.text, "/" + std::string(kFieldNames[index(*current_)]));
      if (f->is_string && !in.in_buffer(v.text)) {
        f->text = v.text;  // the text outlives the reading
      } else {
        f->owned = f->is_string ? std::string(v.text) : describe(v);
        f->text = f->owned;
      }
    }
    // The content of a refused object or array is not looked at.
    return !is_compound(v) || in.skip_content(v.kind, 2);
  }

  // The members of `attrs`, after its '{'.
  bool read_attrs(JsonScanner& in) {
    in.skip_whitespace();
    if (in.consume('}')) return true;
    for (;;) {
      in.skip_whitespace();
      std::string_view name;
      if (!in.key(&name)) return false;
      attr_name_ = std::string(name);
      // Bounded so that a hostile line cannot make the duplicate check
      // (a scan of the attributes so far) quadratic.
      if (++attr_count_ > limits_.max_attributes && attr_error_.empty()) {
        note(attr_error_, "/attrs",
             "more than " + std::to_string(limits_.max_attributes) +
                 " attributes (the policy's limits.event_attributes)");
      }
      if (too_long(name)) string_too_long(name, attr_path());
      in.skip_whitespace();
      if (!in.consume(':')) return in.fail("object separator", "':'");
      in.skip_whitespace();
      JsonValue v;
      if (!in.value(&v)) return false;
      switch (v.kind) {
        case JsonValue::Kind::kString:
          if (too_long(v.text)) string_too_long(v.text, attr_path());
          set_attr(AttrValue(std::in_place_type<std::string>, v.text));
          break;
        case JsonValue::Kind::kInteger:
          set_attr(AttrValue(v.integer));
          break;
        case JsonValue::Kind::kUnsigned:
          attr_error("integer " + std::to_string(v.unsigned_integer) +
                     " is outside the signed 64-bit range");
          break;
        case JsonValue::Kind::kReal:
          set_attr(AttrValue(v.real));
          break;
        case JsonValue::Kind::kTrue:
          set_attr(AttrValue(true));
          break;
        case JsonValue::Kind::kFalse:
          set_attr(AttrValue(false));
          break;
        case JsonValue::Kind::kNull:
          remove_attr();
          break;
        case JsonValue::Kind::kObject:
        case JsonValue::Kind::kArray:
          attr_error("expected a boolean, number or string, got " +
                     describe(v));
          if (!in.skip_content(v.kind, 3)) return false;
          break;
      }
      in.skip_whitespace();
      if (in.consume(',')) continue;
      if (in.consume('}')) return true;
      return in.fail("object", "'}'");
    }
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

  // A string longer than the limit is a structural error at its pointer
  // (built only then: this is the hot path).
  bool too_long(std::string_view s) const {
    return s.size() > limits_.max_string_bytes;
  }
  void string_too_long(std::string_view s, std::string path) {
    note(structural_, std::move(path),
         "a string of " + std::to_string(s.size()) + " bytes; expected at most " +
             std::to_string(limits_.max_string_bytes) +
             " (the policy's limits.event_string_bytes)");
  }

  void set_attr(AttrValue value) {
    if (attr_count_ > limits_.max_attributes) return;  // already refused
    if (attr_seen()) return attr_error(duplicate_attr_message());
    event_.attrs.set(std::move(attr_name_), std::move(value));
  }

  void remove_attr() {
    if (attr_count_ > limits_.max_attributes) return;  // already refused
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

  Status check_key(const RawField& f, std::string_view path) {
    if (!f.is_string || f.text.empty())
      return fail(std::string(path),
                  "expected a non-empty string key, got " + describe(f));
    if (f.text.size() > kMaxKeyBytes) {
      return fail(std::string(path),
                  "key " + quote(f.text) + " is " +
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
  std::string attr_name_;
  bool key_known_ = false;  // errors then name the entity
  std::string syntax_error_;
  std::string not_an_object_;     // what the document was instead
  const policy::EventLimits& limits_;
  std::size_t attr_count_ = 0;
  std::string attrs_not_object_;  // what "attrs" was instead
  Located structural_;            // first unknown or repeated field
  Located attr_error_;            // first bad attribute
  std::string first_null_;        // pointer of the first removed attribute
};

}  // namespace

Result<Event> parse_event(std::string_view json_text,
                          const policy::EventLimits& limits) {
  if (json_text.size() > limits.max_bytes) {
    return Status::InvalidArgument(
        "the event is " + std::to_string(json_text.size()) +
        " bytes; expected at most " + std::to_string(limits.max_bytes) +
        " (the policy's limits.event_bytes)");
  }
  // The event is read in place, and `result` is the only object returned
  // (so it is constructed in the caller's slot): an Event is some 250
  // bytes of strings and vectors, and moving it costs.
  Result<Event> result(Event{});
  EventReader reader(result.value(), limits);
  reader.read(json_text);
  if (Status status = reader.finish(); !status.ok()) result = std::move(status);
  return result;
}

}  // namespace kefu::domain
