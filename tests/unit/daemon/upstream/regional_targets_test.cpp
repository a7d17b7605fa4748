#include "daemon/upstream/regional_targets.h"

#include <gtest/gtest.h>

#include <string>

#include "config/config_loader.h"

namespace costgate::daemon::upstream {
namespace {

constexpr std::string_view kGenerate =
    "/publishers/google/models/gemini-2.0-flash-001:generateContent";

std::string RegionPath(std::string_view location) {
  return "/v1beta1/projects/p/locations/" + std::string(location) + std::string(kGenerate);
}

config::UpstreamConfig DefaultVertex() {
  const config::Config config = config::DefaultConfig();
  return *config.FindUpstream("vertex");
}

std::shared_ptr<const UpstreamTarget> Base(uint64_t generation = 7) {
  std::string error;
  auto target = MakeUpstreamTarget(DefaultVertex(), generation, error);
  EXPECT_NE(target, nullptr) << error;
  return target;
}

TEST(UsesRegionalHosts, IsTrueForTheDefaultVertexUpstream) {
  EXPECT_TRUE(UsesRegionalHosts(DefaultVertex()));
}

TEST(UsesRegionalHosts, IsFalseWhenTurnedOff) {
  config::UpstreamConfig vertex = DefaultVertex();
  vertex.regional = false;
  EXPECT_FALSE(UsesRegionalHosts(vertex));
}

TEST(UsesRegionalHosts, IsFalseForAnotherHostEvenWhenOn) {
  config::UpstreamConfig vertex = DefaultVertex();
  vertex.host = "127.0.0.1";
  vertex.port = 9443;
  EXPECT_TRUE(vertex.regional);
  EXPECT_FALSE(UsesRegionalHosts(vertex));
}

TEST(UsesRegionalHosts, IsFalseForThePublicHostOnAnotherPort) {
  config::UpstreamConfig vertex = DefaultVertex();
  vertex.port = 8443;
  EXPECT_FALSE(UsesRegionalHosts(vertex));
}

TEST(RegionalTargets, RegionGoesToItsHost) {
  const RegionalTargets targets(Base());
  const TargetChoice choice = targets.Select(RegionPath("us-central1"));
  ASSERT_NE(choice.target, nullptr) << choice.error;
  EXPECT_EQ(choice.target->host, "us-central1-aiplatform.googleapis.com");
  EXPECT_EQ(choice.target->host_header, "us-central1-aiplatform.googleapis.com");
  EXPECT_EQ(choice.target->origin, "https://us-central1-aiplatform.googleapis.com");
  EXPECT_EQ(choice.target->port, "443");
  EXPECT_FALSE(choice.target->host_is_ip);
}

TEST(RegionalTargets, RegionKeepsTheBaseNameGenerationLimitsAndTls) {
  const auto base = Base(42);
  const RegionalTargets targets(base);
  const TargetChoice choice = targets.Select(RegionPath("europe-west4"));
  ASSERT_NE(choice.target, nullptr);
  EXPECT_EQ(choice.target->name, "vertex");
  EXPECT_EQ(choice.target->generation, 42u);
  EXPECT_EQ(choice.target->max_idle_connections, base->max_idle_connections);
  EXPECT_EQ(choice.target->idle_timeout, base->idle_timeout);
  EXPECT_EQ(choice.target->tls, base->tls);
}

TEST(RegionalTargets, EachHostHasItsOwnPool) {
  const RegionalTargets targets(Base());
  const auto a = targets.Select(RegionPath("us-central1")).target;
  const auto b = targets.Select(RegionPath("us-east5")).target;
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(a->pool_key, "vertex@us-central1-aiplatform.googleapis.com");
  EXPECT_EQ(b->pool_key, "vertex@us-east5-aiplatform.googleapis.com");
}

TEST(RegionalTargets, SameLocationReusesTheSameTarget) {
  const RegionalTargets targets(Base());
  const auto first = targets.Select(RegionPath("us-central1")).target;
  const auto second =
      targets.Select("/v1/projects/other/locations/us-central1/endpoints/1:predict").target;
  EXPECT_EQ(first, second);
}

TEST(RegionalTargets, GlobalGoesToTheBaseTarget) {
  const auto base = Base();
  const RegionalTargets targets(base);
  EXPECT_EQ(targets.Select(RegionPath("global")).target, base);
}

TEST(RegionalTargets, ExpressModeGoesToTheBaseTarget) {
  const auto base = Base();
  const RegionalTargets targets(base);
  EXPECT_EQ(targets.Select("/v1/publishers/google/models/gemini-2.5-flash:generateContent").target,
            base);
}

TEST(RegionalTargets, MultiRegionGoesToItsRepHost) {
  const RegionalTargets targets(Base());
  const auto target = targets.Select(RegionPath("eu")).target;
  ASSERT_NE(target, nullptr);
  EXPECT_EQ(target->host, "aiplatform.eu.rep.googleapis.com");
}

TEST(RegionalTargets, BadLocationIsAnErrorWithoutATarget) {
  const RegionalTargets targets(Base());
  const TargetChoice choice = targets.Select(RegionPath("evil.example"));
  EXPECT_EQ(choice.target, nullptr);
  EXPECT_NE(choice.error.find("location 'evil.example'"), std::string::npos) << choice.error;
}

TEST(RegionalTargets, HostsPastTheCapGetUnpooledTargets) {
  const RegionalTargets targets(Base());
  for (size_t i = 0; i < RegionalTargets::kMaxCachedHosts; ++i) {
    const auto target = targets.Select(RegionPath("r" + std::to_string(i))).target;
    ASSERT_NE(target, nullptr);
    EXPECT_EQ(target->max_idle_connections, 64u);
  }
  const auto past = targets.Select(RegionPath("one-more")).target;
  ASSERT_NE(past, nullptr);
  EXPECT_EQ(past->host, "one-more-aiplatform.googleapis.com");
  EXPECT_EQ(past->max_idle_connections, 0u);
  EXPECT_NE(targets.Select(RegionPath("one-more")).target, past);
}

TEST(RegionalTargets, CachedHostsStayPooledPastTheCap) {
  const RegionalTargets targets(Base());
  const auto first = targets.Select(RegionPath("r0")).target;
  for (size_t i = 1; i <= RegionalTargets::kMaxCachedHosts; ++i) {
    targets.Select(RegionPath("r" + std::to_string(i)));
  }
  EXPECT_EQ(targets.Select(RegionPath("r0")).target, first);
}

}  // namespace
}  // namespace costgate::daemon::upstream
