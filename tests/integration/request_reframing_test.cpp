// The upstream sees costgate's framing, never the client's: whatever chunk sizes, extensions,
// trailers and framing fields the client used, the request that reaches the provider carries
// exactly one framing field of costgate's own and the same body.
#include <gtest/gtest.h>
#include <strings.h>

#include <cstdio>

#include "tests/integration/integration_fixture_helpers.h"

namespace costgate::integration {
namespace {

class RequestReframingTest : public SharedDaemonTest {
 protected:
  // The request as the mock saw it, after sending `wire` and reading the whole answer.
  std::optional<MockRequest> SendAndCapture(const std::string& wire, std::string_view marker) {
    RawConnection connection(daemon().port());
    if (!connection.Send(wire)) {
      return std::nullopt;
    }
    const auto head = connection.ReadHead(kWait);
    if (!head.has_value() || head->status != 200) {
      ADD_FAILURE() << "status " << (head ? head->status : 0);
      return std::nullopt;
    }
    connection.ReadFullBody(kWait);
    const auto seen = mock().RequestsWith(kMarkerHeader, marker);
    if (seen.size() != 1) {
      ADD_FAILURE() << seen.size() << " requests reached the mock";
      return std::nullopt;
    }
    return seen[0];
  }

  static size_t CountFields(const MockRequest& request, std::string_view name) {
    size_t n = 0;
    for (const auto& [field, value] : request.headers) {
      n += strcasecmp(field.c_str(), std::string(name).c_str()) == 0 ? 1 : 0;
    }
    return n;
  }

  static std::string Head(const GeminiFixture& fixture, std::string_view marker,
                          std::string_view version = "HTTP/1.1") {
    return fixture.method + " /gemini" + fixture.target + " " + std::string(version) + "\r\n" +
           "Host: 127.0.0.1\r\nContent-Type: application/json\r\nx-mock-fixture: " + fixture.name +
           "\r\n" + std::string(kMarkerHeader) + ": " + std::string(marker) + "\r\n";
  }
};

TEST_F(RequestReframingTest, ChunkedBodyArrivesInFreshChunksWithoutTheClientsTrailers) {
  const GeminiFixture fixture = LoadFixture(kGzipJsonFixture);
  const std::string marker = UniqueToken("rechunk");
  const std::string& body = fixture.request_body;
  ASSERT_GT(body.size(), 20u);
  // Odd chunk sizes in upper-case hex, a chunk extension, a trailer announced by Trailer.
  std::string wire = Head(fixture, marker) +
                     "Trailer: x-checksum\r\nTransfer-Encoding: chunked\r\n\r\n"
                     "7;name=\"quoted;value\"\r\n" +
                     body.substr(0, 7) + "\r\n";
  std::string rest = body.substr(7);
  char size[32];
  std::snprintf(size, sizeof(size), "%zX", rest.size());
  wire += std::string(size) + "\r\n" + rest + "\r\n0\r\nx-checksum: abc\r\n\r\n";
  const auto seen = SendAndCapture(wire, marker);
  ASSERT_TRUE(seen.has_value());
  EXPECT_EQ(CountFields(*seen, "transfer-encoding"), 1u);
  EXPECT_EQ(seen->Header("Transfer-Encoding"), "chunked");
  EXPECT_EQ(CountFields(*seen, "content-length"), 0u);
  EXPECT_EQ(CountFields(*seen, "trailer"), 0u);
  EXPECT_EQ(seen->body_len, body.size());
  EXPECT_EQ(seen->body_sha256, Sha256Hex(body));
}

TEST_F(RequestReframingTest, ContentLengthIsWrittenByCostgateNotCopied) {
  const GeminiFixture fixture = LoadFixture(kGzipJsonFixture);
  const std::string marker = UniqueToken("relength");
  const std::string& body = fixture.request_body;
  // Leading zeros and a Connection field naming Content-Length: costgate's own length arrives.
  const std::string wire = Head(fixture, marker) + "Connection: keep-alive, Content-Length\r\n" +
                           "Content-Length: 000" + std::to_string(body.size()) + "\r\n\r\n" + body;
  const auto seen = SendAndCapture(wire, marker);
  ASSERT_TRUE(seen.has_value());
  EXPECT_EQ(CountFields(*seen, "content-length"), 1u);
  EXPECT_EQ(seen->Header("Content-Length"), std::to_string(body.size()));
  EXPECT_EQ(CountFields(*seen, "transfer-encoding"), 0u);
  EXPECT_EQ(seen->body_sha256, Sha256Hex(body));
}

TEST_F(RequestReframingTest, ChunkedBodyStreamedInPiecesArrivesWhole) {
  const GeminiFixture fixture = LoadFixture(kGzipJsonFixture);
  const std::string marker = UniqueToken("rechunk-pieces");
  const std::string& body = fixture.request_body;
  RawConnection connection(daemon().port());
  ASSERT_TRUE(connection.Send(Head(fixture, marker) + "Transfer-Encoding: chunked\r\n\r\n"));
  // One byte per chunk, each chunk split across two sends: nothing buffered with the head.
  for (const char c : body) {
    ASSERT_TRUE(connection.Send("1\r\n"));
    ASSERT_TRUE(connection.Send(std::string(1, c) + "\r\n"));
  }
  ASSERT_TRUE(connection.Send("0\r\n\r\n"));
  const auto head = connection.ReadHead(kWait);
  ASSERT_TRUE(head.has_value());
  EXPECT_EQ(head->status, 200);
  const auto seen = mock().RequestsWith(kMarkerHeader, marker);
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].body_sha256, Sha256Hex(body));
}

}  // namespace
}  // namespace costgate::integration
