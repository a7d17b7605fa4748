// cachedContents create (PROVIDERS.md A2, trap 8): cache tokens billed as input.
#include <gtest/gtest.h>

#include "tests/unit/filters/gemini/call_helpers.h"

namespace costgate::filters::gemini {
namespace {

using testing::Call;
using testing::LoadFixtureCall;
using testing::MeterCallWhole;

constexpr std::string_view kFixture = "pydanticai-cachedContents-explicit-cache.0";

TEST(GeminiCacheCreateMeter, CachedTokensAreInputTokens) {
  const MeteredUsage usage = MeterCallWhole(LoadFixtureCall(kFixture));
  EXPECT_TRUE(usage.reported);
  EXPECT_EQ(usage.units.ToJson(), R"({"input_tokens":3512})");
  EXPECT_EQ(usage.model_version, "gemini-2.5-flash");
  EXPECT_EQ(usage.malformed, 0U);
}

TEST(GeminiCacheCreateMeter, TheRequestNamesTheModelWhenTheResponseDoesNot) {
  Call call;
  call.target = "/v1beta1/projects/p/locations/us-central1/cachedContents";
  call.request_body =
      R"({"model":"projects/p/locations/us-central1/publishers/google/models/gemini-2.5-pro",)"
      R"("contents":[{"role":"user","parts":[{"text":"long document"}]}],"ttl":"300s"})";
  call.response_body = R"({"name":"c/1","usageMetadata":{"totalTokenCount":40000}})";
  const MeteredUsage usage = MeterCallWhole(call);
  EXPECT_EQ(usage.units.ToJson(), R"({"input_tokens":40000})");
  EXPECT_EQ(usage.model_version, "");
  EXPECT_EQ(usage.model_requested, "gemini-2.5-pro");
}

TEST(GeminiCacheCreateMeter, AnErrorResponseHasNoUnits) {
  Call call = LoadFixtureCall(kFixture);
  call.status = 400;
  call.response_body =
      R"({"error":{"code":400,"message":"too small","status":"INVALID_ARGUMENT"}})";
  EXPECT_TRUE(MeterCallWhole(call).units.empty());
}

TEST(GeminiCacheCreateMeter, SameAtEverySplit) {
  testing::ExpectSameAtEverySplit(LoadFixtureCall(kFixture));
}

}  // namespace
}  // namespace costgate::filters::gemini
