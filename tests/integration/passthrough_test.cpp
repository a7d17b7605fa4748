// Bytes pass through the proxy unchanged, both directions, with their framing; connections are
// kept alive on both sides.
#include <gtest/gtest.h>

#include <set>

#include "tests/integration/integration_fixture_helpers.h"

namespace costgate::integration {
namespace {

constexpr std::string_view kCountTokens = "pydanticai-countTokens-raw";

struct PassthroughCase {
  std::string_view fixture;
  std::string_view prefix;  // "/gemini" or "" (bare /v1beta/ path)
};

// Short names in test listings (ctest) instead of a byte dump.
void PrintTo(const PassthroughCase& c, std::ostream* out) { *out << c.prefix << " " << c.fixture; }

std::string PassthroughCaseName(const ::testing::TestParamInfo<PassthroughCase>& info) {
  std::string name = std::string(info.param.prefix.empty() ? "bare_" : "prefixed_");
  for (char c : info.param.fixture) {
    name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  }
  return name;
}

class BytesThroughTest : public SharedDaemonTest,
                         public ::testing::WithParamInterface<PassthroughCase> {};

TEST_P(BytesThroughTest, ClientReceivesTheUpstreamBytesUnchanged) {
  const GeminiFixture fixture = LoadFixture(GetParam().fixture);
  const HttpResponse response =
      Http(FixtureRequest(daemon(), fixture, GetParam().prefix, UniqueToken("bytes")));
  ASSERT_EQ(response.curl_code, CURLE_OK) << response.curl_error;
  EXPECT_EQ(response.status, 200) << response.body;
  EXPECT_TRUE(SameBytes(response.body, fixture.response_body));
  EXPECT_EQ(response.Header("Content-Type"), fixture.content_type);
  if (fixture.gzip) {
    EXPECT_EQ(response.Header("Content-Encoding"), "gzip");
  } else {
    EXPECT_FALSE(response.Header("Content-Encoding").has_value());
  }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, BytesThroughTest,
                         ::testing::Values(PassthroughCase{kGzipJsonFixture, "/gemini"},
                                           PassthroughCase{kGzipJsonFixture, ""},
                                           PassthroughCase{kSseFixture, "/gemini"},
                                           PassthroughCase{kSseFixture, ""},
                                           PassthroughCase{kJsonArrayGzipFixture, "/gemini"},
                                           PassthroughCase{kJsonArrayGzipFixture, ""}),
                         PassthroughCaseName);

using PassthroughTest = SharedDaemonTest;

TEST_F(PassthroughTest, ProxiedResponseCarriesAUuidV7EventId) {
  const GeminiFixture fixture = LoadFixture(kSseFixture);
  const HttpResponse response =
      Http(FixtureRequest(daemon(), fixture, "/gemini", UniqueToken("event-id")));
  const std::string event_id = response.Header("x-costgate-event-id").value_or("");
  ASSERT_EQ(event_id.size(), 36u) << event_id;
  for (size_t i = 0; i < event_id.size(); ++i) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      EXPECT_EQ(event_id[i], '-') << event_id;
    } else {
      EXPECT_TRUE(std::isxdigit(static_cast<unsigned char>(event_id[i]))) << event_id;
    }
  }
  EXPECT_EQ(event_id[14], '7') << "version nibble of " << event_id;
  EXPECT_NE(std::string("89ab").find(event_id[19]), std::string::npos) << "variant of " << event_id;
}

TEST_F(PassthroughTest, ContentLengthResponseKeepsItsFraming) {
  const GeminiFixture fixture = LoadFixture(kSseFixture);
  const HttpResponse response = Http(FixtureRequest(
      daemon(), fixture, "/gemini", UniqueToken("length"), {"x-mock-behavior: length"}));
  ASSERT_EQ(response.curl_code, CURLE_OK) << response.curl_error;
  EXPECT_EQ(response.Header("Content-Length"), std::to_string(fixture.response_body.size()));
  EXPECT_FALSE(response.Header("Transfer-Encoding").has_value());
  EXPECT_TRUE(SameBytes(response.body, fixture.response_body));
}

TEST_F(PassthroughTest, ContentLengthRequestBodyReachesUpstreamIntact) {
  const GeminiFixture fixture = LoadFixture(kGzipJsonFixture);
  const std::string marker = UniqueToken("cl-body");
  ASSERT_EQ(Http(FixtureRequest(daemon(), fixture, "/gemini", marker)).status, 200);
  const auto seen = mock().RequestsWith(kMarkerHeader, marker);
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].Header("Content-Length"), std::to_string(fixture.request_body.size()));
  EXPECT_EQ(seen[0].body_len, fixture.request_body.size());
  EXPECT_EQ(seen[0].body_sha256, Sha256Hex(fixture.request_body));
}

