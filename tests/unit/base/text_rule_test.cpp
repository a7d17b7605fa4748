#include "base/text_rule.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace costgate::base {
namespace {

using namespace std::string_literals;

TEST(TextRule, PlainAsciiAndUtf8NamesPass) {
  EXPECT_EQ(CheckText("u-42", kMaxIdBytes), TextProblem::kNone);
  EXPECT_EQ(CheckText("", kMaxIdBytes), TextProblem::kNone);
  EXPECT_EQ(CheckText("Zoë Ünal 日本 🎬", kMaxIdBytes), TextProblem::kNone);
  EXPECT_EQ(CheckText("gemini-2.5-flash:generateContent", kMaxIdBytes), TextProblem::kNone);
}

TEST(TextRule, TheLimitIsInBytesAndInclusive) {
  EXPECT_EQ(CheckText(std::string(256, 'a'), kMaxIdBytes), TextProblem::kNone);
  EXPECT_EQ(CheckText(std::string(257, 'a'), kMaxIdBytes), TextProblem::kTooLong);
  // 86 three-byte characters are 258 bytes: over, though 86 characters.
  std::string wide;
  for (int i = 0; i < 86; ++i) {
    wide += "日";
  }
  EXPECT_EQ(CheckText(wide, kMaxIdBytes), TextProblem::kTooLong);
  EXPECT_EQ(CheckText(wide, kMaxDisplayBytes), TextProblem::kNone);
}

// Every control character, however it is spelled, fails: C0 (NUL included), DEL and C1.
TEST(TextRule, EveryControlCharacterFails) {
  for (unsigned c = 0; c < 0x20; ++c) {
    const std::string text = "a"s + static_cast<char>(c) + "b";
    EXPECT_EQ(CheckText(text, kMaxIdBytes), TextProblem::kControlCharacter) << c;
  }
  EXPECT_EQ(CheckText("a\x7F", kMaxIdBytes), TextProblem::kControlCharacter);
  for (unsigned c = 0x80; c <= 0x9F; ++c) {
    const std::string text = "a\xC2"s + static_cast<char>(c);
    EXPECT_EQ(CheckText(text, kMaxIdBytes), TextProblem::kControlCharacter) << c;
  }
  // The first code points after each range pass.
  EXPECT_EQ(CheckText(" ~", kMaxIdBytes), TextProblem::kNone);
  EXPECT_EQ(CheckText("\xC2\xA0", kMaxIdBytes), TextProblem::kNone);  // U+00A0
}

TEST(TextRule, EveryKindOfMalformedUtf8Fails) {
  const std::vector<std::string> bad = {
      "\x80",              // lone continuation byte
      "\xC3",              // truncated two-byte sequence
      "\xC3\x28",          // lead without its continuation
      "\xC0\xAF",          // overlong '/'
      "\xC1\xBF",          // overlong
      "\xE0\x80\xAF",      // overlong three-byte
      "\xED\xA0\x80",      // surrogate U+D800
      "\xED\xBF\xBF",      // surrogate U+DFFF
      "\xF0\x80\x80\xAF",  // overlong four-byte
      "\xF4\x90\x80\x80",  // U+110000
      "\xF5\x80\x80\x80",  // lead past F4
      "\xFE",
      "\xFF",
      "\xE2\x82",  // truncated at the end
  };
  for (const std::string& text : bad) {
    EXPECT_EQ(CheckText("ok" + text, kMaxIdBytes), TextProblem::kInvalidUtf8)
        << testing::PrintToString(text);
  }
  EXPECT_EQ(CheckText("\xED\x9F\xBF", kMaxIdBytes), TextProblem::kNone);      // U+D7FF
  EXPECT_EQ(CheckText("\xF4\x8F\xBF\xBF", kMaxIdBytes), TextProblem::kNone);  // U+10FFFF
}

TEST(TextRule, ReasonsNameTheLimit) {
  EXPECT_EQ(TextProblemReason(TextProblem::kTooLong, 256), "must be at most 256 bytes");
  EXPECT_EQ(TextProblemReason(TextProblem::kInvalidUtf8, 256), "must be valid UTF-8");
  EXPECT_EQ(TextProblemReason(TextProblem::kControlCharacter, 256),
            "must not contain control characters");
  EXPECT_EQ(TextProblemReason(TextProblem::kNone, 256), "");
}

TEST(BoundText, LeavesTextThatPassesUnchanged) {
  EXPECT_EQ(BoundText("gemini-2.5-flash", kMaxIdBytes), "gemini-2.5-flash");
  EXPECT_EQ(BoundText("Zoë 🎬", kMaxIdBytes), "Zoë 🎬");
  EXPECT_EQ(BoundText(std::string(256, 'x'), kMaxIdBytes), std::string(256, 'x'));
}

TEST(BoundText, CutsAtTheLastWholeCodePointThatFits) {
  EXPECT_EQ(BoundText(std::string(300, 'x'), kMaxIdBytes), std::string(256, 'x'));
  // 255 bytes of 'a' then a three-byte character: it does not fit whole, so it goes.
  EXPECT_EQ(BoundText(std::string(255, 'a') + "日", kMaxIdBytes), std::string(255, 'a'));
}

TEST(BoundText, ReplacesControlsAndInvalidBytes) {
  EXPECT_EQ(BoundText("a\0b"s, kMaxIdBytes),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(BoundText("a\xC2\x85z", kMaxIdBytes), "a\xEF\xBF\xBDz");
  EXPECT_EQ(BoundText("\xC3\x28", kMaxIdBytes), "\xEF\xBF\xBD(");
  EXPECT_EQ(BoundText("\xED\xA0\x80", kMaxIdBytes), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
}

// Whatever comes in, what comes out passes the rule: every byte value at every position of a
// short text, under a limit small enough to cut through replacements.
TEST(BoundText, ItsResultAlwaysPasses) {
  for (unsigned a = 0; a < 256; ++a) {
    for (unsigned b = 0; b < 256; ++b) {
      const std::string text = "x"s + static_cast<char>(a) + static_cast<char>(b) + "\xE6\x97";
      for (const size_t limit : {size_t{0}, size_t{2}, size_t{4}, kMaxIdBytes}) {
        const std::string bounded = BoundText(text, limit);
        ASSERT_EQ(CheckText(bounded, limit), TextProblem::kNone)
            << a << " " << b << " limit " << limit;
      }
    }
  }
}

}  // namespace
}  // namespace costgate::base
