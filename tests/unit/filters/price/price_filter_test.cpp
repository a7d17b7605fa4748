#include "filters/price/price_filter.h"

#include <gtest/gtest.h>

#include "tests/unit/filters/bundled_prices_helpers.h"

namespace costgate::filters {
namespace {

constexpr int64_t kStart = 1'790'000'000'000;  // 2026-09-21

Exchange MeteredExchange() {
  Exchange x;
  x.provider = "gemini";
  x.operation = "generateContent";
  x.metering = Metering::kMetered;
  x.start_unix_ms = kStart;
  x.model_requested = "gemini-flash-latest";
  x.model_version = "gemini-3.6-flash";
  x.units.Set(kUnitInputTokens, 11);
  x.units.Set(kUnitOutputTokens, 2);
  x.units.Set(kUnitThinkingTokens, 291);
  return x;
}

TEST(PriceFilterTest, PricesTheServedModelWithTheBookVersion) {
  FilterStats stats;
  Exchange x = MeteredExchange();
  PriceFilter(BundledPrices(), stats).OnComplete(x);
  // gemini-3.6-flash: 11 x $1.50/1M + (2 + 291) x $7.50/1M = 16,500,000 + 2,197,500,000 pico
  ASSERT_TRUE(x.cost.has_value());
  EXPECT_EQ(x.cost->pico(), 2'214'000'000);
  EXPECT_EQ(x.price_key, "gemini/gemini-3.6-flash");
  EXPECT_EQ(x.pricing_version, BundledPrices().Current().version());
  EXPECT_EQ(x.unpriced_reason, "");
  EXPECT_EQ(stats.unpriced_receipts.load(), 0u);
}

TEST(PriceFilterTest, ReportedFlexTierUsesFlexRates) {
  FilterStats stats;
  Exchange x = MeteredExchange();
  x.service_tier = "flex";
  PriceFilter(BundledPrices(), stats).OnComplete(x);
  // flex: 11 x $0.75/1M + 293 x $3.75/1M
  EXPECT_EQ(x.cost->pico(), 8'250'000 + 1'098'750'000);
}

TEST(PriceFilterTest, ReportedFlexTierWithFlexRatesHasNoNote) {
  FilterStats stats;
  Exchange x = MeteredExchange();
  x.service_tier = "flex";
  PriceFilter(BundledPrices(), stats).OnComplete(x);
  EXPECT_EQ(x.pricing_notes, "");
}

TEST(PriceFilterTest, ATierWithoutRatesIsPricedAtStandardAndSaysSoForEveryWireSpelling) {
  // gemini-2.0-flash has no flex or priority rates on either list (LiteLLM, catalogue).
  struct Case {
    std::string_view provider;
    std::string_view model_version;
    std::string_view service_tier;
    std::string_view traffic_type;
  };
  const Case cases[] = {
      {"gemini", "gemini-2.0-flash", "flex", ""},
      {"gemini", "gemini-2.0-flash", "priority", ""},
      {"gemini", "gemini-2.0-flash", "FLEX", ""},
      {"vertex", "gemini-2.0-flash-001", "", "ON_DEMAND_FLEX"},
      {"vertex", "gemini-2.0-flash-001", "", "ON_DEMAND_PRIORITY"},
      {"vertex", "gemini-2.0-flash", "", "ON_DEMAND_FLEX"},
  };
  for (const Case& c : cases) {
    FilterStats stats;
    Exchange standard = MeteredExchange();
    standard.provider = c.provider;
    standard.model_requested = c.model_version;
    standard.model_version = c.model_version;
    PriceFilter(BundledPrices(), stats).OnComplete(standard);
    Exchange x = standard;
    x.service_tier = c.service_tier;
    x.traffic_type = c.traffic_type;
    PriceFilter(BundledPrices(), stats).OnComplete(x);
    ASSERT_TRUE(x.cost.has_value()) << c.model_version;
    EXPECT_EQ(x.cost, standard.cost) << c.service_tier << c.traffic_type;
    EXPECT_EQ(x.pricing_notes, "tier_fallback") << c.service_tier << c.traffic_type;
    EXPECT_EQ(standard.pricing_notes, "") << c.model_version;
  }
}

TEST(PriceFilterTest, ProvisionedThroughputHasNoNote) {
  FilterStats stats;
  Exchange x = MeteredExchange();
  x.provider = "vertex";
  x.model_version = "gemini-2.0-flash-001";
  x.traffic_type = "PROVISIONED_THROUGHPUT";
  PriceFilter(BundledPrices(), stats).OnComplete(x);
  EXPECT_EQ(x.cost, pricing::Money{});
  EXPECT_EQ(x.pricing_notes, "");
}

TEST(PriceFilterTest, NotesAreClearedForAnExchangeThatLeavesNoReceipt) {
  FilterStats stats;
  Exchange x = MeteredExchange();
  x.pricing_notes = "tier_fallback";
  x.metering = Metering::kPassThrough;
  PriceFilter(BundledPrices(), stats).OnComplete(x);
  EXPECT_EQ(x.pricing_notes, "");
}

TEST(PriceFilterTest, UnknownModelIsUnpricedAndCountedNeverZero) {
  FilterStats stats;
  Exchange x = MeteredExchange();
  x.model_version.clear();
  x.model_requested = "custom-gemini-2.0-flash";
  x.cost = pricing::Money{};
  PriceFilter(BundledPrices(), stats).OnComplete(x);
  EXPECT_EQ(x.cost, std::nullopt);
  EXPECT_EQ(x.pricing_version, "");
  EXPECT_EQ(x.price_key, "");
  EXPECT_EQ(x.unpriced_reason, "unknown_model");
  EXPECT_EQ(stats.unpriced_receipts.load(), 1u);
  EXPECT_EQ(stats.unpriced_unknown_model.load(), 1u);
}

TEST(PriceFilterTest, UnknownModelKeepsItsUnitsForRepricing) {
  FilterStats stats;
  Exchange x = MeteredExchange();
  x.model_version = "gemini-9-ultra";
  PriceFilter(BundledPrices(), stats).OnComplete(x);
  EXPECT_EQ(x.units.Get(kUnitThinkingTokens), 291);
}

TEST(PriceFilterTest, SuccessWithoutUsageIsUnpriced) {
  FilterStats stats;
  Exchange x = MeteredExchange();
  x.units.clear();
  PriceFilter(BundledPrices(), stats).OnComplete(x);
  EXPECT_EQ(x.cost, std::nullopt);
  EXPECT_EQ(x.unpriced_reason, "no_usage");
  EXPECT_EQ(stats.unpriced_receipts.load(), 1u);
  EXPECT_EQ(stats.unpriced_unknown_model.load(), 0u);
}

TEST(PriceFilterTest, ProviderErrorWithoutUsageCostsZero) {
  FilterStats stats;
  Exchange x = MeteredExchange();
  x.units.clear();
  x.outcome = Outcome::kUpstreamError;
  x.response.emplace();
  x.response->status = 429;
  PriceFilter(BundledPrices(), stats).OnComplete(x);
  EXPECT_EQ(x.cost, pricing::Money{});
  EXPECT_EQ(x.price_key, "gemini/gemini-3.6-flash");
  EXPECT_EQ(stats.unpriced_receipts.load(), 0u);
}

TEST(PriceFilterTest, DeniedCallCostsZero) {
  FilterStats stats;
  Exchange x = MeteredExchange();
  x.units.clear();
  x.outcome = Outcome::kDenied;
  PriceFilter(BundledPrices(), stats).OnComplete(x);
  EXPECT_EQ(x.cost, pricing::Money{});
}

TEST(PriceFilterTest, StreamCutAfterA200WithoutUsageIsUnpricedNotFree) {
  FilterStats stats;
  Exchange x = MeteredExchange();
  x.units.clear();
  x.outcome = Outcome::kUpstreamError;
  x.response.emplace();
  x.response->status = 200;
  PriceFilter(BundledPrices(), stats).OnComplete(x);
  EXPECT_EQ(x.cost, std::nullopt);
  EXPECT_EQ(x.unpriced_reason, "no_usage");
}

TEST(PriceFilterTest, UnmeteredOperationsAreUnpricedAndCounted) {
  FilterStats stats;
  Exchange x = MeteredExchange();
  x.metering = Metering::kUnmetered;
  PriceFilter(BundledPrices(), stats).OnComplete(x);
  EXPECT_EQ(x.cost, std::nullopt);
  EXPECT_EQ(x.unpriced_reason, "unmetered");
  EXPECT_EQ(stats.unpriced_receipts.load(), 1u);
}

TEST(PriceFilterTest, DoesNotCountWhatLeavesNoReceipt) {
  FilterStats stats;
  Exchange model_list = MeteredExchange();
  model_list.metering = Metering::kPassThrough;
  Exchange unrouted;
  PriceFilter(BundledPrices(), stats).OnComplete(model_list);
  PriceFilter(BundledPrices(), stats).OnComplete(unrouted);
  EXPECT_EQ(stats.unpriced_receipts.load(), 0u);
  EXPECT_EQ(model_list.cost, std::nullopt);
}

TEST(PriceFilterTest, FreeOperationCostsZero) {
  FilterStats stats;
  Exchange count_tokens = MeteredExchange();
  count_tokens.metering = Metering::kFree;
  count_tokens.units.clear();
  count_tokens.units.Set(kUnitRequests, 1);
  PriceFilter(BundledPrices(), stats).OnComplete(count_tokens);
  ASSERT_TRUE(count_tokens.cost.has_value());
  EXPECT_EQ(count_tokens.cost->pico(), 0);
  EXPECT_EQ(count_tokens.unpriced_reason, "");
  EXPECT_EQ(stats.unpriced_receipts.load(), 0u);
}

TEST(PriceFilterFactoryTest, NamedPrice) {
  FilterStats stats;
  EXPECT_EQ(PriceFilterFactory(BundledPrices(), stats).Name(), "price");
}

}  // namespace
}  // namespace costgate::filters
