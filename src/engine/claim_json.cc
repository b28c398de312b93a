// The claim, compensation and insurance documents of
// include/kefu/engine/claim_json.h, written by hand with json_text.h: the
// key order is part of what docs/c-api.md documents, and this keeps
// nlohmann_json out of one more translation unit.
#include "kefu/engine/claim_json.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/json_text.h"
#include "kefu/domain/approval.h"
#include "kefu/policy/policy.h"
#include "kefu/time/calendar.h"

namespace kefu::engine {
namespace {

using internal::append_json_string;

// Appends one JSON object to `out`: the constructor writes "{", `key(name)`
// the comma and the key (the caller then appends the value), and the
// destructor the closing "}", so a nested object is closed by its scope and
// a brace cannot be forgotten on one branch.
class Members {
 public:
  explicit Members(std::string& out) : out_(out) { out_ += '{'; }
  ~Members() { out_ += '}'; }
  Members(const Members&) = delete;
  Members& operator=(const Members&) = delete;

  std::string& key(std::string_view name) {
    if (!first_) out_ += ',';
    first_ = false;
    append_json_string(out_, name);
    out_ += ':';
    return out_;
  }
  void string(std::string_view name, std::string_view value) {
    append_json_string(key(name), value);
  }
  // "" prints as null: the domain types use "" for "none".
  void string_or_null(std::string_view name, std::string_view value) {
    if (value.empty()) {
      key(name) += "null";
    } else {
      string(name, value);
    }
  }
  void boolean(std::string_view name, bool value) { key(name) += value ? "true" : "false"; }
  void cents(std::string_view name, std::optional<std::int64_t> value) {
    key(name) += value ? std::to_string(*value) : "null";
  }
  void integer(std::string_view name, std::int64_t value) {
    key(name) += std::to_string(value);
  }

 private:
  std::string& out_;
  bool first_ = true;
};

void append_string_array(std::string& out, const std::vector<std::string>& values) {
  out += '[';
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ',';
    append_json_string(out, values[i]);
  }
  out += ']';
}

void append_instant_or_null(std::string& out, const std::optional<time::Instant>& t,
                            time::UtcOffset offset) {
  if (t) {
    append_json_string(out, time::format_instant(*t, offset));
  } else {
    out += "null";
  }
}

void append_opinion_or_null(std::string& out, std::optional<domain::Opinion> o) {
  if (o) {
    append_json_string(out, domain::opinion_name(*o));
  } else {
    out += "null";
  }
}

// The members an order's assessment adds, after "order" (and, in the
// daily list, "customer" and "created").
void assessment_members(Members& m, const domain::InsuranceAssessment& a) {
  m.boolean("insured", a.insured);
  m.string("reason", a.reason);
  m.boolean("never_insurable", a.never_insurable);
  m.string_or_null("category", a.category);
  m.cents("value_cents", a.value_cents);
  m.string_or_null("value_attribute", a.value_attribute);
  m.boolean("tracked", a.tracked);
  m.string("tracking_reason", a.tracking_reason);
}

}  // namespace

