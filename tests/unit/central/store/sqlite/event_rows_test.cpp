#include "central/store/sqlite/event_rows.h"

#include <gtest/gtest.h>

namespace costgate::central::sqlite {
namespace {

std::string UnitsJson(const EventUnits& units) {
  std::string out;
  AppendUnitsJson(out, units);
  return out;
}

TEST(UnitsJson, WritesUnitsInTheirGivenOrder) {
  EXPECT_EQ(UnitsJson({{"output_tokens", 2}, {"input_tokens", 3520}}),
            R"({"output_tokens":2,"input_tokens":3520})");
}

TEST(UnitsJson, WritesNoUnitsAsAnEmptyObject) { EXPECT_EQ(UnitsJson({}), "{}"); }

TEST(UnitsJson, WritesTheLargestCount) {
  EXPECT_EQ(UnitsJson({{"characters", INT64_MAX}}), R"({"characters":9223372036854775807})");
}

TEST(UnitsJson, EscapesAQuoteInAName) { EXPECT_EQ(UnitsJson({{"a\"b", 1}}), R"({"a\"b":1})"); }

TEST(UnitsJson, ReadsBackWhatItWrote) {
  const EventUnits units = {{"output_tokens", 2}, {"a\"b\\c\n", 0}, {"chars", INT64_MAX}};
  EXPECT_EQ(ParseUnitsJson(UnitsJson(units)), units);
}

TEST(UnitsJson, RejectsANonIntegerCount) {
  EXPECT_EQ(ParseUnitsJson(R"({"input_tokens":1.5})"), std::nullopt);
}

TEST(UnitsJson, RejectsAnArray) { EXPECT_EQ(ParseUnitsJson("[1,2]"), std::nullopt); }

TEST(UnitsJson, RejectsTrailingText) {
  EXPECT_EQ(ParseUnitsJson(R"({"input_tokens":1} x)"), std::nullopt);
}

}  // namespace
}  // namespace costgate::central::sqlite
