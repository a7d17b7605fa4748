#include "daemon/http/serialize.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "daemon/http/message_parser.h"
#include "tests/unit/daemon/http/parser_test_util.h"

namespace costgate::daemon::http {
namespace {

using test_util::BodyCollector;
using test_util::FeedAll;
using test_util::FieldList;
using test_util::Fields;

filters::RequestHead Request(std::string method, filters::Headers headers) {
  filters::RequestHead head;
  head.method = std::move(method);
  head.target = "/client/target";
  head.headers = std::move(headers);
  return head;
}

filters::ResponseHead Response(int status, std::string reason, filters::Headers headers) {
  filters::ResponseHead head;
  head.status = status;
  head.reason = std::move(reason);
  head.headers = std::move(headers);
  return head;
}

filters::Headers MakeHeaders(const FieldList& fields) {
  filters::Headers headers;
  for (const auto& [name, value] : fields) {
    headers.Add(name, value);
  }
  return headers;
}

TEST(AppendUpstreamRequestHead, WritesRequestLineThenHostFirstThenFieldsInOrder) {
  const auto head = Request("POST", MakeHeaders({{"Content-Type", "application/json"},
                                                 {"Host", "localhost:8080"},
                                                 {"x-goog-api-key", "AIzaKey"},
                                                 {"Authorization", "Bearer t"},
                                                 {"Content-Length", "2"},
                                                 {"X-Custom", "v"}}));
  std::string out;
  AppendUpstreamRequestHead(out, head, "/v1beta/models/m:generateContent",
                            "generativelanguage.googleapis.com");
  EXPECT_EQ(out,
            "POST /v1beta/models/m:generateContent HTTP/1.1\r\n"
            "Host: generativelanguage.googleapis.com\r\n"
            "Content-Type: application/json\r\n"
            "x-goog-api-key: AIzaKey\r\n"
            "Authorization: Bearer t\r\n"
            "Content-Length: 2\r\n"
            "X-Custom: v\r\n"
            "\r\n");
}

TEST(AppendUpstreamRequestHead, DropsEveryHostFieldWhateverItsCase) {
  const auto head = Request("GET", MakeHeaders({{"host", "a"}, {"HOST", "b"}, {"Accept", "*/*"}}));
  std::string out;
  AppendUpstreamRequestHead(out, head, "/t", "upstream.example");
  EXPECT_EQ(out, "GET /t HTTP/1.1\r\nHost: upstream.example\r\nAccept: */*\r\n\r\n");
}

TEST(AppendUpstreamRequestHead, DropsExpect) {
  const auto head =
      Request("POST", MakeHeaders({{"Expect", "100-continue"}, {"Content-Length", "5"}}));
  std::string out;
  AppendUpstreamRequestHead(out, head, "/t", "u");
  EXPECT_EQ(out, "POST /t HTTP/1.1\r\nHost: u\r\nContent-Length: 5\r\n\r\n");
}

TEST(AppendUpstreamRequestHead, DropsHopByHopFields) {
  const auto head = Request("GET", MakeHeaders({{"Connection", "keep-alive"},
                                                {"Keep-Alive", "timeout=5"},
                                                {"Proxy-Connection", "keep-alive"},
                                                {"TE", "trailers"},
                                                {"Upgrade", "h2c"},
                                                {"Accept", "*/*"}}));
  std::string out;
  AppendUpstreamRequestHead(out, head, "/t", "u");
  EXPECT_EQ(out, "GET /t HTTP/1.1\r\nHost: u\r\nAccept: */*\r\n\r\n");
}

TEST(AppendUpstreamRequestHead, DropsHopByHopFieldsWithoutAConnectionField) {
  const auto head = Request("GET", MakeHeaders({{"keep-alive", "timeout=5"},
                                                {"te", "trailers"},
                                                {"upgrade", "websocket"},
                                                {"proxy-connection", "close"},
                                                {"Accept", "*/*"}}));
  std::string out;
  AppendUpstreamRequestHead(out, head, "/t", "u");
  EXPECT_EQ(out, "GET /t HTTP/1.1\r\nHost: u\r\nAccept: */*\r\n\r\n");
}

TEST(AppendUpstreamRequestHead, DropsFieldsNamedInConnection) {
  const auto head = Request("GET", MakeHeaders({{"Connection", "close, X-Hop ,\tx-other"},
                                                {"X-Hop", "1"},
                                                {"X-Other", "2"},
                                                {"X-Kept", "3"}}));
  std::string out;
  AppendUpstreamRequestHead(out, head, "/t", "u");
  EXPECT_EQ(out, "GET /t HTTP/1.1\r\nHost: u\r\nX-Kept: 3\r\n\r\n");
}

TEST(AppendUpstreamRequestHead, DropsFieldsNamedInASecondConnectionField) {
  const auto head = Request("GET", MakeHeaders({{"Connection", "keep-alive"},
                                                {"Connection", "X-Hop"},
                                                {"X-Hop", "1"},
                                                {"X-Kept", "3"}}));
  std::string out;
  AppendUpstreamRequestHead(out, head, "/t", "u");
  EXPECT_EQ(out, "GET /t HTTP/1.1\r\nHost: u\r\nX-Kept: 3\r\n\r\n");
}

TEST(AppendUpstreamRequestHead, KeepsCredentialsAndFramingFields) {
  const auto head = Request("POST", MakeHeaders({{"Connection", "keep-alive"},
                                                 {"Transfer-Encoding", "chunked"},
                                                 {"x-goog-api-key", "AIzaKey"},
                                                 {"Authorization", "Bearer t"}}));
  std::string out;
  AppendUpstreamRequestHead(out, head, "/t", "u");
  EXPECT_EQ(out,
            "POST /t HTTP/1.1\r\nHost: u\r\nTransfer-Encoding: chunked\r\n"
            "x-goog-api-key: AIzaKey\r\nAuthorization: Bearer t\r\n\r\n");
}

TEST(AppendUpstreamRequestHead, AlwaysWritesHttp11) {
  auto head = Request("GET", {});
  head.version_minor = 0;
  std::string out;
  AppendUpstreamRequestHead(out, head, "/t", "u");
  EXPECT_EQ(out, "GET /t HTTP/1.1\r\nHost: u\r\n\r\n");
}

TEST(AppendUpstreamRequestHead, AppendsToWhatTheBufferHolds) {
  std::string out = "previous";
  AppendUpstreamRequestHead(out, Request("GET", {}), "/t", "u");
  EXPECT_EQ(out, "previousGET /t HTTP/1.1\r\nHost: u\r\n\r\n");
}

TEST(AppendUpstreamRequestHead, OutputParsesBackToTheSameFields) {
  const auto head = Request("POST", MakeHeaders({{"Host", "client"},
                                                 {"Connection", "X-Hop"},
                                                 {"X-Hop", "1"},
                                                 {"Content-Length", "3"},
                                                 {"x-goog-api-key", "k"}}));
  std::string out;
  AppendUpstreamRequestHead(out, head, "/v1beta/models", "up");
  MessageParser parser(MessageParser::Kind::kRequest, {});
  ASSERT_EQ(parser.Feed(out).progress, MessageParser::Progress::kHeadDone);
  EXPECT_EQ(parser.request().method, "POST");
  EXPECT_EQ(parser.request().target, "/v1beta/models");
  EXPECT_EQ(Fields(parser.request().headers),
            (FieldList{{"Host", "up"}, {"Content-Length", "3"}, {"x-goog-api-key", "k"}}));
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
