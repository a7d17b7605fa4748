#include "daemon/log/json_text.h"

#include <gtest/gtest.h>

#include <string>

namespace costgate::daemon::log {
namespace {

std::string Json(std::string_view s) {
  std::string out;
  AppendJsonString(out, s);
  return out;
}

std::string Rfc3339(int64_t unix_ms) {
  std::string out;
  AppendRfc3339Millis(out, unix_ms);
  return out;
}

TEST(AppendJsonString, QuotesPlainText) { EXPECT_EQ(Json("hello world"), R"("hello world")"); }

TEST(AppendJsonString, EscapesQuoteAndBackslash) {
  EXPECT_EQ(Json(R"(say "hi" \o/)"), R"("say \"hi\" \\o/")");
}

TEST(AppendJsonString, EscapesControlCharacters) {
  EXPECT_EQ(Json("a\nb\rc\td\be\ff"), R"("a\nb\rc\td\be\ff")");
  EXPECT_EQ(Json(std::string_view("\x01\x1f\x7f\0", 4)), R"("\u0001\u001f\u007f\u0000")");
}

TEST(AppendJsonString, CopiesValidUtf8) {
  EXPECT_EQ(Json("h\xc3\xa9llo \xe2\x82\xac \xf0\x9d\x84\x9e"),
            "\"h\xc3\xa9llo \xe2\x82\xac \xf0\x9d\x84\x9e\"");
}

TEST(AppendJsonString, ReplacesEachInvalidByte) {
  EXPECT_EQ(Json("a\xff"
                 "b"),
            R"("a\ufffdb")");
  EXPECT_EQ(Json("\xe2\x82"), R"("\ufffd\ufffd")");                      // truncated sequence
  EXPECT_EQ(Json("\xc0\xaf"), R"("\ufffd\ufffd")");                      // overlong '/'
  EXPECT_EQ(Json("\xed\xa0\x80"), R"("\ufffd\ufffd\ufffd")");            // UTF-16 surrogate
  EXPECT_EQ(Json("\xf4\x90\x80\x80"), R"("\ufffd\ufffd\ufffd\ufffd")");  // > U+10FFFF
  EXPECT_EQ(Json("\x80x"), R"("\ufffdx")");                              // lone continuation
}

TEST(AppendRfc3339Millis, FormatsTheEpoch) { EXPECT_EQ(Rfc3339(0), "1970-01-01T00:00:00.000Z"); }

TEST(AppendRfc3339Millis, FormatsMilliseconds) {
  EXPECT_EQ(Rfc3339(1'717'171'717'171), "2024-05-31T16:08:37.171Z");
  EXPECT_EQ(Rfc3339(1'717'171'717'007), "2024-05-31T16:08:37.007Z");
}

TEST(AppendRfc3339Millis, HandlesLeapDaysAndCenturies) {
  EXPECT_EQ(Rfc3339(951'782'400'000), "2000-02-29T00:00:00.000Z");
  EXPECT_EQ(Rfc3339(4'102'444'799'999), "2099-12-31T23:59:59.999Z");
}

TEST(AppendRfc3339Millis, FormatsInstantsBeforeTheEpoch) {
  EXPECT_EQ(Rfc3339(-1), "1969-12-31T23:59:59.999Z");
}

}  // namespace
}  // namespace costgate::daemon::log
