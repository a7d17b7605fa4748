// An operation the daemon forwards but does not meter (batchGenerateContent, whose results arrive
// later by polling): the exchange is passed through untouched and leaves a receipt marked
// unmetered, with no units, so new API surface is visible rather than silently free.
#include <gtest/gtest.h>

#include "tests/integration/integration_fixture_helpers.h"
#include "tests/integration/shipping_helpers.h"

namespace costgate::integration {
namespace {

constexpr std::string_view kEmbeddings = "llmgemini-embedding-2-batchEmbedContents";
constexpr std::string_view kBatchTarget = "/v1beta/models/gemini-2.5-flash:batchGenerateContent";

using UnmeteredTest = SharedDaemonTest;

TEST_F(UnmeteredTest, UnmeteredOperationIsForwardedAndAnsweredUnchanged) {
  const GeminiFixture fixture = LoadFixture(kEmbeddings);
  ASSERT_EQ(fixture.target, "/v1beta/models/gemini-embedding-2:batchEmbedContents");
  const std::string marker = UniqueToken("embed");
  const HttpResponse response = Http(FixtureRequest(daemon(), fixture, "", marker));
  ASSERT_EQ(response.curl_code, CURLE_OK) << response.curl_error;
  EXPECT_EQ(response.status, 200) << response.body;
  EXPECT_TRUE(SameBytes(response.body, fixture.response_body));

  const auto seen = mock().RequestsWith(kMarkerHeader, marker);
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].method, "POST");
  EXPECT_EQ(seen[0].target, fixture.target);
  EXPECT_EQ(seen[0].body_sha256, Sha256Hex(fixture.request_body));
}

// The answer carries a usageMetadata (the mock replays a recorded embeddings body), but only
// metered operations get a usage meter: an unmetered receipt records that the call happened,
// with an empty units object rather than a partial reading.
TEST_F(UnmeteredTest, UnmeteredOperationLeavesAReceiptWithNoUnitsAndIsCounted) {
  const double unmetered_before = MetricValue(daemon(), "costgate_receipts_unmetered_total");
  HttpRequest request;
  request.method = "POST";
  request.url = daemon().Url(kBatchTarget);
  request.headers = {"Content-Type: application/json", "x-goog-api-key: test-key",
                     "x-mock-body: gemini/llmgemini-embedding-2-batchEmbedContents.response.json"};
  request.body = R"({"batch":{"displayName":"nightly"}})";
  const HttpResponse response = Http(request);
  ASSERT_EQ(response.status, 200) << response.body;
  const auto receipt = daemon().receipts().WaitForReceipt(
      response.Header("x-costgate-event-id").value_or(""), kWait);
  ASSERT_TRUE(receipt.has_value());
  EXPECT_EQ(receipt->Int("metered"), 0);
  EXPECT_EQ(receipt->Text("provider"), "gemini");
  EXPECT_EQ(receipt->Text("operation"), "batchGenerateContent");
  EXPECT_EQ(receipt->Text("model_requested"), "gemini-2.5-flash");
  EXPECT_EQ(receipt->Text("units_json"), "{}");
  EXPECT_TRUE(receipt->IsNull("cost_pico_usd")) << receipt->Text("cost_pico_usd");
  EXPECT_EQ(receipt->Text("unpriced_reason"), "unmetered");
  EXPECT_EQ(receipt->Text("outcome"), "success");
  EXPECT_EQ(receipt->Int("http_status"), 200);
  EXPECT_EQ(MetricValue(daemon(), "costgate_receipts_unmetered_total"), unmetered_before + 1);
  EXPECT_EQ(MetricValue(daemon(),
                        "costgate_requests_total{provider=\"gemini\",operation=\""
                        "batchGenerateContent\",status=\"200\"}"),
            1);
}

}  // namespace
}  // namespace costgate::integration
