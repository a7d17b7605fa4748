#include "filters/utf8.h"

#include <gtest/gtest.h>

namespace costgate::filters {
namespace {

TEST(CountCodePointsTest, CountsCharactersNotBytes) {
  EXPECT_EQ(CountCodePoints(""), 0);
  EXPECT_EQ(CountCodePoints("Hello"), 5);
  EXPECT_EQ(CountCodePoints("h\xC3\xA9llo"), 5);              // é: 2 bytes
  EXPECT_EQ(CountCodePoints("\xE6\x97\xA5\xE6\x9C\xAC"), 2);  // 日本: 3 bytes each
  EXPECT_EQ(CountCodePoints("\xF0\x9F\x98\x80!"), 2);         // an emoji: 4 bytes
}

}  // namespace
}  // namespace costgate::filters
