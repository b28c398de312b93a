// The sign-off chain of a claim report (CL-1, CL-3): the claim's amount
// selects a band of the policy's approval matrix; the band's roles sign in
// order, each with an opinion; when an opinion differs from the ones before
// it, signing stops and the claim goes to arbitration, whose decision
// stands.
//
// Example:
//   Result<SignOffChain> chain = SignOffChain::Start(policy.claims(), 800000);
//   chain->next_role();                          // "claims_clerk"
//   if (Status s = chain->check_sign("claims_clerk", Opinion::kApprove); s.ok())
//     chain->sign("claims_clerk", Opinion::kApprove, "e-7");
//   chain->decision();                           // nullopt until complete
//
// Thread safety: a value.
#ifndef KEFU_DOMAIN_APPROVAL_H_
#define KEFU_DOMAIN_APPROVAL_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kefu/policy/claims_rules.h"
#include "kefu/status.h"

namespace kefu::domain {

enum class Opinion : std::uint8_t { kApprove, kReject };

// "approve" / "reject"; nullopt for anything else.
std::optional<Opinion> parse_opinion(std::string_view text);
std::string_view opinion_name(Opinion o);

struct SignOff {
  std::string role;
  Opinion opinion = Opinion::kApprove;
  std::string event;  // the claim.signed_off event's id
};

class SignOffChain {
 public:
  // The chain of the band for `amount_cents` (>= 0). NotFound when no band
  // covers the amount, naming the amount and the highest bound.
  static Result<SignOffChain> Start(const policy::ClaimsRules& rules,
                                    std::int64_t amount_cents);

  std::size_t band_index() const { return band_index_; }
  std::optional<std::int64_t> band_up_to_cents() const { return up_to_cents_; }
  const std::vector<std::string>& roles() const { return roles_; }
  const std::vector<SignOff>& signoffs() const { return signoffs_; }

  // The role expected to sign next; nullopt once every role has signed or
  // while the claim waits for arbitration.
  std::optional<std::string_view> next_role() const;
  // Opinions differ: arbitration is (or was) needed.
  bool disagreement() const { return disagreement_; }
  bool awaiting_arbitration() const { return disagreement_ && !arbitration_; }
  std::optional<Opinion> arbitration() const { return arbitration_; }
  // The outcome: the arbitration's decision, or the unanimous opinion once
  // every role signed; nullopt before either.
  std::optional<Opinion> decision() const;

  // Refused (a message naming the expected role and the band) unless `role`
  // is the next one expected.
  Status check_sign(std::string_view role, Opinion opinion) const;
  void sign(std::string role, Opinion opinion, std::string event);

  // Refused unless the claim awaits arbitration.
  Status check_arbitrate() const;
  void arbitrate(Opinion decision) { arbitration_ = decision; }

  // "band 2 (up to 5000000 cents): claims_clerk, cs_supervisor, branch_manager".
  std::string band_text() const;

  // The whole state, for engine snapshots (src/engine/snapshot.cc):
  // Restore(chain.parts()) is the chain again.
  struct Parts {
    std::size_t band_index = 0;
    std::optional<std::int64_t> up_to_cents;
    std::vector<std::string> roles;
    std::vector<SignOff> signoffs;
    bool disagreement = false;
    std::optional<Opinion> arbitration;
  };
  Parts parts() const {
    return {band_index_, up_to_cents_, roles_, signoffs_, disagreement_, arbitration_};
  }
  static SignOffChain Restore(Parts p) {
    SignOffChain c;
    c.band_index_ = p.band_index;
    c.up_to_cents_ = p.up_to_cents;
    c.roles_ = std::move(p.roles);
    c.signoffs_ = std::move(p.signoffs);
    c.disagreement_ = p.disagreement;
    c.arbitration_ = p.arbitration;
    return c;
  }

 private:
  std::size_t band_index_ = 0;
  std::optional<std::int64_t> up_to_cents_;
  std::vector<std::string> roles_;
  std::vector<SignOff> signoffs_;
  bool disagreement_ = false;
  std::optional<Opinion> arbitration_;
};

}  // namespace kefu::domain

#endif  // KEFU_DOMAIN_APPROVAL_H_
