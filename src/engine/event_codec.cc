// The byte encoding of events and attributes (event_codec.h).
#include "engine/event_codec.h"

#include <string>
#include <utility>

namespace kefu::engine {
namespace {

// An event record's first byte: which of the optional parts follow.
enum EventParts : std::uint8_t {
  kExplicitOwner = 1 << 0,  // type, entity and key (not derived from the owner)
  kHasCustomer = 1 << 1,
  kHasOrder = 1 << 2,
  kHasComplaint = 1 << 3,
  kHasAttrs = 1 << 4,
  kHasRemoved = 1 << 5,
};
constexpr std::uint8_t kAllParts = (1 << 6) - 1;

std::uint8_t parts_of(const domain::Event& ev, bool derived) {
  std::uint8_t parts = derived ? 0 : kExplicitOwner;
  if (!ev.customer.empty()) parts |= kHasCustomer;
  if (!ev.order.empty()) parts |= kHasOrder;
  if (!ev.complaint.empty()) parts |= kHasComplaint;
  if (!ev.attrs.empty()) parts |= kHasAttrs;
  if (!ev.removed.empty()) parts |= kHasRemoved;
  return parts;
}

// The parts byte, or a failed read when it names parts that do not exist.
std::uint8_t get_parts(ByteReader& r) {
  const std::uint8_t parts = r.u8();
  if (parts & ~kAllParts) r.fail();
  return parts;
}

// A part marked present is never empty: each event has one encoding.
std::string_view get_present(ByteReader& r) {
  const std::string_view s = r.var_view();
  if (s.empty()) r.fail();
  return s;
}
std::uint32_t get_present_count(ByteReader& r, std::size_t min_bytes) {
  const std::uint32_t n = r.var_count(min_bytes);
  if (n == 0) r.fail();
  return n;
}

// A bool's byte: 0 or 1, nothing else (one encoding per value).
bool get_bool(ByteReader& r) {
  const std::uint8_t b = r.u8();
  if (b > 1) r.fail();
  return b == 1;
}

// One attribute value after its name: a type byte, then the value.
void skip_attr_value(ByteReader& r) {
  switch (r.u8()) {
    case 0: get_bool(r); break;
    case 1: r.var_i64(); break;
    case 2: r.f64(); break;
    case 3: r.var_view(); break;
    default: r.fail();
  }
}

// Reads past attributes written by put_attrs, checking their names' order.
void skip_attrs(ByteReader& r, std::uint32_t n) {
  std::string_view last;
  for (std::uint32_t i = 0; i < n && !r.failed(); ++i) {
    const std::string_view name = r.var_view();
    if (i > 0 && !(last < name)) r.fail();
    last = name;
    skip_attr_value(r);
  }
}

// The smallest attribute: a one-byte name length, a type and a value byte.
constexpr std::size_t kMinAttrBytes = 3;

template <typename Writer>
void put_attr_items(Writer& w, const policy::Attributes& attrs) {
  for (const auto& [name, value] : attrs.items()) {
    w.var_str(name);
    w.u8(static_cast<std::uint8_t>(value.index()));
    if (const bool* b = std::get_if<bool>(&value)) w.u8(*b ? 1 : 0);
    if (const std::int64_t* i = std::get_if<std::int64_t>(&value)) w.var_i64(*i);
    if (const double* d = std::get_if<double>(&value)) w.f64(*d);
    if (const std::string* s = std::get_if<std::string>(&value)) w.var_str(*s);
  }
}

policy::Attributes get_attr_items(ByteReader& r, std::uint32_t n) {
  policy::Attributes attrs;
  attrs.reserve(n);
  for (std::uint32_t i = 0; i < n && !r.failed(); ++i) {
    std::string name = r.var_str();
    policy::AttrValue value;
    switch (r.u8()) {
      case 0: value = get_bool(r); break;
      case 1: value = r.var_i64(); break;
      case 2: value = r.f64(); break;
      case 3: value = r.var_str(); break;
      default: r.fail();
    }
    if (!r.failed() && !attrs.append_in_order(std::move(name), std::move(value))) r.fail();
  }
  return attrs;
}

}  // namespace

bool derived_from(const domain::Event& ev, policy::EntityKind kind, std::string_view key) {
  const std::string_view prefix = policy::entity_kind_name(kind);
  const std::string_view type = ev.type;
  // The engine passes the event's own key (its history is the event's
  // entity's): the same bytes need no compare.
  const bool same_key =
      (key.data() == ev.key.data() && key.size() == ev.key.size()) || ev.key == key;
  return ev.entity == kind && same_key &&
         type.size() == prefix.size() + 1 + ev.name.size() && type.starts_with(prefix) &&
         type[prefix.size()] == '.' && type.ends_with(ev.name);
}

template <typename Writer>
void put_attrs(Writer& w, const policy::Attributes& attrs) {
  w.var(attrs.items().size());
  put_attr_items(w, attrs);
}

policy::Attributes get_attrs(ByteReader& r) {
  return get_attr_items(r, r.var_count(kMinAttrBytes));
}

template <typename Writer>
void put_event(Writer& w, const domain::Event& ev, bool derived) {
  const std::uint8_t parts = parts_of(ev, derived);
  w.u8(parts);
  w.var_str(ev.id);
  w.var_str(ev.name);
  if (parts & kExplicitOwner) {
    w.var_str(ev.type);
    w.u8(static_cast<std::uint8_t>(ev.entity));
    w.var_str(ev.key);
  }
  put_instant(w, ev.at);
  if (parts & kHasCustomer) w.var_str(ev.customer);
  if (parts & kHasOrder) w.var_str(ev.order);
  if (parts & kHasComplaint) w.var_str(ev.complaint);
  if (parts & kHasAttrs) put_attrs(w, ev.attrs);
  if (parts & kHasRemoved) {
    w.var(ev.removed.size());
    for (const std::string& name : ev.removed) w.var_str(name);
  }
  w.u64(ev.content_hash);
}

template void put_attrs(ByteWriter&, const policy::Attributes&);
template void put_event(ByteCounter&, const domain::Event&, bool);
template void put_event(ByteFiller&, const domain::Event&, bool);

domain::Event get_event(ByteReader& r, policy::EntityKind kind, std::string_view key) {
  domain::Event ev;
  const std::uint8_t parts = get_parts(r);
  ev.id = r.var_str();
  ev.name = r.var_str();
  if (parts & kExplicitOwner) {
    ev.type = r.var_str();
    ev.entity = get_enum<policy::EntityKind>(r, policy::kEntityKindCount);
    ev.key = r.var_str();
  } else {
    ev.entity = kind;
    ev.key = key;
    const std::string_view prefix = policy::entity_kind_name(kind);
    ev.type.reserve(prefix.size() + 1 + ev.name.size());
    ev.type.append(prefix).append(1, '.').append(ev.name);
  }
  ev.at = get_instant(r);
  if (parts & kHasCustomer) ev.customer = get_present(r);
  if (parts & kHasOrder) ev.order = get_present(r);
  if (parts & kHasComplaint) ev.complaint = get_present(r);
  if (parts & kHasAttrs) ev.attrs = get_attr_items(r, get_present_count(r, kMinAttrBytes));
  if (parts & kHasRemoved) {
    const std::uint32_t removed = get_present_count(r, 1);
    ev.removed.reserve(removed);
    for (std::uint32_t i = 0; i < removed && !r.failed(); ++i) ev.removed.push_back(r.var_str());
  }
  ev.content_hash = r.u64();
  return ev;
}

namespace {

// The head up to the instant; returns the parts byte.
std::uint8_t read_head(ByteReader& r, std::string_view* id, time::Instant* at) {
  const std::uint8_t parts = get_parts(r);
  const std::string_view event_id = r.var_view();
  r.var_view();  // name
  if (parts & kExplicitOwner) {
    r.var_view();  // type
    get_enum<policy::EntityKind>(r, policy::kEntityKindCount);
    r.var_view();  // key
  }
  if (id) *id = event_id;
  *at = get_instant(r);
  return parts;
}

}  // namespace

time::Instant get_event_head(ByteReader& r, std::string_view* id) {
  time::Instant at;
  read_head(r, id, &at);
  return at;
}

void skip_event(ByteReader& r) {
  time::Instant at;
  const std::uint8_t parts = read_head(r, nullptr, &at);
  if (parts & kHasCustomer) get_present(r);
  if (parts & kHasOrder) get_present(r);
  if (parts & kHasComplaint) get_present(r);
  if (parts & kHasAttrs) skip_attrs(r, get_present_count(r, kMinAttrBytes));
  if (parts & kHasRemoved) {
    const std::uint32_t removed = get_present_count(r, 1);
    for (std::uint32_t i = 0; i < removed && !r.failed(); ++i) r.var_view();
  }
  r.u64();  // content hash
}

}  // namespace kefu::engine
