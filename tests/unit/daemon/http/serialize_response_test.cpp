#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <utility>

#include "daemon/http/message_parser.h"
#include "daemon/http/serialize.h"
#include "tests/unit/daemon/http/http_test_util.h"

namespace costgate::daemon::http {
namespace {

using test_util::BodyCollector;
using test_util::FeedAll;
using test_util::MakeHeaders;

base::ResponseHead Response(int status, std::string reason, base::Headers headers) {
  base::ResponseHead head;
  head.status = status;
  head.reason = std::move(reason);
  head.headers = std::move(headers);
  return head;
}

TEST(AppendClientResponseHead, KeepsFramingFieldsAndDropsHopByHop) {
  const auto head = Response(200, "OK",
                             MakeHeaders({{"Content-Type", "text/event-stream"},
                                          {"Transfer-Encoding", "chunked"},
                                          {"Connection", "keep-alive, X-Hop"},
                                          {"Keep-Alive", "timeout=5"},
                                          {"X-Hop", "1"},
                                          {"Upgrade", "h2"},
                                          {"Vary", "Origin"}}));
  std::string out;
  AppendClientResponseHead(out, head, {});
  EXPECT_EQ(out,
            "HTTP/1.1 200 OK\r\n"
            "Content-Type: text/event-stream\r\n"
            "Transfer-Encoding: chunked\r\n"
            "Vary: Origin\r\n"
            "\r\n");
}

TEST(AppendClientResponseHead, KeepsFramingFieldsEvenWhenConnectionNamesThem) {
  const auto head = Response(
      200, "OK",
      MakeHeaders({{"Connection", "Transfer-Encoding"}, {"Transfer-Encoding", "chunked"}}));
  std::string out;
  AppendClientResponseHead(out, head, {});
  EXPECT_EQ(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
}

TEST(AppendClientResponseHead, KeepsContentLength) {
  const auto head = Response(200, "OK", MakeHeaders({{"Content-Length", "42"}}));
  std::string out;
  AppendClientResponseHead(out, head, {});
  EXPECT_EQ(out, "HTTP/1.1 200 OK\r\nContent-Length: 42\r\n\r\n");
}

TEST(AppendClientResponseHead, AddsEventIdThenConnectionCloseAtTheEnd) {
  const auto head = Response(429, "Too Many Requests",
                             MakeHeaders({{"Content-Length", "0"}, {"Connection", "keep-alive"}}));
  std::string out;
  AppendClientResponseHead(out, head, {.close = true, .drop_framing = false, .event_id = "0190ab"});
  EXPECT_EQ(out,
            "HTTP/1.1 429 Too Many Requests\r\n"
            "Content-Length: 0\r\n"
            "x-costgate-event-id: 0190ab\r\n"
            "Connection: close\r\n"
            "\r\n");
}

TEST(AppendClientResponseHead, AddsNoEventIdWhenEmpty) {
  const auto head = Response(200, "OK", MakeHeaders({{"Content-Length", "0"}}));
  std::string out;
  AppendClientResponseHead(out, head, {.close = false, .drop_framing = false, .event_id = ""});
  EXPECT_EQ(out, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
}

TEST(AppendClientResponseHead, DropFramingRemovesTransferEncoding) {
  const auto head = Response(
      200, "OK", MakeHeaders({{"transfer-encoding", "chunked"}, {"Content-Type", "text/plain"}}));
  std::string out;
  AppendClientResponseHead(out, head, {.close = true, .drop_framing = true, .event_id = ""});
  EXPECT_EQ(out, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n");
}

TEST(AppendClientResponseHead, EmptyReasonUsesTheStandardPhrase) {
  const auto head = Response(504, "", {});
  std::string out;
  AppendClientResponseHead(out, head, {});
  EXPECT_EQ(out, "HTTP/1.1 504 Gateway Timeout\r\n\r\n");
}

TEST(AppendClientResponseHead, KeepsTheUpstreamReasonPhrase) {
  const auto head = Response(200, "Fine Thanks", {});
  std::string out;
  AppendClientResponseHead(out, head, {});
  EXPECT_EQ(out, "HTTP/1.1 200 Fine Thanks\r\n\r\n");
}

TEST(AppendLocalResponse, WritesStatusContentLengthHeadersAndBody) {
  const std::string body = R"({"error":{"code":429}})";
  std::string out;
  AppendLocalResponse(
      out, 429,
      MakeHeaders({{"content-type", "application/json"}, {"x-costgate-reason", "budget_exceeded"}}),
      body, false);
  EXPECT_EQ(out,
            "HTTP/1.1 429 Too Many Requests\r\n"
            "Content-Length: 22\r\n"
            "content-type: application/json\r\n"
            "x-costgate-reason: budget_exceeded\r\n"
            "\r\n" +
                body);
}

TEST(AppendLocalResponse, CloseAddsConnectionClose) {
  std::string out;
  AppendLocalResponse(out, 400, {}, "bad", true);
  EXPECT_EQ(out, "HTTP/1.1 400 Bad Request\r\nContent-Length: 3\r\nConnection: close\r\n\r\nbad");
}

TEST(AppendLocalResponse, EmptyBodyHasContentLengthZero) {
  std::string out;
  AppendLocalResponse(out, 503, {}, "", false);
  EXPECT_EQ(out, "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n");
}

TEST(AppendLocalResponse, OutputParsesAsOneCompleteResponse) {
  const std::string body(1000, 'x');
  std::string out;
  AppendLocalResponse(out, 502, MakeHeaders({{"content-type", "application/json"}}), body, false);
  MessageParser parser(MessageParser::Kind::kResponse, {});
  BodyCollector collected(parser);
  const auto r = FeedAll(parser, out);
  EXPECT_EQ(r.progress, MessageParser::Progress::kMessageDone);
  EXPECT_EQ(r.consumed, out.size());
  EXPECT_EQ(parser.response().status, 502);
  EXPECT_EQ(parser.response().reason, "Bad Gateway");
  EXPECT_EQ(parser.content_length(), 1000u);
  EXPECT_EQ(collected.data(), body);
}

TEST(AppendLocalReply, WritesTheReplyStatusHeadersAndBody) {
  filters::LocalReply reply;
  reply.status = 404;
  reply.reason = "no_route";
  reply.body = "{}";
  reply.headers.Add("x-costgate-reason", "no_route");
  std::string out;
  AppendLocalReply(out, reply, true);
  EXPECT_EQ(out,
            "HTTP/1.1 404 Not Found\r\nContent-Length: 2\r\nx-costgate-reason: no_route\r\n"
            "Connection: close\r\n\r\n{}");
}

TEST(ReasonPhrase, NamesTheStatusesTheDaemonAnswers) {
  EXPECT_EQ(ReasonPhrase(413), "Content Too Large");
  EXPECT_EQ(ReasonPhrase(431), "Request Header Fields Too Large");
  EXPECT_EQ(ReasonPhrase(408), "Request Timeout");
  EXPECT_EQ(ReasonPhrase(502), "Bad Gateway");
}

}  // namespace
}  // namespace costgate::daemon::http
