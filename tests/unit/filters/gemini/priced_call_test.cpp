// The new Gemini / Vertex AI meters through the meter and price filters with the bundled price
// book: each records the unit its LiteLLM row has a rate for, so the call is priced.
// Rates (pricing/data/litellm_model_prices.json): gemini/gemini-embedding-001 $0.15 per 1M
// tokens; text-embedding-005 $0.025 per 1M characters; vertex_ai/imagen-4.0-generate-001 $0.04
// per image; gemini/veo-3.1-generate-preview $0.40 per second; gemini/gemini-2.5-flash $0.30
// per 1M input tokens.
#include <gtest/gtest.h>

#include "filters/meter/meter_filter.h"
#include "filters/price/price_filter.h"
#include "tests/unit/filters/bundled_prices_helpers.h"
#include "tests/unit/filters/gemini/call_helpers.h"

namespace costgate::filters::gemini {
namespace {

using testing::Call;
using testing::LoadFixtureCall;

constexpr int64_t kStart = 1'795'000'000'000;  // 2026-11-18

Exchange MeterAndPrice(const Call& call) {
  FilterStats stats;
  Exchange x = testing::RoutedExchange(call);
  x.start_unix_ms = kStart;
  MeterFilter meter(stats);
  meter.OnRequestBody(x, call.request_body);
  ResponseHead head;
  head.status = call.status;
  head.headers = call.response_headers;
  x.response = head;
  meter.OnResponseHead(x);
  meter.OnResponseBody(x, call.response_body);
  meter.OnComplete(x);
  PriceFilter(BundledPrices(), stats).OnComplete(x);
  return x;
}

int64_t Pico(const Exchange& x) { return x.cost.has_value() ? x.cost->pico() : -1; }

TEST(GeminiPricedCall, EmbeddingWithoutUsageIsPricedFromItsText) {
  const Exchange x =
      MeterAndPrice(LoadFixtureCall("llmgemini-embedding-001-batchEmbedContents-no-usage"));
  EXPECT_TRUE(x.estimated);
  EXPECT_EQ(x.price_key, "gemini/gemini-embedding-001");
  EXPECT_EQ(Pico(x), 5 * 150'000);
}

TEST(GeminiPricedCall, VertexTextEmbeddingIsPricedPerCharacter) {
  Call call = LoadFixtureCall("pydanticai-vertex-embeddings-predict");
  call.target =
      "/v1beta1/projects/p/locations/global/publishers/google/models/text-embedding-005:predict";
  const Exchange x = MeterAndPrice(call);
  EXPECT_EQ(x.price_key, "text-embedding-005");
  EXPECT_EQ(Pico(x), 12 * 25'000);
}

TEST(GeminiPricedCall, ImagenIsPricedPerImage) {
  Call call;
  call.target =
      "/v1/projects/p/locations/us-central1/publishers/google/models/"
      "imagen-4.0-generate-001:predict";
  call.response_body = R"({"predictions":[{"bytesBase64Encoded":"QUFB","mimeType":"image/png"},)"
                       R"({"bytesBase64Encoded":"QkJC","mimeType":"image/png"}]})";
  const Exchange x = MeterAndPrice(call);
  EXPECT_EQ(x.price_key, "vertex_ai/imagen-4.0-generate-001");
  EXPECT_EQ(Pico(x), 2 * 40'000'000'000);
}

TEST(GeminiPricedCall, VeoIsPricedPerSecondOfVideo) {
  Call call;
  call.target = "/v1beta/models/veo-3.1-generate-preview:predictLongRunning";
  call.request_body = R"({"instances":[{"prompt":"waves"}],"parameters":{"durationSeconds":4}})";
  call.response_body = R"({"name":"models/veo-3.1-generate-preview/operations/op1"})";
  const Exchange x = MeterAndPrice(call);
  EXPECT_EQ(x.price_key, "gemini/veo-3.1-generate-preview");
  EXPECT_EQ(Pico(x), 4 * 400'000'000'000);
}

TEST(GeminiPricedCall, CacheCreationIsPricedAsInputOfTheResponsesModel) {
  const Exchange x = MeterAndPrice(LoadFixtureCall("pydanticai-cachedContents-explicit-cache.0"));
  EXPECT_EQ(x.price_key, "gemini/gemini-2.5-flash");
  EXPECT_EQ(Pico(x), 3512 * 300'000);
}

TEST(GeminiPricedCall, ProvisionedThroughputCostsNothingAtTheMargin) {
  // Shape of the recorded Vertex generateContent (ddtrace-vertex-2.0-flash-generateContent-gzip)
  // with the trafficType Vertex reports for Provisioned Throughput (PROVIDERS.md A3).
  Call call;
  call.target =
      "/v1/projects/p/locations/us-central1/publishers/google/models/"
      "gemini-2.0-flash-001:generateContent";
  call.response_body =
      R"({"candidates":[{"content":{"role":"model","parts":[{"text":"hi"}]}}],)"
      R"("usageMetadata":{"promptTokenCount":14,"candidatesTokenCount":52,"totalTokenCount":66,)"
      R"("trafficType":"PROVISIONED_THROUGHPUT"},"modelVersion":"gemini-2.0-flash-001"})";
  const Exchange x = MeterAndPrice(call);
  EXPECT_EQ(x.traffic_type, "PROVISIONED_THROUGHPUT");
  EXPECT_EQ(x.price_key, "gemini-2.0-flash-001");
  EXPECT_EQ(Pico(x), 0);
}

TEST(GeminiPricedCall, EachApiPricesGemini20FlashAtItsOwnListPrice) {
  // Cut off before the answer: the input is estimated from the request, and the model is the
  // URL's alias, which LiteLLM files under Vertex AI at the Gemini API's price.
  const std::string request = R"({"contents":[{"parts":[{"text":"Say hello"}]}]})";
  const struct {
    std::string target;
    std::string_view key;
    int64_t pico_per_token;
  } cases[] = {
      {"/v1/projects/p/locations/us-central1/publishers/google/models/"
       "gemini-2.0-flash:generateContent",
       "vertex_ai/gemini-2.0-flash", 150'000},
      {"/v1beta/publishers/google/models/gemini-2.0-flash:streamGenerateContent?alt=sse",
       "vertex_ai/gemini-2.0-flash", 150'000},
      {"/v1beta/models/gemini-2.0-flash:generateContent", "gemini/gemini-2.0-flash", 100'000},
  };
  for (const auto& c : cases) {
    Call call;
    call.target = c.target;
    call.request_body = request;
    call.status = 0;
    call.outcome = Outcome::kCancelled;
    FilterStats stats;
    Exchange x = testing::RoutedExchange(call);
    x.start_unix_ms = kStart;
    MeterFilter meter(stats);
    meter.OnRequestBody(x, call.request_body);
    meter.OnComplete(x);
    PriceFilter(BundledPrices(), stats).OnComplete(x);
    EXPECT_EQ(x.price_key, c.key) << c.target;
    EXPECT_EQ(Pico(x), static_cast<int64_t>((request.size() + 3) / 4) * c.pico_per_token)
        << c.target;
    EXPECT_EQ(x.pricing_notes, "") << c.target;
  }
}

TEST(GeminiPricedCall, AServedModelSpelledAsAResourceIsPricedAsItsOwnRow) {
  Call call;
  call.target = "/v1beta/models/gemini-2.5-pro:generateContent";
  call.response_body =
      R"({"usageMetadata":{"promptTokenCount":10,"candidatesTokenCount":2,"totalTokenCount":12},)"
      R"("modelVersion":"models/gemini-2.5-pro"})";
  const Exchange x = MeterAndPrice(call);
  EXPECT_EQ(x.model_version, "gemini-2.5-pro");
  EXPECT_EQ(x.price_key, "gemini/gemini-2.5-pro");
  EXPECT_EQ(x.pricing_notes, "");
  EXPECT_EQ(Pico(x), 10 * 1'250'000 + 2 * 10'000'000);
}

TEST(GeminiPricedCall, AVertexFlexCallWithoutFlexRatesSaysSo) {
  // The recorded Vertex answer's shape with the trafficType of a Flex PayGo call.
  Call call;
  call.target =
      "/v1/projects/p/locations/us-central1/publishers/google/models/"
      "gemini-2.0-flash-001:generateContent";
  call.response_body =
      R"({"usageMetadata":{"promptTokenCount":14,"candidatesTokenCount":52,"totalTokenCount":66,)"
      R"("trafficType":"ON_DEMAND_FLEX"},"modelVersion":"gemini-2.0-flash-001"})";
  const Exchange x = MeterAndPrice(call);
  EXPECT_EQ(x.price_key, "gemini-2.0-flash-001");
  EXPECT_EQ(Pico(x), 14 * 150'000 + 52 * 600'000);  // standard rates
  EXPECT_EQ(x.pricing_notes, "tier_fallback");
}

}  // namespace
}  // namespace costgate::filters::gemini
