// Pricing rules with hand-computed costs. Rates are the published list prices, cross-checked
// with the bundled LiteLLM snapshot the book is built from:
//  [AIS]  https://ai.google.dev/gemini-api/docs/pricing (Gemini API, read 2026-11-22):
//         2.5 Pro $1.25 in / $10.00 out per 1M (prompts > 200k: $2.50 / $15.00), cache
//         $0.125 (> 200k: $0.25); 2.5 Flash $0.30 text in / $1.00 audio in / $2.50 out incl.
//         thinking, cache $0.03; 2.5 Flash Image output $30.00 per 1M image tokens;
//         gemini-embedding-001 $0.15 per 1M input tokens.
//  [G3]   https://ai.google.dev/pricing/gemini-3 (LiteLLM `source` of gemini-3.6-flash):
//         $1.50 in / $7.50 out, flex $0.75 / $3.75, cache $0.15.
//  [VTX]  https://cloud.google.com/vertex-ai/generative-ai/pricing: imagen-4.0-generate-001
//         $0.04 per image, veo-3.1 $0.40 per second, gemini-2.0-flash-001 $0.15 / $0.60.
//  [TTS]  https://cloud.google.com/text-to-speech/pricing: Chirp 3 HD $30 per 1M characters
//         (LiteLLM vertex_ai/chirp $0.00003 per character).
// Amounts are pico-USD (1e-12 USD): $0.30 per 1M tokens = 300,000 pico per token.
#include "pricing/cost.h"

#include <gtest/gtest.h>

#include "tests/unit/pricing/test_books_helpers.h"