TEST_F(PassthroughTest, ChunkedRequestBodyReachesUpstreamIntact) {
  const GeminiFixture fixture = LoadFixture(kGzipJsonFixture);
  const std::string marker = UniqueToken("chunked-body");
  HttpRequest request = FixtureRequest(daemon(), fixture, "/gemini", marker);
  request.chunked_upload = true;
  ASSERT_EQ(Http(request).status, 200);
  const auto seen = mock().RequestsWith(kMarkerHeader, marker);
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].Header("Transfer-Encoding"), "chunked");
  EXPECT_EQ(seen[0].body_len, fixture.request_body.size());
  EXPECT_EQ(seen[0].body_sha256, Sha256Hex(fixture.request_body));
}

TEST_F(PassthroughTest, HostHeaderIsRewrittenToTheUpstream) {
  const GeminiFixture fixture = LoadFixture(kSseFixture);
  const std::string marker = UniqueToken("host");
  ASSERT_EQ(Http(FixtureRequest(daemon(), fixture, "/gemini", marker)).status, 200);
  const auto seen = mock().RequestsWith(kMarkerHeader, marker);
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].Header("Host"), "127.0.0.1:" + std::to_string(mock().port()));
}

TEST_F(PassthroughTest, SequentialRequestsShareClientAndUpstreamConnections) {
  const GeminiFixture fixture = LoadFixture(kSseFixture);
  const std::string marker = UniqueToken("keep-alive");
  constexpr int kSequentialRequests = 4;
  HttpClient client;
  for (int i = 0; i < kSequentialRequests; ++i) {
    const HttpResponse response = client.Perform(FixtureRequest(daemon(), fixture, "", marker));
    ASSERT_EQ(response.status, 200) << "request " << i;
    EXPECT_EQ(response.body, fixture.response_body) << "request " << i;
    EXPECT_EQ(response.new_connections, i == 0 ? 1 : 0) << "request " << i;
  }
  const auto seen = mock().RequestsWith(kMarkerHeader, marker);
  ASSERT_EQ(seen.size(), static_cast<size_t>(kSequentialRequests));
  std::set<int64_t> upstream_connections;
  for (const auto& request : seen) {
    upstream_connections.insert(request.connection_id);
  }
  EXPECT_LT(upstream_connections.size(), static_cast<size_t>(kSequentialRequests));
}

TEST_F(PassthroughTest, PipelinedRequestsAreAnsweredInOrder) {
  const GeminiFixture first = LoadFixture(kCountTokens);
  const GeminiFixture second = LoadFixture(kSseFixture);
  RawConnection connection(daemon().port());
  ASSERT_TRUE(connection.connected());
  ASSERT_TRUE(connection.Send(RawFixtureRequest(first, "/gemini", UniqueToken("pipe-1")) +
                              RawFixtureRequest(second, "", UniqueToken("pipe-2"))));

  const auto head1 = connection.ReadHead(kWait);
  ASSERT_TRUE(head1.has_value());
  EXPECT_EQ(head1->status, 200);
  connection.ReadFullBody(kWait);
  EXPECT_TRUE(connection.body_complete());
  EXPECT_TRUE(SameBytes(connection.body(), first.response_body));

  const auto head2 = connection.ReadHead(kWait);
  ASSERT_TRUE(head2.has_value());
  EXPECT_EQ(head2->status, 200);
  connection.ReadFullBody(kWait);
  EXPECT_TRUE(connection.body_complete());
  EXPECT_TRUE(SameBytes(connection.body(), second.response_body));
}

// HTTP/1.0 has no chunked encoding: a chunked upstream body reaches a 1.0 client decoded and
// delimited by the connection closing.
TEST_F(PassthroughTest, Http10ClientGetsAChunkedBodyDecodedAndCloseDelimited) {
  const GeminiFixture fixture = LoadFixture(kSseFixture);
  std::string request = RawFixtureRequest(fixture, "/gemini", UniqueToken("http10"));
  const size_t version = request.find(" HTTP/1.1\r\n");
  ASSERT_NE(version, std::string::npos);
  request.replace(version, std::string_view(" HTTP/1.1\r\n").size(), " HTTP/1.0\r\n");
  RawConnection connection(daemon().port());
  ASSERT_TRUE(connection.connected());
  ASSERT_TRUE(connection.Send(request));

  const auto head = connection.ReadHead(kWait);
  ASSERT_TRUE(head.has_value());
  EXPECT_EQ(head->status, 200);
  EXPECT_FALSE(head->Header("transfer-encoding").has_value());
  EXPECT_EQ(head->Header("connection").value_or(""), "close");
  connection.ReadFullBody(kWait);
  EXPECT_TRUE(connection.peer_closed());
  EXPECT_TRUE(SameBytes(connection.body(), fixture.response_body));
}

}  // namespace
}  // namespace costgate::integration
