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

// Without a body unless a test says otherwise.
void AppendHead(std::string& out, const base::RequestHead& head, std::string_view target,
                std::string_view host, BodyFraming framing = BodyFraming::kNone,
                uint64_t content_length = 0) {
  AppendUpstreamRequestHead(out, head, target, host, framing, content_length);
}

base::RequestHead Request(std::string method, base::Headers headers) {
  base::RequestHead head;
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
  AppendHead(out, head, "/v1beta/models/m:generateContent", "generativelanguage.googleapis.com",
             BodyFraming::kContentLength, 2);
  EXPECT_EQ(out,
            "POST /v1beta/models/m:generateContent HTTP/1.1\r\n"
            "Host: generativelanguage.googleapis.com\r\n"
            "Content-Type: application/json\r\n"
            "x-goog-api-key: AIzaKey\r\n"
            "Authorization: Bearer t\r\n"
            "X-Custom: v\r\n"
            "Content-Length: 2\r\n"
            "\r\n");
}

TEST(AppendUpstreamRequestHead, DropsEveryHostFieldWhateverItsCase) {
  const auto head = Request("GET", MakeHeaders({{"host", "a"}, {"HOST", "b"}, {"Accept", "*/*"}}));
  std::string out;
  AppendHead(out, head, "/t", "upstream.example");
  EXPECT_EQ(out, "GET /t HTTP/1.1\r\nHost: upstream.example\r\nAccept: */*\r\n\r\n");
}

TEST(AppendUpstreamRequestHead, DropsExpect) {
  const auto head =
      Request("POST", MakeHeaders({{"Expect", "100-continue"}, {"Content-Length", "5"}}));
  std::string out;
  AppendHead(out, head, "/t", "u", BodyFraming::kContentLength, 5);
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
  AppendHead(out, head, "/t", "u");
  EXPECT_EQ(out, "GET /t HTTP/1.1\r\nHost: u\r\nAccept: */*\r\n\r\n");
}

TEST(AppendUpstreamRequestHead, DropsHopByHopFieldsWithoutAConnectionField) {
  const auto head = Request("GET", MakeHeaders({{"keep-alive", "timeout=5"},
                                                {"te", "trailers"},
                                                {"upgrade", "websocket"},
                                                {"proxy-connection", "close"},
                                                {"Accept", "*/*"}}));
  std::string out;
  AppendHead(out, head, "/t", "u");
  EXPECT_EQ(out, "GET /t HTTP/1.1\r\nHost: u\r\nAccept: */*\r\n\r\n");
}

TEST(AppendUpstreamRequestHead, DropsFieldsNamedInConnection) {
  const auto head = Request("GET", MakeHeaders({{"Connection", "close, X-Hop ,\tx-other"},
                                                {"X-Hop", "1"},
                                                {"X-Other", "2"},
                                                {"X-Kept", "3"}}));
  std::string out;
  AppendHead(out, head, "/t", "u");
  EXPECT_EQ(out, "GET /t HTTP/1.1\r\nHost: u\r\nX-Kept: 3\r\n\r\n");
}

TEST(AppendUpstreamRequestHead, DropsFieldsNamedInASecondConnectionField) {
  const auto head = Request("GET", MakeHeaders({{"Connection", "keep-alive"},
                                                {"Connection", "X-Hop"},
                                                {"X-Hop", "1"},
                                                {"X-Kept", "3"}}));
  std::string out;
  AppendHead(out, head, "/t", "u");
  EXPECT_EQ(out, "GET /t HTTP/1.1\r\nHost: u\r\nX-Kept: 3\r\n\r\n");
}

TEST(AppendUpstreamRequestHead, WritesItsOwnLengthWhenConnectionNamesTheFramingFields) {
  const auto head =
      Request("POST", MakeHeaders({{"Connection", "Content-Length, Transfer-Encoding"},
                                   {"Content-Length", "5"},
                                   {"X-Kept", "3"}}));
  std::string out;
  AppendHead(out, head, "/t", "u", BodyFraming::kContentLength, 5);
  EXPECT_EQ(out, "POST /t HTTP/1.1\r\nHost: u\r\nX-Kept: 3\r\nContent-Length: 5\r\n\r\n");
}

TEST(AppendUpstreamRequestHead, KeepsCredentialsAndWritesItsOwnChunkedFraming) {
  const auto head = Request("POST", MakeHeaders({{"Connection", "keep-alive"},
                                                 {"Transfer-Encoding", "chunked"},
                                                 {"x-goog-api-key", "AIzaKey"},
                                                 {"Authorization", "Bearer t"}}));
  std::string out;
  AppendHead(out, head, "/t", "u", BodyFraming::kChunked);
  EXPECT_EQ(out,
            "POST /t HTTP/1.1\r\nHost: u\r\nx-goog-api-key: AIzaKey\r\n"
            "Authorization: Bearer t\r\nTransfer-Encoding: chunked\r\n\r\n");
}

