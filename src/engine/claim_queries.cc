// The claim and insurance queries of include/kefu/engine/engine.h.
#include <algorithm>
#include <tuple>
#include <variant>

#include "engine/engine_state.h"
#include "kefu/engine/engine.h"

namespace kefu::engine {
namespace {

using policy::EntityKind;

const EntityRecord* find(const Engine::Impl& m, EntityKind kind, std::string_view key) {
  const std::optional<std::uint32_t> h = m.find_entity(kind, key);
  return h ? &m.entities[*h] : nullptr;
}

std::string label(EntityKind kind, std::string_view key) {
  return std::string(policy::entity_kind_name(kind)) + ":" + std::string(key);
}

// Query errors name the entity in the Status as well as in the message, so
// the C ABI's kefu_last_error_entity() (and Python's e.entity) says which.
Status missing(EntityKind kind, std::string_view key) {
  return Status::NotFound(label(kind, key) + " does not exist").with_event("", label(kind, key));
}

std::optional<std::int64_t> cents(const policy::Attributes& attrs, std::string_view name) {
  const policy::AttrValue* v = attrs.find(name);
  const auto* n = v ? std::get_if<std::int64_t>(v) : nullptr;
  return n ? std::optional<std::int64_t>(*n) : std::nullopt;
}

}  // namespace

Result<ClaimView> Engine::claim(std::string_view key) const {
  const EntityRecord* e = find(*impl_, EntityKind::kClaim, key);
  if (e == nullptr || !e->claim) return missing(EntityKind::kClaim, key);
  ClaimView view;
  view.key = e->key;
  view.state = std::string(domain::state_name(EntityKind::kClaim, e->state));
  view.amount_cents = domain::claim_amount(e->attrs);
  const policy::AttrValue* major = e->attrs.find("major_claim");
  view.major = major && std::get_if<bool>(major) && std::get<bool>(*major);
  view.claim = *e->claim;
  return view;
}

Result<domain::Compensation> Engine::compensation(std::string_view claim_key) const {
  const Impl& m = *impl_;
  const EntityRecord* c = find(m, EntityKind::kClaim, claim_key);
  if (c == nullptr || !c->claim) return missing(EntityKind::kClaim, claim_key);
  const EntityRecord* o = find(m, EntityKind::kOrder, c->claim->order);
  if (o == nullptr) return missing(EntityKind::kOrder, c->claim->order);
  const std::string entity = label(EntityKind::kClaim, c->key);
  const std::string where = entity + ": ";
  std::optional<std::int64_t> loss = cents(c->attrs, "loss_cents");
  if (!loss)
    return Status::InvalidArgument(where + "no loss_cents: the actual loss is set when the "
                                           "claim is filed or updated")
        .with_event("", entity);
  const policy::Policy& p = m.versions.back().policy;
  domain::CompensationInput in;
  in.loss_cents = *loss;
  in.deduction_cents = cents(c->attrs, "deduction_cents");
  in.insured_value_cents = cents(o->attrs, "insured_value_cents");
  in.declared_value_cents = cents(o->attrs, "declared_value_cents");
  in.freight_cents = cents(o->attrs, "freight_cents");
  in.insurable = !domain::assess_insurance(o->attrs, p.insurance()).never_insurable;
  Result<domain::Compensation> result = domain::compute_compensation(in, p.compensation());
  if (!result.ok())
    return Status::InvalidArgument(where + "order:" + o->key + ": " + result.status().message())
        .with_event("", entity);
  return result;
}

Result<domain::InsuranceAssessment> Engine::insurance(std::string_view order_key) const {
  const EntityRecord* o = find(*impl_, EntityKind::kOrder, order_key);
  if (o == nullptr) return missing(EntityKind::kOrder, order_key);
  return domain::assess_insurance(o->attrs, impl_->versions.back().policy.insurance());
}

std::vector<InsuredOrder> Engine::insured_cargo_list(time::Date day) const {
  const Impl& m = *impl_;
  const policy::Policy& p = m.versions.back().policy;
  const time::Calendar* calendar = p.calendar(p.insurance().calendar);
  const time::UtcOffset offset = calendar ? calendar->offset() : time::UtcOffset();
  std::vector<InsuredOrder> out;
  for (const EntityRecord& e : m.entities) {
    if (!e.live || e.kind != EntityKind::kOrder) continue;
    if (time::date_of(time::to_local(e.created, offset)) != day) continue;
    domain::InsuranceAssessment a = domain::assess_insurance(e.attrs, p.insurance());
    if (!a.insured) continue;
    out.push_back(InsuredOrder{e.key, e.customer, e.created, std::move(a)});
  }
  std::sort(out.begin(), out.end(), [](const InsuredOrder& a, const InsuredOrder& b) {
    return std::tie(a.created, a.order) < std::tie(b.created, b.order);
  });
  return out;
}

}  // namespace kefu::engine
