// Receipt fields beyond usage, and calls that must leave no receipt.
#include <gtest/gtest.h>

#include "tests/integration/integration_fixture_helpers.h"

namespace costgate::integration {
namespace {

using ReceiptTest = SharedDaemonTest;

TEST_F(ReceiptTest, ReceiptRecordsHostVersionAndConsistentTimes) {
  const GeminiFixture fixture = LoadFixture("ddtrace-gemini-2.0-flash-streamGenerateContent-sse");
  const HttpResponse response =
      Http(FixtureRequest(daemon(), fixture, "/gemini", UniqueToken("times")));
  ASSERT_EQ(response.status, 200);
  const auto receipt = daemon().receipts().WaitForReceipt(
      response.Header("x-costgate-event-id").value_or(""), kWait);
  ASSERT_TRUE(receipt.has_value());
  EXPECT_NE(receipt->Text("host"), "");
  EXPECT_NE(receipt->Text("daemon_version"), "");
  const int64_t start = receipt->Int("start_unix_ms").value_or(-1);
  const int64_t end = receipt->Int("end_unix_ms").value_or(-1);
  const int64_t latency = receipt->Int("latency_ms").value_or(-1);
  const int64_t ttfb = receipt->Int("ttfb_ms").value_or(-2);
  EXPECT_GT(start, 1'600'000'000'000);
  EXPECT_LE(start, end);
  EXPECT_GE(latency, 0);
  EXPECT_GE(ttfb, 0);
  EXPECT_LE(ttfb, latency);
}

TEST_F(ReceiptTest, CountTokensWritesNoReceipt) {
  const GeminiFixture free_call = LoadFixture("pydanticai-countTokens-raw");
  const GeminiFixture metered = LoadFixture("ddtrace-gemini-2.0-flash-generateContent-gzip");
  const std::string free_marker = UniqueToken("count-tokens");
  const std::string barrier_marker = UniqueToken("barrier");
  // One connection: the daemon completes the first call before it reads the second, and
  // receipts are committed in completion order, so once the second call's receipt is in, a
  // receipt of the first would be too.
  HttpClient client;
  const HttpResponse free_response = client.Perform(FixtureRequest(
      daemon(), free_call, "/gemini", free_marker, {"x-costgate-job: " + free_marker}));
  ASSERT_EQ(free_response.status, 200);
  EXPECT_TRUE(SameBytes(free_response.body, free_call.response_body));
  ASSERT_EQ(client
                .Perform(FixtureRequest(daemon(), metered, "/gemini", barrier_marker,
                                        {"x-costgate-job: " + barrier_marker}))
                .status,
            200);
  ASSERT_EQ(daemon().receipts().WaitForRows("job", barrier_marker, 1, kWait).size(), 1u);
  EXPECT_TRUE(daemon().receipts().RowsWhere("job", free_marker).empty());
}

}  // namespace
}  // namespace costgate::integration
