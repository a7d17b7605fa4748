#include "filters/json_text.h"

#include <gtest/gtest.h>

namespace costgate::filters {
namespace {

std::string Quoted(std::string_view s) {
  std::string out;
  AppendJsonString(out, s);
  return out;
}

TEST(JsonTextTest, PlainAsciiIsQuoted) { EXPECT_EQ(Quoted("abc"), R"("abc")"); }

TEST(JsonTextTest, QuoteAndBackslashAreEscaped) { EXPECT_EQ(Quoted(R"(a"b\c)"), R"("a\"b\\c")"); }

TEST(JsonTextTest, ControlCharactersAreEscaped) {
  EXPECT_EQ(Quoted(std::string("\n\r\t\x01\x7f", 5)), R"("\n\r\t\u0001\u007f")");
}

TEST(JsonTextTest, ValidUtf8IsKept) {
  EXPECT_EQ(Quoted("h\xC3\xA9 \xF0\x9F\x98\x80"), "\"h\xC3\xA9 \xF0\x9F\x98\x80\"");
}

TEST(JsonTextTest, InvalidUtf8BecomesReplacementCharacter) {
  EXPECT_EQ(Quoted("a\xFF"
                   "b"),
            R"("a\ufffdb")");
}

TEST(JsonTextTest, TruncatedSequenceBecomesReplacementCharacter) {
  EXPECT_EQ(Quoted("\xE2\x82"), R"("\ufffd\ufffd")");
}

TEST(JsonTextTest, OverlongEncodingIsInvalid) {
  EXPECT_EQ(Quoted("\xC0\xAF"), R"("\ufffd\ufffd")");
}

TEST(JsonTextTest, SurrogateCodePointIsInvalid) {
  EXPECT_EQ(Quoted("\xED\xA0\x80"), R"("\ufffd\ufffd\ufffd")");
}

TEST(JsonTextTest, KeyEndsWithColon) {
  std::string out;
  AppendJsonKey(out, "code");
  AppendJsonInt(out, -404);
  EXPECT_EQ(out, R"("code":-404)");
}

}  // namespace
}  // namespace costgate::filters
