// The generateContent meter's behaviour around the response body (the body itself: meter_*
// tests) and which operations have a meter.
#include "filters/gemini/call_meter.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/unit/filters/gemini/call_helpers.h"

namespace costgate::filters::gemini {
namespace {

using testing::Call;
using testing::LoadFixtureCall;
using testing::MeterCallWhole;
using testing::RoutedExchange;

constexpr std::string_view kAisSse = "ddtrace-gemini-2.0-flash-streamGenerateContent-sse";

TEST(GeminiGenerateMeter, CancelledAfterSendingEstimatesInputFromTheRequestSize) {
  Call call = LoadFixtureCall(kAisSse);
  call.status = 0;  // the client left before the upstream answered
  call.outcome = Outcome::kCancelled;
  const MeteredUsage usage = MeterCallWhole(call);
  EXPECT_TRUE(usage.estimated);
  EXPECT_FALSE(usage.reported);
  const auto expected = static_cast<int64_t>((call.request_body.size() + 3) / 4);
  EXPECT_EQ(usage.units.ToJson(), R"({"input_tokens":)" + std::to_string(expected) + "}");
}

TEST(GeminiGenerateMeter, AStreamCutBeforeAnyUsageIsEstimated) {
  Call call = LoadFixtureCall("ddtrace-vertex-2.0-flash-streamGenerateContent-sse");
  // Vertex reports counts only in the last event; keep the first event only.
  call.response_body = call.response_body.substr(0, call.response_body.find("\r\n\r\n") + 4);
  call.outcome = Outcome::kCancelled;
  const MeteredUsage usage = MeterCallWhole(call);
  EXPECT_TRUE(usage.estimated);
  EXPECT_EQ(usage.units.Get(kUnitInputTokens),
            static_cast<int64_t>((call.request_body.size() + 3) / 4));
}

TEST(GeminiGenerateMeter, AnUpstreamErrorHasNoUnits) {
  Call call = LoadFixtureCall("pydanticai-countTokens-error");
  call.target = "/v1beta/models/nonexistent-model:generateContent";
  call.outcome = Outcome::kUpstreamError;
  const MeteredUsage usage = MeterCallWhole(call);
  EXPECT_EQ(call.status, 404);
  EXPECT_TRUE(usage.units.empty());
  EXPECT_FALSE(usage.estimated);
}

TEST(GeminiGenerateMeter, TheRequestedServiceTierWhenTheResponseNamesNone) {
  Call call = LoadFixtureCall("ddtrace-gemini-2.0-flash-generateContent-gzip");
  call.request_body = R"({"contents":[{"parts":[{"text":"hi"}]}],"serviceTier":"flex"})";
  EXPECT_EQ(MeterCallWhole(call).service_tier, "flex");
}

TEST(GeminiGenerateMeter, TheRequestedServiceTierByItsEnumName) {
  Call call = LoadFixtureCall("ddtrace-gemini-2.0-flash-generateContent-gzip");
  call.request_body = R"({"serviceTier":"SERVICE_TIER_PRIORITY","contents":[]})";
  EXPECT_EQ(MeterCallWhole(call).service_tier, "priority");
}

TEST(GeminiGenerateMeter, TheResponsesServiceTierWins) {
  // The flash-latest response reports usageMetadata.serviceTier "standard".
  Call call = LoadFixtureCall("llmgemini-flash-latest-streamGenerateContent-jsonarray-gzip");
  call.request_body = R"({"contents":[{"parts":[{"text":"hi"}]}],"serviceTier":"priority"})";
  EXPECT_EQ(MeterCallWhole(call).service_tier, "standard");
}

TEST(GeminiCallMeter, EveryMeteredOperationHasAMeter) {
  const std::string vertex = "/v1/projects/p/locations/l/publishers/google/models/";
  for (const std::string& target : std::vector<std::string>{
           "/v1beta/models/m:generateContent", "/v1beta/models/m:streamGenerateContent",
           "/v1beta/models/gemini-embedding-001:embedContent",
           "/v1beta/models/gemini-embedding-001:batchEmbedContents",
           vertex + "text-embedding-005:predict", vertex + "imagen-4.0-generate-001:predict",
           vertex + "veo-3.0-generate-001:predictLongRunning",
           std::string("/v1beta/cachedContents"), std::string("/v1beta/openai/chat/completions"),
           std::string("/v1beta/openai/embeddings")}) {
    Call call;
    call.target = target;
    const Exchange x = RoutedExchange(call);
    EXPECT_EQ(x.metering, Metering::kMetered) << target;
    EXPECT_NE(CreateCallMeter(x), nullptr) << target;
  }
}

TEST(GeminiCallMeter, UnmeteredOperationsHaveNoMeter) {
  for (const std::string target :
       {"/v1beta/models/m:batchGenerateContent", "/v1/projects/p/locations/l/endpoints/1:predict",
        "/v1beta/openai/models"}) {
    Call call;
    call.target = target;
    EXPECT_EQ(CreateCallMeter(RoutedExchange(call)), nullptr) << target;
  }
}

}  // namespace
}  // namespace costgate::filters::gemini
