// Request bodies: where Feed stops (after the head, after the message), Content-Length and
// chunked framing, and the decoded bytes the body sink receives.
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

constexpr std::string_view kBodilessGet =
    "GET /v1beta/models?pageSize=5 HTTP/1.1\r\n"
    "Host: generativelanguage.googleapis.com\r\n"
    "\r\n";

TEST(MessageParserBody, StopsAfterTheHeadWhenABodyFollows) {
  const std::string head =
      "POST /v1beta/models/m:generateContent HTTP/1.1\r\nHost: a\r\n"
      "Content-Length: 5\r\n\r\n";
  MessageParser parser(Kind::kRequest, {});
  const auto r = parser.Feed(head + "hello");
  EXPECT_EQ(r.progress, Progress::kHeadDone);
  EXPECT_EQ(r.consumed, head.size());
  EXPECT_FALSE(parser.message_done());
  EXPECT_TRUE(parser.body_expected());
  EXPECT_TRUE(parser.has_content_length());
  EXPECT_EQ(parser.content_length(), 5u);
  EXPECT_EQ(parser.body_bytes(), 0u);
}

TEST(MessageParserBody, StopsAfterTheMessageWhenAPipelinedRequestFollows) {
  const std::string first = "POST /a HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc";
  const std::string second = "GET /b HTTP/1.1\r\nHost: a\r\n\r\n";
  const std::string wire = first + second;
  MessageParser parser(Kind::kRequest, {});
  const auto head = parser.Feed(wire);
  ASSERT_EQ(head.progress, Progress::kHeadDone);
  const auto body = parser.Feed(std::string_view(wire).substr(head.consumed));
  EXPECT_EQ(body.progress, Progress::kMessageDone);
  EXPECT_EQ(head.consumed + body.consumed, first.size());
  EXPECT_EQ(parser.request().target, "/a");
}

TEST(MessageParserBody, BodilessRequestFollowedByAnotherStopsAtItsEnd) {
  const std::string first = "GET /a HTTP/1.1\r\nHost: a\r\n\r\n";
  const std::string second = "GET /b HTTP/1.1\r\nHost: a\r\n\r\n";
  MessageParser parser(Kind::kRequest, {});
  const auto r = parser.Feed(first + second);
  EXPECT_EQ(r.progress, Progress::kHeadDone);
  EXPECT_EQ(r.consumed, first.size());
  EXPECT_TRUE(parser.message_done());
  EXPECT_EQ(parser.request().target, "/a");
}

TEST(MessageParserBody, BodilessRequestIsDoneWithItsHead) {
  MessageParser parser(Kind::kRequest, {});
  const auto r = parser.Feed(kBodilessGet);
  EXPECT_EQ(r.progress, Progress::kHeadDone);
  EXPECT_TRUE(parser.head_done());
  EXPECT_TRUE(parser.message_done());
  EXPECT_FALSE(parser.body_expected());
  EXPECT_EQ(parser.body_bytes(), 0u);
  const auto again = parser.Feed("");
  EXPECT_EQ(again.progress, Progress::kMessageDone);
  EXPECT_EQ(again.consumed, 0u);
}

TEST(MessageParserBody, ContentLengthZeroIsBodiless) {
  MessageParser parser(Kind::kRequest, {});
  const auto r = parser.Feed("POST /a HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n");
  EXPECT_EQ(r.progress, Progress::kHeadDone);
  EXPECT_TRUE(parser.message_done());
  EXPECT_TRUE(parser.has_content_length());
  EXPECT_FALSE(parser.body_expected());
}

TEST(MessageParserBody, ContentLengthBodyFedInPiecesCountsBytesAndEndsOnTheLast) {
  MessageParser parser(Kind::kRequest, {});
  BodyCollector body(parser);
  ASSERT_EQ(parser.Feed("POST /a HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\n").progress,
            Progress::kHeadDone);

  auto r = parser.Feed("012");
  EXPECT_EQ(r.progress, Progress::kNeedMore);
  EXPECT_EQ(r.consumed, 3u);
  EXPECT_EQ(parser.body_bytes(), 3u);
  EXPECT_FALSE(parser.message_done());

  r = parser.Feed("3456");
  EXPECT_EQ(r.progress, Progress::kNeedMore);
  EXPECT_EQ(parser.body_bytes(), 7u);
  EXPECT_FALSE(parser.message_done());

  r = parser.Feed("789");
  EXPECT_EQ(r.progress, Progress::kMessageDone);
  EXPECT_EQ(r.consumed, 3u);
  EXPECT_EQ(parser.body_bytes(), 10u);
  EXPECT_TRUE(parser.message_done());
  EXPECT_EQ(body.data(), "0123456789");
}

