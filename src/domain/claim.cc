#include "kefu/domain/claim.h"

#include <algorithm>
#include <utility>
#include <variant>

namespace kefu::domain {
namespace {

using policy::AttrValue;
using policy::Attributes;

const std::string* string_attr(const Attributes& attrs, std::string_view name) {
  const AttrValue* v = attrs.find(name);
  return v ? std::get_if<std::string>(v) : nullptr;
}

std::optional<std::int64_t> cents_attr(const Attributes& attrs, std::string_view name) {
  const AttrValue* v = attrs.find(name);
  const auto* n = v ? std::get_if<std::int64_t>(v) : nullptr;
  return n ? std::optional<std::int64_t>(*n) : std::nullopt;
}

Status bad_attr(std::string_view name, std::string message) {
  return Status::InvalidArgument(std::move(message), "/attrs/" + std::string(name));
}

// A required string attribute of the event naming one of two opinions.
Result<Opinion> opinion_attr(const Event& ev, std::string_view name) {
  const std::string* text = string_attr(ev.attrs, name);
  std::optional<Opinion> o = text ? parse_opinion(*text) : std::nullopt;
  if (!o)
    return bad_attr(name, ev.type + " needs attrs." + std::string(name) +
                              ": \"approve\" or \"reject\"" +
                              (text ? ", got \"" + *text + "\"" : std::string()));
  return *o;
}

Status decision_matches(const ClaimState& claim, Opinion wanted, std::string_view type) {
  std::optional<Opinion> d = claim.chain ? claim.chain->decision() : std::nullopt;
  if (d == wanted) return Status();
  std::string why;
  if (!claim.chain)
    why = "the claim report has not been signed";
  else if (claim.chain->awaiting_arbitration())
    why = "the sign-off opinions disagree and the claim awaits arbitration";
  else if (!d)
    why = "the sign-off chain is incomplete: next is " +
          std::string(*claim.chain->next_role()) + " (" + claim.chain->band_text() + ")";
  else
    why = "the claim was decided \"" + std::string(opinion_name(*d)) + "\"";
  return Status::Refused(std::string(type) + " is refused: " + why);
}

void set_chain_attributes(const ClaimState& claim, Attributes& attrs) {
  if (!claim.chain) return;
  attrs.set("approval_band", AttrValue(static_cast<std::int64_t>(claim.chain->band_index() + 1)));
  if (std::optional<std::string_view> next = claim.chain->next_role())
    attrs.set("next_signoff_role", AttrValue(std::string(*next)));
  else
    attrs.erase("next_signoff_role");
  if (claim.chain->disagreement()) attrs.set("signoff_disagreement", AttrValue(true));
}

}  // namespace

std::optional<std::int64_t> claim_amount(const Attributes& attrs) {
  return cents_attr(attrs, "amount_cents");
}

Status check_claim_event(const ClaimState& claim, const Attributes& attrs,
                         const Event& ev, const policy::ClaimsRules& rules) {
  for (std::string_view name : kDerivedClaimAttributes) {
    if (ev.attrs.find(name) != nullptr ||
        std::find(ev.removed.begin(), ev.removed.end(), name) != ev.removed.end())
      return bad_attr(name, "\"" + std::string(name) +
                                "\" is kept by the engine from the claim's events; an "
                                "event may not set it");
  }
  const std::string& n = ev.name;
  if (n == "updated") {
    if (claim.chain && ev.attrs.find("amount_cents") != nullptr &&
        cents_attr(ev.attrs, "amount_cents") != claim_amount(attrs))
      return Status::Refused("the claim report is in its sign-off chain (" +
                             claim.chain->band_text() +
                             "): its amount_cents can no longer change");
    if (claim.chain && std::find(ev.removed.begin(), ev.removed.end(), "amount_cents") !=
                           ev.removed.end())
      return Status::Refused("the claim report is in its sign-off chain: its "
                             "amount_cents can no longer be removed");
  } else if (n == "reported") {
    std::optional<std::int64_t> amount = ev.attrs.find("amount_cents")
                                             ? cents_attr(ev.attrs, "amount_cents")
                                             : claim_amount(attrs);
    if (!amount)
      return bad_attr("amount_cents",
                      "claim.reported needs the claim's amount: an integer amount_cents "
                      "on this event, or set when the claim was filed or updated");
    Result<SignOffChain> chain = SignOffChain::Start(rules, *amount);
    if (!chain.ok()) return Status::Refused("claim.reported is refused: " + chain.status().message());
  } else if (n == "signed_off") {
    const std::string* role = string_attr(ev.attrs, "role");
    if (!role || role->empty())
      return bad_attr("role", "claim.signed_off needs attrs.role: the role that signs");
    Result<Opinion> opinion = opinion_attr(ev, "opinion");
    if (!opinion.ok()) return opinion.status();
    if (std::find(rules.roles.begin(), rules.roles.end(), *role) == rules.roles.end())
      return bad_attr("role", "unknown role \"" + *role + "\": the policy's claims roles do not name it");
    return claim.chain->check_sign(*role, *opinion);
  } else if (n == "arbitrated") {
    Result<Opinion> decision = opinion_attr(ev, "decision");
    if (!decision.ok()) return decision.status();
    return claim.chain->check_arbitrate();
  } else if (n == "approved") {
    return decision_matches(claim, Opinion::kApprove, ev.type);
  } else if (n == "rejected") {
    return decision_matches(claim, Opinion::kReject, ev.type);
  } else if (n == "insurer_submitted") {
    if (claim.insurer_submitted) return Status::Refused("the claim was submitted to the insurer already");
    if (!claim.insured_cargo)
      return Status::Refused("order " + claim.order +
                             " is not insured (INS-1): there is no insurer to submit to");
  } else if (n == "insurer_paid") {
    if (!claim.insurer_submitted)
      return Status::Refused("claim.insurer_paid before claim.insurer_submitted");
    if (claim.insurer_paid) return Status::Refused("the insurer has paid already");
  } else if (n == "salvage_appraised") {
    if (claim.salvage_value_cents) return Status::Refused("the salvage was appraised already");
    if (!cents_attr(ev.attrs, "salvage_value_cents"))
      return bad_attr("salvage_value_cents",
                      "claim.salvage_appraised needs attrs.salvage_value_cents: the residual "
                      "value in integer cents");
  } else if (n == "salvage_disposed") {
    if (!claim.salvage_value_cents)
      return Status::Refused("claim.salvage_disposed before claim.salvage_appraised");
    if (claim.salvage_disposed) return Status::Refused("the salvage was disposed of already");
  } else if (n == "legal_referred") {
    const std::string* reason = string_attr(ev.attrs, "reason");
    if (!reason || reason->empty())
      return bad_attr("reason", "claim.legal_referred needs attrs.reason: the written "
                                "explanation of why the claim goes to the legal department "
                                "(CL-7)");
    if (claim.in_legal()) return Status::Refused("the claim is with the legal department already");
  } else if (n == "legal_concluded") {
    if (!claim.in_legal()) return Status::Refused("the claim is not with the legal department");
  } else if (n == "closed") {
    std::string outstanding;
    auto add = [&](std::string_view what) {
      outstanding += (outstanding.empty() ? "" : "; ") + std::string(what);
    };
    if (claim.in_legal()) add("the legal department has not concluded");
    if (claim.insurer_submitted && !claim.insurer_paid) add("the insurer has not paid");
    if (claim.salvage_value_cents && !claim.salvage_disposed) add("the salvage is not disposed of");
    if (!outstanding.empty()) return Status::Refused("the claim cannot close: " + outstanding);
  }
  return Status();
}

void apply_claim_event(ClaimState& claim, Attributes& attrs, const Event& ev,
                       const policy::ClaimsRules& rules) {
  const std::string& n = ev.name;
  if (n == "created") {
    claim.order = ev.order;
    claim.complaint = ev.complaint;
  } else if (n == "reported") {
    if (std::optional<std::int64_t> a = cents_attr(ev.attrs, "amount_cents"))
      attrs.set("amount_cents", AttrValue(*a));
    claim.chain = std::move(SignOffChain::Start(rules, *claim_amount(attrs))).value();
  } else if (n == "signed_off") {
    claim.chain->sign(*string_attr(ev.attrs, "role"), *opinion_attr(ev, "opinion"), ev.id);
  } else if (n == "arbitrated") {
    claim.chain->arbitrate(*opinion_attr(ev, "decision"));
  } else if (n == "paid") {
    claim.paid_cents = cents_attr(ev.attrs, "amount_cents");
  } else if (n == "insurer_submitted") {
    claim.insurer_submitted = true;
  } else if (n == "insurer_paid") {
    claim.insurer_paid = true;
    claim.insurer_paid_cents = cents_attr(ev.attrs, "amount_cents");
  } else if (n == "salvage_appraised") {
    claim.salvage_value_cents = cents_attr(ev.attrs, "salvage_value_cents");
  } else if (n == "salvage_disposed") {
    claim.salvage_disposed = true;
    claim.salvage_proceeds_cents = cents_attr(ev.attrs, "amount_cents");
  } else if (n == "legal_referred") {
    claim.legal.push_back(LegalReferral{ev.at, std::nullopt, *string_attr(ev.attrs, "reason"), ev.id});
  } else if (n == "legal_concluded") {
    claim.legal.back().concluded = ev.at;
  }
  if (std::optional<std::int64_t> amount = claim_amount(attrs))
    attrs.set("major_claim", AttrValue(rules.is_major(*amount)));
  else
    attrs.erase("major_claim");
  attrs.set("insured_cargo", AttrValue(claim.insured_cargo));
  set_chain_attributes(claim, attrs);
}

}  // namespace kefu::domain
