#include "tests/integration/integration_fixture_helpers.h"

#include <unistd.h>

#include <atomic>
#include <iostream>

namespace costgate::integration {
namespace {

std::string HeadLines(const std::vector<std::string>& headers) {
  std::string text;
  for (const auto& header : headers) {
    text += header + "\r\n";
  }
  return text;
}

}  // namespace

std::map<std::string, std::string> SharedDaemonLabels() {
  return {{"workspace", "ws-integ"},
          {"team", "team-integ"},
          {"project", "proj-integ"},
          {"environment", "env-integ"},
          {"pod", "pod-integ"}};
}

SharedUpstream& Upstream() {
  static SharedUpstream upstream;  // a failed start throws and is retried by the next caller
  return upstream;
}

DaemonSettings MockUpstreamSettings() {
  DaemonSettings settings;
  settings.upstream_url = Upstream().mock->url();
  settings.ca_file = Upstream().ca.ca_file.string();
  return settings;
}

std::string UniqueToken(std::string_view tag) {
  static std::atomic<int> counter{0};
  return "m-" + std::to_string(getpid()) + "-" + std::to_string(++counter) + "-" + std::string(tag);
}

HttpRequest FixtureRequest(const CostgateProcess& daemon, const GeminiFixture& fixture,
                           std::string_view prefix, std::string_view marker,
                           std::vector<std::string> extra_headers) {
  HttpRequest request;
  request.method = fixture.method;
  request.url = daemon.Url(std::string(prefix) + fixture.target);
  request.headers = {"Content-Type: application/json", "x-mock-fixture: " + fixture.name,
                     std::string(kMarkerHeader) + ": " + std::string(marker)};
  request.headers.insert(request.headers.end(), extra_headers.begin(), extra_headers.end());
  if (fixture.method != "GET") {
    request.body = fixture.request_body;
  }
  return request;
}

std::string RawFixtureRequest(const GeminiFixture& fixture, std::string_view prefix,
                              std::string_view marker,
                              const std::vector<std::string>& extra_headers) {
  return fixture.method + " " + std::string(prefix) + fixture.target + " HTTP/1.1\r\n" +
         "Host: 127.0.0.1\r\nContent-Type: application/json\r\n" +
         "x-mock-fixture: " + fixture.name + "\r\n" + std::string(kMarkerHeader) + ": " +
         std::string(marker) + "\r\n" + HeadLines(extra_headers) +
         "Content-Length: " + std::to_string(fixture.request_body.size()) + "\r\n\r\n" +
         fixture.request_body;
}

void IntegrationTest::SetUp() {
  try {
    Upstream();
    daemon_ = &StartDaemon();
  } catch (const std::exception& e) {
    GTEST_FAIL() << "test environment did not start: " << e.what();
  }
  ASSERT_TRUE(Upstream().mock->Running()) << "the mock upstream died; its log:\n"
                                          << TailOfFile(Upstream().mock->stderr_path(), 30);
  ASSERT_TRUE(daemon_->process().Running()) << "costgate is not running; its log:\n"
                                            << TailOfFile(daemon_->stderr_path(), 30);
}

void IntegrationTest::TearDown() {
  if (!HasFailure()) {
    return;
  }
  if (daemon_ != nullptr) {
    std::cerr << "---- costgate stderr (tail) ----\n" << TailOfFile(daemon_->stderr_path(), 40);
  }
  std::cerr << "---- mock upstream stderr (tail) ----\n"
            << TailOfFile(Upstream().mock->stderr_path(), 20) << "----\n";
}

CostgateProcess& SharedDaemonTest::StartDaemon() {
  // Static: one shared daemon per test process, stopped at exit (before the mock: it was
  // started after it).
  static std::unique_ptr<DaemonUnderTest> shared;
  if (!shared) {
    DaemonSettings settings = MockUpstreamSettings();
    settings.labels = SharedDaemonLabels();
    settings.env = {"COSTGATE_SOURCE_APP=" + std::string(kSourceApp)};
    shared = std::make_unique<DaemonUnderTest>(settings);
  }
  return *shared->daemon;
}

}  // namespace costgate::integration
