#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "daemon/http/message_parser.h"
#include "tests/unit/daemon/http/http_test_util.h"

namespace costgate::daemon::http {
namespace {

using test_util::FeedAll;
using Kind = MessageParser::Kind;
using Progress = MessageParser::Progress;

constexpr uint32_t kMaxHead = 256;
constexpr MessageParser::Limits kLimits{kMaxHead, 100};

// A complete request head of exactly `size` bytes, padded with one header.
std::string HeadOfSize(size_t size) {
  const std::string start = "GET /a HTTP/1.1\r\nHost: a\r\nX-Pad: ";
  const std::string end = "\r\n\r\n";
  return start + std::string(size - start.size() - end.size(), 'p') + end;
}

// A request head with `count` header fields.
std::string HeadWithFields(size_t count) {
  std::string head = "GET /a HTTP/1.1\r\n";
  for (size_t i = 0; i < count; ++i) {
    head += "X-F" + std::to_string(i) + ": v\r\n";
  }
  return head + "\r\n";
}

TEST(MessageParserLimits, HeadOneByteOverTheLimitInOneFeedIsTooLarge) {
  MessageParser parser(Kind::kRequest, kLimits);
  const auto r = parser.Feed(HeadOfSize(kMaxHead + 1));
  EXPECT_EQ(r.progress, Progress::kError);
  EXPECT_EQ(parser.error(), ParseError::kHeadTooLarge);
}

TEST(MessageParserLimits, OversizedHeadWithBodyInOneFeedIsTooLarge) {
  MessageParser parser(Kind::kRequest, kLimits);
  const std::string wire = HeadOfSize(4 * kMaxHead) + std::string(1000, 'b');
  const auto r = parser.Feed(wire);
  EXPECT_EQ(r.progress, Progress::kError);
  EXPECT_EQ(parser.error(), ParseError::kHeadTooLarge);
  EXPECT_FALSE(parser.head_done());
}

TEST(MessageParserLimits, EndlessHeaderValueIsCutOffAtTheLimit) {
  MessageParser parser(Kind::kRequest, kLimits);
  const std::string wire = "GET /a HTTP/1.1\r\nX-Long: " + std::string(10 * kMaxHead, 'v');
  const auto r = parser.Feed(wire);
  EXPECT_EQ(r.progress, Progress::kError);
  EXPECT_EQ(r.consumed, kMaxHead);
  EXPECT_EQ(parser.error(), ParseError::kHeadTooLarge);
}

TEST(MessageParserLimits, HeadOverTheLimitFedOneByteAtATimeFailsOnTheLimitByte) {
  MessageParser parser(Kind::kRequest, kLimits);
  const std::string head = HeadOfSize(kMaxHead + 1);
  size_t fed = 0;
  Progress last = Progress::kNeedMore;
  while (fed < head.size() && last == Progress::kNeedMore) {
    last = parser.Feed(std::string_view(head).substr(fed, 1)).progress;
    ++fed;
  }
  EXPECT_EQ(last, Progress::kError);
  EXPECT_EQ(fed, kMaxHead);
  EXPECT_EQ(parser.error(), ParseError::kHeadTooLarge);
}

TEST(MessageParserLimits, HeadOverTheLimitInTwoFeedsIsTooLarge) {
  MessageParser parser(Kind::kRequest, kLimits);
  const std::string head = HeadOfSize(kMaxHead + 10);
  ASSERT_EQ(parser.Feed(std::string_view(head).substr(0, 100)).progress, Progress::kNeedMore);
  EXPECT_EQ(parser.Feed(std::string_view(head).substr(100)).progress, Progress::kError);
  EXPECT_EQ(parser.error(), ParseError::kHeadTooLarge);
}

TEST(MessageParserLimits, HeadExactlyAtTheLimitIsAccepted) {
  MessageParser parser(Kind::kRequest, kLimits);
  const std::string head = HeadOfSize(kMaxHead);
  const auto r = parser.Feed(head);
  EXPECT_EQ(r.progress, Progress::kHeadDone);
  EXPECT_EQ(r.consumed, kMaxHead);
  EXPECT_EQ(parser.error(), ParseError::kNone);
}

TEST(MessageParserLimits, HeadExactlyAtTheLimitFedOneByteAtATimeIsAccepted) {
  MessageParser parser(Kind::kRequest, kLimits);
  const std::string head = HeadOfSize(kMaxHead);
  for (size_t i = 0; i + 1 < head.size(); ++i) {
    ASSERT_EQ(parser.Feed(std::string_view(head).substr(i, 1)).progress, Progress::kNeedMore) << i;
  }
  EXPECT_EQ(parser.Feed(std::string_view(head).substr(head.size() - 1)).progress,
            Progress::kHeadDone);
}

TEST(MessageParserLimits, HeadExactlyAtTheLimitFollowedByABodyIsAccepted) {
  MessageParser parser(Kind::kRequest, kLimits);
  const std::string start = "POST /a HTTP/1.1\r\nContent-Length: 300\r\nX-Pad: ";
  const std::string head = start + std::string(kMaxHead - start.size() - 4, 'p') + "\r\n\r\n";
  ASSERT_EQ(head.size(), kMaxHead);
  const auto r = FeedAll(parser, head + std::string(300, 'b'));
  EXPECT_EQ(r.progress, Progress::kMessageDone);
  EXPECT_EQ(r.consumed, kMaxHead + 300u);
  EXPECT_EQ(parser.body_bytes(), 300u);
}

TEST(MessageParserLimits, BodyLargerThanTheHeadLimitIsNotLimited) {
  MessageParser parser(Kind::kRequest, kLimits);
  const std::string wire =
      "POST /a HTTP/1.1\r\nHost: a\r\nContent-Length: 5000\r\n\r\n" + std::string(5000, 'b');
  const auto r = FeedAll(parser, wire);
  EXPECT_EQ(r.progress, Progress::kMessageDone);
  EXPECT_EQ(r.consumed, wire.size());
}

TEST(MessageParserLimits, OneFieldOverTheHeaderCountIsTooMany) {
  MessageParser parser(Kind::kRequest, {64 * 1024, 5});
  const auto r = parser.Feed(HeadWithFields(6));
  EXPECT_EQ(r.progress, Progress::kError);
  EXPECT_EQ(parser.error(), ParseError::kTooManyHeaders);
}

TEST(MessageParserLimits, FieldsOverTheHeaderCountFedOneByteAtATimeAreTooMany) {
  MessageParser parser(Kind::kRequest, {64 * 1024, 5});
  const std::string head = HeadWithFields(6);
  Progress last = Progress::kNeedMore;
  for (size_t i = 0; i < head.size() && last == Progress::kNeedMore; ++i) {
    last = parser.Feed(std::string_view(head).substr(i, 1)).progress;
  }
  EXPECT_EQ(last, Progress::kError);
  EXPECT_EQ(parser.error(), ParseError::kTooManyHeaders);
}

TEST(MessageParserLimits, ExactlyTheMaximumHeaderCountIsAccepted) {
  MessageParser parser(Kind::kRequest, {64 * 1024, 5});
  const auto r = parser.Feed(HeadWithFields(5));
  EXPECT_EQ(r.progress, Progress::kHeadDone);
  EXPECT_EQ(parser.request().headers.size(), 5u);
}

TEST(MessageParserLimits, LimitsApplyAgainAfterReset) {
  MessageParser parser(Kind::kRequest, kLimits);
  ASSERT_EQ(parser.Feed(HeadOfSize(kMaxHead)).progress, Progress::kHeadDone);
  parser.Reset();
  EXPECT_EQ(parser.Feed(HeadOfSize(kMaxHead)).progress, Progress::kHeadDone);
  parser.Reset();
  EXPECT_EQ(parser.Feed(HeadOfSize(kMaxHead + 1)).progress, Progress::kError);
  EXPECT_EQ(parser.error(), ParseError::kHeadTooLarge);
}

TEST(MessageParserLimits, SetLimitsTakesEffectForTheNextMessage) {
  MessageParser parser(Kind::kRequest, kLimits);
  parser.set_limits({2 * kMaxHead, 100});
  EXPECT_EQ(parser.Feed(HeadOfSize(2 * kMaxHead)).progress, Progress::kHeadDone);
}

}  // namespace
}  // namespace costgate::daemon::http
