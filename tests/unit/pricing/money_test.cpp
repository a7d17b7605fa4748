#include "pricing/money.h"

#include <gtest/gtest.h>

namespace costgate::pricing {
namespace {

int64_t Pico(std::string_view text) {
  auto m = ParseUsd(text);
  EXPECT_TRUE(m.has_value()) << text;
  return m ? m->pico() : -1;
}

TEST(MoneyTest, ParsesPlainDecimalsExactly) {
  EXPECT_EQ(Pico("0.000000075"), 75'000);
  EXPECT_EQ(Pico("12"), 12 * kPicoPerUsd);
  EXPECT_EQ(Pico("0.039"), 39'000'000'000);
  EXPECT_EQ(Pico("0.0"), 0);
}

TEST(MoneyTest, ParsesExponentsExactly) {
  // 1.875e-08 is not a binary double; read as text it is exactly 18,750 pico.
  EXPECT_EQ(Pico("1.875e-08"), 18'750);
  EXPECT_EQ(Pico("2.5E-8"), 25'000);
  EXPECT_EQ(Pico("1e3"), 1000 * kPicoPerUsd);
  EXPECT_EQ(Pico("6.11e-05"), 61'100'000);
}

TEST(MoneyTest, RoundsBeyondTwelveDecimalsHalfToEven) {
  EXPECT_EQ(Pico("0.0000000000005"), 0);  // 0.5 pico -> even 0
  EXPECT_EQ(Pico("0.0000000000015"), 2);  // 1.5 pico -> even 2
  EXPECT_EQ(Pico("0.000033333333333333335"), 33'333'333);
}

TEST(MoneyTest, RejectsWhatIsNotANonNegativeAmount) {
  EXPECT_EQ(ParseUsd("-0.1"), std::nullopt);
  EXPECT_EQ(ParseUsd(""), std::nullopt);
  EXPECT_EQ(ParseUsd("abc"), std::nullopt);
  EXPECT_EQ(ParseUsd("1.2.3"), std::nullopt);
  EXPECT_EQ(ParseUsd("1e"), std::nullopt);
  EXPECT_EQ(ParseUsd("0x10"), std::nullopt);
  EXPECT_EQ(ParseUsd("99999999999"), std::nullopt);  // beyond int64 pico
}

TEST(MoneyTest, FormatRoundsHalfToEvenOnce) {
  EXPECT_EQ(FormatUsd(Money::FromPico(25'000'000'000), 2), "0.02");  // 2.5 cents
  EXPECT_EQ(FormatUsd(Money::FromPico(35'000'000'000), 2), "0.04");  // 3.5 cents
  EXPECT_EQ(FormatUsd(Money::FromPico(2'805'000'000'000), 2), "2.80");
  EXPECT_EQ(FormatUsd(Money::FromPico(1), 12), "0.000000000001");
  EXPECT_EQ(FormatUsd(Money::FromPico(3 * kPicoPerUsd), 0), "3");
  EXPECT_EQ(FormatUsd(Money::FromPico(-15'000'000'000), 2), "-0.02");
}

TEST(MoneyTest, MicroUsdRoundsHalfToEven) {
  EXPECT_EQ(RoundToMicroUsd(Money::FromPico(2'500'000)), 2);
  EXPECT_EQ(RoundToMicroUsd(Money::FromPico(3'500'000)), 4);
  EXPECT_EQ(RoundToMicroUsd(Money::FromPico(3'500'001)), 4);
  EXPECT_EQ(RoundToMicroUsd(Money::FromPico(217'760'000)), 218);
}

TEST(MoneyTest, MulDivIsExactOrRoundedHalfToEven) {
  EXPECT_EQ(MulDivRoundHalfEven(3, 7, 1), 21);
  EXPECT_EQ(MulDivRoundHalfEven(1, 61'111'111, 1000), 61'111);
  EXPECT_EQ(MulDivRoundHalfEven(5, 1, 10), 0);   // 0.5 -> 0
  EXPECT_EQ(MulDivRoundHalfEven(15, 1, 10), 2);  // 1.5 -> 2
  EXPECT_EQ(MulDivRoundHalfEven(int64_t{1} << 40, int64_t{1} << 40, 1), std::nullopt);
}

TEST(MoneyTest, AddsAndCompares) {
  Money a = Money::FromPico(5);
  a += Money::FromPico(7);
  EXPECT_EQ(a.pico(), 12);
  EXPECT_LT(Money::FromPico(1), a);
  EXPECT_EQ((a - Money::FromPico(2)).pico(), 10);
}

}  // namespace
}  // namespace costgate::pricing
