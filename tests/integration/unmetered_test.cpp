// An operation the daemon forwards but does not meter (batchGenerateContent, whose results arrive
// later by polling): the exchange is passed through untouched and leaves a receipt marked
// unmetered, with no units, so new API surface is visible rather than silently free.
#include <gtest/gtest.h>

#include <algorithm>

#include "tests/integration/integration_fixture_helpers.h"
#include "tests/integration/shipping_helpers.h"

namespace costgate::integration {
namespace {

constexpr std::string_view kBatchBody = R"({"batch":{"displayName":"nightly"}})";
// The mock answers with this recorded body (x-mock-body): it carries a usageMetadata.
constexpr std::string_view kAnswerFile =
    "gemini/llmgemini-embedding-2-batchEmbedContents.response.json";

using UnmeteredTest = SharedDaemonTest;

// Each test calls its own unmetered method, so neither reads the other's request counter.
std::string Target(std::string_view method) {
  return "/v1beta/models/gemini-2.5-flash:" + std::string(method);
}

std::string RequestsSeries(std::string_view method) {
  return R"(costgate_requests_total{provider="gemini",operation=")" + std::string(method) +
         R"(",status="200"})";
}

// Requests counted for `method` so far: a series /metrics does not show yet counted none.
double RequestCount(const CostgateProcess& daemon, std::string_view method) {
  return std::max(0.0, MetricValue(daemon, RequestsSeries(method)));
}

HttpRequest UnmeteredRequest(const CostgateProcess& daemon, std::string_view method,
                             const std::string& marker) {
  HttpRequest request;
  request.method = "POST";
  request.url = daemon.Url(Target(method));
  request.headers = {"Content-Type: application/json", "x-goog-api-key: test-key",
                     "x-mock-body: " + std::string(kAnswerFile),
                     std::string(kMarkerHeader) + ": " + marker};
  request.body = std::string(kBatchBody);
  return request;
}

TEST_F(UnmeteredTest, UnmeteredOperationIsForwardedAndAnsweredUnchanged) {
  constexpr std::string_view kMethod = "asyncBatchEmbedContent";
  const double requests_before = RequestCount(daemon(), kMethod);
  const std::string marker = UniqueToken("unmetered");
  const HttpResponse response = Http(UnmeteredRequest(daemon(), kMethod, marker));
  ASSERT_EQ(response.curl_code, CURLE_OK) << response.curl_error;
  EXPECT_EQ(response.status, 200) << response.body;
  EXPECT_TRUE(SameBytes(response.body, ReadFileOrEmpty(std::string(COSTGATE_FIXTURES_DIR) + "/" +
                                                       std::string(kAnswerFile))));

  const auto seen = mock().RequestsWith(kMarkerHeader, marker);
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].method, "POST");
  EXPECT_EQ(seen[0].target, Target(kMethod));
  EXPECT_EQ(seen[0].body_sha256, Sha256Hex(kBatchBody));
  // Counted under its own name once complete (which also settles the shared unmetered total
  // before another test reads it).
  EXPECT_EQ(WaitForMetricAtLeast(daemon(), RequestsSeries(kMethod), requests_before + 1, kWait),
            requests_before + 1);
}

// The answer carries a usageMetadata (the mock replays a recorded embeddings body), but only
// metered operations get a usage meter: an unmetered receipt records that the call happened,
// with an empty units object rather than a partial reading.
TEST_F(UnmeteredTest, UnmeteredOperationLeavesAReceiptWithNoUnitsAndIsCounted) {
  constexpr std::string_view kMethod = "batchGenerateContent";
  const double unmetered_before = MetricValue(daemon(), "costgate_receipts_unmetered_total");
  const double requests_before = RequestCount(daemon(), kMethod);
  const HttpResponse response = Http(UnmeteredRequest(daemon(), kMethod, UniqueToken("counted")));
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
  // Counted just after the last byte reached the client: wait for it, then expect exactly one.
  EXPECT_EQ(WaitForMetricAtLeast(daemon(), RequestsSeries(kMethod), requests_before + 1, kWait),
            requests_before + 1);
  EXPECT_EQ(MetricValue(daemon(), "costgate_receipts_unmetered_total"), unmetered_before + 1);
}

}  // namespace
}  // namespace costgate::integration
