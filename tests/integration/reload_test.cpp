// SIGHUP reloads the configuration file: a valid file replaces the running labels, an invalid one
// (or one naming a file that cannot be used) is rejected with its errors and the daemon keeps
// serving as before; without a file there is nothing to reload.
#include <gtest/gtest.h>
#include <signal.h>

#include "tests/integration/integration_fixture_helpers.h"

namespace costgate::integration {
namespace {

constexpr std::string_view kFixture = "ddtrace-gemini-2.0-flash-generateContent-gzip";
constexpr std::string_view kReloaded = "configuration reloaded";
constexpr std::string_view kRejected = "reload rejected, keeping the running configuration";
constexpr std::string_view kIgnored =
    "SIGHUP ignored: running on embedded defaults, no file to reload";

DaemonSettings LabelledSettings(std::string_view source_app) {
  DaemonSettings settings = MockUpstreamSettings();
  settings.labels = {{"source_app", std::string(source_app)}};
  return settings;
}

// A fresh daemon per test: each test rewrites its configuration file.
class ReloadTest : public IntegrationTest {
 protected:
  CostgateProcess& StartDaemon() override {
    own_ = std::make_unique<DaemonUnderTest>(LabelledSettings("before"));
    return *own_->daemon;
  }

  void RewriteConfig(std::string_view yaml) { WriteFile(daemon().config_path(), yaml); }

  // Sends the metered fixture and returns its receipt's source_app ("" when the request or the
  // receipt failed, with the failure recorded).
  std::string SourceAppOfNextReceipt() {
    const HttpResponse response =
        Http(FixtureRequest(daemon(), LoadFixture(kFixture), "/gemini", UniqueToken("reload")));
    EXPECT_EQ(response.status, 200) << response.body;
    const auto receipt = daemon().receipts().WaitForReceipt(
        response.Header("x-costgate-event-id").value_or(""), kWait);
    EXPECT_TRUE(receipt.has_value()) << "no receipt";
    return receipt ? receipt->Text("source_app") : "";
  }