std::string claim_json(const ClaimView& view) {
  const domain::ClaimState& c = view.claim;
  const time::UtcOffset utc;
  std::string out;
  {
    Members m(out);
    m.string("claim", view.key);
    m.string("state", view.state);
    m.string("order", c.order);
    m.string_or_null("complaint", c.complaint);
    m.cents("amount_cents", view.amount_cents);
    m.boolean("major", view.major);
    m.boolean("insured_cargo", c.insured_cargo);
    // The chain exists from claim.reported on; before, its members say
    // "nothing yet" rather than disappearing.
    const domain::SignOffChain* chain = c.chain ? &*c.chain : nullptr;
    std::string& band = m.key("band");
    if (chain == nullptr) {
      band += "null";
    } else {
      Members b(band);
      b.integer("index", static_cast<std::int64_t>(chain->band_index()) + 1);
      b.cents("up_to_cents", chain->band_up_to_cents());
      append_string_array(b.key("roles"), chain->roles());
    }
    std::string& signoffs = m.key("signoffs");
    signoffs += '[';
    if (chain != nullptr) {
      bool first = true;
      for (const domain::SignOff& s : chain->signoffs()) {
        if (!first) signoffs += ',';
        first = false;
        Members so(signoffs);
        so.string("role", s.role);
        so.string("opinion", domain::opinion_name(s.opinion));
        so.string("event", s.event);
      }
    }
    signoffs += ']';
    const std::optional<std::string_view> next = chain ? chain->next_role() : std::nullopt;
    if (next) {
      m.string("next_role", *next);
    } else {
      m.key("next_role") += "null";
    }
    m.boolean("disagreement", chain != nullptr && chain->disagreement());
    m.boolean("awaiting_arbitration", chain != nullptr && chain->awaiting_arbitration());
    append_opinion_or_null(m.key("arbitration"), chain ? chain->arbitration() : std::nullopt);
    append_opinion_or_null(m.key("decision"), chain ? chain->decision() : std::nullopt);
    m.boolean("in_legal", c.in_legal());
    std::string& legal = m.key("legal");
    legal += '[';
    for (std::size_t i = 0; i < c.legal.size(); ++i) {
      if (i > 0) legal += ',';
      const domain::LegalReferral& l = c.legal[i];
      Members r(legal);
      append_instant_or_null(r.key("referred"), l.referred, utc);
      append_instant_or_null(r.key("concluded"), l.concluded, utc);
      r.string("reason", l.reason);
      r.string("event", l.event);
    }
    legal += ']';
    {
      Members insurer(m.key("insurer"));
      insurer.boolean("submitted", c.insurer_submitted);
      insurer.boolean("paid", c.insurer_paid);
      insurer.cents("paid_cents", c.insurer_paid_cents);
    }
    {
      Members salvage(m.key("salvage"));
      salvage.cents("value_cents", c.salvage_value_cents);
      salvage.boolean("disposed", c.salvage_disposed);
      salvage.cents("proceeds_cents", c.salvage_proceeds_cents);
    }
    m.cents("paid_cents", c.paid_cents);
  }
  return out;
}

std::string compensation_json(std::string_view claim_key, const domain::Compensation& pay) {
  std::string out;
  {
    Members m(out);
    m.string("claim", claim_key);
    m.string("basis", domain::basis_name(pay.basis));
    m.integer("cap_cents", pay.cap_cents);
    m.integer("before_deduction_cents", pay.before_deduction_cents);
    m.integer("deduction_cents", pay.deduction_cents);
    m.integer("amount_cents", pay.amount_cents);
    append_string_array(m.key("steps"), pay.steps);
  }
  return out;
}

std::string insurance_json(std::string_view order_key, const domain::InsuranceAssessment& a) {
  std::string out;
  {
    Members m(out);
    m.string("order", order_key);
    assessment_members(m, a);
  }
  return out;
}

std::string insured_cargo_list_json(time::Date day, const std::vector<InsuredOrder>& orders,
                                    const policy::Policy& policy) {
  // The offset Engine::insured_cargo_list counted the day in.
  const std::string& calendar_name = policy.insurance().calendar;
  const time::Calendar* calendar = policy.calendar(calendar_name);
  const time::UtcOffset offset = calendar ? calendar->offset() : time::UtcOffset();
  std::string out;
  {
    Members m(out);
    m.string("date", time::format_date(day));
    m.string("calendar", calendar_name);
    std::string& list = m.key("orders");
    list += '[';
    for (std::size_t i = 0; i < orders.size(); ++i) {
      if (i > 0) list += ',';
      const InsuredOrder& o = orders[i];
      Members e(list);
      e.string("order", o.order);
      e.string_or_null("customer", o.customer);
      e.string("created", time::format_instant(o.created, offset));
      e.integer("created_unix", o.created.time_since_epoch().count());
      assessment_members(e, o.insurance);
    }
    list += ']';
  }
  return out;
}

}  // namespace kefu::engine
