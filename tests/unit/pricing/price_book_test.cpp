#include "pricing/price_book.h"

#include <gtest/gtest.h>

#include "pricing/cost.h"
#include "tests/unit/pricing/test_books_helpers.h"

namespace costgate::pricing {
namespace {

std::shared_ptr<const PriceBook> Book(std::vector<PriceRow> rows) {
  return PriceBook::Build(std::move(rows), BookOptions{});
}

int64_t InputRateAt(const PriceBook& book, std::string_view key, int64_t at) {
  const PriceRow* row = book.Find(key, at);
  return row == nullptr ? -1 : row->Rate(RateKind::kInputToken).value_or(Money{}).pico();
}

TEST(PriceBookTest, RowInForceAtTheStartTimePrices) {
  auto book = Book({Row("m", RateKind::kInputToken, 100, Day2026(0)),
                    Row("m", RateKind::kInputToken, 200, Day2026(150))});
  EXPECT_EQ(InputRateAt(*book, "m", Day2026(149)), 100);
  EXPECT_EQ(InputRateAt(*book, "m", Day2026(150)), 200);
  EXPECT_EQ(InputRateAt(*book, "m", Day2026(400)), 200);
}

TEST(PriceBookTest, NothingIsInForceBeforeTheFirstRow) {
  auto book = Book({Row("m", RateKind::kInputToken, 100, Day2026(10))});
  EXPECT_EQ(book->Find("m", Day2026(9)), nullptr);
}

TEST(PriceBookTest, SinceAlwaysCoversAnyTime) {
  auto book = Book({Row("m", RateKind::kInputToken, 100)});
  EXPECT_EQ(InputRateAt(*book, "m", 0), 100);
}

TEST(PriceBookTest, ANewerVersionDoesNotRepriceOlderUsage) {
  // A receipt that started on day 100 costs the same after a newer price lands on day 200.
  Units units;
  units.Set(kUnitInputTokens, 1000);
  auto before = Book({Row("m", RateKind::kInputToken, 100)});
  auto after = Book(
      {Row("m", RateKind::kInputToken, 100), Row("m", RateKind::kInputToken, 300, Day2026(200))});
  const PriceSubject subject{"test", "", "m"};
  const Quote old_price = PriceUsage(*before, subject, units, ServiceTier::kStandard, Day2026(100));
  const Quote old_repriced =
      PriceUsage(*after, subject, units, ServiceTier::kStandard, Day2026(100));
  const Quote new_call = PriceUsage(*after, subject, units, ServiceTier::kStandard, Day2026(201));
  EXPECT_EQ(old_price.total.pico(), 100'000);
  EXPECT_EQ(old_repriced.total.pico(), 100'000);
  EXPECT_EQ(new_call.total.pico(), 300'000);
}

TEST(PriceBookTest, OverrideWinsFromItsEffectiveTimeOnly) {
  auto book = Book({Row("m", RateKind::kInputToken, 100),
                    Row("m", RateKind::kInputToken, 50, Day2026(30), Layer::kOverride)});
  EXPECT_EQ(InputRateAt(*book, "m", Day2026(29)), 100);
  EXPECT_EQ(InputRateAt(*book, "m", Day2026(30)), 50);
}

TEST(PriceBookTest, HigherLayerWinsOverANewerLowerLayerRow) {
  // Our catalogue corrects LiteLLM; a later LiteLLM feed does not undo the correction.
  auto book = Book({Row("m", RateKind::kInputToken, 100),
                    Row("m", RateKind::kInputToken, 70, kSinceAlways, Layer::kCatalogue),
                    Row("m", RateKind::kInputToken, 120, Day2026(60))});
  EXPECT_EQ(InputRateAt(*book, "m", Day2026(90)), 70);
}

TEST(PriceBookTest, RepeatedPricesAddNoTimelineSpan) {
  auto book =
      Book({Row("m", RateKind::kInputToken, 100), Row("m", RateKind::kInputToken, 100, Day2026(10)),
            Row("m", RateKind::kInputToken, 110, Day2026(20))});
  const auto timeline = book->Timeline("m");
  ASSERT_EQ(timeline.size(), 2u);
  EXPECT_EQ(timeline[0].from_ms, kSinceAlways);
  EXPECT_EQ(timeline[1].from_ms, Day2026(20));
}

TEST(PriceBookTest, UnpricedReceiptIsRepricedOnceARowExists) {
  // The receipt keeps model and units; a later book with the model prices it at its start time,
  // even when the row was added after the call.
  Units units;
  units.Set(kUnitInputTokens, 2'000);
  const PriceSubject subject{"gemini", "gemini-9-ultra", "gemini-9-ultra"};
  auto without = Book({Row("gemini/gemini-2.5-flash", RateKind::kInputToken, 300'000)});
  auto with = Book({Row("gemini/gemini-2.5-flash", RateKind::kInputToken, 300'000),
                    Row("gemini/gemini-9-ultra", RateKind::kInputToken, 5'000'000, kSinceAlways,
                        Layer::kOverride)});
  EXPECT_EQ(PriceUsage(*without, subject, units, ServiceTier::kStandard, Day2026(5)).unpriced,
            Unpriced::kUnknownModel);
  const Quote repriced = PriceUsage(*with, subject, units, ServiceTier::kStandard, Day2026(5));
  ASSERT_TRUE(repriced.priced());
  EXPECT_EQ(repriced.total.pico(), 10'000'000'000);
  EXPECT_EQ(repriced.price_key, "gemini/gemini-9-ultra");
}

TEST(PriceBookTest, VersionIsAContentHash) {
  auto a = Book({Row("m", RateKind::kInputToken, 100), Row("n", RateKind::kOutputToken, 5)});
  auto same = Book({Row("n", RateKind::kOutputToken, 5), Row("m", RateKind::kInputToken, 100)});
  auto repriced = Book({Row("m", RateKind::kInputToken, 101), Row("n", RateKind::kOutputToken, 5)});
  EXPECT_EQ(a->version(), same->version());
  EXPECT_NE(a->version(), repriced->version());
  EXPECT_EQ(a->version().size(), 3u + 16u);
  EXPECT_EQ(a->version().substr(0, 3), "pb-");
}

TEST(PriceBookTest, PlanIsPartOfTheVersion) {
  auto a = PriceBook::Build({Row("m", RateKind::kInputToken, 1)}, BookOptions{});
  auto b = PriceBook::Build({Row("m", RateKind::kInputToken, 1)},
                            BookOptions{.elevenlabs_plan = "scale"});
  EXPECT_NE(a->version(), b->version());
}

TEST(PriceBookTest, KeysAreSorted) {
  auto book = Book({Row("b", RateKind::kInputToken, 1), Row("a", RateKind::kInputToken, 1)});
  EXPECT_EQ(book->Keys(), (std::vector<std::string_view>{"a", "b"}));
  EXPECT_EQ(book->key_count(), 2u);
}

TEST(PriceBookTest, UnknownKeyHasNoRowAndNoTimeline) {
  auto book = Book({Row("m", RateKind::kInputToken, 1)});
  EXPECT_EQ(book->Find("x", 0), nullptr);
  EXPECT_TRUE(book->Timeline("x").empty());
}

}  // namespace
}  // namespace costgate::pricing
