// upstreams.vertex.regional: Vertex AI's per-location hosts, on by default, Vertex AI only.
#include <gtest/gtest.h>

#include "config/config_loader.h"
#include "tests/unit/config/load_helpers.h"

namespace costgate::config {
namespace {

// A copy: the tests pass it a Config that lives only until the end of the statement.
UpstreamConfig Named(const Config& config, std::string_view name) {
  const UpstreamConfig* upstream = config.FindUpstream(name);
  EXPECT_NE(upstream, nullptr) << name;
  return upstream != nullptr ? *upstream : UpstreamConfig{};
}

TEST(Regional, IsOnForVertexByDefault) { EXPECT_TRUE(Named(DefaultConfig(), "vertex").regional); }

TEST(Regional, IsOffForEveryOtherProvider) {
  const Config config = DefaultConfig();
  for (const std::string_view name : {"gemini", "elevenlabs", "google-tts"}) {
    EXPECT_FALSE(Named(config, name).regional) << name;
  }
}

TEST(Regional, FalseIsAcceptedForVertex) {
  EXPECT_FALSE(Named(LoadAccepted("upstreams: {vertex: {regional: false}}"), "vertex").regional);
}

TEST(Regional, SettingOnlyRegionalKeepsTheDefaultUrl) {
  const UpstreamConfig vertex =
      Named(LoadAccepted("upstreams: {vertex: {regional: false}}"), "vertex");
  EXPECT_EQ(vertex.url, "https://aiplatform.googleapis.com");
  EXPECT_EQ(vertex.host, "aiplatform.googleapis.com");
}

TEST(Regional, StaysOnWhenOnlyTheUrlChanges) {
  const UpstreamConfig vertex =
      Named(LoadAccepted("upstreams: {vertex: {url: 'https://127.0.0.1:9443'}}"), "vertex");
  EXPECT_EQ(vertex.host, "127.0.0.1");
  EXPECT_TRUE(vertex.regional);
}

TEST(Regional, IsAnUnknownKeyForOtherProviders) {
  const std::vector<ConfigError> errors = LoadRejected("upstreams: {gemini: {regional: true}}");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].path, "upstreams.gemini.regional");
  EXPECT_EQ(errors[0].message,
            "unknown key; known keys: url, ca_file, max_idle_connections, idle_timeout_ms");
}

TEST(Regional, VertexListsItAmongItsKnownKeys) {
  const std::vector<ConfigError> errors = LoadRejected("upstreams: {vertex: {region: us}}");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].path, "upstreams.vertex.region");
  EXPECT_EQ(errors[0].message,
            "unknown key; known keys: url, ca_file, max_idle_connections, idle_timeout_ms, "
            "regional");
}

TEST(Regional, RejectsANonBoolean) {
  const std::vector<ConfigError> errors = LoadRejected("upstreams: {vertex: {regional: yes}}");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].path, "upstreams.vertex.regional");
  EXPECT_EQ(errors[0].message, "expected true or false, got 'yes'");
}

TEST(Regional, EnvironmentVariableTurnsItOff) {
  const Config config = LoadAccepted("", {{"COSTGATE_VERTEX_REGIONAL", "false"}});
  EXPECT_FALSE(Named(config, "vertex").regional);
}

TEST(Regional, EnvironmentVariableWinsOverYaml) {
  const Config config = LoadAccepted("upstreams: {vertex: {regional: false}}",
                                     {{"COSTGATE_VERTEX_REGIONAL", "true"}});
  EXPECT_TRUE(Named(config, "vertex").regional);
}

TEST(Regional, BadEnvironmentValueNamesTheVariable) {
  const std::vector<ConfigError> errors = LoadRejected("", {{"COSTGATE_VERTEX_REGIONAL", "on"}});
  EXPECT_EQ(PathsOf(errors), (Paths{"COSTGATE_VERTEX_REGIONAL"}));
}

}  // namespace
}  // namespace costgate::config
