// The command line over claims: the sample's claims replay cleanly and
// `kefu explain` shows a claim's band, sign-offs and next role.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/kefu_process.h"

namespace kefu::cli {
namespace {

using testing::Kefu;
using testing::kReference;
using testing::Outcome;

const std::string kSample = KEFU_SOURCE_DIR "/examples/data/sample.jsonl";

TEST(ClaimCommands, ExplainShowsTheSignOffChain) {
  Outcome run = Kefu({"explain", "--policy", kReference, "--events", kSample, "--entity",
                      "claim:CL000002"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  nlohmann::json j = nlohmann::json::parse(run.out);
  EXPECT_EQ(j["entity"], "claim");
  EXPECT_EQ(j["key"], "CL000002");
  ASSERT_TRUE(j["claim"]["band"].is_object()) << run.out;
  const nlohmann::json& roles = j["claim"]["band"]["roles"];
  const nlohmann::json& signoffs = j["claim"]["signoffs"];
  ASSERT_FALSE(roles.empty());
  // Every sign-off came from the role of its place in the band.
  ASSERT_LE(signoffs.size(), roles.size());
  for (std::size_t i = 0; i < signoffs.size(); ++i) EXPECT_EQ(signoffs[i]["role"], roles[i]);
  EXPECT_EQ(j["timers"][0]["sla"], "claim.complete");
}

TEST(ClaimCommands, UnknownClaimIsNotFound) {
  Outcome run = Kefu({"explain", "--policy", kReference, "--events", kSample, "--entity",
                      "claim:CL999999"});
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_NE(run.err.find("claim:CL999999 does not exist"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace kefu::cli
