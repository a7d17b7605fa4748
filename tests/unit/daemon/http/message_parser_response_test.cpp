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

TEST(MessageParserResponse, HeadYieldsStatusReasonVersionAndHeaders) {
  const std::string_view head =
      "HTTP/1.1 429 Too Many Requests\r\nContent-Type: application/json\r\n"
      "Content-Length: 2\r\n\r\n";
  MessageParser parser(Kind::kResponse, {});
  const auto r = parser.Feed(std::string(head) + "{}");
  EXPECT_EQ(r.progress, Progress::kHeadDone);
  EXPECT_EQ(r.consumed, head.size());
  EXPECT_EQ(parser.response().status, 429);
  EXPECT_EQ(parser.response().reason, "Too Many Requests");
  EXPECT_EQ(parser.response().version_minor, 1);
  EXPECT_EQ(Fields(parser.response().headers),
            (FieldList{{"Content-Type", "application/json"}, {"Content-Length", "2"}}));
}

TEST(MessageParserResponse, ContentLengthBodyIsDeliveredAndEndsTheMessage) {
  const std::string wire = "HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n{\"a\":\"bcd\"}";
  MessageParser parser(Kind::kResponse, {});
  BodyCollector body(parser);
  const auto r = FeedAll(parser, wire);
  EXPECT_EQ(r.progress, Progress::kMessageDone);
  EXPECT_EQ(r.consumed, wire.size());
  EXPECT_TRUE(parser.has_content_length());
  EXPECT_EQ(parser.content_length(), 11u);
  EXPECT_FALSE(parser.needs_eof());
  EXPECT_EQ(body.data(), "{\"a\":\"bcd\"}");
  EXPECT_EQ(parser.body_bytes(), 11u);
}

TEST(MessageParserResponse, ChunkedBodyIsDecoded) {
  const std::string wire =
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
      "6\r\ndata: \r\nb\r\n{\"x\":1}\r\n\r\n\r\n0\r\n\r\n";
  MessageParser parser(Kind::kResponse, {});
  BodyCollector body(parser);
  const auto r = FeedAll(parser, wire);
  EXPECT_EQ(r.progress, Progress::kMessageDone);
  EXPECT_EQ(r.consumed, wire.size());
  EXPECT_TRUE(parser.chunked());
  EXPECT_EQ(body.data(), "data: {\"x\":1}\r\n\r\n");
  EXPECT_EQ(parser.body_bytes(), 17u);
}

TEST(MessageParserResponse, CloseDelimitedBodyEndsWithFinish) {
  MessageParser parser(Kind::kResponse, {});
  BodyCollector body(parser);
  const std::string_view head = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n";
  const auto h = parser.Feed(head);
  ASSERT_EQ(h.progress, Progress::kHeadDone);
  EXPECT_TRUE(parser.needs_eof());
  EXPECT_TRUE(parser.body_expected());
  EXPECT_FALSE(parser.has_content_length());
  EXPECT_FALSE(parser.keep_alive());

  const auto b = parser.Feed("abc");
  EXPECT_EQ(b.progress, Progress::kNeedMore);
  EXPECT_EQ(b.consumed, 3u);
  const auto b2 = parser.Feed("def");
  EXPECT_EQ(b2.progress, Progress::kNeedMore);
  EXPECT_FALSE(parser.message_done());

  EXPECT_EQ(parser.Finish(), Progress::kMessageDone);
  EXPECT_TRUE(parser.message_done());
  EXPECT_EQ(parser.error(), ParseError::kNone);
  EXPECT_EQ(body.data(), "abcdef");
}

TEST(MessageParserResponse, CloseDelimitedEmptyBodyEndsWithFinish) {
  MessageParser parser(Kind::kResponse, {});
  ASSERT_EQ(parser.Feed("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n").progress,
            Progress::kHeadDone);
  ASSERT_TRUE(parser.needs_eof());
  EXPECT_EQ(parser.Finish(), Progress::kMessageDone);
  EXPECT_EQ(parser.error(), ParseError::kNone);
  EXPECT_EQ(parser.body_bytes(), 0u);
}

TEST(MessageParserResponse, ResponseToHeadWithContentLengthHasNoBody) {
  MessageParser parser(Kind::kResponse, {});
  parser.set_response_to_head(true);
  const std::string_view head = "HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n";
  const auto r = parser.Feed(head);
  EXPECT_EQ(r.progress, Progress::kHeadDone);
  EXPECT_EQ(r.consumed, head.size());
  EXPECT_TRUE(parser.message_done());
  EXPECT_FALSE(parser.body_expected());
  EXPECT_TRUE(parser.has_content_length());
  EXPECT_EQ(parser.content_length(), 1234u);
}

TEST(MessageParserResponse, ResponseToHeadLeavesTheNextResponseUnconsumed) {
  MessageParser parser(Kind::kResponse, {});
  parser.set_response_to_head(true);
  const std::string first = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
  const std::string second = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
  const auto r = parser.Feed(first + second);
  EXPECT_EQ(r.progress, Progress::kHeadDone);
  EXPECT_EQ(r.consumed, first.size());
  EXPECT_TRUE(parser.message_done());
}

TEST(MessageParserResponse, NoContentHasNoBody) {
  MessageParser parser(Kind::kResponse, {});
  const std::string_view head = "HTTP/1.1 204 No Content\r\nX-A: b\r\n\r\n";
  const auto r = parser.Feed(head);
  EXPECT_EQ(r.progress, Progress::kHeadDone);
  EXPECT_EQ(r.consumed, head.size());
  EXPECT_TRUE(parser.message_done());
  EXPECT_FALSE(parser.body_expected());
  EXPECT_FALSE(parser.needs_eof());
  EXPECT_TRUE(parser.keep_alive());
}

