#include "pricing/litellm_catalogue.h"

#include <gtest/gtest.h>

#include "pricing/bundled.h"

namespace costgate::pricing {
namespace {

const PriceRow* FindRow(const CatalogueLoad& load, std::string_view key) {
  for (const auto& row : load.rows) {
    if (row.key == key) {
      return &row;
    }
  }
  return nullptr;
}

TEST(LiteLlmCatalogueTest, ReadsRatesTiersAndBands) {
  const CatalogueLoad load = LoadLiteLlmCatalogue(R"({
    "gemini/m": {"litellm_provider": "gemini", "mode": "chat", "source": "https://x",
                 "input_cost_per_token": 1.25e-06,
                 "input_cost_per_token_above_200k_tokens": 2.5e-06,
                 "output_cost_per_token_flex": 5e-06,
                 "input_cost_per_token_above_200k_tokens_priority": 4.5e-06,
                 "max_tokens": 65535, "supports_vision": true}})",
                                                  kSinceAlways);
  ASSERT_TRUE(load.errors.empty()) << load.errors.front();
  ASSERT_EQ(load.rows.size(), 1u);
  const PriceRow& row = load.rows[0];
  EXPECT_EQ(row.provider, "gemini");
  EXPECT_EQ(row.mode, "chat");
  EXPECT_EQ(row.source, "https://x");
  EXPECT_EQ(row.long_context_threshold, 200'000);
  EXPECT_EQ(row.Rate(RateKind::kInputToken)->pico(), 1'250'000);
  EXPECT_EQ(row.Rate(RateKind::kInputToken, ServiceTier::kStandard, Band::kAbove)->pico(),
            2'500'000);
  EXPECT_EQ(row.Rate(RateKind::kOutputToken, ServiceTier::kFlex)->pico(), 5'000'000);
  EXPECT_EQ(row.Rate(RateKind::kInputToken, ServiceTier::kPriority, Band::kAbove)->pico(),
            4'500'000);
  EXPECT_EQ(row.Rate(RateKind::kOutputToken), std::nullopt);
}

TEST(LiteLlmCatalogueTest, ZeroIsARateAbsentIsNot) {
  const CatalogueLoad load = LoadLiteLlmCatalogue(
      R"({"e": {"input_cost_per_token": 1.5e-07, "output_cost_per_token": 0}})", kSinceAlways);
  ASSERT_EQ(load.rows.size(), 1u);
  EXPECT_EQ(load.rows[0].Rate(RateKind::kOutputToken), Money{});
  EXPECT_EQ(load.rows[0].Rate(RateKind::kCacheReadToken), std::nullopt);
}

TEST(LiteLlmCatalogueTest, EntriesWithoutRatesAreSkippedAndCounted) {
  const CatalogueLoad load = LoadLiteLlmCatalogue(
      R"({"sample_spec": {"input_cost_per_token": 0}, "a": {"max_tokens": 3},
          "b": {"output_cost_per_image": 0.04}, "last_updated": "2026-07-24"})",
      kSinceAlways);
  EXPECT_TRUE(load.errors.empty());
  EXPECT_EQ(load.entries, 3u);
  EXPECT_EQ(load.unpriced_entries, 2u);
  ASSERT_EQ(load.rows.size(), 1u);
  EXPECT_EQ(load.rows[0].key, "b");
}

TEST(LiteLlmCatalogueTest, NegativePriceIsAnErrorNamingEntryAndField) {
  const CatalogueLoad load =
      LoadLiteLlmCatalogue(R"({"m": {"input_cost_per_token": -1e-06}})", kSinceAlways);
  ASSERT_EQ(load.errors.size(), 1u);
  EXPECT_EQ(load.errors[0], "m.input_cost_per_token: not a non-negative USD amount");
}

TEST(LiteLlmCatalogueTest, ObjectValuedRateFieldsAreNotPrices) {
  const CatalogueLoad load = LoadLiteLlmCatalogue(
      R"({"m": {"input_cost_per_token": 1e-07, "input_cost_per_second": {"a": 1}}})", kSinceAlways);
  EXPECT_TRUE(load.errors.empty());
  EXPECT_EQ(load.rows[0].Rate(RateKind::kInputSecond), std::nullopt);
}

TEST(LiteLlmCatalogueTest, NotAnObjectIsRejected) {
  EXPECT_FALSE(LoadLiteLlmCatalogue("[1,2]", kSinceAlways).errors.empty());
  EXPECT_FALSE(LoadLiteLlmCatalogue("{\"m\": {", kSinceAlways).errors.empty());
  EXPECT_FALSE(LoadLiteLlmCatalogue("{}", kSinceAlways).errors.empty());
}

TEST(LiteLlmCatalogueTest, RowsCarryTheirEffectiveTime) {
  const CatalogueLoad load =
      LoadLiteLlmCatalogue(R"({"m": {"input_cost_per_token": 1e-07}})", 1'234);
  EXPECT_EQ(load.rows[0].effective_from_ms, 1'234);
  EXPECT_EQ(load.rows[0].layer, Layer::kLiteLlm);
}

TEST(LiteLlmCatalogueTest, ProvidersCostgateDoesNotProxyAreSkippedAndCounted) {
  const CatalogueLoad load = LoadLiteLlmCatalogue(
      R"({"gpt-4o": {"litellm_provider": "openai", "input_cost_per_token": 2.5e-06},
          "gemini/x": {"litellm_provider": "gemini", "input_cost_per_token": 1e-07},
          "y": {"litellm_provider": "vertex_ai-language-models", "input_cost_per_token": 1e-07},
          "elevenlabs/z": {"litellm_provider": "elevenlabs", "input_cost_per_character": 1e-04}})",
      kSinceAlways);
  EXPECT_TRUE(load.errors.empty());
  EXPECT_EQ(load.other_provider_entries, 1u);
  ASSERT_EQ(load.rows.size(), 3u);
  EXPECT_EQ(load.rows[0].key, "gemini/x");
}

TEST(LiteLlmCatalogueTest, BundledSnapshotLoadsAsIs) {
  const CatalogueLoad load = LoadLiteLlmCatalogue(BundledLiteLlmJson(), kSinceAlways);
  ASSERT_TRUE(load.errors.empty()) << load.errors.front();
  EXPECT_GT(load.rows.size(), 200u);
  EXPECT_GT(load.other_provider_entries, 2500u);
  const PriceRow* pro = FindRow(load, "gemini/gemini-2.5-pro");
  ASSERT_NE(pro, nullptr);
  EXPECT_EQ(pro->Rate(RateKind::kInputToken)->pico(), 1'250'000);
  EXPECT_EQ(pro->Rate(RateKind::kCacheReadToken, ServiceTier::kStandard, Band::kAbove)->pico(),
            250'000);
  EXPECT_EQ(pro->long_context_threshold, 200'000);
  const PriceRow* image = FindRow(load, "gemini/gemini-2.5-flash-image");
  ASSERT_NE(image, nullptr);
  EXPECT_EQ(image->Rate(RateKind::kOutputImageToken)->pico(), 30'000'000);
  EXPECT_EQ(image->Rate(RateKind::kOutputImage)->pico(), 39'000'000'000);
}

}  // namespace
}  // namespace costgate::pricing
