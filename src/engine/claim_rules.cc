#include "engine/claim_rules.h"

#include <string_view>

#include <nlohmann/json.hpp>

#include "kefu/domain/claim.h"
#include "kefu/domain/insurance.h"

namespace kefu::engine::internal {

// Event names compare as string_views: a `std::string == "literal"` calls
// strlen and compare on every event.
using namespace std::string_view_literals;

namespace {

using nlohmann::ordered_json;

const EntityRecord* find_order(const Engine::Impl& m, const std::string& key) {
  const std::optional<std::uint32_t> h = m.find_entity(policy::EntityKind::kOrder, key);
  return h ? &m.entities[*h] : nullptr;
}

ordered_json optional_cents(const std::optional<std::int64_t>& v) {
  return v ? ordered_json(*v) : ordered_json(nullptr);
}

}  // namespace

Status check_claim_filing_of_claim(const Engine::Impl& m, const domain::Event& ev) {
  if (ev.entity != policy::EntityKind::kClaim || ev.name != "created"sv) return Status();
  if (find_order(m, ev.order) == nullptr)
    return Status::NotFound("order:" + ev.order + " does not exist: a claim is filed against "
                            "an order the engine knows",
                            "/order");
  // The filing's own attributes (no engine-kept ones), before any state.
  return domain::check_claim_event(domain::ClaimState{}, policy::Attributes{}, ev,
                                   m.versions.back().policy.claims());
}

Status check_claim_of_claim(const EntityRecord& e, const domain::Event& ev,
                            const policy::Policy& policy) {
  if (e.kind != policy::EntityKind::kClaim || !e.claim) return Status();
  return domain::check_claim_event(*e.claim, e.attrs, ev, policy.claims());
}

void apply_claim_of_claim(const Engine::Impl& m, EntityRecord& e, const domain::Event& ev,
                          const policy::Policy& policy) {
  if (e.kind != policy::EntityKind::kClaim) return;
  if (ev.name == "created"sv) {
    e.claim = std::make_unique<domain::ClaimState>();
    // The order as it stands when the claim is filed decides whether its
    // cargo is insured (INS-1); CL-4's insurer timers follow from that.
    if (const EntityRecord* order = find_order(m, ev.order))
      e.claim->insured_cargo = domain::assess_insurance(order->attrs, policy.insurance()).insured;
  }
  if (!e.claim) return;
  domain::apply_claim_event(*e.claim, e.attrs, ev, policy.claims());
}

std::string claim_json(const EntityRecord& e) {
  if (!e.claim) return "{}";
  const domain::ClaimState& c = *e.claim;
  const time::UtcOffset utc;
  ordered_json out;
  out["order"] = c.order;
  if (!c.complaint.empty()) out["complaint"] = c.complaint;
  out["insured_cargo"] = c.insured_cargo;
  if (c.chain) {
    const domain::SignOffChain& chain = *c.chain;
    ordered_json band;
    band["index"] = chain.band_index() + 1;
    band["up_to_cents"] = optional_cents(chain.band_up_to_cents());
    band["roles"] = chain.roles();
    out["band"] = band;
    ordered_json signoffs = ordered_json::array();
    for (const domain::SignOff& s : chain.signoffs())
      signoffs.push_back({{"role", s.role},
                          {"opinion", domain::opinion_name(s.opinion)},
                          {"event", s.event}});
    out["signoffs"] = signoffs;
    std::optional<std::string_view> next = chain.next_role();
    out["next_role"] = next ? ordered_json(std::string(*next)) : ordered_json(nullptr);
    out["awaiting_arbitration"] = chain.awaiting_arbitration();
    std::optional<domain::Opinion> d = chain.decision();
    out["decision"] = d ? ordered_json(std::string(domain::opinion_name(*d))) : ordered_json(nullptr);
  } else {
    out["band"] = nullptr;
  }
  ordered_json legal = ordered_json::array();
  for (const domain::LegalReferral& l : c.legal)
    legal.push_back({{"referred", time::format_instant(l.referred, utc)},
                     {"concluded", l.concluded ? ordered_json(time::format_instant(*l.concluded, utc))
                                               : ordered_json(nullptr)},
                     {"reason", l.reason},
                     {"event", l.event}});
  out["legal"] = legal;
  out["insurer"] = {{"submitted", c.insurer_submitted},
                    {"paid", c.insurer_paid},
                    {"paid_cents", optional_cents(c.insurer_paid_cents)}};
  out["salvage"] = {{"value_cents", optional_cents(c.salvage_value_cents)},
                    {"disposed", c.salvage_disposed},
                    {"proceeds_cents", optional_cents(c.salvage_proceeds_cents)}};
  out["paid_cents"] = optional_cents(c.paid_cents);
  return out.dump();
}

}  // namespace kefu::engine::internal
