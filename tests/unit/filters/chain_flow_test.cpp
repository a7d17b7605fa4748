// Runs whole chains over an Exchange the way daemon/proxy_session does: request phase until an
// answer, (forwarding), response head and body on every filter, then completion on every filter.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "filters/chain.h"
#include "tests/unit/filters/bundled_prices_helpers.h"
#include "tests/unit/filters/collecting_receipt_sink.h"
#include "tests/unit/filters/fixture_file.h"

namespace costgate::filters {
namespace {

using Filters = std::vector<std::unique_ptr<Filter>>;

config::Config SidecarConfig() {
  config::Config config;
  config::UpstreamConfig gemini;
  gemini.name = "gemini";
  gemini.url = "https://generativelanguage.googleapis.com";
  config.upstreams.push_back(gemini);
  config.labels.source_app = "billing-api";
  config.labels.workspace = "acme";
  config.labels.team = "payments";
  config.labels.project = "invoices";
  config.labels.environment = "prod";
  config.labels.pod = "billing-api-7f9c";
  return config;
}

Exchange Admitted(std::string method, std::string target) {
  Exchange x;
  x.event_id = "0190a6e4-7b1c-7cc3-9a4e-3f1d2c5b6a70";
  x.start_unix_ms = 1'750'000'000'000;
  x.request.method = std::move(method);
  x.request.target = std::move(target);
  x.request.headers.Add("Host", "127.0.0.1:8787");
  x.request.headers.Add("x-goog-api-key", "AIza-test-key");
  x.request.headers.Add("Content-Type", "application/json");
  return x;
}

// true when a request filter answered (nothing is forwarded then).
bool RunRequestPhase(const Filters& filters, Exchange& x) {
  for (const auto& filter : filters) {
    if (filter->OnRequest(x) == Next::kAnswered) {
      return true;
    }
  }
  return false;
}

void RunResponse(const Filters& filters, Exchange& x, ResponseHead head, std::string_view body,
                 size_t piece) {
  x.response = std::move(head);
  for (const auto& filter : filters) {
    filter->OnResponseHead(x);
  }
  for (size_t at = 0; at < body.size(); at += piece) {
    const std::string_view chunk = body.substr(at, std::min(piece, body.size() - at));
    for (const auto& filter : filters) {
      filter->OnResponseBody(x, chunk);
    }
  }
}

void Complete(const Filters& filters, Exchange& x, Outcome outcome, int http_status,
              std::string reason = "") {
  x.outcome = outcome;
  x.http_status = http_status;
  x.reason = std::move(reason);
  x.end_unix_ms = x.start_unix_ms + 1234;
  x.latency_ms = 1234;
  for (const auto& filter : filters) {
    filter->OnComplete(x);
  }
}

ResponseHead Head(int status, std::string content_type) {
  ResponseHead head;
  head.status = status;
  head.headers.Add("Content-Type", std::move(content_type));
  return head;
}

class ChainFlowTest : public ::testing::Test {
 protected:
  CollectingReceiptSink sink_;
  FilterStats stats_;
  FilterChain chain_ = FilterChain::Build(SidecarConfig(), sink_, stats_, BundledPrices(),
                                          {.host = "host-1", .version = "0.1.0"});
};

TEST_F(ChainFlowTest, StreamedGenerateContentEndsAsAMeteredPricedReceipt) {
  const Filters filters = chain_.CreateFilters();
  Exchange x =
      Admitted("POST", "/v1beta/models/gemini-2.0-flash-001:streamGenerateContent?alt=sse");
  x.request.headers.Add("X-Costgate-User", "alice");
  x.request.headers.Add("x-costgate-feature", "summarise");

  ASSERT_FALSE(RunRequestPhase(filters, x));
  // What the daemon forwards.
  EXPECT_EQ(x.upstream_target, "/v1beta/models/gemini-2.0-flash-001:streamGenerateContent?alt=sse");
  EXPECT_EQ(x.request.headers.size(), 3u);
  EXPECT_EQ(*x.request.headers.Find("x-goog-api-key"), "AIza-test-key");

  const std::string body =
      ReadFixture("gemini/ddtrace-gemini-2.0-flash-streamGenerateContent-sse.response.sse");
  RunResponse(filters, x, Head(200, "text/event-stream"), body, 61);
  x.ttfb_ms = 380;
  x.request_bytes = 103;
  x.response_bytes = body.size();
  Complete(filters, x, Outcome::kSuccess, 200);

  ASSERT_EQ(sink_.receipts.size(), 1u);
  const Receipt& r = sink_.receipts[0];
  EXPECT_EQ(r.event_id, "0190a6e4-7b1c-7cc3-9a4e-3f1d2c5b6a70");
  EXPECT_EQ(r.start_unix_ms, 1'750'000'000'000);
  EXPECT_EQ(r.end_unix_ms, 1'750'000'001'234);
  EXPECT_EQ(r.host, "host-1");
  EXPECT_EQ(r.daemon_version, "0.1.0");
  EXPECT_EQ(r.labels.source_app, "billing-api");
  EXPECT_EQ(r.labels.workspace, "acme");
  EXPECT_EQ(r.labels.team, "payments");
  EXPECT_EQ(r.labels.project, "invoices");
  EXPECT_EQ(r.labels.environment, "prod");
  EXPECT_EQ(r.labels.pod, "billing-api-7f9c");
  EXPECT_EQ(r.labels.user, "alice");
  EXPECT_EQ(r.labels.feature, "summarise");
  EXPECT_EQ(r.labels.job, "");
  EXPECT_EQ(r.provider, "gemini");
  EXPECT_EQ(r.operation, "streamGenerateContent");
  EXPECT_TRUE(r.metered);
  EXPECT_EQ(r.model_requested, "gemini-2.0-flash-001");
  EXPECT_EQ(r.model_version, "gemini-2.0-flash-001");
  EXPECT_EQ(r.units.Get(kUnitInputTokens), 14);
  EXPECT_EQ(r.units.Get(kUnitOutputTokens), 51);
  EXPECT_EQ(r.units, x.units);
  // gemini/gemini-2.0-flash-001: 14 x $0.10/1M + 51 x $0.40/1M = 1,400,000 + 20,400,000 pico
  EXPECT_EQ(r.cost, pricing::Money::FromPico(21'800'000));
  EXPECT_EQ(r.price_key, "gemini/gemini-2.0-flash-001");
  EXPECT_EQ(r.pricing_version, BundledPrices().Current().version());
  EXPECT_EQ(r.unpriced_reason, "");
  EXPECT_EQ(r.outcome, Outcome::kSuccess);
  EXPECT_EQ(r.reason, "");
  EXPECT_EQ(r.http_status, 200);
  EXPECT_EQ(r.latency_ms, 1234);
  EXPECT_EQ(r.ttfb_ms, 380);
  EXPECT_EQ(r.request_bytes, 103u);
  EXPECT_EQ(r.response_bytes, 1810u);
  EXPECT_FALSE(r.estimated);

  EXPECT_EQ(stats_.receipts_submitted.load(), 1u);
  EXPECT_EQ(stats_.unpriced_receipts.load(), 0u);
  EXPECT_EQ(stats_.unmetered_receipts.load(), 0u);
  EXPECT_EQ(stats_.usage_missing.load(), 0u);
}

TEST_F(ChainFlowTest, PrefixedGzipGenerateContentIsMetered) {
  const Filters filters = chain_.CreateFilters();
  Exchange x = Admitted("POST", "/gemini/v1beta/models/gemini-2.0-flash-001:generateContent");
  ASSERT_FALSE(RunRequestPhase(filters, x));
  EXPECT_EQ(x.upstream_target, "/v1beta/models/gemini-2.0-flash-001:generateContent");
  ResponseHead head = Head(200, "application/json; charset=UTF-8");
  head.headers.Add("Content-Encoding", "gzip");
  RunResponse(filters, x, std::move(head),
              ReadFixture("gemini/ddtrace-gemini-2.0-flash-generateContent-gzip.response.json.gz"),
              512);
  Complete(filters, x, Outcome::kSuccess, 200);
  ASSERT_EQ(sink_.receipts.size(), 1u);
  EXPECT_EQ(sink_.receipts[0].units.Get(kUnitInputTokens), 14);
  EXPECT_EQ(sink_.receipts[0].units.Get(kUnitOutputTokens), 52);
}

TEST_F(ChainFlowTest, UpstreamErrorStillEndsAsAReceiptWithoutUnits) {
  const Filters filters = chain_.CreateFilters();
  Exchange x = Admitted("POST", "/v1beta/models/nonexistent-model:generateContent");
  ASSERT_FALSE(RunRequestPhase(filters, x));
  RunResponse(filters, x, Head(404, "application/json; charset=UTF-8"),
              ReadFixture("gemini/pydanticai-countTokens-error.response.json"), 64);
  Complete(filters, x, Outcome::kUpstreamError, 404, "upstream_status");
  ASSERT_EQ(sink_.receipts.size(), 1u);
  EXPECT_EQ(sink_.receipts[0].outcome, Outcome::kUpstreamError);
  EXPECT_EQ(sink_.receipts[0].http_status, 404);
  EXPECT_TRUE(sink_.receipts[0].units.empty());
  EXPECT_EQ(stats_.usage_missing.load(), 0u);
}

TEST_F(ChainFlowTest, UnknownRouteIsAnsweredAndLeavesNoReceipt) {
  const Filters filters = chain_.CreateFilters();
  Exchange x = Admitted("POST", "/foo");
  x.request.headers.Add("x-costgate-user", "alice");
  ASSERT_TRUE(RunRequestPhase(filters, x));
  EXPECT_EQ(x.reply.status, 404);
  EXPECT_EQ(x.reply.reason, "unknown_route");
  // Nothing after route ran.
  EXPECT_EQ(x.labels.source_app, "");
  Complete(filters, x, Outcome::kDenied, 404, x.reply.reason);
  EXPECT_TRUE(sink_.receipts.empty());
  EXPECT_EQ(stats_.unpriced_receipts.load(), 0u);
}

TEST_F(ChainFlowTest, BadAttributionIsAnsweredInGeminiShapeWithADeniedReceipt) {
  const Filters filters = chain_.CreateFilters();
  Exchange x = Admitted("POST", "/v1beta/models/gemini-2.5-flash:generateContent");
  x.request.headers.Add("x-costgate-job", std::string(300, 'j'));
  ASSERT_TRUE(RunRequestPhase(filters, x));
  EXPECT_EQ(x.reply.status, 400);
  EXPECT_NE(x.reply.body.find("BAD_LABEL"), std::string::npos);
  Complete(filters, x, Outcome::kDenied, 400, x.reply.reason);
  ASSERT_EQ(sink_.receipts.size(), 1u);
  EXPECT_EQ(sink_.receipts[0].outcome, Outcome::kDenied);
  EXPECT_EQ(sink_.receipts[0].reason, "bad_label");
  EXPECT_EQ(sink_.receipts[0].http_status, 400);
}

TEST_F(ChainFlowTest, FreeCountTokensIsRecordedAtNoCost) {
  const Filters filters = chain_.CreateFilters();
  Exchange x = Admitted("POST", "/v1beta/models/gemini-2.5-flash:countTokens");
  ASSERT_FALSE(RunRequestPhase(filters, x));
  RunResponse(filters, x, Head(200, "application/json"),
              ReadFixture("gemini/pydanticai-countTokens-raw.response.json"), 64);
  Complete(filters, x, Outcome::kSuccess, 200);
  ASSERT_EQ(sink_.receipts.size(), 1u);
  const Receipt& r = sink_.receipts[0];
  EXPECT_EQ(r.operation, "countTokens");
  EXPECT_TRUE(r.metered);
  EXPECT_EQ(r.units.ToJson(), R"({"requests":1})");
  ASSERT_TRUE(r.cost.has_value());
  EXPECT_EQ(r.cost->pico(), 0);
  EXPECT_EQ(stats_.usage_missing.load(), 0u);
}

TEST_F(ChainFlowTest, ModelListLeavesNoReceipt) {
  const Filters filters = chain_.CreateFilters();
  Exchange x = Admitted("GET", "/v1beta/models");
  ASSERT_FALSE(RunRequestPhase(filters, x));
  RunResponse(filters, x, Head(200, "application/json"), "{\"models\":[]}", 64);
  Complete(filters, x, Outcome::kSuccess, 200);
  EXPECT_TRUE(sink_.receipts.empty());
  EXPECT_EQ(stats_.receipts_submitted.load(), 0u);
}

TEST_F(ChainFlowTest, EmbeddingsEndAsAMeteredReceipt) {
  const Filters filters = chain_.CreateFilters();
  Exchange x = Admitted("POST", "/v1beta/models/gemini-embedding-2:batchEmbedContents");
  ASSERT_FALSE(RunRequestPhase(filters, x));
  RunResponse(filters, x, Head(200, "application/json"),
              ReadFixture("gemini/llmgemini-embedding-2-batchEmbedContents.response.json"), 64);
  Complete(filters, x, Outcome::kSuccess, 200);
  ASSERT_EQ(sink_.receipts.size(), 1u);
  EXPECT_TRUE(sink_.receipts[0].metered);
  EXPECT_EQ(sink_.receipts[0].operation, "batchEmbedContents");
  EXPECT_EQ(sink_.receipts[0].model_requested, "gemini-embedding-2");
  EXPECT_EQ(sink_.receipts[0].units.Get(kUnitInputTokens), 4);
  EXPECT_EQ(sink_.receipts[0].price_key, "gemini/gemini-embedding-2");
  EXPECT_EQ(sink_.receipts[0].cost, pricing::Money::FromPico(800'000));  // 4 x $0.20 / 1M
  EXPECT_EQ(stats_.unmetered_receipts.load(), 0u);
  EXPECT_EQ(stats_.usage_missing.load(), 0u);
}

}  // namespace
}  // namespace costgate::filters