namespace costgate::pricing {
namespace {

struct CostCase {
  std::string_view name;
  std::string_view provider;
  std::string_view model;
  std::vector<std::pair<std::string_view, int64_t>> units;
  ServiceTier tier;
  std::string_view price_key;
  int64_t expected_pico;
};

void PrintTo(const CostCase& c, std::ostream* out) { *out << c.name; }

Units MakeUnits(const std::vector<std::pair<std::string_view, int64_t>>& entries) {
  Units units;
  for (const auto& [name, value] : entries) {
    units.Set(name, value);
  }
  return units;
}

const CostCase kCostCases[] = {
    // [AIS] 1000 x 300,000 + 500 x 2,500,000
    {"flash_input_and_output",
     "gemini",
     "gemini-2.5-flash",
     {{kUnitInputTokens, 1000}, {kUnitOutputTokens, 500}},
     ServiceTier::kStandard,
     "gemini/gemini-2.5-flash",
     1'550'000'000},
    // [AIS] cached tokens are inside the prompt: (3520 - 3512) x 300,000 + 3512 x 30,000
    //       + 2 x 2,500,000 + 42 thinking x 2,500,000 (fixture cachedContents-explicit-cache.1)
    {"flash_cached_and_thinking",
     "gemini",
     "gemini-2.5-flash",
     {{kUnitInputTokens, 3520},
      {kUnitCachedInputTokens, 3512},
      {kUnitOutputTokens, 2},
      {kUnitThinkingTokens, 42},
      {kUnitTotalTokens, 3564}},
     ServiceTier::kStandard,
     "gemini/gemini-2.5-flash",
     217'760'000},
    // [AIS] exactly 200,000 prompt tokens is not above 200k:
    //       200,000 x 1,250,000 + 1,000 x 10,000,000
    {"pro_prompt_at_200000_is_base_tier",
     "gemini",
     "gemini-2.5-pro",
     {{kUnitInputTokens, 200'000}, {kUnitOutputTokens, 1'000}},
     ServiceTier::kStandard,
     "gemini/gemini-2.5-pro",
     260'000'000'000},
    // [AIS] 200,001 is: input and output both at the long-context rates:
    //       200,001 x 2,500,000 + 1,000 x 15,000,000
    {"pro_prompt_at_200001_is_long_context",
     "gemini",
     "gemini-2.5-pro",
     {{kUnitInputTokens, 200'001}, {kUnitOutputTokens, 1'000}},
     ServiceTier::kStandard,
     "gemini/gemini-2.5-pro",
     515'002'500'000},
    // [AIS] long context with cache and thinking: 150,000 x 2,500,000 + 100,000 x 250,000
    //       + 2,000 x 15,000,000 + 1,000 thinking x 15,000,000
    {"pro_long_context_cached_and_thinking",
     "gemini",
     "gemini-2.5-pro",
     {{kUnitInputTokens, 250'000},
      {kUnitCachedInputTokens, 100'000},
      {kUnitOutputTokens, 2'000},
      {kUnitThinkingTokens, 1'000}},
     ServiceTier::kStandard,
     "gemini/gemini-2.5-pro",
     445'000'000'000},
    // [AIS] audio input at its own rate: 400 text x 300,000 + 600 audio x 1,000,000
    //       + 100 x 2,500,000
    {"flash_audio_input",
     "gemini",
     "gemini-2.5-flash",
     {{kUnitInputTokens, 1000},
      {kUnitOutputTokens, 100},
      {"input_text_tokens", 400},
      {kUnitInputAudioTokens, 600}},
     ServiceTier::kStandard,
     "gemini/gemini-2.5-flash",
     970'000'000},
    // [AIS] image output tokens at the image rate: 10 x 300,000 + 1,290 x 30,000,000
    {"flash_image_output",
     "gemini",
     "gemini-2.5-flash-image",
     {{kUnitInputTokens, 10}, {kUnitOutputTokens, 1290}, {kUnitOutputImageTokens, 1290}},
     ServiceTier::kStandard,
     "gemini/gemini-2.5-flash-image",
     38'703'000'000},
    // tool-use prompt tokens bill as input: (100 + 50) x 300,000
    {"flash_tool_use_prompt",
     "gemini",
     "gemini-2.5-flash",
     {{kUnitInputTokens, 100}, {kUnitToolUseInputTokens, 50}},
     ServiceTier::kStandard,
     "gemini/gemini-2.5-flash",
     45'000'000},
    // [G3] standard: 1,000 x 1,500,000 + 1,000 x 7,500,000
    {"g36_flash_standard",
     "gemini",
     "gemini-3.6-flash",
     {{kUnitInputTokens, 1000}, {kUnitOutputTokens, 1000}},
     ServiceTier::kStandard,
     "gemini/gemini-3.6-flash",
     9'000'000'000},
    // [G3] flex halves both: 1,000 x 750,000 + 1,000 x 3,750,000
    {"g36_flash_flex",
     "gemini",
     "gemini-3.6-flash",
     {{kUnitInputTokens, 1000}, {kUnitOutputTokens, 1000}},
     ServiceTier::kFlex,
     "gemini/gemini-3.6-flash",
     4'500'000'000},
    // [AIS] embeddings: 1,000 x 150,000
    {"embedding_input",
     "gemini",
     "gemini-embedding-001",
     {{kUnitInputTokens, 1000}},
     ServiceTier::kStandard,
     "gemini/gemini-embedding-001",
     150'000'000},
    // [VTX] Vertex prices differ from the Gemini API's: 14 x 150,000 + 52 x 600,000
    {"vertex_resource_path",
     "vertex",
     "projects/p/locations/us-central1/publishers/google/models/gemini-2.0-flash-001",
     {{kUnitInputTokens, 14}, {kUnitOutputTokens, 52}},
     ServiceTier::kStandard,
     "gemini-2.0-flash-001",
     33'300'000},
    // [VTX] per image: 2 x $0.04
    {"imagen_per_image",
     "vertex",
     "imagen-4.0-generate-001",
     {{kUnitImages, 2}},
     ServiceTier::kStandard,
     "vertex_ai/imagen-4.0-generate-001",
     80'000'000'000},
    // [VTX] per second of video: 8 x $0.40
    {"veo_per_second",
     "vertex",
     "veo-3.1-generate-preview",
     {{kUnitVideoSeconds, 8}},
     ServiceTier::kStandard,
     "vertex_ai/veo-3.1-generate-preview",
     3'200'000'000'000},
    // [VTX] text-embedding-005 bills characters: 12 x $0.025 per 1M characters (fixture
    // pydanticai-vertex-embeddings-predict reports billableCharacterCount 12)
    {"vertex_embedding_per_character",
     "vertex",
     "text-embedding-005",
     {{kUnitCharacters, 12}},
     ServiceTier::kStandard,
     "text-embedding-005",
     300'000},
    // [AIS] gemini-embedding-001 bills input tokens: 5 x $0.15 per 1M (count from the request)
    {"embedding_per_input_token",
     "gemini",
     "gemini-embedding-001",
     {{kUnitInputTokens, 5}},
     ServiceTier::kStandard,
     "gemini/gemini-embedding-001",
     750'000},
    // [TTS] per character: 1,000 x 30,000,000
    {"tts_per_character",
     "google-tts",
     "chirp",
     {{kUnitCharacters, 1000}},
     ServiceTier::kStandard,
     "vertex_ai/chirp",
     30'000'000'000},
};

class CostTableTest : public ::testing::TestWithParam<CostCase> {};

TEST_P(CostTableTest, CostsWhatThePricePageSays) {
  const CostCase& c = GetParam();
  const Quote q = PriceUsage(BundledLiteLlmBook(), {c.provider, "", c.model}, MakeUnits(c.units),
                             c.tier, Day2026(300));
  ASSERT_TRUE(q.priced()) << UnpricedReason(q.unpriced) << " " << q.missing_unit;
  EXPECT_EQ(q.price_key, c.price_key);
  EXPECT_EQ(q.total.pico(), c.expected_pico);
  EXPECT_FALSE(q.tier_fallback);
}

std::string CaseName(const ::testing::TestParamInfo<CostCase>& param_info) {
  return std::string(param_info.param.name);
}

INSTANTIATE_TEST_SUITE_P(PublishedPrices, CostTableTest, ::testing::ValuesIn(kCostCases), CaseName);

TEST(CostTest, ATierWithoutItsOwnRateFallsBackToStandardAndSaysSo) {
  Units units = MakeUnits({{kUnitInputTokens, 1000}});
  const Quote q = PriceUsage(BundledLiteLlmBook(), {"gemini", "", "gemini-2.5-flash"}, units,
                             ServiceTier::kFlex, Day2026(300));
  ASSERT_TRUE(q.priced());
  EXPECT_EQ(q.total.pico(), 300'000'000);
  EXPECT_TRUE(q.tier_fallback);
}

TEST(CostTest, UnknownModelIsUnpricedNotZero) {
  Units units = MakeUnits({{kUnitInputTokens, 1000}});
  const Quote q = PriceUsage(BundledLiteLlmBook(), {"gemini", "", "custom-gemini-2.0-flash"}, units,
                             ServiceTier::kStandard, Day2026(300));
  EXPECT_EQ(q.unpriced, Unpriced::kUnknownModel);
  EXPECT_EQ(UnpricedReason(q.unpriced), "unknown_model");
  EXPECT_EQ(q.price_key, "");
  EXPECT_EQ(q.line_count, 0u);
}

TEST(CostTest, ElevenLabsCreditsWithoutAModelRowPriceAtThePlanRate) {
  // What `costgate prices quote` shows for a sound generation: the same as the proxy's receipt.
  Units units = MakeUnits({{kUnitCredits, 250}});
  const Quote q = PriceUsage(*BundledBook(), {"elevenlabs", "", ""}, units, ServiceTier::kStandard,
                             Day2026(300));
  ASSERT_TRUE(q.priced());
  EXPECT_EQ(q.total.pico(), 25'000'000'000);  // 250 credits x $0.0001 (pay_as_you_go)
  EXPECT_EQ(q.price_key, "elevenlabs/plan/pay_as_you_go");
}

TEST(CostTest, AUnitTheRowHasNoRateForLeavesTheCallUnpriced) {
  Units units = MakeUnits({{kUnitInputTokens, 10}});  // Imagen is priced per image only
  const Quote q = PriceUsage(BundledLiteLlmBook(), {"vertex", "", "imagen-4.0-generate-001"}, units,
                             ServiceTier::kStandard, Day2026(300));
  EXPECT_EQ(q.unpriced, Unpriced::kNoRate);
  EXPECT_EQ(q.missing_unit, kUnitInputTokens);
  EXPECT_EQ(q.total.pico(), 0);
}

TEST(CostTest, AUnitPricingDoesNotKnowLeavesTheCallUnpriced) {
  Units units = MakeUnits({{kUnitInputTokens, 10}, {"grounding_queries", 1}});
  const Quote q = PriceUsage(BundledLiteLlmBook(), {"gemini", "", "gemini-2.5-flash"}, units,
                             ServiceTier::kStandard, Day2026(300));
  EXPECT_EQ(q.unpriced, Unpriced::kUnknownUnit);
  EXPECT_EQ(q.missing_unit, "grounding_queries");
}

TEST(CostTest, NoUnitsIsNoUsage) {
  const Quote q = PriceUsage(BundledLiteLlmBook(), {"gemini", "", "gemini-2.5-flash"}, Units{},
                             ServiceTier::kStandard, Day2026(300));
  EXPECT_EQ(q.unpriced, Unpriced::kNoUsage);
}

TEST(CostTest, ZeroOfAUnitNeedsNoRate) {
  Units units = MakeUnits({{kUnitImages, 1}, {kUnitInputTokens, 0}});
  const Quote q = PriceUsage(BundledLiteLlmBook(), {"vertex", "", "imagen-4.0-generate-001"}, units,
                             ServiceTier::kStandard, Day2026(300));
  ASSERT_TRUE(q.priced());
  EXPECT_EQ(q.total.pico(), 40'000'000'000);
}

TEST(CostTest, CachedCountAbovePromptIsClampedToThePrompt) {
  // 100 cached of a 60-token prompt: all 60 at the cache rate, none at the input rate.
  Units units = MakeUnits({{kUnitInputTokens, 60}, {kUnitCachedInputTokens, 100}});
  const Quote q = PriceUsage(BundledLiteLlmBook(), {"gemini", "", "gemini-2.5-flash"}, units,
                             ServiceTier::kStandard, Day2026(300));
  ASSERT_TRUE(q.priced());
  EXPECT_EQ(q.total.pico(), 60 * 30'000);
}

TEST(CostTest, LinesListEachRateUsed) {
  Units units = MakeUnits({{kUnitInputTokens, 3520},
                           {kUnitCachedInputTokens, 3512},
                           {kUnitOutputTokens, 2},
                           {kUnitThinkingTokens, 42}});
  const Quote q = PriceUsage(BundledLiteLlmBook(), {"gemini", "", "gemini-2.5-flash"}, units,
                             ServiceTier::kStandard, Day2026(300));
  ASSERT_EQ(q.line_count, 4u);
  EXPECT_EQ(q.lines[0].unit, kUnitInputTokens);
  EXPECT_EQ(q.lines[0].quantity, 8);
  EXPECT_EQ(q.lines[1].unit, kUnitCachedInputTokens);
  EXPECT_EQ(q.lines[1].rate, RateKind::kCacheReadToken);
  EXPECT_EQ(q.lines[1].per_unit.pico(), 30'000);
  EXPECT_EQ(q.lines[3].unit, kUnitThinkingTokens);
  EXPECT_EQ(q.lines[3].rate, RateKind::kReasoningToken);
  Money sum;
  for (size_t i = 0; i < q.line_count; ++i) {
    sum += q.lines[i].amount;
  }
  EXPECT_EQ(sum, q.total);
}

TEST(CostTest, AudioMillisecondsArePricedPerSecondRoundedHalfToEven) {
  // elevenlabs/scribe_v1 in LiteLLM: $0.0000611 per second = 61,100,000 pico.
  // 1,500 ms -> 91,650,000 exactly; 1 ms -> 61,100 exactly.
  Units units = MakeUnits({{kUnitAudioMs, 1500}});
  const Quote q = PriceUsage(BundledLiteLlmBook(), {"elevenlabs", "", "scribe_v1"}, units,
                             ServiceTier::kStandard, Day2026(300));
  ASSERT_TRUE(q.priced()) << UnpricedReason(q.unpriced);
  EXPECT_EQ(q.total.pico(), 91'650'000);
}

// ElevenLabs ([B3] PROVIDERS.md: character-cost header = credits, authoritative; Multilingual v2
// 1 credit per character, Flash/Turbo 0.5; pay-as-you-go $0.10 per 1K credits,
// https://developer.puter.com/tutorials/elevenlabs-api-pricing/, read 2026-06).

TEST(CostTest, ElevenLabsCreditsFromTheHeaderAreAuthoritative) {
  // elevenlabs-js #407: character-cost 5378 -> 5378 x $0.0001 = $0.5378
  Units units;
  units.Set(kUnitCredits, 5378);
  units.Set(kUnitCharacters, 9999);  // the request's text: ignored when credits are reported
  const auto book = BundledBook();
  const Quote q = PriceUsage(*book, {"elevenlabs", "", "eleven_multilingual_v2"}, units,
                             ServiceTier::kStandard, Day2026(300));
  ASSERT_TRUE(q.priced()) << UnpricedReason(q.unpriced) << " " << q.missing_unit;
  EXPECT_EQ(q.total.pico(), 537'800'000'000);
  EXPECT_EQ(q.price_key, "elevenlabs/eleven_multilingual_v2");
  ASSERT_NE(q.plan_row, nullptr);
  EXPECT_EQ(q.plan_row->key, "elevenlabs/plan/pay_as_you_go");
}

TEST(CostTest, ElevenLabsCharactersBecomeCreditsByTheModelFactor) {
  // Turbo v2.5 at 0.5 credit per character: 31 characters -> 15.5 credits -> $0.00155
  Units units;
  units.Set(kUnitCharacters, 31);
  const auto book = BundledBook();
  const Quote q = PriceUsage(*book, {"elevenlabs", "", "eleven_turbo_v2_5"}, units,
                             ServiceTier::kStandard, Day2026(300));
  ASSERT_TRUE(q.priced());
  EXPECT_EQ(q.total.pico(), 1'550'000'000);
  ASSERT_EQ(q.line_count, 1u);
  EXPECT_EQ(q.lines[0].unit, "credits (from characters)");
  EXPECT_EQ(q.lines[0].quantity, 31);  // 31/2 credits
  EXPECT_EQ(q.lines[0].divisor, 2);
  EXPECT_EQ(q.lines[0].rate, RateKind::kCredit);
}

TEST(CostTest, ElevenLabsPlanSetsThePricePerCredit) {
  // Scale plan: $0.18 per 1K credits; 1,000 characters of Multilingual v2 = 1,000 credits
  Units units;
  units.Set(kUnitCharacters, 1000);
  const auto book = BundledBook("scale");
  const Quote q = PriceUsage(*book, {"elevenlabs", "", "eleven_multilingual_v2"}, units,
                             ServiceTier::kStandard, Day2026(300));
  ASSERT_TRUE(q.priced());
  EXPECT_EQ(q.total.pico(), 180'000'000'000);
}

TEST(CostTest, ElevenLabsUnknownPlanLeavesCreditsUnpriced) {
  Units units;
  units.Set(kUnitCredits, 10);
  const auto book = BundledBook("no-such-plan");
  const Quote q = PriceUsage(*book, {"elevenlabs", "", "eleven_multilingual_v2"}, units,
                             ServiceTier::kStandard, Day2026(300));
  EXPECT_EQ(q.unpriced, Unpriced::kNoRate);
  EXPECT_EQ(q.missing_unit, kUnitCredits);
}

TEST(CostTest, CloudTtsVoiceTypeIsPricedPerCharacter) {
  // [TTS] WaveNet $4 per 1M characters: the fixture's 2,417-character SSML input
  Units units;
  units.Set(kUnitCharacters, 2417);
  const auto book = BundledBook();
  const Quote q =
      PriceUsage(*book, {"google-tts", "", "wavenet"}, units, ServiceTier::kStandard, Day2026(300));
  ASSERT_TRUE(q.priced());
  EXPECT_EQ(q.price_key, "google-tts/wavenet");
  EXPECT_EQ(q.total.pico(), int64_t{2417} * 4'000'000);
}

TEST(CostTest, ServiceTierFromTheWire) {
  EXPECT_EQ(ServiceTierFromWire("flex", ""), ServiceTier::kFlex);
  EXPECT_EQ(ServiceTierFromWire("PRIORITY", ""), ServiceTier::kPriority);
  EXPECT_EQ(ServiceTierFromWire("", "ON_DEMAND_FLEX"), ServiceTier::kFlex);
  EXPECT_EQ(ServiceTierFromWire("", "ON_DEMAND_PRIORITY"), ServiceTier::kPriority);
  EXPECT_EQ(ServiceTierFromWire("standard", "ON_DEMAND"), ServiceTier::kStandard);
  EXPECT_EQ(ServiceTierFromWire("", ""), ServiceTier::kStandard);
}

TEST(CostTest, ProvisionedThroughputTrafficIsTheProvisionedTier) {
  EXPECT_EQ(ServiceTierFromWire("", "PROVISIONED_THROUGHPUT"), ServiceTier::kProvisioned);
}

TEST(CostTest, ProvisionedThroughputCostsNothingAtTheMargin) {
  // Vertex PT capacity is bought in advance (PROVIDERS.md A3 trafficType): the call costs 0.
  Units units = MakeUnits({{kUnitInputTokens, 14}, {kUnitOutputTokens, 52}});
  const Quote q = PriceUsage(BundledLiteLlmBook(), {"vertex", "", "gemini-2.0-flash-001"}, units,
                             ServiceTier::kProvisioned, Day2026(300));
  ASSERT_TRUE(q.priced()) << UnpricedReason(q.unpriced);
  EXPECT_EQ(q.total.pico(), 0);
  EXPECT_EQ(q.line_count, 0u);
  EXPECT_EQ(q.price_key, "gemini-2.0-flash-001");
}

}  // namespace
}  // namespace costgate::pricing
