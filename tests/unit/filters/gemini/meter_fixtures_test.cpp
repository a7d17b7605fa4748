// Every recorded 2xx Gemini / Vertex response, metered from the bytes the wire carried.
// Expected values are read by hand from the cited fixture (tests/fixtures/gemini/).
#include <gtest/gtest.h>

#include "filters/gemini/meter.h"
#include "tests/unit/filters/gemini/fixture_helpers.h"

namespace costgate::filters::gemini {
namespace {

using testing::Describe;
using testing::LoadFixture;
using testing::MeterWhole;

TEST(GeminiMeterFixtures, AisGenerateContentGzip) {
  // ddtrace-gemini-2.0-flash-generateContent-gzip: usageMetadata promptTokenCount 14,
  // candidatesTokenCount 52, totalTokenCount 66, TEXT 14 / TEXT 52.
  const auto fixture = LoadFixture("ddtrace-gemini-2.0-flash-generateContent-gzip");
  EXPECT_EQ(fixture.options.format, BodyFormat::kJson);
  EXPECT_TRUE(fixture.options.gzip);
  EXPECT_EQ(Describe(MeterWhole(fixture.options, fixture.body)),
            "units={\"input_tokens\":14,\"output_tokens\":52,\"total_tokens\":66,"
            "\"input_text_tokens\":14,\"output_text_tokens\":52} model=gemini-2.0-flash-001 "
            "tier= traffic= reported=1 malformed=0 oversized=0");
}

TEST(GeminiMeterFixtures, AisStreamSseTakesTheFinalEventNotTheProvisionalPrompt) {
  // ddtrace-gemini-2.0-flash-streamGenerateContent-sse: 4 interim events say prompt 15 /
  // total 15; the final event says prompt 14, candidates 51, total 65, TEXT 14 / TEXT 51.
  const auto fixture = LoadFixture("ddtrace-gemini-2.0-flash-streamGenerateContent-sse");
  EXPECT_EQ(fixture.options.format, BodyFormat::kSse);
  EXPECT_FALSE(fixture.options.gzip);
  EXPECT_EQ(Describe(MeterWhole(fixture.options, fixture.body)),
            "units={\"input_tokens\":14,\"output_tokens\":51,\"total_tokens\":65,"
            "\"input_text_tokens\":14,\"output_text_tokens\":51} model=gemini-2.0-flash-001 "
            "tier= traffic= reported=1 malformed=0 oversized=0");
}

TEST(GeminiMeterFixtures, VertexGenerateContentGzip) {
  // ddtrace-vertex-2.0-flash-generateContent-gzip: 14 / 52 / 66, trafficType ON_DEMAND.
  const auto fixture = LoadFixture("ddtrace-vertex-2.0-flash-generateContent-gzip");
  EXPECT_EQ(fixture.options.format, BodyFormat::kJson);
  EXPECT_TRUE(fixture.options.gzip);
  EXPECT_EQ(Describe(MeterWhole(fixture.options, fixture.body)),
            "units={\"input_tokens\":14,\"output_tokens\":52,\"total_tokens\":66,"
            "\"input_text_tokens\":14,\"output_text_tokens\":52} model=gemini-2.0-flash-001 "
            "tier= traffic=ON_DEMAND reported=1 malformed=0 oversized=0");
}

TEST(GeminiMeterFixtures, VertexStreamSseCountsOnlyInTheFinalEvent) {
  // ddtrace-vertex-2.0-flash-streamGenerateContent-sse: 4 events with usageMetadata
  // {"trafficType": "ON_DEMAND"} only, then prompt 14, candidates 52, total 66, TEXT 14 / 52.
  const auto fixture = LoadFixture("ddtrace-vertex-2.0-flash-streamGenerateContent-sse");
  EXPECT_EQ(fixture.options.format, BodyFormat::kSse);
  EXPECT_EQ(Describe(MeterWhole(fixture.options, fixture.body)),
            "units={\"input_tokens\":14,\"output_tokens\":52,\"total_tokens\":66,"
            "\"input_text_tokens\":14,\"output_text_tokens\":52} model=gemini-2.0-flash-001 "
            "tier= traffic=ON_DEMAND reported=1 malformed=0 oversized=0");
}

TEST(GeminiMeterFixtures, JsonArrayGzipToolsTurnWithThoughts) {
  // llmgemini-2.5-flash-tools-...jsonarray-gzip.0: 2 elements; the last has prompt 32,
  // candidates 12, total 86, thoughts 42, TEXT 32, serviceTier standard.
  const auto fixture =
      LoadFixture("llmgemini-2.5-flash-tools-streamGenerateContent-jsonarray-gzip.0");
  EXPECT_EQ(fixture.options.format, BodyFormat::kJsonArray);
  EXPECT_TRUE(fixture.options.gzip);
  EXPECT_EQ(Describe(MeterWhole(fixture.options, fixture.body)),
            "units={\"input_tokens\":32,\"output_tokens\":12,\"thinking_tokens\":42,"
            "\"total_tokens\":86,\"input_text_tokens\":32} model=gemini-2.5-flash "
            "tier=standard traffic= reported=1 malformed=0 oversized=0");
}

TEST(GeminiMeterFixtures, JsonArrayGzipToolsTurnWithOneElement) {
  // llmgemini-2.5-flash-tools-...jsonarray-gzip.1: one element, prompt 105, candidates 13,
  // total 118, TEXT 105, no thoughts.
  const auto fixture =
      LoadFixture("llmgemini-2.5-flash-tools-streamGenerateContent-jsonarray-gzip.1");
  EXPECT_EQ(Describe(MeterWhole(fixture.options, fixture.body)),
            "units={\"input_tokens\":105,\"output_tokens\":13,\"total_tokens\":118,"
            "\"input_text_tokens\":105} model=gemini-2.5-flash tier=standard traffic= "
            "reported=1 malformed=0 oversized=0");
}

TEST(GeminiMeterFixtures, JsonArrayGzipToolsFinalAnswer) {
  // llmgemini-2.5-flash-tools-...jsonarray-gzip.2: candidates 1 then 6; the last element has
  // prompt 137, candidates 6, total 143, TEXT 137.
  const auto fixture =
      LoadFixture("llmgemini-2.5-flash-tools-streamGenerateContent-jsonarray-gzip.2");
  EXPECT_EQ(Describe(MeterWhole(fixture.options, fixture.body)),
            "units={\"input_tokens\":137,\"output_tokens\":6,\"total_tokens\":143,"
            "\"input_text_tokens\":137} model=gemini-2.5-flash tier=standard traffic= "
            "reported=1 malformed=0 oversized=0");
}

TEST(GeminiMeterFixtures, JsonArrayGzipAliasServesAnotherModelVersion) {
  // llmgemini-flash-latest-...jsonarray-gzip: URL model gemini-flash-latest, modelVersion
  // gemini-3.6-flash; last element prompt 11, candidates 2, thoughts 291, total 304, TEXT 11.
  const auto fixture = LoadFixture("llmgemini-flash-latest-streamGenerateContent-jsonarray-gzip");
  EXPECT_EQ(fixture.options.format, BodyFormat::kJsonArray);
  EXPECT_TRUE(fixture.options.gzip);
  EXPECT_EQ(Describe(MeterWhole(fixture.options, fixture.body)),
            "units={\"input_tokens\":11,\"output_tokens\":2,\"thinking_tokens\":291,"
            "\"total_tokens\":304,\"input_text_tokens\":11} model=gemini-3.6-flash "
            "tier=standard traffic= reported=1 malformed=0 oversized=0");
}

TEST(GeminiMeterFixtures, PydanticSseFinalPromptCountIsLowerThanInterim) {
  // pydanticai-2.0-flash-exp-sse: interim prompt 15; final prompt 13, candidates 8, total 21.
  const auto fixture = LoadFixture("pydanticai-2.0-flash-exp-sse");
  EXPECT_EQ(fixture.options.format, BodyFormat::kSse);
  EXPECT_EQ(Describe(MeterWhole(fixture.options, fixture.body)),
            "units={\"input_tokens\":13,\"output_tokens\":8,\"total_tokens\":21,"
            "\"input_text_tokens\":13,\"output_text_tokens\":8} model=gemini-2.0-flash-exp "
            "tier= traffic= reported=1 malformed=0 oversized=0");
}

TEST(GeminiMeterFixtures, ExplicitCacheFirstCall) {
  // pydanticai-cachedContents-explicit-cache.1: prompt 3520 of which cached 3512,
  // candidates 2, thoughts 42, total 3564; TEXT 3520 prompt, TEXT 3512 cache.
  const auto fixture = LoadFixture("pydanticai-cachedContents-explicit-cache.1");
  EXPECT_EQ(fixture.options.format, BodyFormat::kJson);
  EXPECT_FALSE(fixture.options.gzip);
  EXPECT_EQ(Describe(MeterWhole(fixture.options, fixture.body)),
            "units={\"input_tokens\":3520,\"output_tokens\":2,\"cached_input_tokens\":3512,"
            "\"thinking_tokens\":42,\"total_tokens\":3564,\"input_text_tokens\":3520,"
            "\"cached_input_text_tokens\":3512} model=gemini-2.5-flash tier=standard traffic= "
            "reported=1 malformed=0 oversized=0");
}

TEST(GeminiMeterFixtures, ExplicitCacheSecondCall) {
  // pydanticai-cachedContents-explicit-cache.2: as .1 but thoughts 51, total 3573.
  const auto fixture = LoadFixture("pydanticai-cachedContents-explicit-cache.2");
  EXPECT_EQ(Describe(MeterWhole(fixture.options, fixture.body)),
            "units={\"input_tokens\":3520,\"output_tokens\":2,\"cached_input_tokens\":3512,"
            "\"thinking_tokens\":51,\"total_tokens\":3573,\"input_text_tokens\":3520,"
            "\"cached_input_text_tokens\":3512} model=gemini-2.5-flash tier=standard traffic= "
            "reported=1 malformed=0 oversized=0");
}

TEST(GeminiMeterFixtures, CacheCreationReportsStoredTokensAsTotal) {
  // pydanticai-cachedContents-explicit-cache.0: usageMetadata {"totalTokenCount": 3512}; the
  // cache object names its model in "model", not modelVersion.
  const auto fixture = LoadFixture("pydanticai-cachedContents-explicit-cache.0");
  EXPECT_EQ(Describe(MeterWhole(fixture.options, fixture.body)),
            "units={\"total_tokens\":3512} model= tier= traffic= reported=1 malformed=0 "
            "oversized=0");
}

TEST(GeminiMeterFixtures, GenerateAfterCountTokens) {
  // pydanticai-countTokens-then-generate.1: prompt 12, candidates 109, thoughts 806,
  // total 927, TEXT 12.
  const auto fixture = LoadFixture("pydanticai-countTokens-then-generate.1");
  EXPECT_EQ(Describe(MeterWhole(fixture.options, fixture.body)),
            "units={\"input_tokens\":12,\"output_tokens\":109,\"thinking_tokens\":806,"
            "\"total_tokens\":927,\"input_text_tokens\":12} model=gemini-2.5-flash tier= "
            "traffic= reported=1 malformed=0 oversized=0");
}

TEST(GeminiMeterFixtures, ThinkingHitMaxTokensWithoutCandidates) {
  // pydanticai-thinking-max-tokens-empty: prompt 15, thoughts 2, total 17, TEXT 15, no
  // candidatesTokenCount at all.
  const auto fixture = LoadFixture("pydanticai-thinking-max-tokens-empty");
  EXPECT_EQ(Describe(MeterWhole(fixture.options, fixture.body)),
            "units={\"input_tokens\":15,\"thinking_tokens\":2,\"total_tokens\":17,"
            "\"input_text_tokens\":15} model=gemini-2.5-pro tier=standard traffic= "
            "reported=1 malformed=0 oversized=0");
}

TEST(GeminiMeterFixtures, VertexGenerateAfterCountTokens) {
  // pydanticai-vertex-countTokens.1: prompt 13, candidates 7, thoughts 32, total 52,
  // TEXT 13 / TEXT 7, trafficType ON_DEMAND.
  const auto fixture = LoadFixture("pydanticai-vertex-countTokens.1");
  EXPECT_EQ(Describe(MeterWhole(fixture.options, fixture.body)),
            "units={\"input_tokens\":13,\"output_tokens\":7,\"thinking_tokens\":32,"
            "\"total_tokens\":52,\"input_text_tokens\":13,\"output_text_tokens\":7} "
            "model=gemini-2.5-flash tier= traffic=ON_DEMAND reported=1 malformed=0 oversized=0");
}

TEST(GeminiMeterFixtures, EmbeddingsUsageUsesTheSingularDetailsSpelling) {
  // llmgemini-embedding-2-batchEmbedContents (gzip): promptTokenCount 4 and
  // "promptTokenDetails": [{"modality": "TEXT", "tokenCount": 4}], after 33 KB of vectors.
  const auto fixture = LoadFixture("llmgemini-embedding-2-batchEmbedContents");
  EXPECT_TRUE(fixture.options.gzip);
  EXPECT_EQ(Describe(MeterWhole(fixture.options, fixture.body)),
            "units={\"input_tokens\":4,\"input_text_tokens\":4} model= tier= traffic= "
            "reported=1 malformed=0 oversized=0");
}

TEST(GeminiMeterFixtures, EmbeddingsWithoutUsageReportNothing) {
  // llmgemini-embedding-001-batchEmbedContents-no-usage (gzip, 66 KB of vectors): no
  // usageMetadata anywhere.
  const auto fixture = LoadFixture("llmgemini-embedding-001-batchEmbedContents-no-usage");
  EXPECT_EQ(Describe(MeterWhole(fixture.options, fixture.body)),
            "units={} model= tier= traffic= reported=0 malformed=0 oversized=0");
}

TEST(GeminiMeterFixtures, VertexEmbedContent) {
  // pydanticai-vertex-embedContent: prompt 11, total 11, TEXT 11 (plural spelling).
  const auto fixture = LoadFixture("pydanticai-vertex-embedContent");
  EXPECT_EQ(Describe(MeterWhole(fixture.options, fixture.body)),
            "units={\"input_tokens\":11,\"total_tokens\":11,\"input_text_tokens\":11} model= "
            "tier= traffic= reported=1 malformed=0 oversized=0");
}

}  // namespace
}  // namespace costgate::filters::gemini
