// The costgate command line: check-config, --help, --version, unknown commands, and `proxy`
// failing fast on a configuration it cannot run with.
#include <gtest/gtest.h>

#include "config/env_overrides.h"
#include "tests/integration/command_helpers.h"
#include "tests/integration/integration_fixture_helpers.h"

namespace costgate::integration {
namespace {

constexpr auto kExitWait = std::chrono::seconds(10);  // bound on every command

class CliTest : public ::testing::Test {
 protected:
  // Runs `costgate args...` in the test's directory and collects its output.
  CommandResult Run(const std::vector<std::string>& args) {
    return RunCostgate(args, dir_.path(), kExitWait);
  }

  std::string Write(std::string_view name, std::string_view contents) {
    const std::filesystem::path path = dir_.path() / name;
    WriteFile(path, contents);
    return path.string();
  }

  TempDir dir_;
};

TEST_F(CliTest, CheckConfigAcceptsAValidFile) {
  const std::string path = Write("valid.yaml",
                                 "listen:\n  port: 0\nlabels:\n  source_app: \"cli\"\n"
                                 "receipts:\n  flush_interval_ms: 20\n");
  const CommandResult result = Run({"check-config", path});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, path + ": ok\n");
}

TEST_F(CliTest, CheckConfigReportsEveryErrorWithItsPath) {
  const std::string path =
      Write("invalid.yaml", "listen:\n  port: \"eighty\"\nlabels:\n  colour: \"blue\"\n");
  const CommandResult result = Run({"check-config", path});
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
  EXPECT_NE(result.err.find("listen.port: "), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("labels.colour: "), std::string::npos) << result.err;
  EXPECT_NE(result.err.find(path + ": 2 errors"), std::string::npos) << result.err;
  EXPECT_EQ(result.out.find(": ok"), std::string::npos) << result.out;
}

TEST_F(CliTest, HelpListsTheCommandsAndEveryEnvironmentOverride) {
  const CommandResult result = Run({"--help"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("costgate proxy"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("costgate check-config"), std::string::npos) << result.out;
  ASSERT_FALSE(config::EnvOverrides().empty());
  for (const config::EnvOverride& entry : config::EnvOverrides()) {
    EXPECT_NE(result.out.find(entry.name), std::string::npos) << entry.name;
  }
  EXPECT_NE(result.out.find(config::kConfigFileEnv), std::string::npos);
}

TEST_F(CliTest, VersionPrintsTheBuildVersion) {
  const CommandResult result = Run({"--version"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, std::string("costgate ") + COSTGATE_VERSION + "\n");
}

TEST_F(CliTest, UnknownCommandExitsTwo) {
  const CommandResult result = Run({"serve"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("unknown command 'serve'"), std::string::npos) << result.err;
}

TEST_F(CliTest, ProxyWithAMissingConfigFileFailsFastNamingIt) {
  const std::string missing = (dir_.path() / "nonexistent.yaml").string();
  const CommandResult result = Run({"proxy", "--config", missing});
  EXPECT_GT(result.exit_code, 0) << "did not fail; stderr: " << result.err;
  EXPECT_NE(result.err.find(missing), std::string::npos) << result.err;
  EXPECT_LT(result.elapsed, Millis(2'000));
}

}  // namespace
}  // namespace costgate::integration
