#include "filters/price/price_filter.h"

#include <gtest/gtest.h>

namespace costgate::filters {
namespace {

Exchange MeteredExchange() {
  Exchange x;
  x.provider = "gemini";
  x.operation = "generateContent";
  x.metering = Metering::kMetered;
  x.units.Set(kUnitInputTokens, 14);
  return x;
}

TEST(PriceFilterTest, MarksTheCostUnpricedNeverZero) {
  FilterStats stats;
  Exchange x = MeteredExchange();
  x.cost_micro_usd = 0;
  x.pricing_version = "stale";
  PriceFilter(stats).OnComplete(x);
  EXPECT_EQ(x.cost_micro_usd, std::nullopt);
  EXPECT_EQ(x.pricing_version, "");
}

TEST(PriceFilterTest, CountsAnUnpricedReceipt) {
  FilterStats stats;
  Exchange x = MeteredExchange();
  PriceFilter(stats).OnComplete(x);
  EXPECT_EQ(stats.unpriced_receipts.load(), 1u);
}

TEST(PriceFilterTest, CountsUnmeteredOperationsToo) {
  FilterStats stats;
  Exchange x = MeteredExchange();
  x.metering = Metering::kUnmetered;
  PriceFilter(stats).OnComplete(x);
  EXPECT_EQ(stats.unpriced_receipts.load(), 1u);
}

TEST(PriceFilterTest, DoesNotCountWhatLeavesNoReceipt) {
  FilterStats stats;
  Exchange free_call = MeteredExchange();
  free_call.metering = Metering::kFree;
  Exchange unrouted;
  PriceFilter(stats).OnComplete(free_call);
  PriceFilter(stats).OnComplete(unrouted);
  EXPECT_EQ(stats.unpriced_receipts.load(), 0u);
}

TEST(PriceFilterFactoryTest, NamedPrice) {
  FilterStats stats;
  EXPECT_EQ(PriceFilterFactory(stats).Name(), "price");
}

}  // namespace
}  // namespace costgate::filters
