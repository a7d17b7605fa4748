// Receipt fields beyond usage, and free calls.
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

TEST_F(ReceiptTest, CountTokensIsRecordedAsAFreeCall) {
  const GeminiFixture free_call = LoadFixture("pydanticai-countTokens-raw");
  const std::string marker = UniqueToken("count-tokens");
  const HttpResponse response =
      Http(FixtureRequest(daemon(), free_call, "/gemini", marker, {"x-costgate-job: " + marker}));
  ASSERT_EQ(response.status, 200);
  EXPECT_TRUE(SameBytes(response.body, free_call.response_body));
  const auto rows = daemon().receipts().WaitForRows("job", marker, 1, kWait);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].Text("operation"), "countTokens");
  EXPECT_EQ(rows[0].Text("units_json"), R"({"requests":1})");
  EXPECT_EQ(rows[0].Int("cost_pico_usd"), 0);
  EXPECT_EQ(rows[0].Int("metered"), 1);
}

}  // namespace
}  // namespace costgate::integration
