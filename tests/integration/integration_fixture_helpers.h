// Test environments: one mock upstream per test process, one shared daemon for most tests, and
// fresh daemons for tests that need their own configuration. Plus request builders.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "tests/integration/costgate_process_helpers.h"
#include "tests/integration/fixture_helpers.h"
#include "tests/integration/http_client_helpers.h"
#include "tests/integration/json_helpers.h"
#include "tests/integration/mock_upstream_helpers.h"
#include "tests/integration/process_helpers.h"
#include "tests/integration/raw_client_helpers.h"

namespace costgate::integration {

inline constexpr std::string_view kMarkerHeader = "x-test-marker";
inline constexpr auto kWait = std::chrono::seconds(5);  // bound on every wait for an effect

// Labels and env of the shared daemon (asserted by the attribution tests).
inline constexpr std::string_view kSourceApp = "integ-app";
std::map<std::string, std::string> SharedDaemonLabels();

// The test CA and the mock, started on first use and kept for the whole process.
struct SharedUpstream {
  SharedUpstream()
      : ca(MakeTestCa(dir.path())), mock(std::make_unique<MockUpstream>(ca, dir.path())) {}
  TempDir dir;
  TestCa ca;
  std::unique_ptr<MockUpstream> mock;
};
SharedUpstream& Upstream();  // throws std::runtime_error when it cannot start

// A daemon with its own work dir (config, log, receipts DB), stopped when destroyed.
struct DaemonUnderTest {
  explicit DaemonUnderTest(const DaemonSettings& settings)
      : daemon(std::make_unique<CostgateProcess>(settings, dir.path())) {}
  TempDir dir;
  std::unique_ptr<CostgateProcess> daemon;
};

// Settings pointing at the shared mock with the test CA.
DaemonSettings MockUpstreamSettings();

// A process-unique token ("m-<pid>-<n>-<tag>"), for markers, key values and gate names.
std::string UniqueToken(std::string_view tag);

// Request for `fixture` through the proxy at `prefix` ("/gemini" or ""), with
// x-mock-fixture and the marker header set.
HttpRequest FixtureRequest(const CostgateProcess& daemon, const GeminiFixture& fixture,
                           std::string_view prefix, std::string_view marker,
                           std::vector<std::string> extra_headers = {});

// The same request as raw HTTP/1.1 text with Content-Length framing.
std::string RawFixtureRequest(const GeminiFixture& fixture, std::string_view prefix,
                              std::string_view marker,
                              const std::vector<std::string>& extra_headers = {});

// Base for tests against a daemon: starts the shared upstream and the daemon (StartDaemon), and
// prints the daemon's and the mock's log tails when a test fails.
class IntegrationTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;
  // The daemon this test talks to, started on demand; may throw when it cannot start.
  virtual CostgateProcess& StartDaemon() = 0;

  CostgateProcess& daemon() { return *daemon_; }
  const MockUpstream& mock() { return *Upstream().mock; }

 private:
  CostgateProcess* daemon_ = nullptr;
};

// Tests against the shared daemon (MockUpstreamSettings + SharedDaemonLabels + kSourceApp).
class SharedDaemonTest : public IntegrationTest {
 protected:
  CostgateProcess& StartDaemon() override;
};

}  // namespace costgate::integration
