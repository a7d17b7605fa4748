#include "base/json_text.h"

#include <gtest/gtest.h>

namespace costgate::base {
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

TEST(AppendJsonString, QuotesPlainText) { EXPECT_EQ(Quoted("hello world"), R"("hello world")"); }

TEST(AppendJsonString, EscapesQuoteAndBackslash) {
  EXPECT_EQ(Quoted(R"(say "hi" \o/)"), R"("say \"hi\" \\o/")");
}

TEST(AppendJsonString, EscapesControlCharacters) {
  EXPECT_EQ(Quoted("a\nb\rc\td\be\ff"), R"("a\nb\rc\td\be\ff")");
  EXPECT_EQ(Quoted(std::string_view("\x01\x1f\x7f\0", 4)), R"("\u0001\u001f\u007f\u0000")");
}

TEST(AppendJsonString, CopiesValidUtf8) {
  EXPECT_EQ(Quoted("h\xc3\xa9llo \xe2\x82\xac \xf0\x9d\x84\x9e"),
            "\"h\xc3\xa9llo \xe2\x82\xac \xf0\x9d\x84\x9e\"");
}

TEST(AppendJsonString, ReplacesEachInvalidByte) {
  EXPECT_EQ(Quoted("a\xff"
                   "b"),
            R"("a\ufffdb")");
  EXPECT_EQ(Quoted("\xe2\x82"), R"("\ufffd\ufffd")");                      // truncated sequence
  EXPECT_EQ(Quoted("\xc0\xaf"), R"("\ufffd\ufffd")");                      // overlong '/'
  EXPECT_EQ(Quoted("\xed\xa0\x80"), R"("\ufffd\ufffd\ufffd")");            // UTF-16 surrogate
  EXPECT_EQ(Quoted("\xf4\x90\x80\x80"), R"("\ufffd\ufffd\ufffd\ufffd")");  // > U+10FFFF
  EXPECT_EQ(Quoted("\x80x"), R"("\ufffdx")");                              // lone continuation
}

}  // namespace
}  // namespace costgate::base
