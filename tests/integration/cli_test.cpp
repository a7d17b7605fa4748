// The costgate command line: check-config (the YAML and the files it names), --help, --version,
// unknown commands, and `proxy` and `central` failing fast on a configuration they cannot run
// with.
#include <gtest/gtest.h>

#include "config/env_overrides.h"
#include "tests/integration/command_helpers.h"
#include "tests/integration/integration_fixture_helpers.h"

namespace costgate::integration {
namespace {

constexpr auto kExitWait = std::chrono::seconds(10);  // bound on every command

size_t CountOccurrences(std::string_view text, std::string_view needle) {
  size_t count = 0;
  for (size_t at = text.find(needle); at != std::string_view::npos;
       at = text.find(needle, at + needle.size())) {
    ++count;
  }
  return count;
}

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

// Every file setting, each naming a file that cannot be used in its own way.
std::string UnusableFilesYaml(const std::filesystem::path& dir) {
  WriteFile(dir / "not-a-cert.pem", "hello\n");
  WriteFile(dir / "empty.pem", "");
  std::filesystem::create_directory(dir / "a-directory");
  const auto in = [&dir](std::string_view name) { return (dir / name).string(); };
  return "upstreams:\n  gemini:\n    ca_file: \"" + in("missing.pem") +
         "\"\n  elevenlabs:\n    ca_file: \"" + in("a-directory") +
         "\"\n  google-tts:\n    ca_file: \"" + in("not-a-cert.pem") +
         "\"\nshipper:\n  api_key_file: \"" + in("missing.key") + "\"\n  ca_file: \"" +
         in("empty.pem") + "\"\npricing:\n  overrides_file: \"" + in("missing.yaml") +
         "\"\n  refresh:\n    ca_file: \"" + in("missing-feed-ca.pem") + "\"\n";
}

// The YAML path and message of each unusable file of UnusableFilesYaml.
std::vector<std::pair<std::string, std::string>> UnusableFileErrors(
    const std::filesystem::path& dir) {
  const auto cannot = [&dir](std::string_view name, std::string_view reason) {
    return "cannot use '" + (dir / name).string() + "': " + std::string(reason);
  };
  return {
      {"upstreams.gemini.ca_file", cannot("missing.pem", "No such file or directory")},
      {"upstreams.elevenlabs.ca_file", cannot("a-directory", "Is a directory")},
      {"upstreams.google-tts.ca_file", cannot("not-a-cert.pem", "no PEM certificates")},
      {"shipper.api_key_file", cannot("missing.key", "No such file or directory")},
      {"shipper.ca_file", cannot("empty.pem", "no PEM certificates")},
      {"pricing.overrides_file", cannot("missing.yaml", "No such file or directory")},
      {"pricing.refresh.ca_file", cannot("missing-feed-ca.pem", "No such file or directory")},
  };
}

TEST_F(CliTest, CheckConfigReportsEveryFileItCannotUseWithItsPathAlongsideTheYamlErrors) {
  const std::string path =
      Write("files.yaml", "listen:\n  port: \"eighty\"\n" + UnusableFilesYaml(dir_.path()));
  const CommandResult result = Run({"check-config", path});
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
  EXPECT_NE(result.err.find("listen.port: "), std::string::npos) << result.err;
  for (const auto& [yaml_path, message] : UnusableFileErrors(dir_.path())) {
    EXPECT_NE(result.err.find(yaml_path + ": " + message + "\n"), std::string::npos)
        << yaml_path << "\n"
        << result.err;
  }
  EXPECT_NE(result.err.find(path + ": 8 errors"), std::string::npos) << result.err;
  EXPECT_EQ(result.out.find(": ok"), std::string::npos) << result.out;
}

TEST_F(CliTest, CheckConfigAcceptsFilesItCanUse) {
  const TestCa ca = MakeTestCa(dir_.path());
  const std::string key = Write("ship.key", "ct_live_x\n");
  const std::string overrides = Write("overrides.yaml", "");
  const std::string ca_file = ca.ca_file.string();
  const std::string path =
      Write("files.yaml", "upstreams:\n  vertex:\n    ca_file: \"" + ca_file +
                              "\"\nshipper:\n  api_key_file: \"" + key + "\"\n  ca_file: \"" +
                              ca_file + "\"\npricing:\n  overrides_file: \"" + overrides +
                              "\"\n  refresh:\n    ca_file: \"" + ca_file + "\"\n");
  const CommandResult result = Run({"check-config", path});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, path + ": ok\n");
}

// Both roles refuse to start on a file the call path needs and they cannot use, naming each one
// with its path and the reason (never asio's bare "asio.ssl error"), before opening anything;
// a file only shipping or the price refresh needs is logged and does not stop them.
TEST_F(CliTest, ServeRefusesToStartNamingEveryFileItCannotUse) {
  const std::string path =
      Write("files.yaml", "listen:\n  port: 0\ncentral:\n  listen:\n    port: 0\n" +
                              UnusableFilesYaml(dir_.path()));
  const std::vector<std::pair<std::string, std::string>> errors = UnusableFileErrors(dir_.path());
  for (const std::string role : {"proxy", "central"}) {
    const CommandResult result = Run({role, "--config", path});
    EXPECT_EQ(result.exit_code, 1) << role << "\n" << result.err;
    size_t lines = 0;
    for (const auto& [yaml_path, message] : errors) {
      const bool used = role == "proxy" || yaml_path.starts_with("pricing.");
      const bool metering_only =
          yaml_path.starts_with("shipper.") || yaml_path.starts_with("pricing.refresh.");
      const std::string msg =
          metering_only ? "configured file unusable; running without it" : "cannot start";
      const std::string line =
          R"("msg":")" + msg + R"(","path":")" + yaml_path + R"(","error":")" + message + "\"}";
      EXPECT_EQ(result.err.find(line) != std::string::npos, used)
          << role << " " << yaml_path << "\n"
          << result.err;
      lines += used && !metering_only ? 1 : 0;
    }
    EXPECT_EQ(CountOccurrences(result.err, R"("msg":"cannot start")"), lines) << result.err;
    EXPECT_EQ(result.err.find("asio.ssl"), std::string::npos) << result.err;
    EXPECT_FALSE(std::filesystem::exists(dir_.path() / "costgate-receipts.db"));
    EXPECT_FALSE(std::filesystem::exists(dir_.path() / "costgate-central.db"));
  }
}

}  // namespace
}  // namespace costgate::integration
