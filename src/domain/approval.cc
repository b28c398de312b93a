#include "kefu/domain/approval.h"

#include <utility>

namespace kefu::domain {

std::optional<Opinion> parse_opinion(std::string_view text) {
  if (text == "approve") return Opinion::kApprove;
  if (text == "reject") return Opinion::kReject;
  return std::nullopt;
}

std::string_view opinion_name(Opinion o) {
  return o == Opinion::kApprove ? "approve" : "reject";
}

Result<SignOffChain> SignOffChain::Start(const policy::ClaimsRules& rules,
                                         std::int64_t amount_cents) {
  const policy::ApprovalBand* band = rules.band_for(amount_cents);
  if (band == nullptr) {
    std::string highest = rules.approval.empty() || !rules.approval.back().up_to_cents
                              ? std::string("none: the policy has no approval matrix")
                              : std::to_string(*rules.approval.back().up_to_cents);
    return Status::NotFound("no approval band covers " + std::to_string(amount_cents) +
                            " cents (the highest band goes up to " + highest + ")");
  }
  SignOffChain chain;
  chain.band_index_ = static_cast<std::size_t>(band - rules.approval.data());
  chain.up_to_cents_ = band->up_to_cents;
  chain.roles_ = band->roles;
  return chain;
}

std::optional<std::string_view> SignOffChain::next_role() const {
  if (disagreement_ || signoffs_.size() >= roles_.size()) return std::nullopt;
  return roles_[signoffs_.size()];
}

std::optional<Opinion> SignOffChain::decision() const {
  if (arbitration_) return arbitration_;
  if (disagreement_ || signoffs_.size() < roles_.size() || signoffs_.empty())
    return std::nullopt;
  return signoffs_.front().opinion;  // unanimous: no disagreement was seen
}

std::string SignOffChain::band_text() const {
  std::string text = "band " + std::to_string(band_index_ + 1) + " (" +
                     (up_to_cents_ ? "up to " + std::to_string(*up_to_cents_) + " cents"
                                   : std::string("no upper bound")) +
                     "): ";
  for (std::size_t i = 0; i < roles_.size(); ++i) text += (i ? ", " : "") + roles_[i];
  return text;
}

Status SignOffChain::check_sign(std::string_view role, Opinion) const {
  if (awaiting_arbitration())
    return Status::Refused("the sign-off opinions disagree: the claim awaits "
                           "arbitration (claim.arbitrated), not a sign-off by " +
                           std::string(role));
  std::optional<std::string_view> next = next_role();
  if (!next)
    return Status::Refused("every role of " + band_text() + " has signed already; " +
                           std::string(role) + " has nothing to sign");
  if (*next != role)
    return Status::Refused("expected a sign-off by " + std::string(*next) + " (signer " +
                           std::to_string(signoffs_.size() + 1) + " of " + band_text() +
                           "), got " + std::string(role));
  return Status();
}

void SignOffChain::sign(std::string role, Opinion opinion, std::string event) {
  if (!signoffs_.empty() && signoffs_.front().opinion != opinion) disagreement_ = true;
  signoffs_.push_back(SignOff{std::move(role), opinion, std::move(event)});
}

Status SignOffChain::check_arbitrate() const {
  if (awaiting_arbitration()) return Status();
  if (arbitration_) return Status::Refused("the claim was arbitrated already");
  return Status::Refused("the sign-off opinions do not disagree: there is nothing to arbitrate");
}

}  // namespace kefu::domain