 private:
  std::unique_ptr<DaemonUnderTest> own_;
};

TEST_F(ReloadTest, SighupAppliesTheRewrittenLabelsToLaterRequests) {
  ASSERT_EQ(SourceAppOfNextReceipt(), "before");

  RewriteConfig(RenderConfigYaml(LabelledSettings("after"), daemon().receipts().path()));
  daemon().process().Signal(SIGHUP);
  const auto reloaded = daemon().WaitForLogLine(kReloaded, 0, kWait);
  ASSERT_TRUE(reloaded.has_value()) << "no \"" << kReloaded << "\" line";
  EXPECT_EQ(JsonString(*reloaded, "/level"), "info") << *reloaded;

  EXPECT_EQ(SourceAppOfNextReceipt(), "after");
  EXPECT_TRUE(daemon().LogLines(kRejected).empty());
}

// The reload lands while the connection waits, idle, for its next request.
TEST_F(ReloadTest, KeptAliveConnectionServesItsNextRequestWithTheReloadedLabels) {
  const GeminiFixture fixture = LoadFixture(kFixture);
  HttpClient client;
  const HttpResponse first =
      client.Perform(FixtureRequest(daemon(), fixture, "/gemini", UniqueToken("reload-ka")));
  ASSERT_EQ(first.status, 200);

  RewriteConfig(RenderConfigYaml(LabelledSettings("after"), daemon().receipts().path()));
  daemon().process().Signal(SIGHUP);
  ASSERT_TRUE(daemon().WaitForLogLine(kReloaded, 0, kWait).has_value());

  const HttpResponse second =
      client.Perform(FixtureRequest(daemon(), fixture, "/gemini", UniqueToken("reload-ka")));
  ASSERT_EQ(second.status, 200);
  EXPECT_EQ(second.new_connections, 0) << "the request did not reuse the kept-alive connection";
  const auto receipt =
      daemon().receipts().WaitForReceipt(second.Header("x-costgate-event-id").value_or(""), kWait);
  ASSERT_TRUE(receipt.has_value());
  EXPECT_EQ(receipt->Text("source_app"), "after");
}

TEST_F(ReloadTest, InvalidFileIsRejectedWithItsPathAndTheOldLabelsStay) {
  ASSERT_EQ(SourceAppOfNextReceipt(), "before");

  // Valid apart from one unknown key; its new source_app must not take effect.
  RewriteConfig(RenderConfigYaml(LabelledSettings("after"), daemon().receipts().path()) +
                "unknown_section:\n  key: 1\n");
  daemon().process().Signal(SIGHUP);
  const auto rejected = daemon().WaitForLogLine(kRejected, 0, kWait);
  ASSERT_TRUE(rejected.has_value()) << "no \"" << kRejected << "\" line";
  EXPECT_EQ(JsonString(*rejected, "/level"), "error") << *rejected;
  EXPECT_EQ(JsonString(*rejected, "/path"), "unknown_section") << *rejected;
  EXPECT_NE(JsonString(*rejected, "/error").value_or(""), "") << *rejected;

  EXPECT_EQ(SourceAppOfNextReceipt(), "before");
  EXPECT_TRUE(daemon().LogLines(kReloaded).empty());
  EXPECT_TRUE(daemon().process().Running());
}

TEST_F(ReloadTest, AFileThatCannotBeUsedRejectsTheReloadNamingEachFileAndWhy) {
  ASSERT_EQ(SourceAppOfNextReceipt(), "before");

  // An unknown key, and upstreams' CA file and an overrides file that are gone: all reported in
  // one reload, the files not as asio's bare "asio.ssl error"; the new source_app must not take
  // effect.
  DaemonSettings settings = LabelledSettings("after");
  const std::string missing_ca = (daemon().config_path().parent_path() / "gone-ca.pem").string();
  const std::string missing_overrides =
      (daemon().config_path().parent_path() / "gone-overrides.yaml").string();
  settings.ca_file = missing_ca;
  settings.extra_yaml =
      "pricing:\n  overrides_file: \"" + missing_overrides + "\"\nunknown_section:\n  key: 1\n";
  RewriteConfig(RenderConfigYaml(settings, daemon().receipts().path()));
  daemon().process().Signal(SIGHUP);
  ASSERT_TRUE(daemon().WaitForLogLine(kRejected, 5, kWait).has_value()) << daemon().Log();

  std::vector<std::string> lines = daemon().LogLines(kRejected);
  EXPECT_EQ(JsonString(lines.front(), "/path"), "unknown_section") << lines.front();
  lines.erase(lines.begin());
  std::vector<std::string> paths;
  for (const std::string& line : lines) {
    const std::string path = JsonString(line, "/path").value_or("");
    const std::string file = path == "pricing.overrides_file" ? missing_overrides : missing_ca;
    EXPECT_EQ(JsonString(line, "/error"), "cannot use '" + file + "': No such file or directory")
        << line;
    paths.push_back(path);
  }
  EXPECT_EQ(paths,
            (std::vector<std::string>{"upstreams.gemini.ca_file", "upstreams.vertex.ca_file",
                                      "upstreams.elevenlabs.ca_file",
                                      "upstreams.google-tts.ca_file", "pricing.overrides_file"}));
  EXPECT_EQ(daemon().Log().find("asio.ssl"), std::string::npos);
  EXPECT_EQ(SourceAppOfNextReceipt(), "before");
  EXPECT_TRUE(daemon().LogLines(kReloaded).empty());
}

// Started without --config: the upstream and receipts path come from COSTGATE_* variables.
class ReloadWithoutFileTest : public IntegrationTest {
 protected:
  CostgateProcess& StartDaemon() override {
    DaemonSettings settings = MockUpstreamSettings();
    settings.config_file = false;
    own_ = std::make_unique<DaemonUnderTest>(settings);
    return *own_->daemon;
  }

 private:
  std::unique_ptr<DaemonUnderTest> own_;
};

TEST_F(ReloadWithoutFileTest, SighupLogsAWarningAndTheDaemonKeepsServing) {
  const GeminiFixture fixture = LoadFixture(kFixture);
  // A served request first: the daemon is past its startup when the signal arrives.
  ASSERT_EQ(Http(FixtureRequest(daemon(), fixture, "/gemini", UniqueToken("pre-hup"))).status, 200);

  daemon().process().Signal(SIGHUP);
  const auto ignored = daemon().WaitForLogLine(kIgnored, 0, kWait);
  ASSERT_TRUE(ignored.has_value()) << "no \"" << kIgnored << "\" line";
  EXPECT_EQ(JsonString(*ignored, "/level"), "warn") << *ignored;

  const HttpResponse response =
      Http(FixtureRequest(daemon(), fixture, "/gemini", UniqueToken("post-hup")));
  EXPECT_EQ(response.status, 200);
  EXPECT_TRUE(SameBytes(response.body, fixture.response_body));
  EXPECT_TRUE(daemon().process().Running());
  EXPECT_TRUE(daemon().LogLines(kReloaded).empty());
}

}  // namespace
}  // namespace costgate::integration