TEST(MessageParserBody, ContentLengthBodyLeavesBytesAfterItUnconsumed) {
  MessageParser parser(Kind::kRequest, {});
  ASSERT_EQ(parser.Feed("POST /a HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\n\r\n").progress,
            Progress::kHeadDone);
  const auto r = parser.Feed("abcdEXTRA");
  EXPECT_EQ(r.progress, Progress::kMessageDone);
  EXPECT_EQ(r.consumed, 4u);
}

constexpr std::string_view kChunkedHead =
    "POST /a HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n";

TEST(MessageParserBody, ChunkedBodyIsDecodedIntoTheBodySink) {
  const std::string wire = std::string(kChunkedHead) + "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n";
  MessageParser parser(Kind::kRequest, {});
  BodyCollector body(parser);
  const auto r = FeedAll(parser, wire);
  EXPECT_EQ(r.progress, Progress::kMessageDone);
  EXPECT_EQ(r.consumed, wire.size());
  EXPECT_TRUE(parser.chunked());
  EXPECT_FALSE(parser.has_content_length());
  EXPECT_EQ(body.data(), "hello world");
  EXPECT_EQ(parser.body_bytes(), 11u);
}

TEST(MessageParserBody, ChunkedHeadStopsBeforeTheFirstChunk) {
  const std::string wire = std::string(kChunkedHead) + "5\r\nhello\r\n0\r\n\r\n";
  MessageParser parser(Kind::kRequest, {});
  const auto r = parser.Feed(wire);
  EXPECT_EQ(r.progress, Progress::kHeadDone);
  EXPECT_EQ(r.consumed, kChunkedHead.size());
  EXPECT_TRUE(parser.chunked());
  EXPECT_TRUE(parser.body_expected());
}

TEST(MessageParserBody, ChunkExtensionsAreNotPartOfTheBody) {
  const std::string wire =
      std::string(kChunkedHead) + "5;name=value\r\nhello\r\n3;flag\r\nabc\r\n0\r\n\r\n";
  MessageParser parser(Kind::kRequest, {});
  BodyCollector body(parser);
  const auto r = FeedAll(parser, wire);
  EXPECT_EQ(r.progress, Progress::kMessageDone);
  EXPECT_EQ(r.consumed, wire.size());
  EXPECT_EQ(body.data(), "helloabc");
}

TEST(MessageParserBody, ChunkedTrailersAreConsumedAndEndTheMessage) {
  const std::string message =
      std::string(kChunkedHead) + "4\r\nwxyz\r\n0\r\nX-Checksum: 42\r\nX-Other: b\r\n\r\n";
  const std::string next = "GET /next HTTP/1.1\r\nHost: a\r\n\r\n";
  MessageParser parser(Kind::kRequest, {});
  BodyCollector body(parser);
  const auto r = FeedAll(parser, message + next);
  EXPECT_EQ(r.progress, Progress::kMessageDone);
  EXPECT_EQ(r.consumed, message.size());
  EXPECT_EQ(body.data(), "wxyz");
}

TEST(MessageParserBody, ChunkedBodySplitAtEveryOffsetDecodesTheSameBytes) {
  const std::string body_wire = "5;e=1\r\nhello\r\n6\r\n world\r\n0\r\nX-T: v\r\n\r\n";
  for (size_t split = 1; split < body_wire.size(); ++split) {
    SCOPED_TRACE(split);
    MessageParser parser(Kind::kRequest, {});
    BodyCollector body(parser);
    ASSERT_EQ(parser.Feed(kChunkedHead).progress, Progress::kHeadDone);
    const auto first = parser.Feed(std::string_view(body_wire).substr(0, split));
    EXPECT_EQ(first.progress, Progress::kNeedMore);
    EXPECT_EQ(first.consumed, split);
    const auto second = parser.Feed(std::string_view(body_wire).substr(split));
    EXPECT_EQ(second.progress, Progress::kMessageDone);
    EXPECT_EQ(second.consumed, body_wire.size() - split);
    EXPECT_EQ(body.data(), "hello world");
  }
}

TEST(MessageParserBody, TrailerFieldsDoNotChangeTheHead) {
  const std::string wire = std::string(kChunkedHead) + "1\r\na\r\n0\r\nX-Trailer: t\r\n\r\n";
  MessageParser parser(Kind::kRequest, {});
  const auto r = FeedAll(parser, wire);
  ASSERT_EQ(r.progress, Progress::kMessageDone);
  EXPECT_EQ(Fields(parser.request().headers),
            (FieldList{{"Host", "a"}, {"Transfer-Encoding", "chunked"}}));
}

}  // namespace
}  // namespace costgate::daemon::http
