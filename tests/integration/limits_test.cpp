// Request limits and framing rules: oversized or ambiguous requests are answered by the daemon
// and never reach the provider. Raw sockets, so the exact bytes on the wire are known.
#include <gtest/gtest.h>

#include "tests/integration/integration_fixture_helpers.h"

namespace costgate::integration {
namespace {

constexpr std::string_view kTarget =
    "/gemini/v1beta/models/gemini-2.0-flash-001:streamGenerateContent?alt=sse";

class LimitsTest : public SharedDaemonTest {
 protected:
  // Sends `bytes` on a fresh connection and reads the response head.
  std::optional<RawResponseHead> Exchange(std::string_view bytes, RawConnection& connection) {
    if (!connection.connected() || !connection.Send(bytes)) {
      return std::nullopt;
    }
    return connection.ReadHead(kWait);
  }

  // The head of a request to the SSE fixture, without the final empty line.
  static std::string HeadStart(std::string_view marker) {
    return "POST " + std::string(kTarget) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
           "x-mock-fixture: " + std::string(kSseFixture) + "\r\n" + std::string(kMarkerHeader) +
           ": " + std::string(marker) + "\r\n";
  }

  // True when the mock never saw `marker`: a later request on its own connection that did
  // reach the mock proves the first one was not merely late.
  bool NeverForwarded(std::string_view marker) {
    const std::string barrier = UniqueToken("barrier");
    const HttpResponse response =
        Http(FixtureRequest(daemon(), LoadFixture(kSseFixture), "/gemini", barrier));
    return response.status == 200 && mock().RequestsWith(kMarkerHeader, barrier).size() == 1 &&
           mock().RequestsWith(kMarkerHeader, marker).empty();
  }

