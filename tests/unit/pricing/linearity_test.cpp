// Property: where a price is linear, the sum of many receipts' costs equals the cost of their
// summed units, to the pico-USD. Floating point would drift here; integer pico-USD does not.
#include <gtest/gtest.h>

#include <random>

#include "pricing/cost.h"
#include "tests/unit/pricing/test_books_helpers.h"

namespace costgate::pricing {
namespace {

struct Sums {
  int64_t input = 0, cached = 0, output = 0, thinking = 0, images = 0;
};

void CheckLinear(std::string_view provider, std::string_view model, bool tokens, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<int64_t> prompt(0, 8'000);  // far below any long-context band
  std::uniform_int_distribution<int64_t> small(0, 3'000);
  const PriceBook& book = BundledLiteLlmBook();
  Sums sums;
  Money total;
  for (int i = 0; i < 20'000; ++i) {
    Units units;
    if (tokens) {
      const int64_t input = prompt(rng);
      const int64_t cached = std::uniform_int_distribution<int64_t>(0, input)(rng);
      const int64_t output = small(rng);
      const int64_t thinking = small(rng);
      units.Set(kUnitInputTokens, input);
      units.Set(kUnitCachedInputTokens, cached);
      units.Set(kUnitOutputTokens, output);
      units.Set(kUnitThinkingTokens, thinking);
      sums.input += input;
      sums.cached += cached;
      sums.output += output;
      sums.thinking += thinking;
    } else {
      const int64_t images = std::uniform_int_distribution<int64_t>(1, 4)(rng);
      units.Set(kUnitImages, images);
      sums.images += images;
    }
    const Quote q = PriceUsage(book, {provider, "", model}, units, ServiceTier::kStandard, 0);
    ASSERT_TRUE(q.priced());
    total += q.total;
  }
  Units summed;
  if (tokens) {
    summed.Set(kUnitInputTokens, sums.input);
    summed.Set(kUnitCachedInputTokens, sums.cached);
    summed.Set(kUnitOutputTokens, sums.output);
    summed.Set(kUnitThinkingTokens, sums.thinking);
  } else {
    summed.Set(kUnitImages, sums.images);
  }
  const Quote whole = PriceUsage(book, {provider, "", model}, summed, ServiceTier::kStandard, 0);
  ASSERT_TRUE(whole.priced());
  EXPECT_EQ(total, whole.total) << model;
}

TEST(LinearityTest, FlashTokensSumWithoutDrift) {
  CheckLinear("gemini", "gemini-2.5-flash", true, 1);
}

TEST(LinearityTest, SubCentRatesSumWithoutDrift) {
  // $0.01875 per 1M cached tokens and $0.075 per 1M input: not representable as doubles.
  CheckLinear("gemini", "gemini-2.0-flash-lite", true, 2);
}

TEST(LinearityTest, PerImagePricesSumWithoutDrift) {
  CheckLinear("vertex", "imagen-4.0-generate-001", false, 3);
}

}  // namespace
}  // namespace costgate::pricing
