#include "tests/unit/pricing/test_books_helpers.h"

#include <gtest/gtest.h>

#include "pricing/book_loader.h"
#include "pricing/bundled.h"
#include "pricing/litellm_catalogue.h"

namespace costgate::pricing {

const PriceBook& BundledLiteLlmBook() {
  static const std::shared_ptr<const PriceBook> book = [] {
    CatalogueLoad load = LoadLiteLlmCatalogue(BundledLiteLlmJson(), kSinceAlways);
    EXPECT_TRUE(load.errors.empty()) << load.errors.front();
    return PriceBook::Build(std::move(load.rows), BookOptions{});
  }();
  return *book;
}

std::shared_ptr<const PriceBook> BundledBook(std::string elevenlabs_plan) {
  config::PricingConfig pricing;
  pricing.history_dir.clear();  // bundled sources only
  pricing.elevenlabs_plan = std::move(elevenlabs_plan);
  BookLoad load = LoadPriceBook(pricing);
  EXPECT_TRUE(load.errors.empty()) << load.errors.front();
  return load.book;
}

PriceRow Row(std::string key, RateKind kind, int64_t pico_per_unit, int64_t effective_from_ms,
             Layer layer) {
  PriceRow row;
  row.key = std::move(key);
  row.provider = "test";
  row.mode = "chat";
  row.source = "hand-made test row";
  row.layer = layer;
  row.effective_from_ms = effective_from_ms;
  row.SetRate(kind, ServiceTier::kStandard, Band::kBase, Money::FromPico(pico_per_unit));
  return row;
}

int64_t Day2026(int days) {
  constexpr int64_t kJan1st2026Ms = 1'767'225'600'000;  // date -d 2026-01-01T00:00:00Z +%s
  return kJan1st2026Ms + int64_t{days} * 86'400'000;
}

}  // namespace costgate::pricing
