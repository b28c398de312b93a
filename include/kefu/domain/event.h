// Events: what a host tells kefu happened, one JSON object each.
//
//   {"id":"e-1","type":"order.created","at":"2026-03-02T09:15:00+08:00",
//    "order":"WB123","customer":"C001",
//    "attrs":{"tier":"A","cargo":"fragile","declared_value_cents":1200000}}
//
// The type is "<entity>.<name>"; the entity's key is the field named after
// the entity ("order":"WB123" for order.* events, "customer":"C001" for
// customer.* events). Other entity fields are references (an order's
// customer). `attrs` holds scalars; in an `*.updated` event a null removes
// the attribute. Unknown fields are refused, so a typo never passes
// silently. Whether the type exists is for the engine to say, against its
// policy; this layer checks the shape.
//
// Example:
//   Result<Event> e = parse_event(line);
//   if (!e.ok()) std::cerr << e.status().to_string();  // names id and field
//
// Thread safety: values and pure functions.
#ifndef KEFU_DOMAIN_EVENT_H_
#define KEFU_DOMAIN_EVENT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kefu/policy/attributes.h"
#include "kefu/policy/limits.h"
#include "kefu/policy/vocabulary.h"
#include "kefu/status.h"
#include "kefu/time/instant.h"

namespace kefu::domain {

struct Event {
  std::string id;
  std::string type;          // "order.confirmed"
  policy::EntityKind entity = policy::EntityKind::kOrder;  // the type's prefix
  std::string name;          // the type after the prefix: "confirmed"
  std::string key;           // the entity's key
  time::Instant at;
  std::string customer;      // reference: the order's customer, or ""
  policy::Attributes attrs;
  std::vector<std::string> removed;  // attributes set to null
  // A hash of the event's canonical content (keys sorted, instants
  // normalised to UTC), so a re-sent event is recognised as a duplicate and
  // the same id with other content as a conflict.
  std::uint64_t content_hash = 0;
};

// Parses one event. Errors are InvalidArgument whose path is the JSON
// pointer of the offending field ("/at") and whose message starts with the
// event's id when it has one: `event "e-7": /at: invalid timestamp ...`.
//
// `limits` bounds the text before it is read (its bytes), and what it holds
// (nesting, attributes, the length of each string): an event beyond them is
// InvalidArgument naming the limit, at "" for the bytes, "/attrs" for the
// attribute count, or the string's pointer.
Result<Event> parse_event(std::string_view json_text,
                          const policy::EventLimits& limits = {});

}  // namespace kefu::domain

#endif  // KEFU_DOMAIN_EVENT_H_
