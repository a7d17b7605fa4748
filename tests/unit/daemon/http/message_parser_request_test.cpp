// Request heads: method, target, version and fields as they arrived, whatever the Feed split;
// keep-alive; and Reset between requests.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "daemon/http/message_parser.h"
#include "tests/unit/daemon/http/http_test_util.h"

namespace costgate::daemon::http {
namespace {

using test_util::BodyCollector;
using test_util::FeedAll;
using test_util::FieldList;
using test_util::Fields;
using Kind = MessageParser::Kind;
using Progress = MessageParser::Progress;

constexpr std::string_view kSimpleGet =
    "GET /v1beta/models?pageSize=5 HTTP/1.1\r\n"
    "Host: generativelanguage.googleapis.com\r\n"
    "User-Agent: curl/8.0\r\n"
    "x-goog-api-key: AIzaSecret\r\n"
    "ACCEPT: */*\r\n"
    "\r\n";

TEST(MessageParserRequest, SimpleGetYieldsMethodTargetVersionAndHeadersInOrderWithCase) {
  MessageParser parser(Kind::kRequest, {});
  const auto r = parser.Feed(kSimpleGet);
  EXPECT_EQ(r.progress, Progress::kHeadDone);
  EXPECT_EQ(r.consumed, kSimpleGet.size());
  EXPECT_EQ(parser.request().method, "GET");
  EXPECT_EQ(parser.request().target, "/v1beta/models?pageSize=5");
  EXPECT_EQ(parser.request().version_minor, 1);
  EXPECT_EQ(Fields(parser.request().headers),
            (FieldList{{"Host", "generativelanguage.googleapis.com"},
                       {"User-Agent", "curl/8.0"},
                       {"x-goog-api-key", "AIzaSecret"},
                       {"ACCEPT", "*/*"}}));
}

TEST(MessageParserRequest, HeadSplitAtEveryOffsetAcrossTwoFeedsGivesTheSameHead) {
  MessageParser whole(Kind::kRequest, {});
  ASSERT_EQ(whole.Feed(kSimpleGet).progress, Progress::kHeadDone);
  const FieldList expected = Fields(whole.request().headers);

  for (size_t split = 1; split < kSimpleGet.size(); ++split) {
    SCOPED_TRACE(split);
    MessageParser parser(Kind::kRequest, {});
    const auto first = parser.Feed(kSimpleGet.substr(0, split));
    EXPECT_EQ(first.progress, Progress::kNeedMore);
    EXPECT_EQ(first.consumed, split);
    const auto second = parser.Feed(kSimpleGet.substr(split));
    EXPECT_EQ(second.progress, Progress::kHeadDone);
    EXPECT_EQ(second.consumed, kSimpleGet.size() - split);
    EXPECT_EQ(parser.request().method, "GET");
    EXPECT_EQ(parser.request().target, "/v1beta/models?pageSize=5");
    EXPECT_EQ(Fields(parser.request().headers), expected);
  }
}

TEST(MessageParserRequest, HeadFedOneByteAtATimeGivesTheSameHead) {
  MessageParser parser(Kind::kRequest, {});
  for (size_t i = 0; i + 1 < kSimpleGet.size(); ++i) {
    ASSERT_EQ(parser.Feed(kSimpleGet.substr(i, 1)).progress, Progress::kNeedMore) << i;
  }
  EXPECT_EQ(parser.Feed(kSimpleGet.substr(kSimpleGet.size() - 1)).progress, Progress::kHeadDone);
  EXPECT_EQ(parser.request().target, "/v1beta/models?pageSize=5");
  EXPECT_EQ(Fields(parser.request().headers),
            (FieldList{{"Host", "generativelanguage.googleapis.com"},
                       {"User-Agent", "curl/8.0"},
                       {"x-goog-api-key", "AIzaSecret"},
                       {"ACCEPT", "*/*"}}));
}

TEST(MessageParserRequest, EmptyHeaderValueStaysItsOwnField) {
  MessageParser parser(Kind::kRequest, {});
  const std::string_view head = "GET / HTTP/1.1\r\nX-Empty:\r\nHost: a\r\nX-Blank: \r\n\r\n";
  ASSERT_EQ(parser.Feed(head).progress, Progress::kHeadDone);
  EXPECT_EQ(Fields(parser.request().headers),
            (FieldList{{"X-Empty", ""}, {"Host", "a"}, {"X-Blank", ""}}));
}

TEST(MessageParserRequest, TrailingWhitespaceIsNotPartOfTheFieldValue) {
  MessageParser parser(Kind::kRequest, {});
  ASSERT_EQ(parser.Feed("GET / HTTP/1.1\r\nHost: a \r\nx-goog-api-key:  key\t \r\n\r\n").progress,
            Progress::kHeadDone);
  EXPECT_EQ(Fields(parser.request().headers),
            (FieldList{{"Host", "a"}, {"x-goog-api-key", "key"}}));
}

TEST(MessageParserRequest, UpgradeRequestIsParsedAsAnOrdinaryRequest) {
  const std::string first =
      "GET / HTTP/1.1\r\nHost: a\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n"
      "HTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n";
  const std::string second = "GET /next HTTP/1.1\r\nHost: a\r\n\r\n";
  MessageParser parser(Kind::kRequest, {});
  const auto r = parser.Feed(first + second);
  EXPECT_EQ(r.progress, Progress::kHeadDone);
  EXPECT_EQ(r.consumed, first.size());
  EXPECT_TRUE(parser.message_done());
  EXPECT_EQ(parser.error(), ParseError::kNone);
}

TEST(MessageParserRequest, Http11IsKeepAliveByDefault) {
  MessageParser parser(Kind::kRequest, {});
  ASSERT_EQ(parser.Feed("GET / HTTP/1.1\r\nHost: a\r\n\r\n").progress, Progress::kHeadDone);
  EXPECT_EQ(parser.request().version_minor, 1);
  EXPECT_TRUE(parser.keep_alive());
}

TEST(MessageParserRequest, Http10IsNotKeepAliveByDefault) {
  MessageParser parser(Kind::kRequest, {});
  ASSERT_EQ(parser.Feed("GET / HTTP/1.0\r\nHost: a\r\n\r\n").progress, Progress::kHeadDone);
  EXPECT_EQ(parser.request().version_minor, 0);
  EXPECT_FALSE(parser.keep_alive());
}

TEST(MessageParserRequest, Http10WithConnectionKeepAliveIsKeepAlive) {
  MessageParser parser(Kind::kRequest, {});
  ASSERT_EQ(parser.Feed("GET / HTTP/1.0\r\nHost: a\r\nConnection: keep-alive\r\n\r\n").progress,
            Progress::kHeadDone);
  EXPECT_TRUE(parser.keep_alive());
}

TEST(MessageParserRequest, ConnectionCloseIsNotKeepAlive) {
  MessageParser parser(Kind::kRequest, {});
  ASSERT_EQ(parser.Feed("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n").progress,
            Progress::kHeadDone);
  EXPECT_FALSE(parser.keep_alive());
}

TEST(MessageParserRequest, ResetParsesASecondRequestWithNothingLeftFromTheFirst) {
  const std::string first =
      "POST /first HTTP/1.1\r\nHost: a\r\nX-First: 1\r\nContent-Length: 3\r\n\r\nabc";
  const std::string second = "GET /second HTTP/1.0\r\nHost: b\r\n\r\n";
  MessageParser parser(Kind::kRequest, {});
  BodyCollector body(parser);
  const auto r1 = FeedAll(parser, first + second);
  ASSERT_EQ(r1.progress, Progress::kMessageDone);
  ASSERT_EQ(r1.consumed, first.size());

  parser.Reset();
  EXPECT_FALSE(parser.head_done());
  EXPECT_FALSE(parser.message_done());
  const auto r2 = parser.Feed(second);
  EXPECT_EQ(r2.progress, Progress::kHeadDone);
  EXPECT_EQ(r2.consumed, second.size());
  EXPECT_TRUE(parser.message_done());
  EXPECT_EQ(parser.request().method, "GET");
  EXPECT_EQ(parser.request().target, "/second");
  EXPECT_EQ(parser.request().version_minor, 0);
  EXPECT_EQ(Fields(parser.request().headers), (FieldList{{"Host", "b"}}));
  EXPECT_FALSE(parser.has_content_length());
  EXPECT_EQ(parser.body_bytes(), 0u);
  EXPECT_EQ(body.data(), "abc");
}

TEST(MessageParserRequest, ResetKeepsTheBodySink) {
  MessageParser parser(Kind::kRequest, {});
  BodyCollector body(parser);
  ASSERT_EQ(FeedAll(parser, "POST /a HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nab").progress,
            Progress::kMessageDone);
  parser.Reset();
  ASSERT_EQ(FeedAll(parser, "POST /b HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\ncd").progress,
            Progress::kMessageDone);
  EXPECT_EQ(body.data(), "abcd");
  EXPECT_EQ(parser.body_bytes(), 2u);
}

}  // namespace
}  // namespace costgate::daemon::http