TEST(MessageParserResponse, NotModifiedWithContentLengthHasNoBody) {
  MessageParser parser(Kind::kResponse, {});
  const std::string_view head = "HTTP/1.1 304 Not Modified\r\nContent-Length: 50\r\n\r\n";
  const auto r = parser.Feed(head);
  EXPECT_EQ(r.progress, Progress::kHeadDone);
  EXPECT_EQ(r.consumed, head.size());
  EXPECT_TRUE(parser.message_done());
  EXPECT_FALSE(parser.body_expected());
}

TEST(MessageParserResponse, ContinueThenFinalResponseInOneBufferParseOneAfterTheOther) {
  const std::string cont = "HTTP/1.1 100 Continue\r\n\r\n";
  const std::string final_response = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
  const std::string wire = cont + final_response;
  MessageParser parser(Kind::kResponse, {});
  BodyCollector body(parser);

  const auto r1 = parser.Feed(wire);
  EXPECT_EQ(r1.progress, Progress::kHeadDone);
  EXPECT_EQ(r1.consumed, cont.size());
  EXPECT_TRUE(parser.message_done());
  EXPECT_EQ(parser.response().status, 100);
  EXPECT_EQ(parser.response().reason, "Continue");

  parser.Reset();
  const auto r2 = FeedAll(parser, std::string_view(wire).substr(r1.consumed));
  EXPECT_EQ(r2.progress, Progress::kMessageDone);
  EXPECT_EQ(r2.consumed, final_response.size());
  EXPECT_EQ(parser.response().status, 200);
  EXPECT_EQ(body.data(), "ok");
}

TEST(MessageParserResponse, EarlyHintsIsAHeadWithoutBody) {
  const std::string hints = "HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n";
  MessageParser parser(Kind::kResponse, {});
  const auto r = parser.Feed(hints + "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
  EXPECT_EQ(r.progress, Progress::kHeadDone);
  EXPECT_EQ(r.consumed, hints.size());
  EXPECT_TRUE(parser.message_done());
  EXPECT_EQ(parser.response().status, 103);
}

TEST(MessageParserResponse, TruncatedContentLengthBodyFinishesAsTruncated) {
  MessageParser parser(Kind::kResponse, {});
  ASSERT_EQ(FeedAll(parser, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabcd").progress,
            Progress::kNeedMore);
  EXPECT_EQ(parser.body_bytes(), 4u);
  EXPECT_EQ(parser.Finish(), Progress::kError);
  EXPECT_EQ(parser.error(), ParseError::kTruncated);
  EXPECT_FALSE(parser.message_done());
}

TEST(MessageParserResponse, TruncatedChunkedBodyFinishesAsTruncated) {
  MessageParser parser(Kind::kResponse, {});
  ASSERT_EQ(
      FeedAll(parser, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab").progress,
      Progress::kNeedMore);
  EXPECT_EQ(parser.Finish(), Progress::kError);
  EXPECT_EQ(parser.error(), ParseError::kTruncated);
}

TEST(MessageParserResponse, TruncatedHeadFinishesAsTruncated) {
  MessageParser parser(Kind::kResponse, {});
  ASSERT_EQ(parser.Feed("HTTP/1.1 200 OK\r\nContent-Le").progress, Progress::kNeedMore);
  EXPECT_EQ(parser.Finish(), Progress::kError);
  EXPECT_EQ(parser.error(), ParseError::kTruncated);
}

TEST(MessageParserResponse, FinishAfterACompleteMessageIsDone) {
  MessageParser parser(Kind::kResponse, {});
  ASSERT_EQ(FeedAll(parser, "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx").progress,
            Progress::kMessageDone);
  EXPECT_EQ(parser.Finish(), Progress::kMessageDone);
  EXPECT_EQ(parser.error(), ParseError::kNone);
}

TEST(MessageParserResponse, ConnectionCloseResponseIsNotKeepAlive) {
  MessageParser parser(Kind::kResponse, {});
  ASSERT_EQ(
      parser.Feed("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").progress,
      Progress::kHeadDone);
  EXPECT_FALSE(parser.keep_alive());
}

TEST(MessageParserResponse, Http10ResponseWithoutLengthIsCloseDelimited) {
  MessageParser parser(Kind::kResponse, {});
  ASSERT_EQ(parser.Feed("HTTP/1.0 200 OK\r\n\r\n").progress, Progress::kHeadDone);
  EXPECT_EQ(parser.response().version_minor, 0);
  EXPECT_TRUE(parser.needs_eof());
  EXPECT_FALSE(parser.keep_alive());
}

TEST(MessageParserResponse, ResetBetweenResponsesClearsStatusAndHeaders) {
  MessageParser parser(Kind::kResponse, {});
  ASSERT_EQ(FeedAll(parser, "HTTP/1.1 500 Oops\r\nX-A: 1\r\nContent-Length: 1\r\n\r\nx").progress,
            Progress::kMessageDone);
  parser.Reset();
  ASSERT_EQ(FeedAll(parser, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n").progress,
            Progress::kMessageDone);
  EXPECT_EQ(parser.response().status, 200);
  EXPECT_EQ(parser.response().reason, "OK");
  EXPECT_EQ(Fields(parser.response().headers), (FieldList{{"Content-Length", "0"}}));
  EXPECT_EQ(parser.body_bytes(), 0u);
}

TEST(MessageParserResponse, ContentLengthWithChunkedIsMalformed) {
  MessageParser parser(Kind::kResponse, {});
  EXPECT_EQ(FeedAll(parser,
                    "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"
                    "0\r\n\r\n")
                .progress,
            Progress::kError);
  EXPECT_EQ(parser.error(), ParseError::kMalformed);
}

}  // namespace
}  // namespace costgate::daemon::http
