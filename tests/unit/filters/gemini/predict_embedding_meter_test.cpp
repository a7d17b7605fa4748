// Vertex AI `:predict` on embedding models (PROVIDERS.md A2, trap 15): the unit the model's
// price row bills, from the response's metadata or per-prediction statistics.
#include <gtest/gtest.h>

#include "tests/unit/filters/gemini/call_helpers.h"

namespace costgate::filters::gemini {
namespace {

using testing::Call;
using testing::LoadFixtureCall;
using testing::MeterCallWhole;

constexpr std::string_view kFixture = "pydanticai-vertex-embeddings-predict";

Call Retargeted(std::string_view model, bool short_vectors = false) {
  Call call = LoadFixtureCall(kFixture, short_vectors);
  call.target = "/v1beta1/projects/p/locations/global/publishers/google/models/" +
                std::string(model) + ":predict";
  return call;
}

TEST(GeminiPredictEmbeddingMeter, GeminiEmbeddingBillsTheReportedTokenCounts) {
  // LiteLLM's gemini-embedding-001 row has only input_cost_per_token.
  const MeteredUsage usage = MeterCallWhole(LoadFixtureCall(kFixture));
  EXPECT_TRUE(usage.reported);
  EXPECT_FALSE(usage.estimated);
  EXPECT_EQ(usage.units.ToJson(), R"({"input_tokens":4})");
  EXPECT_EQ(usage.malformed, 0U);
}

TEST(GeminiPredictEmbeddingMeter, TextEmbeddingBillsTheBillableCharacterCount) {
  // text-embedding-005's row has input_cost_per_character (Vertex bills characters).
  const MeteredUsage usage = MeterCallWhole(Retargeted("text-embedding-005"));
  EXPECT_TRUE(usage.reported);
  EXPECT_EQ(usage.units.ToJson(), R"({"characters":12})");
}

TEST(GeminiPredictEmbeddingMeter, SumsTheTokenCountsOfEveryPrediction) {
  Call call = Retargeted("gemini-embedding-001");
  // Shape: Vertex AI text embeddings API reference (predictions[].embeddings.statistics).
  call.response_body =
      R"({"predictions":[{"embeddings":{"statistics":{"truncated":false,"token_count":4},)"
      R"("values":[0.1,-0.2]}},{"embeddings":{"values":[0.3],"statistics":{"token_count":7,)"
      R"("truncated":false}}}],"metadata":{"billableCharacterCount":40}})";
  EXPECT_EQ(MeterCallWhole(call).units.ToJson(), R"({"input_tokens":11})");
}

TEST(GeminiPredictEmbeddingMeter, AnErrorResponseHasNoUnits) {
  Call call = LoadFixtureCall(kFixture);
  call.status = 400;
  call.response_body = R"({"error":{"code":400,"message":"bad","status":"INVALID_ARGUMENT"}})";
  EXPECT_TRUE(MeterCallWhole(call).units.empty());
}

TEST(GeminiPredictEmbeddingMeter, SameAtEverySplit) {
  testing::ExpectSameAtEverySplit(LoadFixtureCall(kFixture, /*short_vectors=*/true));
  testing::ExpectSameByteByByte(LoadFixtureCall(kFixture));
}

TEST(GeminiPredictEmbeddingMeter, SameAtEverySplitForCharacters) {
  testing::ExpectSameAtEverySplit(Retargeted("text-embedding-005", /*short_vectors=*/true));
  testing::ExpectSameByteByByte(Retargeted("text-embedding-005"));
}

}  // namespace
}  // namespace costgate::filters::gemini
