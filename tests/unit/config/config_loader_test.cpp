#include "config/config_loader.h"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "config/alerts_reader.h"
#include "config/env_overrides.h"
#include "config/schema.h"
#include "tests/unit/config/load_helpers.h"

namespace costgate::config {
namespace {

const std::string kExampleFile = COSTGATE_SOURCE_DIR "/config/costgate.example.yaml";

std::string ReadExample() {
  std::ifstream in(kExampleFile);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Every dotted path set in a YAML map, e.g. "listen.port", "upstreams.gemini.url".
void CollectPaths(const YAML::Node& node, const std::string& prefix, std::set<std::string>& out) {
  for (const auto& entry : node) {
    std::string path = prefix.empty() ? entry.first.Scalar() : prefix + "." + entry.first.Scalar();
    if (entry.second.IsMap()) {
      CollectPaths(entry.second, path, out);
    } else {
      out.insert(path);
    }
  }
}

// Every dotted setting path of a section and its nested sections.
void CollectSettings(const Section& section, const std::string& prefix,
                     std::set<std::string>& out) {
  const std::string path = prefix + std::string(section.key);
  for (const Setting<Config>& setting : section.settings) {
    out.insert(path + "." + std::string(setting.key));
  }
  for (const Section& inner : section.sections) {
    CollectSettings(inner, path + ".", out);
  }
}

TEST(DefaultConfig, HasOneUpstreamPerProviderAtItsPublicHostOnPort443) {
  const Config config = DefaultConfig();
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"gemini", "generativelanguage.googleapis.com"},
      {"vertex", "aiplatform.googleapis.com"},
      {"elevenlabs", "api.elevenlabs.io"},
      {"google-tts", "texttospeech.googleapis.com"}};
  ASSERT_EQ(config.upstreams.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    const UpstreamConfig& upstream = config.upstreams[i];
    EXPECT_EQ(upstream.name, expected[i].first);
    EXPECT_EQ(upstream.url, "https://" + expected[i].second);
    EXPECT_EQ(upstream.host, expected[i].second);
    EXPECT_EQ(upstream.port, 443);
    EXPECT_EQ(upstream.ca_file, "");
  }
}

TEST(LoadConfigFromString, EmptyDocumentYieldsDefaults) {
  EXPECT_EQ(LoadAccepted(""), DefaultConfig());
}

TEST(LoadConfigFromString, CommentOnlyDocumentYieldsDefaults) {
  EXPECT_EQ(LoadAccepted("# nothing set\n\n# still nothing\n"), DefaultConfig());
}

TEST(LoadConfigFromString, EmptySectionsYieldDefaults) {
  EXPECT_EQ(LoadAccepted("listen:\nupstreams:\n  gemini:\nlog: ~\n"), DefaultConfig());
}

TEST(ExampleFile, LoadsToExactlyTheDefaults) {
  LoadResult result = LoadConfigFile(kExampleFile, {});
  ASSERT_TRUE(result.errors.empty()) << FormatErrors(result.errors);
  const Config& config = *result.config;
  const Config defaults = DefaultConfig();
  // Section by section, so that a mismatch points at its section.
  EXPECT_EQ(config.listen, defaults.listen);
  EXPECT_EQ(config.limits, defaults.limits);
  EXPECT_EQ(config.timeouts, defaults.timeouts);
  EXPECT_EQ(config.upstreams, defaults.upstreams);
  EXPECT_EQ(config.labels, defaults.labels);
  EXPECT_EQ(config.receipts, defaults.receipts);
  EXPECT_EQ(config.log, defaults.log);
  EXPECT_EQ(config.pricing, defaults.pricing);
  EXPECT_EQ(config, defaults);
}

TEST(ExampleFile, DocumentsEverySetting) {
  std::set<std::string> documented;
  CollectPaths(YAML::LoadFile(kExampleFile), "", documented);
  std::set<std::string> expected;
  for (const Section& section : Sections()) {
    CollectSettings(section, "", expected);
  }
  for (const UpstreamConfig& upstream : DefaultConfig().upstreams) {
    for (const Setting<UpstreamConfig>& setting : UpstreamSettings(upstream.name)) {
      expected.insert("upstreams." + upstream.name + "." + std::string(setting.key));
    }
  }
  for (const std::string& path : AlertsSettingPaths()) {
    expected.insert(path);
  }
  EXPECT_EQ(documented, expected);
}

TEST(ExampleFile, ListsEveryEnvironmentVariable) {
  std::string text = ReadExample();
  for (const EnvOverride& entry : EnvOverrides()) {
    EXPECT_NE(text.find(entry.name), std::string::npos) << entry.name;
  }
}

TEST(LoadConfigFile, MissingFileIsOneErrorWithEmptyPath) {
  LoadResult result = LoadConfigFile("/nonexistent/costgate.yaml", {});
  EXPECT_FALSE(result.config.has_value());
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].path, "");
  EXPECT_EQ(result.errors[0].message,
            "cannot read config file '/nonexistent/costgate.yaml': No such file or directory");
}

