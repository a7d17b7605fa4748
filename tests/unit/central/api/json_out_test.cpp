#include "central/api/json_out.h"

#include <gtest/gtest.h>

namespace costgate::central {
namespace {

using pricing::Money;

TEST(UsdNumber, PrintsPicoAmountsExactlyWithoutTrailingZeros) {
  EXPECT_EQ(UsdNumber(Money::FromPico(3'033'750'000)), "0.00303375");
}

TEST(UsdNumber, KeepsEveryOneOfTwelveDecimals) {
  EXPECT_EQ(UsdNumber(Money::FromPico(1)), "0.000000000001");
}

TEST(UsdNumber, PrintsWholeDollarsWithoutAPoint) {
  EXPECT_EQ(UsdNumber(Money::FromPico(12'000'000'000'000)), "12");
}

TEST(UsdNumber, PrintsZeroAsZero) { EXPECT_EQ(UsdNumber(Money{}), "0"); }

TEST(AppendJsonString, EscapesQuotesBackslashesAndControlCharacters) {
  std::string out;
  AppendJsonString(out, "a\"b\\c\nd\x01");
  EXPECT_EQ(out, R"("a\"b\\c\nd\u0001")");
}

}  // namespace
}  // namespace costgate::central
