#include "config/env_overrides.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <set>
#include <string>

#include "config/config_loader.h"
#include "tests/unit/config/load_helpers.h"

namespace costgate::config {
namespace {

TEST(EnvOverrides, SetListenSettings) {
  Config config = LoadAccepted("", {{"COSTGATE_LISTEN_ADDRESS", "0.0.0.0"},
                                    {"COSTGATE_LISTEN_PORT", "0"},
                                    {"COSTGATE_THREADS", "2"}});
  EXPECT_EQ(config.listen.address, "0.0.0.0");
  EXPECT_EQ(config.listen.port, 0);
  EXPECT_EQ(config.listen.threads, 2);
}

TEST(EnvOverrides, SetEveryLabel) {
  Config config = LoadAccepted("", {{"COSTGATE_SOURCE_APP", "app"},
                                    {"COSTGATE_WORKSPACE", "ws"},
                                    {"COSTGATE_TEAM", "team"},
                                    {"COSTGATE_PROJECT", "proj"},
                                    {"COSTGATE_ENVIRONMENT", "env"},
                                    {"COSTGATE_POD", "pod"}});
  EXPECT_EQ(config.labels, (LabelsConfig{"app", "ws", "team", "proj", "env", "pod"}));
}

// What a Kubernetes sidecar sets from the downward API (docker/k8s): the node as the host.
TEST(EnvOverrides, SetReceiptHost) {
  EXPECT_EQ(LoadAccepted("", {}).receipts.host, "");
  EXPECT_EQ(LoadAccepted("", {{"COSTGATE_HOST", "node-a"}}).receipts.host, "node-a");
  EXPECT_EQ(
      LoadAccepted("receipts: {host: from-yaml}", {{"COSTGATE_HOST", "node-b"}}).receipts.host,
      "node-b");
}

TEST(EnvOverrides, SetReceiptsPathAndLogLevel) {
  Config config =
      LoadAccepted("", {{"COSTGATE_RECEIPTS_PATH", "/data/r.db"}, {"COSTGATE_LOG_LEVEL", "debug"}});
  EXPECT_EQ(config.receipts.path, "/data/r.db");
  EXPECT_EQ(config.log.level, LogLevel::kDebug);
}

TEST(EnvOverrides, SetGeminiUrlAndCaFile) {
  Config config = LoadAccepted("", {{"COSTGATE_GEMINI_URL", "https://127.0.0.1:9443"},
                                    {"COSTGATE_GEMINI_CA_FILE", "/tmp/mock-ca.pem"}});
  const UpstreamConfig& gemini = config.upstreams.at(0);
  EXPECT_EQ(gemini.url, "https://127.0.0.1:9443");
  EXPECT_EQ(gemini.host, "127.0.0.1");
  EXPECT_EQ(gemini.port, 9443);
  EXPECT_EQ(gemini.ca_file, "/tmp/mock-ca.pem");
}

TEST(EnvOverrides, WinOverYaml) {
  Config config = LoadAccepted(R"(
listen: {port: 9000}
labels: {team: from-yaml}
upstreams: {gemini: {url: https://yaml.test}}
)",
                               {{"COSTGATE_LISTEN_PORT", "9100"},
                                {"COSTGATE_TEAM", "from-env"},
                                {"COSTGATE_GEMINI_URL", "https://env.test"}});
  EXPECT_EQ(config.listen.port, 9100);
  EXPECT_EQ(config.labels.team, "from-env");
  EXPECT_EQ(config.upstreams.at(0).host, "env.test");
}

TEST(EnvOverrides, EmptyValueClearsALabel) {
  Config config = LoadAccepted("labels: {team: from-yaml}", {{"COSTGATE_TEAM", ""}});
  EXPECT_EQ(config.labels.team, "");
}

TEST(EnvOverrides, BadValueIsReportedWithTheVariableName) {
  std::vector<ConfigError> errors = LoadRejected("", {{"COSTGATE_LISTEN_PORT", "http"}});
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].path, "COSTGATE_LISTEN_PORT");
  EXPECT_EQ(errors[0].message, "expected an integer 0..65535, got 'http'");
}

TEST(EnvOverrides, BadUrlIsReportedWithTheVariableName) {
  std::vector<ConfigError> errors = LoadRejected("", {{"COSTGATE_GEMINI_URL", "http://x.test"}});
  EXPECT_EQ(PathsOf(errors), (Paths{"COSTGATE_GEMINI_URL"}));
}

TEST(EnvOverrides, ErrorsAreReportedTogetherWithYamlErrors) {
  std::vector<ConfigError> errors = LoadRejected(
      "log: {level: loud}", {{"COSTGATE_LOG_LEVEL", "quiet"}, {"COSTGATE_THREADS", "-1"}});
  EXPECT_EQ(PathsOf(errors), (Paths{"log.level", "COSTGATE_THREADS", "COSTGATE_LOG_LEVEL"}));
}

TEST(EnvOverrides, ErrorsAreReportedAfterAYamlSyntaxError) {
  std::vector<ConfigError> errors = LoadRejected("listen: [", {{"COSTGATE_THREADS", "many"}});
  EXPECT_EQ(PathsOf(errors), (Paths{"", "COSTGATE_THREADS"}));
}

TEST(EnvOverrides, ConfigFileVariableAndUnrelatedVariablesAreIgnored) {
  Config config = LoadAccepted("", {{"COSTGATE_CONFIG", "/etc/costgate.yaml"}, {"HOME", "/root"}});
  EXPECT_EQ(config, DefaultConfig());
}

TEST(EnvOverrides, EveryVariableNamesARealSetting) {
  for (const EnvOverride& entry : EnvOverrides()) {
    Config config = DefaultConfig();
    std::vector<ConfigError> errors;
    // Labels take any text and the other settings refuse "\x01" with their own message: only a
    // path that matches no setting yields "no setting at".
    ApplyEnvOverrides({{std::string(entry.name), "\x01"}}, config, errors);
    for (const ConfigError& error : errors) {
      EXPECT_EQ(error.message.find("no setting"), std::string::npos) << entry.name;
    }
  }
}

TEST(EnvOverrides, VariableNamesAreUnique) {
  std::set<std::string_view> names;
  for (const EnvOverride& entry : EnvOverrides()) {
    EXPECT_TRUE(names.insert(entry.name).second) << entry.name;
  }
}

TEST(CurrentEnvironment, CapturesOnlyCostgateVariables) {
  ASSERT_EQ(setenv("COSTGATE_TEAM", "env-team", 1), 0);
  ASSERT_EQ(setenv("COSTGATE_CONFIG", "/etc/costgate.yaml", 1), 0);
  ASSERT_EQ(setenv("COSTGATE_NOT_A_SETTING", "x", 1), 0);
  ASSERT_EQ(setenv("UNRELATED_FOR_CONFIG_TEST", "x", 1), 0);
  Environment env = CurrentEnvironment();
  unsetenv("COSTGATE_TEAM");
  unsetenv("COSTGATE_CONFIG");
  unsetenv("COSTGATE_NOT_A_SETTING");
  unsetenv("UNRELATED_FOR_CONFIG_TEST");
  EXPECT_EQ(env.at("COSTGATE_TEAM"), "env-team");
  EXPECT_EQ(env.at("COSTGATE_CONFIG"), "/etc/costgate.yaml");
  EXPECT_EQ(env.count("COSTGATE_NOT_A_SETTING"), 0u);
  EXPECT_EQ(env.count("UNRELATED_FOR_CONFIG_TEST"), 0u);
}

}  // namespace
}  // namespace costgate::config
