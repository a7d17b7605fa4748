#include "pricing/yaml_catalogue.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace costgate::pricing {
namespace {

using Errors = std::vector<std::string>;

YamlCatalogueLoad Load(std::string_view yaml, Layer layer = Layer::kCatalogue) {
  return LoadYamlCatalogue(yaml, layer, "catalogue.yaml");
}

// One valid row whose `extra` lines (indented as row fields) vary per test.
std::string OneRow(std::string_view extra) {
  return std::string(R"y(version: 1
prices:
  - key: google-tts/wavenet
    provider: google-tts
    mode: audio_speech
    source: "https://cloud.google.com/text-to-speech/pricing (read 2026-11-22)"
)y") + std::string(extra);
}

TEST(YamlCatalogueTest, AcceptsAMinimalRow) {
  const auto load = Load(OneRow(R"(    rates:
      input_cost_per_character: "0.000004"
)"));
  ASSERT_EQ(load.errors, Errors{});
  ASSERT_EQ(load.rows.size(), 1u);
  const PriceRow& row = load.rows[0];
  EXPECT_EQ(row.key, "google-tts/wavenet");
  EXPECT_EQ(row.provider, "google-tts");
  EXPECT_EQ(row.mode, "audio_speech");
  EXPECT_EQ(row.source, "https://cloud.google.com/text-to-speech/pricing (read 2026-11-22)");
  EXPECT_EQ(row.effective_from_ms, kSinceAlways);
  EXPECT_EQ(row.long_context_threshold, 0);
  EXPECT_EQ(row.credits_per_character_milli, 0);
  EXPECT_EQ(row.Rate(RateKind::kInputCharacter), Money::FromPico(4'000'000));
  EXPECT_EQ(row.rates().size(), 1u);
}

TEST(YamlCatalogueTest, SetsTheGivenLayerOnEveryRow) {
  const auto load = LoadYamlCatalogue(R"(version: 1
prices:
  - {key: a, provider: p, mode: m, source: s, rates: {usd_per_credit: "0.0001"}}
  - {key: b, provider: p, mode: m, source: s, rates: {usd_per_credit: "0.0002"}}
)",
                                      Layer::kOverride, "overrides.yaml");
  ASSERT_EQ(load.errors, Errors{});
  ASSERT_EQ(load.rows.size(), 2u);
  EXPECT_EQ(load.rows[0].layer, Layer::kOverride);
  EXPECT_EQ(load.rows[1].layer, Layer::kOverride);
}

TEST(YamlCatalogueTest, ReadsQuotedAndPlainAmountsExactly) {
  const auto load = Load(OneRow(R"(    rates:
      input_cost_per_token: "0.000000075"
      output_cost_per_token: 3e-07
      cache_read_input_token_cost: 0.00000001875
)"));
  ASSERT_EQ(load.errors, Errors{});
  const PriceRow& row = load.rows.at(0);
  EXPECT_EQ(row.Rate(RateKind::kInputToken)->pico(), 75'000);
  EXPECT_EQ(row.Rate(RateKind::kOutputToken)->pico(), 300'000);
  EXPECT_EQ(row.Rate(RateKind::kCacheReadToken)->pico(), 18'750);
}

TEST(YamlCatalogueTest, RoundsDigitsPastPicoHalfToEven) {
  // $0.22/hour per second: 61,111,111.111 pico -> 61,111,111; 0.0000000000025 -> 2 (even).
  const auto load = Load(OneRow(R"(    rates:
      input_cost_per_second: "0.0000611111111111"
      output_cost_per_second: "0.0000000000025"
)"));
  ASSERT_EQ(load.errors, Errors{});
  EXPECT_EQ(load.rows.at(0).Rate(RateKind::kInputSecond)->pico(), 61'111'111);
  EXPECT_EQ(load.rows.at(0).Rate(RateKind::kOutputSecond)->pico(), 2);
}

TEST(YamlCatalogueTest, AboveBandRateSetsTheLongContextThreshold) {
  const auto load = Load(OneRow(R"(    rates:
      input_cost_per_token: "0.00000125"
      input_cost_per_token_above_200k_tokens: "0.0000025"
      output_cost_per_token_flex: "0.000005"
)"));
  ASSERT_EQ(load.errors, Errors{});
  const PriceRow& row = load.rows.at(0);
  EXPECT_EQ(row.long_context_threshold, 200'000);
  EXPECT_EQ(row.Rate(RateKind::kInputToken, ServiceTier::kStandard, Band::kAbove)->pico(),
            2'500'000);
  EXPECT_EQ(row.Rate(RateKind::kOutputToken, ServiceTier::kFlex)->pico(), 5'000'000);
}

TEST(YamlCatalogueTest, CreditsPerCharacterIsStoredInThousandths) {
  const auto load = LoadYamlCatalogue(R"(version: 1
prices:
  - {key: elevenlabs/flash, provider: elevenlabs, mode: audio_speech, source: s,
     credits_per_character: "0.5"}
  - {key: elevenlabs/v3, provider: elevenlabs, mode: audio_speech, source: s,
     credits_per_character: 1}
)",
                                      Layer::kCatalogue, "catalogue.yaml");
  ASSERT_EQ(load.errors, Errors{});
  ASSERT_EQ(load.rows.size(), 2u);
  EXPECT_EQ(load.rows[0].credits_per_character_milli, 500);
  EXPECT_EQ(load.rows[1].credits_per_character_milli, 1000);
  EXPECT_FALSE(load.rows[0].HasAnyRate());
}

TEST(YamlCatalogueTest, DateIsUtcMidnight) {
  const auto load = Load(OneRow(R"(    effective_from: 2024-01-01
    rates: {input_cost_per_character: "0.000004"}
)"));
  ASSERT_EQ(load.errors, Errors{});
  EXPECT_EQ(load.rows.at(0).effective_from_ms, 1'704'067'200'000);  // date -u -d 2024-01-01 +%s
}

TEST(YamlCatalogueTest, DateBeforeTheEpochIsNegative) {
  const auto load = Load(OneRow(R"(    effective_from: 1969-12-31
    rates: {input_cost_per_character: "0.000004"}
)"));
  ASSERT_EQ(load.errors, Errors{});
  EXPECT_EQ(load.rows.at(0).effective_from_ms, -86'400'000);
}

TEST(YamlCatalogueTest, Rfc3339TimeWithMillisecondsInUtc) {
  // 2024-02-29 (leap day) = 1709164800 s; + 12:34:56 = 45296 s; + 789 ms.
  const auto load = Load(OneRow(R"(    effective_from: "2024-02-29T12:34:56.789Z"
    rates: {input_cost_per_character: "0.000004"}
)"));
  ASSERT_EQ(load.errors, Errors{});
  EXPECT_EQ(load.rows.at(0).effective_from_ms, 1'709'210'096'789);
}

TEST(YamlCatalogueTest, Rfc3339OffsetIsConvertedToUtc) {
  const auto load = Load(OneRow(R"(    effective_from: 2024-01-01T02:30:00+02:30
    rates: {input_cost_per_character: "0.000004"}
)"));
  ASSERT_EQ(load.errors, Errors{});
  EXPECT_EQ(load.rows.at(0).effective_from_ms, 1'704'067'200'000);
}

TEST(YamlCatalogueTest, SameKeyWithDifferentDatesIsATimeline) {
  const auto load = LoadYamlCatalogue(R"(version: 1
prices:
  - {key: k, provider: p, mode: m, source: s, rates: {input_cost_per_character: "0.000016"}}
  - {key: k, provider: p, mode: m, source: s, effective_from: 2025-01-01,
     rates: {input_cost_per_character: "0.000004"}}
)",
                                      Layer::kCatalogue, "catalogue.yaml");
  ASSERT_EQ(load.errors, Errors{});
  ASSERT_EQ(load.rows.size(), 2u);
  EXPECT_EQ(load.rows[0].effective_from_ms, kSinceAlways);
  EXPECT_EQ(load.rows[1].effective_from_ms, 1'735'689'600'000);
}

TEST(YamlCatalogueTest, RejectsAnUnknownRateField) {
  const auto load = Load(OneRow(R"(    rates:
      input_cost_per_char: "0.000004"
)"));
  EXPECT_EQ(load.errors,
            Errors{"catalogue.yaml: prices[0].rates.input_cost_per_char: unknown rate field"});
  EXPECT_TRUE(load.rows.empty());
}

TEST(YamlCatalogueTest, RejectsAnUnknownRowKey) {
  const auto load = Load(OneRow(R"(    price: 4
    rates: {input_cost_per_character: "0.000004"}
)"));
  EXPECT_EQ(load.errors, Errors{"catalogue.yaml: prices[0].price: unknown key; known keys: key, "
                                "provider, mode, effective_from, source, rates, "
                                "credits_per_character"});
}

TEST(YamlCatalogueTest, RejectsAnUnknownTopLevelKey) {
  const auto load = Load("version: 1\nprices: []\ncurrency: USD\n");
  EXPECT_EQ(load.errors,
            Errors{"catalogue.yaml: currency: unknown key; known keys: version, prices"});
}

TEST(YamlCatalogueTest, RejectsANegativeAmount) {
  const auto load = Load(OneRow("    rates: {input_cost_per_character: \"-0.000004\"}\n"));
  EXPECT_EQ(load.errors, Errors{"catalogue.yaml: prices[0].rates.input_cost_per_character: "
                                "expected a non-negative USD amount, got '-0.000004'"});
}

TEST(YamlCatalogueTest, RejectsAnAmountThatIsNotANumber) {
  const auto load = Load(OneRow("    rates: {input_cost_per_character: $4/1M}\n"));
  EXPECT_EQ(load.errors, Errors{"catalogue.yaml: prices[0].rates.input_cost_per_character: "
                                "expected a non-negative USD amount, got '$4/1M'"});
}

TEST(YamlCatalogueTest, RejectsANonZeroAmountThatRoundsToZero) {
  const auto load = Load(OneRow("    rates: {input_cost_per_character: 4e-13}\n"));
  EXPECT_EQ(load.errors, Errors{"catalogue.yaml: prices[0].rates.input_cost_per_character: "
                                "'4e-13' rounds to zero pico-USD; not a price we can hold"});
}

TEST(YamlCatalogueTest, ReportsEveryMissingRequiredField) {
  const auto load = Load("version: 1\nprices:\n  - rates: {usd_per_credit: 1}\n");
  EXPECT_EQ(load.errors, (Errors{"catalogue.yaml: prices[0].key: required field missing",
                                 "catalogue.yaml: prices[0].provider: required field missing",
                                 "catalogue.yaml: prices[0].mode: required field missing",
                                 "catalogue.yaml: prices[0].source: required field missing"}));
}

TEST(YamlCatalogueTest, RejectsARowWithoutAnyPrice) {
  const auto load = Load(OneRow("    rates: {}\n"));
  EXPECT_EQ(load.errors,
            Errors{"catalogue.yaml: prices[0]: a row needs rates or credits_per_character"});
}

TEST(YamlCatalogueTest, RejectsADuplicateKeyAndEffectiveFrom) {
  const auto load = Load(R"(version: 1
prices:
  - {key: k, provider: p, mode: m, source: s, effective_from: 2025-01-01,
     rates: {usd_per_credit: 1}}
  - {key: k, provider: p, mode: m, source: s, effective_from: 2025-01-01,
     rates: {usd_per_credit: 2}}
)");
  EXPECT_EQ(load.errors, Errors{"catalogue.yaml: prices[1]: 'k' repeats prices[0] (same key and "
                                "effective_from)"});
  EXPECT_EQ(load.rows.size(), 1u);
}

TEST(YamlCatalogueTest, RejectsARepeatedYamlKeyInARow) {
  const auto load = Load(OneRow(R"(    rates: {input_cost_per_character: "0.000004"}
    rates: {input_cost_per_character: "0.000016"}
)"));
  EXPECT_EQ(load.errors, Errors{"catalogue.yaml: prices[0].rates: duplicate key"});
}

TEST(YamlCatalogueTest, RejectsADateThatIsNotOnTheCalendar) {
  const auto load = Load(OneRow(R"(    effective_from: 2023-02-29
    rates: {input_cost_per_character: "0.000004"}
)"));
  EXPECT_EQ(load.errors, Errors{"catalogue.yaml: prices[0].effective_from: expected YYYY-MM-DD "
                                "or an RFC 3339 time (2024-01-01T00:00:00Z), got '2023-02-29'"});
}

TEST(YamlCatalogueTest, RejectsATimeWithoutAZone) {
  const auto load = Load(OneRow(R"(    effective_from: 2024-01-01T00:00:00
    rates: {input_cost_per_character: "0.000004"}
)"));
  EXPECT_EQ(load.errors, Errors{"catalogue.yaml: prices[0].effective_from: expected YYYY-MM-DD "
                                "or an RFC 3339 time (2024-01-01T00:00:00Z), got "
                                "'2024-01-01T00:00:00'"});
}

TEST(YamlCatalogueTest, RejectsAVersionOtherThanOne) {
  const auto load = Load("version: 2\nprices: []\n");
  EXPECT_EQ(load.errors, Errors{"catalogue.yaml: version: expected 1, got '2'"});
}

TEST(YamlCatalogueTest, RequiresVersionAndPrices) {
  const auto load = Load("");
  EXPECT_EQ(load.errors, (Errors{"catalogue.yaml: version: required field missing",
                                 "catalogue.yaml: prices: required field missing"}));
}

TEST(YamlCatalogueTest, RejectsPricesThatAreNotAList) {
  const auto load = Load("version: 1\nprices: {key: k}\n");
  EXPECT_EQ(load.errors,
            Errors{"catalogue.yaml: prices: expected a list of price rows, got a map"});
}

TEST(YamlCatalogueTest, RejectsCreditsFinerThanAThousandth) {
  const auto load = Load(OneRow("    credits_per_character: \"0.0005\"\n"));
  EXPECT_EQ(load.errors, Errors{"catalogue.yaml: prices[0].credits_per_character: expected a "
                                "positive number of credits with at most 3 decimals, got "
                                "'0.0005'"});
}

TEST(YamlCatalogueTest, RejectsZeroCreditsPerCharacter) {
  const auto load = Load(OneRow("    credits_per_character: 0\n"));
  EXPECT_EQ(load.errors, Errors{"catalogue.yaml: prices[0].credits_per_character: expected a "
                                "positive number of credits with at most 3 decimals, got '0'"});
}

TEST(YamlCatalogueTest, RejectsTwoLongContextThresholdsInOneRow) {
  const auto load = Load(OneRow(R"(    rates:
      input_cost_per_token_above_200k_tokens: "0.0000025"
      output_cost_per_token_above_128k_tokens: "0.000015"
)"));
  EXPECT_EQ(load.errors,
            Errors{"catalogue.yaml: prices[0].rates.output_cost_per_token_above_128k_tokens: a "
                   "second long-context threshold in one row (200000 tokens already)"});
}

TEST(YamlCatalogueTest, ReportsEveryErrorInOnePass) {
  const auto load = Load(R"(version: 1
prices:
  - {key: a, provider: p, mode: m, source: s, rates: {input_cost_per_char: 1}}
  - {key: b, provider: p, mode: m, source: s, rates: {usd_per_credit: -1}}
  - {key: c, provider: p, mode: m, source: s, rates: {usd_per_credit: "0.0001"}}
)");
  EXPECT_EQ(load.errors,
            (Errors{"catalogue.yaml: prices[0].rates.input_cost_per_char: unknown rate field",
                    "catalogue.yaml: prices[1].rates.usd_per_credit: expected a non-negative "
                    "USD amount, got '-1'"}));
  ASSERT_EQ(load.rows.size(), 1u);
  EXPECT_EQ(load.rows[0].key, "c");
}

TEST(YamlCatalogueTest, ReportsASyntaxErrorWithItsLine) {
  const auto load = Load("version: 1\nprices:\n  - {key: a\n");
  ASSERT_EQ(load.errors.size(), 1u);
  EXPECT_EQ(load.errors[0].rfind("catalogue.yaml: YAML syntax error at line ", 0), 0u)
      << load.errors[0];
}

// yaml-cpp 0.7's LoadAll spins forever, allocating, on a text starting with ','; an overrides
// file like that hung the daemon at start. The catalogue reads through the config's reader.
TEST(YamlCatalogue, ATextStartingWithACommaIsASyntaxErrorNotAHang) {
  const auto load = LoadYamlCatalogue(",a: 1", Layer::kOverride, "overrides.yaml");
  ASSERT_EQ(load.errors.size(), 1u);
  EXPECT_EQ(load.errors[0].rfind("overrides.yaml: YAML syntax error", 0), 0u) << load.errors[0];
}

}  // namespace
}  // namespace costgate::pricing
