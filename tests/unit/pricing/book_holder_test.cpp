#include "pricing/book_holder.h"

#include <gtest/gtest.h>

#include <thread>

#include "tests/unit/pricing/test_books_helpers.h"

namespace costgate::pricing {
namespace {

std::shared_ptr<const PriceBook> BookWithInputRate(int64_t pico) {
  return PriceBook::Build({Row("m", RateKind::kInputToken, pico)}, BookOptions{});
}

int64_t InputRate(const PriceBook& book) {
  return book.Find("m", 0)->Rate(RateKind::kInputToken)->pico();
}

TEST(PriceBookHolderTest, CurrentIsTheBookPublishedLast) {
  PriceBookHolder holder(BookWithInputRate(1));
  EXPECT_EQ(InputRate(holder.Current()), 1);
  const uint64_t before = holder.generation();
  holder.Publish(BookWithInputRate(2));
  EXPECT_GT(holder.generation(), before);
  EXPECT_EQ(InputRate(holder.Current()), 2);
  EXPECT_EQ(InputRate(*holder.Share()), 2);
}

TEST(PriceBookHolderTest, AnotherThreadSeesAPublishedBookOnItsNextCall) {
  PriceBookHolder holder(BookWithInputRate(1));
  int64_t seen_before = 0;
  int64_t seen_after = 0;
  std::thread([&] { seen_before = InputRate(holder.Current()); }).join();
  holder.Publish(BookWithInputRate(3));
  std::thread([&] { seen_after = InputRate(holder.Current()); }).join();
  EXPECT_EQ(seen_before, 1);
  EXPECT_EQ(seen_after, 3);
  EXPECT_EQ(InputRate(holder.Current()), 3);
}

TEST(PriceBookHolderTest, TwoHoldersOnOneThreadKeepTheirOwnBooks) {
  // The per-thread cache is keyed by holder: alternating must never return the other's book.
  PriceBookHolder a(BookWithInputRate(10));
  PriceBookHolder b(BookWithInputRate(20));
  EXPECT_EQ(InputRate(a.Current()), 10);
  EXPECT_EQ(InputRate(b.Current()), 20);
  EXPECT_EQ(InputRate(a.Current()), 10);
}

TEST(PriceBookHolderTest, AReaderKeepsItsBookAliveAfterAPublish) {
  PriceBookHolder holder(BookWithInputRate(1));
  const PriceBook& held = holder.Current();
  holder.Publish(BookWithInputRate(2));
  EXPECT_EQ(InputRate(held), 1);  // still valid until this thread's next Current()
}

}  // namespace
}  // namespace costgate::pricing
