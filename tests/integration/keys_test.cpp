// Provider credentials are forwarded untouched and never written anywhere by the daemon.
#include <gtest/gtest.h>

#include "tests/integration/integration_fixture_helpers.h"

namespace costgate::integration {
namespace {

using KeysTest = SharedDaemonTest;

TEST_F(KeysTest, ApiKeyHeaderReachesUpstreamUnchanged) {
  const std::string marker = UniqueToken("key-header");
  const std::string key = "AIzaHeaderKey-" + marker;
  ASSERT_EQ(Http(FixtureRequest(daemon(), LoadFixture(kSseFixture), "/gemini", marker,
                                {"x-goog-api-key: " + key}))
                .status,
            200);
  const auto seen = mock().RequestsWith(kMarkerHeader, marker);
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].Header("x-goog-api-key"), key);
}

TEST_F(KeysTest, ApiKeyQueryParameterReachesUpstreamUnchanged) {
  const GeminiFixture fixture = LoadFixture(kSseFixture);
  const std::string marker = UniqueToken("key-query");
  const std::string key = "AIzaQueryKey-" + marker;
  HttpRequest request = FixtureRequest(daemon(), fixture, "/gemini", marker);
  request.url += "&key=" + key;
  ASSERT_EQ(Http(request).status, 200);
  const auto seen = mock().RequestsWith(kMarkerHeader, marker);
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].target, fixture.target + "&key=" + key);
}

TEST_F(KeysTest, AuthorizationHeaderReachesUpstreamUnchanged) {
  const std::string marker = UniqueToken("bearer");
  const std::string authorization = "Bearer ya29.token-" + marker;
  ASSERT_EQ(Http(FixtureRequest(daemon(), LoadFixture(kSseFixture), "/gemini", marker,
                                {"Authorization: " + authorization}))
                .status,
            200);
  const auto seen = mock().RequestsWith(kMarkerHeader, marker);
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].Header("Authorization"), authorization);
}

TEST_F(KeysTest, ApiKeysNeverAppearInTheLogOrTheReceiptsDatabase) {
  const std::string marker = UniqueToken("secret");
  const std::string header_key = "AIzaSecretHeader-" + marker;
  const std::string query_key = "AIzaSecretQuery-" + marker;
  HttpRequest request = FixtureRequest(daemon(), LoadFixture(kSseFixture), "/gemini", marker,
                                       {"x-goog-api-key: " + header_key});
  request.url += "&key=" + query_key;
  const HttpResponse response = Http(request);
  ASSERT_EQ(response.status, 200);
  const std::string event_id = response.Header("x-costgate-event-id").value_or("");
  ASSERT_TRUE(daemon().receipts().WaitForReceipt(event_id, kWait).has_value());

  // The request is in the log (its access line), but not its keys.
  ASSERT_TRUE(daemon().WaitForAccessLine(event_id, kWait).has_value())
      << "no access line names " << event_id;
  const std::string log = daemon().Log();
  EXPECT_EQ(log.find(header_key), std::string::npos);
  EXPECT_EQ(log.find(query_key), std::string::npos);
  for (const char* suffix : {"", "-wal", "-journal"}) {
    const std::string bytes = ReadFileOrEmpty(daemon().receipts().path().string() + suffix);
    EXPECT_EQ(bytes.find(header_key), std::string::npos) << "receipts.db" << suffix;
    EXPECT_EQ(bytes.find(query_key), std::string::npos) << "receipts.db" << suffix;
  }
}

}  // namespace
}  // namespace costgate::integration
