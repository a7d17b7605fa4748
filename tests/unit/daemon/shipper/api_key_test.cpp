#include "daemon/shipper/api_key.h"

#include <gtest/gtest.h>

#include <fstream>

#include "tests/unit/daemon/outbox/outbox_helpers.h"

namespace costgate::daemon::shipper {
namespace {

using outbox::testing::TempDir;

TEST(LoadApiKey, TheConfiguredKeyWins) {
  config::ShipperConfig config;
  config.api_key = "ct_live_inline";
  config.api_key_file = "/nonexistent/key";
  const ApiKey key = LoadApiKey(config);
  EXPECT_EQ(key.key, "ct_live_inline");
  EXPECT_EQ(key.error, "");
}

TEST(LoadApiKey, ReadsTheFirstLineOfTheFileTrimmed) {
  TempDir dir;
  std::ofstream(dir.File("key")) << "  ct_live_from_file \r\nsecond line\n";
  config::ShipperConfig config;
  config.api_key_file = dir.File("key");
  EXPECT_EQ(LoadApiKey(config).key, "ct_live_from_file");
}

TEST(LoadApiKey, AnUnreadableFileIsAnErrorNamingIt) {
  config::ShipperConfig config;
  config.api_key_file = "/nonexistent-costgate-dir/key";
  const ApiKey key = LoadApiKey(config);
  EXPECT_EQ(key.key, "");
  EXPECT_EQ(key.error,
            "cannot read shipper.api_key_file /nonexistent-costgate-dir/key: No such file or "
            "directory");
}

TEST(LoadApiKey, ABlankFirstLineIsAnError) {
  TempDir dir;
  std::ofstream(dir.File("key")) << "\nct_live_second_line\n";
  config::ShipperConfig config;
  config.api_key_file = dir.File("key");
  const ApiKey key = LoadApiKey(config);
  EXPECT_EQ(key.key, "");
  EXPECT_EQ(key.error, "shipper.api_key_file " + dir.File("key") + " has no key on its first line");
}

TEST(LoadApiKey, NoKeyAtAllIsAnError) {
  EXPECT_EQ(LoadApiKey(config::ShipperConfig{}).error,
            "neither shipper.api_key nor shipper.api_key_file is set");
}

TEST(LoadApiKey, AReplacedFileIsReadAgain) {
  TempDir dir;
  config::ShipperConfig config;
  config.api_key_file = dir.File("key");
  std::ofstream(dir.File("key")) << "ct_live_old\n";
  ASSERT_EQ(LoadApiKey(config).key, "ct_live_old");
  std::ofstream(dir.File("key")) << "ct_live_new\n";
  EXPECT_EQ(LoadApiKey(config).key, "ct_live_new");
}

}  // namespace
}  // namespace costgate::daemon::shipper
