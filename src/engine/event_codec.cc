// The byte encoding of events and attributes (event_codec.h).
#include "engine/event_codec.h"

#include <string>
#include <utility>

namespace kefu::engine {
namespace {

// One attribute value after its name: a type byte, then the value.
void skip_attr_value(ByteReader& r) {
  switch (r.u8()) {
    case 0: r.u8(); break;
    case 1: r.i64(); break;
    case 2: r.f64(); break;
    case 3: r.view(); break;
    default: r.fail();
  }
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
  w.u32(static_cast<std::uint32_t>(attrs.items().size()));
  for (const auto& [name, value] : attrs.items()) {
    w.str(name);
    w.u8(static_cast<std::uint8_t>(value.index()));
    if (const bool* b = std::get_if<bool>(&value)) w.u8(*b ? 1 : 0);
    if (const std::int64_t* i = std::get_if<std::int64_t>(&value)) w.i64(*i);
    if (const double* d = std::get_if<double>(&value)) w.f64(*d);
    if (const std::string* s = std::get_if<std::string>(&value)) w.str(*s);
  }
}

policy::Attributes get_attrs(ByteReader& r) {
  policy::Attributes attrs;
  const std::uint32_t n = r.count(5);
  attrs.reserve(n);
  for (std::uint32_t i = 0; i < n && !r.failed(); ++i) {
    std::string name = r.str();
    policy::AttrValue value;
    switch (r.u8()) {
      case 0: value = r.u8() != 0; break;
      case 1: value = r.i64(); break;
      case 2: value = r.f64(); break;
      case 3: value = r.str(); break;
      default: r.fail();
    }
    if (!r.failed() && !attrs.append_in_order(std::move(name), std::move(value))) r.fail();
  }
  return attrs;
}

template <typename Writer>
void put_event(Writer& w, const domain::Event& ev, bool derived) {
  w.u8(derived ? 0 : 1);
  w.str(ev.id);
  w.str(ev.name);
  if (!derived) {
    w.str(ev.type);
    w.u8(static_cast<std::uint8_t>(ev.entity));
    w.str(ev.key);
  }
  put_instant(w, ev.at);
  w.str(ev.customer);
  w.str(ev.order);
  w.str(ev.complaint);
  put_attrs(w, ev.attrs);
  w.u32(static_cast<std::uint32_t>(ev.removed.size()));
  for (const std::string& name : ev.removed) w.str(name);
  w.u64(ev.content_hash);
}

template void put_attrs(ByteWriter&, const policy::Attributes&);
template void put_event(ByteCounter&, const domain::Event&, bool);
template void put_event(ByteFiller&, const domain::Event&, bool);

domain::Event get_event(ByteReader& r, policy::EntityKind kind, std::string_view key) {
  domain::Event ev;
  const bool derived = r.u8() == 0;
  ev.id = r.str();
  ev.name = r.str();
  if (derived) {
    ev.entity = kind;
    ev.key = key;
    const std::string_view prefix = policy::entity_kind_name(kind);
    ev.type.reserve(prefix.size() + 1 + ev.name.size());
    ev.type.append(prefix).append(1, '.').append(ev.name);
  } else {
    ev.type = r.str();
    ev.entity = get_enum<policy::EntityKind>(r, policy::kEntityKindCount);
    ev.key = r.str();
  }
  ev.at = get_instant(r);
  ev.customer = r.str();
  ev.order = r.str();
  ev.complaint = r.str();
  ev.attrs = get_attrs(r);
  const std::uint32_t removed = r.count(4);
  ev.removed.reserve(removed);
  for (std::uint32_t i = 0; i < removed && !r.failed(); ++i) ev.removed.push_back(r.str());
  ev.content_hash = r.u64();
  return ev;
}

time::Instant get_event_head(ByteReader& r, std::string_view* id) {
  const std::uint8_t flag = r.u8();
  if (flag > 1) r.fail();
  const std::string_view event_id = r.view();
  r.view();  // name
  if (flag == 1) {
    r.view();  // type
    get_enum<policy::EntityKind>(r, policy::kEntityKindCount);
    r.view();  // key
  }
  if (id) *id = event_id;
  return get_instant(r);
}

void skip_event(ByteReader& r) {
  get_event_head(r);
  for (int i = 0; i < 3; ++i) r.view();  // customer, order, complaint
  const std::uint32_t attrs = r.count(5);
  std::string_view last;
  for (std::uint32_t i = 0; i < attrs && !r.failed(); ++i) {
    const std::string_view name = r.view();
    if (i > 0 && !(last < name)) r.fail();
    last = name;
    skip_attr_value(r);
  }
  const std::uint32_t removed = r.count(4);
  for (std::uint32_t i = 0; i < removed && !r.failed(); ++i) r.view();
  r.u64();  // content hash
}

}  // namespace kefu::engine
