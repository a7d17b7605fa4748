#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <utility>

#include "daemon/http/message_parser.h"
#include "daemon/http/serialize.h"
#include "tests/unit/daemon/http/http_test_util.h"

namespace costgate::daemon::http {
namespace {

using test_util::FieldList;
using test_util::Fields;
using test_util::MakeHeaders;

filters::RequestHead Request(std::string method, filters::Headers headers) {
  filters::RequestHead head;
  head.method = std::move(method);
  head.target = "/client/target";
  head.headers = std::move(headers);
  return head;
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

TEST(AppendUpstreamRequestHead, KeepsFramingFieldsEvenWhenConnectionNamesThem) {
  const auto head =
      Request("POST", MakeHeaders({{"Connection", "Content-Length, Transfer-Encoding"},
                                   {"Content-Length", "5"},
                                   {"X-Kept", "3"}}));
  std::string out;
  AppendUpstreamRequestHead(out, head, "/t", "u");
  EXPECT_EQ(out, "POST /t HTTP/1.1\r\nHost: u\r\nContent-Length: 5\r\nX-Kept: 3\r\n\r\n");
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

}  // namespace
}  // namespace costgate::daemon::http