TEST(LoadConfigFile, DirectoryIsOneErrorWithEmptyPath) {
  LoadResult result = LoadConfigFile(COSTGATE_SOURCE_DIR "/config", {});
  EXPECT_FALSE(result.config.has_value());
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].path, "");
  EXPECT_NE(result.errors[0].message.find("Is a directory"), std::string::npos);
}

// check-config goes on to check the files a rejected config names: they must be there.
TEST(LoadConfigFromString, AsReadKeepsEverySettingReadBesideTheErrors) {
  const LoadResult result = LoadConfigFromString(
      "listen:\n  port: \"eighty\"\nshipper:\n  ca_file: \"/etc/central-ca.pem\"\n"
      "upstreams:\n  vertex:\n    ca_file: \"vertex-ca.pem\"\n",
      {{"COSTGATE_PRICING_OVERRIDES_FILE", "overrides.yaml"}});
  EXPECT_FALSE(result.config.has_value());
  EXPECT_EQ(PathsOf(result.errors), Paths{"listen.port"});
  EXPECT_EQ(result.as_read.listen.port, DefaultConfig().listen.port);
  EXPECT_EQ(result.as_read.shipper.ca_file, "/etc/central-ca.pem");
  ASSERT_NE(result.as_read.FindUpstream("vertex"), nullptr);
  EXPECT_EQ(result.as_read.FindUpstream("vertex")->ca_file, "vertex-ca.pem");
  EXPECT_EQ(result.as_read.pricing.overrides_file, "overrides.yaml");
}

TEST(LoadConfigFromString, AsReadIsTheConfigWhenThereAreNoErrors) {
  const LoadResult result = LoadConfigFromString("labels:\n  team: \"payments\"\n", {});
  ASSERT_TRUE(result.config.has_value());
  EXPECT_EQ(result.as_read, *result.config);
  EXPECT_EQ(LoadConfigFile("/nonexistent/costgate.yaml", {}).as_read, DefaultConfig());
}

TEST(LoadConfigFile, AppliesEnvironmentOverrides) {
  LoadResult result = LoadConfigFile(kExampleFile, {{"COSTGATE_TEAM", "payments"}});
  ASSERT_TRUE(result.config.has_value()) << FormatErrors(result.errors);
  EXPECT_EQ(result.config->labels.team, "payments");
}

TEST(FormatErrors, WritesOnePathMessageLinePerError) {
  std::vector<ConfigError> errors = {{"listen.port", "expected an integer 0..65535, got 'abc'"},
                                     {"COSTGATE_TEAM", "bad"}};
  EXPECT_EQ(FormatErrors(errors),
            "listen.port: expected an integer 0..65535, got 'abc'\nCOSTGATE_TEAM: bad\n");
}

TEST(FormatErrors, WritesOnlyTheMessageWhenThePathIsEmpty) {
  EXPECT_EQ(FormatErrors({{"", "cannot read config file 'x': No such file or directory"}}),
            "cannot read config file 'x': No such file or directory\n");
}

TEST(FormatErrors, WritesNothingForNoErrors) { EXPECT_EQ(FormatErrors({}), ""); }

}  // namespace
}  // namespace costgate::config
