#include "daemon/roles/config_files.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "tests/support/temp_dir.h"
#include "tests/unit/daemon/util/pem_helpers.h"

namespace costgate::daemon::roles {
namespace {

using test_support::TempDir;

std::vector<std::string> Paths(const std::vector<config::ConfigError>& errors) {
  std::vector<std::string> paths;
  for (const config::ConfigError& e : errors) {
    paths.push_back(e.path);
  }
  return paths;
}

// Every file setting of `config` set to `file`.
void NameEverywhere(config::Config& config, const std::string& file) {
  for (config::UpstreamConfig& upstream : config.upstreams) {
    upstream.ca_file = file;
  }
  config.shipper.api_key_file = file;
  config.shipper.ca_file = file;
  config.pricing.overrides_file = file;
  config.pricing.refresh.ca_file = file;
}

const std::vector<std::string> kEveryFileSetting = {
    "upstreams.gemini.ca_file",     "upstreams.vertex.ca_file", "upstreams.elevenlabs.ca_file",
    "upstreams.google-tts.ca_file", "shipper.api_key_file",     "shipper.ca_file",
    "pricing.overrides_file",       "pricing.refresh.ca_file"};

TEST(CheckConfigFiles, TheEmbeddedDefaultsNameNoFile) {
  EXPECT_TRUE(CheckConfigFiles(config::DefaultConfig(), Role::kProxy).empty());
  EXPECT_TRUE(CheckConfigFiles(config::DefaultConfig(), Role::kCentral).empty());
}

TEST(CheckConfigFiles, ReportsEveryMissingFileWithItsYamlPathInFileOrder) {
  TempDir dir;
  config::Config config = config::DefaultConfig();
  const std::string missing = dir.File("missing.pem");
  NameEverywhere(config, missing);
  const std::vector<config::ConfigError> errors = CheckConfigFiles(config, Role::kProxy);
  EXPECT_EQ(Paths(errors), kEveryFileSetting);
  for (const config::ConfigError& e : errors) {
    EXPECT_EQ(e.message, "cannot use '" + missing + "': No such file or directory") << e.path;
  }
}

TEST(CheckConfigFiles, CentralChecksOnlyThePricingFilesItUses) {
  TempDir dir;
  config::Config config = config::DefaultConfig();
  NameEverywhere(config, dir.File("missing.pem"));
  EXPECT_EQ(Paths(CheckConfigFiles(config, Role::kCentral)),
            (std::vector<std::string>{"pricing.overrides_file", "pricing.refresh.ca_file"}));
}

TEST(CheckConfigFiles, ACaFileNeedsAPemCertificateAPlainFileOnlyToBeReadable) {
  TempDir dir;
  const std::string text = dir.File("key.txt");
  ASSERT_TRUE(util::testing::WriteText(text, "ct_live_not_a_certificate\n"));
  config::Config config = config::DefaultConfig();
  NameEverywhere(config, text);
  const std::vector<config::ConfigError> errors = CheckConfigFiles(config, Role::kProxy);
  EXPECT_EQ(Paths(errors), (std::vector<std::string>{
                               "upstreams.gemini.ca_file", "upstreams.vertex.ca_file",
                               "upstreams.elevenlabs.ca_file", "upstreams.google-tts.ca_file",
                               "shipper.ca_file", "pricing.refresh.ca_file"}));
  for (const config::ConfigError& e : errors) {
    EXPECT_EQ(e.message, "cannot use '" + text + "': no PEM certificates") << e.path;
  }
}

TEST(CheckConfigFiles, AcceptsUsableFilesAndChecksEachSettingOnItsOwn) {
  TempDir dir;
  const std::string ca = dir.File("ca.pem");
  ASSERT_TRUE(util::testing::WriteText(ca, util::testing::SelfSignedCertificatePem()));
  config::Config config = config::DefaultConfig();
  NameEverywhere(config, ca);
  EXPECT_TRUE(CheckConfigFiles(config, Role::kProxy).empty());

  config.upstreams[1].ca_file = dir.File("gone.pem");
  config.pricing.overrides_file = dir.path().string();
  const std::vector<config::ConfigError> errors = CheckConfigFiles(config, Role::kProxy);
  ASSERT_EQ(Paths(errors),
            (std::vector<std::string>{"upstreams." + config.upstreams[1].name + ".ca_file",
                                      "pricing.overrides_file"}));
  EXPECT_EQ(errors[1].message, "cannot use '" + dir.path().string() + "': Is a directory");
}

// Checked whenever set, even while the shipper and the refresh are off: the typo shows now.
TEST(CheckConfigFiles, ChecksAFileWhileTheFeatureUsingItIsOff) {
  TempDir dir;
  config::Config config = config::DefaultConfig();
  ASSERT_TRUE(config.shipper.url.empty());
  ASSERT_TRUE(config.pricing.refresh.url.empty());
  config.shipper.ca_file = dir.File("missing.pem");
  config.pricing.refresh.ca_file = dir.File("missing.pem");
  EXPECT_EQ(Paths(CheckConfigFiles(config, Role::kProxy)),
            (std::vector<std::string>{"shipper.ca_file", "pricing.refresh.ca_file"}));
}

// The alert files are central's: checked for central and `costgate all`, not for the proxy, and
// a missing one degrades alert delivery only (central keeps ingesting).
TEST(CheckConfigFiles, TheAlertFilesAreCentralsAndOnlyDegradeDelivery) {
  TempDir dir;
  config::Config config = config::DefaultConfig();
  config.alerts.ca_file = dir.File("missing.pem");
  config.alerts.email.password_file = dir.File("missing.pass");
  config.alerts.webhooks = {{"https://a.example.com/x", "", ""},
                            {"https://b.example.com/y", dir.File("missing.secret"), ""}};
  const std::vector<std::string> alert_files = {"alerts.ca_file", "alerts.email.password_file",
                                                "alerts.webhooks[1].secret_file"};
  EXPECT_TRUE(CheckConfigFiles(config, Role::kProxy).empty());
  EXPECT_EQ(Paths(CheckConfigFiles(config, Role::kAll)), alert_files);
  const std::vector<config::ConfigError> errors = CheckConfigFiles(config, Role::kCentral);
  EXPECT_EQ(Paths(errors), alert_files);
  for (const config::ConfigError& e : errors) {
    EXPECT_TRUE(OnlyDegradesMetering(e)) << e.path;
  }
}

}  // namespace
}  // namespace costgate::daemon::roles