  void ExpectLocalError(const RawResponseHead& head, const RawConnection& connection, int status,
                        std::string_view reason) {
    EXPECT_EQ(head.status, status);
    EXPECT_EQ(head.Header("x-costgate-reason"), reason);
    EXPECT_EQ(head.Header("Content-Type").value_or("").rfind("application/json", 0), 0u);
    EXPECT_EQ(JsonInt(connection.body(), "/error/code"), status) << connection.body();
    EXPECT_TRUE(JsonString(connection.body(), "/error/message").has_value()) << connection.body();
    EXPECT_TRUE(JsonString(connection.body(), "/error/status").has_value()) << connection.body();
  }
};

TEST_F(LimitsTest, OversizedRequestHeadAnswers431HeaderTooLarge) {
  const std::string marker = UniqueToken("big-head");
  RawConnection connection(daemon().port());
  // 20 KiB of header against max_header_bytes 16 KiB.
  const auto head = Exchange(
      HeadStart(marker) + "x-big: " + std::string(20 * 1024, 'a') + "\r\nContent-Length: 0\r\n\r\n",
      connection);
  ASSERT_TRUE(head.has_value());
  connection.ReadFullBody(kWait);
  ExpectLocalError(*head, connection, 431, "header_too_large");
}

TEST_F(LimitsTest, TooManyHeadersAnswers431TooManyHeaders) {
  const std::string marker = UniqueToken("many-headers");
  std::string request = HeadStart(marker);
  for (int i = 0; i < 60; ++i) {  // against max_header_count 40
    request += "x-h-" + std::to_string(i) + ": v\r\n";
  }
  RawConnection connection(daemon().port());
  const auto head = Exchange(request + "Content-Length: 0\r\n\r\n", connection);
  ASSERT_TRUE(head.has_value());
  connection.ReadFullBody(kWait);
  ExpectLocalError(*head, connection, 431, "too_many_headers");
}

TEST_F(LimitsTest, ContentLengthOverLimitAnswers413) {
  const std::string marker = UniqueToken("big-cl");
  RawConnection connection(daemon().port());
  // Only the head: the length alone is over max_request_body_bytes (64 KiB).
  const auto head = Exchange(HeadStart(marker) + "Content-Length: 65537\r\n\r\n", connection);
  ASSERT_TRUE(head.has_value());
  connection.ReadFullBody(kWait);
  ExpectLocalError(*head, connection, 413, "body_too_large");
  EXPECT_TRUE(NeverForwarded(marker));
}

TEST_F(LimitsTest, ChunkedBodyOverLimitAnswers413) {
  const std::string marker = UniqueToken("big-chunked");
  RawConnection connection(daemon().port());
  // One chunk of 64 KiB + 1 and no last chunk: the daemon has read everything sent when it
  // answers, so its answer cannot be lost to a reset.
  const auto head = Exchange(HeadStart(marker) + "Transfer-Encoding: chunked\r\n\r\n10001\r\n" +
                                 std::string(65537, 'x') + "\r\n",
                             connection);
  ASSERT_TRUE(head.has_value());
  connection.ReadFullBody(kWait);
  ExpectLocalError(*head, connection, 413, "body_too_large");
}

TEST_F(LimitsTest, ContentLengthWithTransferEncodingIsRejectedAndNotForwarded) {
  const std::string marker = UniqueToken("cl-te");
  RawConnection connection(daemon().port());
  const auto head = Exchange(HeadStart(marker) +
                                 "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
                                 "5\r\nhello\r\n0\r\n\r\n",
                             connection);
  ASSERT_TRUE(head.has_value());
  connection.ReadFullBody(kWait);
  ExpectLocalError(*head, connection, 400, "bad_request");
  EXPECT_TRUE(NeverForwarded(marker));
}

TEST_F(LimitsTest, ConflictingContentLengthsAreRejectedAndNotForwarded) {
  const std::string marker = UniqueToken("cl-cl");
  RawConnection connection(daemon().port());
  const auto head = Exchange(
      HeadStart(marker) + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!", connection);
  ASSERT_TRUE(head.has_value());
  connection.ReadFullBody(kWait);
  ExpectLocalError(*head, connection, 400, "bad_request");
  EXPECT_TRUE(NeverForwarded(marker));
}

TEST_F(LimitsTest, MalformedRequestLineAnswers400) {
  RawConnection connection(daemon().port());
  const auto head = Exchange("THIS IS NOT HTTP\r\n\r\n", connection);
  ASSERT_TRUE(head.has_value());
  EXPECT_EQ(head->status, 400);
  EXPECT_EQ(head->Header("x-costgate-reason"), "bad_request");
}

TEST_F(LimitsTest, ExpectContinueGets100ThenTheResponse) {
  const GeminiFixture fixture = LoadFixture(kSseFixture);
  const std::string marker = UniqueToken("expect");
  RawConnection connection(daemon().port());
  const auto interim = Exchange(HeadStart(marker) + "Expect: 100-continue\r\nContent-Length: " +
                                    std::to_string(fixture.request_body.size()) + "\r\n\r\n",
                                connection);
  ASSERT_TRUE(interim.has_value());
  ASSERT_EQ(interim->status, 100);

  ASSERT_TRUE(connection.Send(fixture.request_body));
  const auto head = connection.ReadHead(kWait);
  ASSERT_TRUE(head.has_value());
  EXPECT_EQ(head->status, 200);
  connection.ReadFullBody(kWait);
  EXPECT_TRUE(SameBytes(connection.body(), fixture.response_body));

  const auto seen = mock().RequestsWith(kMarkerHeader, marker);
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_FALSE(seen[0].Header("Expect").has_value()) << "Expect must not be forwarded";
  EXPECT_EQ(seen[0].body_sha256, Sha256Hex(fixture.request_body));
}

TEST_F(LimitsTest, ExpectContinueOverLimitGets413Instead) {
  const std::string marker = UniqueToken("expect-big");
  RawConnection connection(daemon().port());
  const auto head = Exchange(
      HeadStart(marker) + "Expect: 100-continue\r\nContent-Length: 65537\r\n\r\n", connection);
  ASSERT_TRUE(head.has_value());
  connection.ReadFullBody(kWait);
  ExpectLocalError(*head, connection, 413, "body_too_large");
}

}  // namespace
}  // namespace costgate::integration
