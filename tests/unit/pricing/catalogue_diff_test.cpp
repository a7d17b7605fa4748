#include "pricing/catalogue_diff.h"

#include <gtest/gtest.h>

#include "tests/unit/pricing/test_books_helpers.h"

namespace costgate::pricing {
namespace {

constexpr uint16_t kInputSlot =
    static_cast<uint16_t>(RateSlot(RateKind::kInputToken, ServiceTier::kStandard, Band::kBase));
constexpr uint16_t kOutputSlot =
    static_cast<uint16_t>(RateSlot(RateKind::kOutputToken, ServiceTier::kStandard, Band::kBase));

using Keys = std::vector<std::string>;

PriceRow TwoRates(std::string key, int64_t input_pico, int64_t output_pico) {
  PriceRow row = Row(std::move(key), RateKind::kInputToken, input_pico);
  row.SetRate(RateKind::kOutputToken, ServiceTier::kStandard, Band::kBase,
              Money::FromPico(output_pico));
  return row;
}

TEST(DiffRows, SortsKeysIntoAddedRemovedRepricedAndUnchanged) {
  const std::vector<PriceRow> before = {Row("same", RateKind::kInputToken, 100),
                                        Row("gone", RateKind::kInputToken, 100),
                                        Row("dearer", RateKind::kInputToken, 100)};
  const std::vector<PriceRow> after = {
      Row("dearer", RateKind::kInputToken, 150), Row("same", RateKind::kInputToken, 100),
      Row("new-b", RateKind::kInputToken, 1), Row("new-a", RateKind::kInputToken, 1)};
  const CatalogueDiff diff = DiffRows(before, after);
  EXPECT_EQ(diff.added, (Keys{"new-a", "new-b"}));
  EXPECT_EQ(diff.removed, (Keys{"gone"}));
  ASSERT_EQ(diff.repriced.size(), 1u);
  EXPECT_EQ(diff.repriced[0].key, "dearer");
  EXPECT_EQ(diff.unchanged, 1u);
  EXPECT_FALSE(diff.empty());
}

TEST(DiffRows, RepricedKeyListsOnlyTheRatesThatChangedWithOldAndNewAmounts) {
  const std::vector<PriceRow> before = {TwoRates("m", 300'000, 2'500'000)};
  const std::vector<PriceRow> after = {TwoRates("m", 300'000, 3'000'000)};
  const CatalogueDiff diff = DiffRows(before, after);
  ASSERT_EQ(diff.repriced.size(), 1u);
  ASSERT_EQ(diff.repriced[0].rates.size(), 1u);
  const RateChange& change = diff.repriced[0].rates[0];
  EXPECT_EQ(change.slot, kOutputSlot);
  EXPECT_EQ(change.before, Money::FromPico(2'500'000));
  EXPECT_EQ(change.after, Money::FromPico(3'000'000));
}

TEST(DiffRows, ARateThatAppearsOrDisappearsIsAChangeFromOrToNothing) {
  const std::vector<PriceRow> before = {Row("m", RateKind::kInputToken, 100)};
  const std::vector<PriceRow> after = {Row("m", RateKind::kOutputToken, 400)};
  const CatalogueDiff diff = DiffRows(before, after);
  ASSERT_EQ(diff.repriced.size(), 1u);
  const std::vector<RateChange>& rates = diff.repriced[0].rates;
  ASSERT_EQ(rates.size(), 2u);
  EXPECT_EQ(rates[0].slot, kInputSlot);
  EXPECT_EQ(rates[0].before, Money::FromPico(100));
  EXPECT_EQ(rates[0].after, std::nullopt);
  EXPECT_EQ(rates[1].slot, kOutputSlot);
  EXPECT_EQ(rates[1].before, std::nullopt);
  EXPECT_EQ(rates[1].after, Money::FromPico(400));
}

TEST(DiffRows, ANewLongContextThresholdIsARepriceWithTheSameRates) {
  PriceRow old_row = Row("m", RateKind::kInputToken, 100);
  PriceRow new_row = old_row;
  old_row.long_context_threshold = 200'000;
  new_row.long_context_threshold = 128'000;
  const CatalogueDiff diff = DiffRows(std::vector{old_row}, std::vector{new_row});
  ASSERT_EQ(diff.repriced.size(), 1u);
  EXPECT_TRUE(diff.repriced[0].rates.empty());
  EXPECT_EQ(diff.repriced[0].threshold_before, 200'000);
  EXPECT_EQ(diff.repriced[0].threshold_after, 128'000);
}

TEST(DiffRows, ProviderModeAndSourceAreNotPrices) {
  PriceRow old_row = Row("m", RateKind::kInputToken, 100);
  PriceRow new_row = old_row;
  new_row.source = "https://example.com/new-page";
  new_row.mode = "responses";
  const CatalogueDiff diff = DiffRows(std::vector{old_row}, std::vector{new_row});
  EXPECT_TRUE(diff.empty());
  EXPECT_EQ(diff.unchanged, 1u);
}

TEST(DiffRows, TheLastRowOfARepeatedKeyCounts) {
  const std::vector<PriceRow> before = {Row("m", RateKind::kInputToken, 100),
                                        Row("m", RateKind::kInputToken, 200)};
  const std::vector<PriceRow> after = {Row("m", RateKind::kInputToken, 200)};
  EXPECT_TRUE(DiffRows(before, after).empty());
}

TEST(DiffRows, EmptySetsDifferInNothing) {
  const CatalogueDiff diff = DiffRows({}, {});
  EXPECT_TRUE(diff.empty());
  EXPECT_EQ(diff.unchanged, 0u);
}

TEST(DiffBooks, ComparesTheRowsInForceAtTheMoment) {
  auto before = PriceBook::Build({Row("m", RateKind::kInputToken, 100)}, BookOptions{});
  auto after = PriceBook::Build(
      {Row("m", RateKind::kInputToken, 100), Row("m", RateKind::kInputToken, 250, Day2026(10)),
       Row("later", RateKind::kInputToken, 5, Day2026(10))},
      BookOptions{});
  const CatalogueDiff on_day_9 = DiffBooks(*before, *after, Day2026(9));
  EXPECT_TRUE(on_day_9.empty());
  EXPECT_EQ(on_day_9.unchanged, 1u);

  const CatalogueDiff on_day_10 = DiffBooks(*before, *after, Day2026(10));
  EXPECT_EQ(on_day_10.added, (Keys{"later"}));
  ASSERT_EQ(on_day_10.repriced.size(), 1u);
  EXPECT_EQ(on_day_10.repriced[0].key, "m");
  ASSERT_EQ(on_day_10.repriced[0].rates.size(), 1u);
  EXPECT_EQ(on_day_10.repriced[0].rates[0].before, Money::FromPico(100));
  EXPECT_EQ(on_day_10.repriced[0].rates[0].after, Money::FromPico(250));
}

TEST(DiffBooks, AKeyOnlyTheOldBookPricesIsRemoved) {
  auto before = PriceBook::Build(
      {Row("m", RateKind::kInputToken, 100), Row("old", RateKind::kInputToken, 1)}, BookOptions{});
  auto after = PriceBook::Build({Row("m", RateKind::kInputToken, 100)}, BookOptions{});
  EXPECT_EQ(DiffBooks(*before, *after, Day2026(0)).removed, (Keys{"old"}));
}

TEST(DiffBooks, AHigherLayerThatWinsShowsAsTheRepricedRow) {
  auto before = PriceBook::Build({Row("m", RateKind::kInputToken, 100)}, BookOptions{});
  auto after =
      PriceBook::Build({Row("m", RateKind::kInputToken, 100),
                        Row("m", RateKind::kInputToken, 90, kSinceAlways, Layer::kOverride)},
                       BookOptions{});
  const CatalogueDiff diff = DiffBooks(*before, *after, Day2026(0));
  ASSERT_EQ(diff.repriced.size(), 1u);
  EXPECT_EQ(diff.repriced[0].rates[0].after, Money::FromPico(90));
}

TEST(RateFieldName, SpellsLiteLlmFieldNames) {
  auto slot = [](RateKind kind, ServiceTier tier, Band band) {
    return static_cast<uint16_t>(RateSlot(kind, tier, band));
  };
  EXPECT_EQ(RateFieldName(kInputSlot, 0), "input_cost_per_token");
  EXPECT_EQ(
      RateFieldName(slot(RateKind::kInputToken, ServiceTier::kStandard, Band::kAbove), 200'000),
      "input_cost_per_token_above_200k_tokens");
  EXPECT_EQ(RateFieldName(slot(RateKind::kOutputToken, ServiceTier::kFlex, Band::kAbove), 128'000),
            "output_cost_per_token_above_128k_tokens_flex");
  EXPECT_EQ(RateFieldName(slot(RateKind::kCacheReadToken, ServiceTier::kBatch, Band::kBase), 0),
            "cache_read_input_token_cost_batches");
  EXPECT_EQ(RateFieldName(slot(RateKind::kOutputToken, ServiceTier::kPriority, Band::kBase), 0),
            "output_cost_per_token_priority");
}

TEST(RateFieldName, RoundTripsThroughParseRateField) {
  for (const char* field :
       {"input_cost_per_token_above_200k_tokens_priority", "output_cost_per_image_token",
        "input_cost_per_character", "cache_read_input_token_cost_above_200k_tokens_flex"}) {
    const std::optional<RateField> parsed = ParseRateField(field);
    ASSERT_TRUE(parsed.has_value()) << field;
    const auto slot = static_cast<uint16_t>(RateSlot(parsed->kind, parsed->tier, parsed->band));
    EXPECT_EQ(RateFieldName(slot, parsed->threshold_tokens), field);
  }
}

}  // namespace
}  // namespace costgate::pricing