// The client's framing fields never cross, whatever they say: only costgate's framing does.
TEST(AppendUpstreamRequestHead, NeverCopiesTheClientsFramingFields) {
  const auto head = Request("POST", MakeHeaders({{"Transfer-Encoding", "identity, chunked"},
                                                 {"transfer-encoding", ""},
                                                 {"Content-Length", "99"},
                                                 {"CONTENT-LENGTH", "1"},
                                                 {"Trailer", "x-checksum"},
                                                 {"X-Kept", "3"}}));
  for (const auto framing :
       {BodyFraming::kNone, BodyFraming::kContentLength, BodyFraming::kChunked}) {
    std::string out;
    AppendHead(out, head, "/t", "u", framing, 7);
    const std::string own = framing == BodyFraming::kContentLength ? "Content-Length: 7\r\n"
                            : framing == BodyFraming::kChunked ? "Transfer-Encoding: chunked\r\n"
                                                               : "";
    EXPECT_EQ(out, "POST /t HTTP/1.1\r\nHost: u\r\nX-Kept: 3\r\n" + own + "\r\n");
  }
}

TEST(AppendBodyPiece, ContentLengthBodiesGoAsTheyAre) {
  std::string out;
  AppendBodyPiece(out, BodyFraming::kContentLength, "abc");
  AppendBodyPiece(out, BodyFraming::kContentLength, "");
  AppendBodyEnd(out, BodyFraming::kContentLength);
  EXPECT_EQ(out, "abc");
}

TEST(AppendBodyPiece, ChunkedBodiesGoAsFreshChunksWithoutEmptyOnesOrTrailers) {
  std::string out;
  AppendBodyPiece(out, BodyFraming::kChunked, "hello");
  AppendBodyPiece(out, BodyFraming::kChunked, "");
  AppendBodyPiece(out, BodyFraming::kChunked, std::string(300, 'x'));
  AppendBodyEnd(out, BodyFraming::kChunked);
  EXPECT_EQ(out, "5\r\nhello\r\n12c\r\n" + std::string(300, 'x') + "\r\n0\r\n\r\n");
}

// What the upstream parses from costgate's framing is exactly the body the client's framing
// carried, whatever chunk sizes, extensions and trailers the client used.
TEST(AppendBodyPiece, ReframedChunkedBodyParsesBackToTheClientsBody) {
  const std::string client =
      "POST /t HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
      "3;ext=\"q\"\r\nabc\r\n1\r\nd\r\n0\r\nx-trailer: t\r\n\r\n";
  MessageParser in(MessageParser::Kind::kRequest, {});
  std::string forwarded;
  struct Sink {
    std::string* out;
    static void Write(void* self, std::string_view data) {
      AppendBodyPiece(*static_cast<Sink*>(self)->out, BodyFraming::kChunked, data);
    }
  } sink{&forwarded};
  in.set_body_sink(&Sink::Write, &sink);
  ASSERT_EQ(test_util::FeedAll(in, client).progress, MessageParser::Progress::kMessageDone);
  AppendBodyEnd(forwarded, in.body_framing());
  std::string upstream_wire;
  AppendHead(upstream_wire, in.request(), "/t", "up", in.body_framing());
  upstream_wire += forwarded;
  EXPECT_EQ(forwarded, "3\r\nabc\r\n1\r\nd\r\n0\r\n\r\n");

  MessageParser out(MessageParser::Kind::kRequest, {});
  test_util::BodyCollector body(out);
  const auto r = test_util::FeedAll(out, upstream_wire);
  EXPECT_EQ(r.progress, MessageParser::Progress::kMessageDone);
  EXPECT_EQ(r.consumed, upstream_wire.size());
  EXPECT_EQ(body.data(), "abcd");
}

TEST(AppendUpstreamRequestHead, AlwaysWritesHttp11) {
  auto head = Request("GET", {});
  head.version_minor = 0;
  std::string out;
  AppendHead(out, head, "/t", "u");
  EXPECT_EQ(out, "GET /t HTTP/1.1\r\nHost: u\r\n\r\n");
}

TEST(AppendUpstreamRequestHead, AppendsToWhatTheBufferHolds) {
  std::string out = "previous";
  AppendHead(out, Request("GET", {}), "/t", "u");
  EXPECT_EQ(out, "previousGET /t HTTP/1.1\r\nHost: u\r\n\r\n");
}

TEST(AppendUpstreamRequestHead, OutputParsesBackToTheSameFields) {
  const auto head = Request("POST", MakeHeaders({{"Host", "client"},
                                                 {"Connection", "X-Hop"},
                                                 {"X-Hop", "1"},
                                                 {"Content-Length", "3"},
                                                 {"x-goog-api-key", "k"}}));
  std::string out;
  AppendHead(out, head, "/v1beta/models", "up", BodyFraming::kContentLength, 3);
  MessageParser parser(MessageParser::Kind::kRequest, {});
  ASSERT_EQ(parser.Feed(out).progress, MessageParser::Progress::kHeadDone);
  EXPECT_EQ(parser.request().method, "POST");
  EXPECT_EQ(parser.request().target, "/v1beta/models");
  EXPECT_EQ(Fields(parser.request().headers),
            (FieldList{{"Host", "up"}, {"x-goog-api-key", "k"}, {"Content-Length", "3"}}));
}

}  // namespace
}  // namespace costgate::daemon::http
