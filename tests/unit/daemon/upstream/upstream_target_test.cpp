#include "daemon/upstream/upstream_target.h"

#include <gtest/gtest.h>

#include "config/config_loader.h"
#include "tests/support/temp_dir.h"
#include "tests/unit/daemon/util/pem_helpers.h"

namespace costgate::daemon::upstream {
namespace {

config::UpstreamConfig GeminiWithCaFile(const std::string& ca_file) {
  config::UpstreamConfig upstream = *config::DefaultConfig().FindUpstream("gemini");
  upstream.ca_file = ca_file;
  return upstream;
}

// asio alone reports these as a bare "asio.ssl error" or an OpenSSL phrase without the file.
TEST(MakeClientTlsContext, NamesTheSettingTheFileAndTheReasonWhenTheCaFileCannotBeUsed) {
  test_support::TempDir dir;
  ASSERT_TRUE(util::testing::WriteText(dir.File("key.pem"), util::testing::PrivateKeyPem()));
  const std::vector<std::pair<std::string, std::string>> cases = {
      {dir.File("missing.pem"), "No such file or directory"},
      {dir.path().string(), "Is a directory"},
      {dir.File("key.pem"), "no PEM certificates"},
  };
  for (const auto& [file, reason] : cases) {
    std::string error;
    EXPECT_EQ(MakeClientTlsContext(GeminiWithCaFile(file), error), nullptr) << file;
    EXPECT_EQ(error, "upstreams.gemini.ca_file: cannot use '" + file + "': " + reason);
    EXPECT_EQ(MakeUpstreamTarget(GeminiWithCaFile(file), 1, error), nullptr) << file;
  }
}

TEST(MakeClientTlsContext, LoadsAPemCaFile) {
  test_support::TempDir dir;
  ASSERT_TRUE(
      util::testing::WriteText(dir.File("ca.pem"), util::testing::SelfSignedCertificatePem()));
  std::string error;
  EXPECT_NE(MakeClientTlsContext(GeminiWithCaFile(dir.File("ca.pem")), error), nullptr) << error;
  EXPECT_EQ(error, "");
}

}  // namespace
}  // namespace costgate::daemon::upstream
