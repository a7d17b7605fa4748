#include "pricing/units.h"

#include <gtest/gtest.h>

#include <cstdint>

namespace costgate::pricing {
namespace {

TEST(UnitsTest, GetOfUnsetUnitIsNotReported) {
  Units u;
  EXPECT_EQ(u.Get(kUnitInputTokens), std::nullopt);
  EXPECT_TRUE(u.empty());
}

TEST(UnitsTest, ReportedZeroIsDistinctFromAbsent) {
  Units u;
  u.Set(kUnitOutputTokens, 0);
  EXPECT_EQ(u.Get(kUnitOutputTokens), 0);
  EXPECT_EQ(u.Get(kUnitInputTokens), std::nullopt);
}

TEST(UnitsTest, SetReplacesKeepingPosition) {
  Units u;
  u.Set(kUnitInputTokens, 15);
  u.Set(kUnitOutputTokens, 51);
  u.Set(kUnitInputTokens, 14);
  ASSERT_EQ(u.entries().size(), 2u);
  EXPECT_EQ(u.entries()[0], Units::Entry(kUnitInputTokens, 14));
  EXPECT_EQ(u.ToJson(), R"({"input_tokens":14,"output_tokens":51})");
}

TEST(UnitsTest, ToJsonKeepsInsertionOrder) {
  Units u;
  u.Set(kUnitThinkingTokens, 213);
  u.Set(kUnitInputTokens, 21);
  u.Set(kUnitTotalTokens, 517);
  EXPECT_EQ(u.ToJson(), R"({"thinking_tokens":213,"input_tokens":21,"total_tokens":517})");
}

TEST(UnitsTest, EmptyToJsonIsEmptyObject) { EXPECT_EQ(Units{}.ToJson(), "{}"); }

TEST(UnitsTest, ToJsonWritesNegativeAndLargeValues) {
  Units u;
  u.Set("a", -1);
  u.Set("b", INT64_MAX);
  EXPECT_EQ(u.ToJson(), R"({"a":-1,"b":9223372036854775807})");
}

TEST(UnitsTest, EqualityComparesEntriesInOrder) {
  Units a;
  a.Set(kUnitInputTokens, 1);
  a.Set(kUnitOutputTokens, 2);
  Units b;
  b.Set(kUnitInputTokens, 1);
  b.Set(kUnitOutputTokens, 2);
  EXPECT_EQ(a, b);
  b.Set(kUnitOutputTokens, 3);
  EXPECT_NE(a, b);
}

}  // namespace
}  // namespace costgate::pricing
