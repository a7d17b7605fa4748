// embedContent / batchEmbedContents (PROVIDERS.md A2, A3, trap 14): the provider's
// usageMetadata when it reports one, else the request's text counted.
#include <gtest/gtest.h>

#include "tests/unit/filters/gemini/call_helpers.h"

namespace costgate::filters::gemini {
namespace {

using testing::Call;
using testing::LoadFixtureCall;
using testing::MeterCallWhole;

TEST(GeminiEmbedMeter, ReportedPromptTokensOfAisBatchEmbedContents) {
  // gemini-embedding-2 reports usageMetadata with the "promptTokenDetails" spelling.
  const MeteredUsage usage =
      MeterCallWhole(LoadFixtureCall("llmgemini-embedding-2-batchEmbedContents"));
  EXPECT_TRUE(usage.reported);
  EXPECT_FALSE(usage.estimated);
  EXPECT_EQ(usage.units.Get(kUnitInputTokens), 4);
  EXPECT_EQ(usage.units.Get("input_text_tokens"), 4);
  EXPECT_EQ(usage.malformed, 0U);
}

TEST(GeminiEmbedMeter, ReportedPromptTokensOfVertexEmbedContent) {
  const MeteredUsage usage = MeterCallWhole(LoadFixtureCall("pydanticai-vertex-embedContent"));
  EXPECT_TRUE(usage.reported);
  EXPECT_EQ(usage.units.Get(kUnitInputTokens), 11);
  EXPECT_EQ(usage.units.Get(kUnitTotalTokens), 11);
}

TEST(GeminiEmbedMeter, WithoutUsageCountsTheRequestTextAsInputTokens) {
  // gemini-embedding-001 reports nothing: "Some text goes here" is 19 characters -> 5 tokens.
  const MeteredUsage usage =
      MeterCallWhole(LoadFixtureCall("llmgemini-embedding-001-batchEmbedContents-no-usage"));
  EXPECT_FALSE(usage.reported);
  EXPECT_TRUE(usage.estimated);
  EXPECT_EQ(usage.units.ToJson(), R"({"input_tokens":5})");
}

TEST(GeminiEmbedMeter, PreviewModelWithoutUsageIsCountedToo) {
  // gemini-embedding-2-preview: "Hello, world!" is 13 characters -> 4 tokens.
  const MeteredUsage usage = MeterCallWhole(LoadFixtureCall("pydanticai-batchEmbedContents"));
  EXPECT_TRUE(usage.estimated);
  EXPECT_EQ(usage.units.ToJson(), R"({"input_tokens":4})");
}

TEST(GeminiEmbedMeter, CountsTheTextPartsOfEveryRequestOfABatch) {
  Call call;
  call.target = "/v1beta/models/gemini-embedding-001:batchEmbedContents";
  call.request_body =
      R"({"requests":[{"model":"models/gemini-embedding-001","content":{"parts":[{"text":)"
      R"("First text"},{"text":"and more"}]}},{"content":{"parts":[{"text":"Second text"}]},)"
      R"("taskType":"RETRIEVAL_DOCUMENT","title":"not a part"}]})";
  call.response_body = R"({"embeddings":[{"values":[0.1]},{"values":[0.2]}]})";
  // 10 + 8 + 11 = 29 characters -> 8 tokens
  EXPECT_EQ(MeterCallWhole(call).units.ToJson(), R"({"input_tokens":8})");
}

TEST(GeminiEmbedMeter, CountsCharactersNotBytesNorEscapes) {
  Call call;
  call.target = "/v1beta/models/gemini-embedding-001:embedContent";
  // c a f \u00e9 ' ' \" o k \" ' ' ü n ï: 13 characters, 19 bytes of JSON string -> 4 tokens
  call.request_body =
      "{\"content\":{\"parts\":[{\"text\":\"caf\\u00e9 \\\"ok\\\" \xC3\xBCn\xC3\xAF\"}]}}";
  call.response_body = R"({"embedding":{"values":[0.1]}})";
  EXPECT_EQ(MeterCallWhole(call).units.ToJson(), R"({"input_tokens":4})");
}

TEST(GeminiEmbedMeter, AnErrorResponseHasNoUnits) {
  const MeteredUsage usage = MeterCallWhole(LoadFixtureCall("pydanticai-embed-error"));
  EXPECT_TRUE(usage.units.empty());
  EXPECT_FALSE(usage.estimated);
}

TEST(GeminiEmbedMeter, ACallCutOffAfterSendingIsEstimatedFromItsText) {
  Call call = LoadFixtureCall("llmgemini-embedding-001-batchEmbedContents-no-usage");
  call.status = 0;  // the client left before the answer
  call.outcome = Outcome::kCancelled;
  const MeteredUsage usage = MeterCallWhole(call);
  EXPECT_TRUE(usage.estimated);
  EXPECT_EQ(usage.units.ToJson(), R"({"input_tokens":5})");
}

TEST(GeminiEmbedMeter, SameAtEverySplitWithUsage) {
  testing::ExpectSameAtEverySplit(
      LoadFixtureCall("llmgemini-embedding-2-batchEmbedContents", /*short_vectors=*/true));
  testing::ExpectSameByteByByte(LoadFixtureCall("llmgemini-embedding-2-batchEmbedContents"));
}

TEST(GeminiEmbedMeter, SameAtEverySplitWithoutUsage) {
  testing::ExpectSameAtEverySplit(
      LoadFixtureCall("llmgemini-embedding-001-batchEmbedContents-no-usage", true));
  testing::ExpectSameByteByByte(
      LoadFixtureCall("llmgemini-embedding-001-batchEmbedContents-no-usage"));
}

TEST(GeminiEmbedMeter, SameAtEverySplitOnVertex) {
  testing::ExpectSameAtEverySplit(LoadFixtureCall("pydanticai-vertex-embedContent", true));
  testing::ExpectSameByteByByte(LoadFixtureCall("pydanticai-vertex-embedContent"));
}

}  // namespace
}  // namespace costgate::filters::gemini
