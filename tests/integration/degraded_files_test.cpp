// A file only shipping needs (the ship key, central's CA) that cannot be used degrades metering,
// never the AI call path: the proxy starts, says so, and forwards calls, whose receipts wait in
// the outbox. (A file the call path needs stops it: cli_test.cpp.)
#include <gtest/gtest.h>

#include "tests/integration/integration_fixture_helpers.h"

namespace costgate::integration {
namespace {

TEST(DegradedFiles, AProxyWhoseShipKeyFileIsMissingStartsAndForwards) {
  DaemonSettings settings = MockUpstreamSettings();
  settings.extra_yaml =
      "shipper:\n  url: \"http://127.0.0.1:9\"\n  api_key_file: \"/nonexistent/ship.key\"\n";
  DaemonUnderTest proxy(settings);
  const std::string log = proxy.daemon->Log();
  EXPECT_NE(log.find(R"("msg":"configured file unusable; running without it","path":)"
                     R"("shipper.api_key_file")"),
            std::string::npos)
      << log;
  const GeminiFixture fixture = LoadFixture(kSseFixture);
  const std::string marker = UniqueToken("degraded");
  const HttpResponse response = Http(
      FixtureRequest(*proxy.daemon, fixture, "/gemini", marker, {"x-costgate-job: " + marker}));
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(proxy.daemon->receipts().WaitForRows("job", marker, 1, kWait).size(), 1u);
}

}  // namespace
}  // namespace costgate::integration
