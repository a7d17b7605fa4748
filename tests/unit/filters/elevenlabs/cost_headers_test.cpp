#include "filters/elevenlabs/cost_headers.h"

#include <gtest/gtest.h>

#include "tests/unit/filters/elevenlabs/meter_test_support.h"

namespace costgate::filters::elevenlabs {
namespace {

Headers With(std::string_view name, std::string value) {
  Headers headers;
  headers.Add(std::string(name), std::move(value));
  return headers;
}

TEST(ElevenLabsCostHeadersTest, RecordedTtsHeadCarriesCharacterCostOnly) {
  const HeaderCost cost = ReadCostHeaders(testing::RecordedTtsHead().headers);
  EXPECT_EQ(cost.credits, 5378);
  EXPECT_EQ(cost.characters, std::nullopt);  // the live API does not send x-character-count
}

TEST(ElevenLabsCostHeadersTest, NamesAreCaseInsensitiveAndBlanksTrimmed) {
  EXPECT_EQ(ReadCostHeaders(With("Character-Cost", " 15 ")).credits, 15);
  EXPECT_EQ(ReadCostHeaders(With("X-Character-Count", "30")).characters, 30);
}

TEST(ElevenLabsCostHeadersTest, ValuesThatAreNotCountsAreIgnored) {
  for (const std::string value :
       {"", " ", "-3", "12.5", "1e3", "abc", "12 chars", "99999999999999999999999"}) {
    EXPECT_EQ(ReadCostHeaders(With("character-cost", value)).credits, std::nullopt) << value;
  }
}

}  // namespace
}  // namespace costgate::filters::elevenlabs
