// Streamed responses reach the client as they arrive, and a stream that ends early (client gone,
// upstream reset) is cut through to the other side and recorded as such.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "tests/integration/integration_fixture_helpers.h"

namespace costgate::integration {
namespace {

constexpr size_t kGzipPieceBytes = 97;  // the mock's chunk size for gzip bodies

using StreamingTest = SharedDaemonTest;

// Sends `fixture` through the proxy on a raw connection with the mock holding everything but the
// first body chunk until `gate` is released.
std::optional<RawResponseHead> StartGatedStream(RawConnection& connection,
                                                const GeminiFixture& fixture,
                                                std::string_view marker, std::string_view gate) {
  if (!connection.Send(RawFixtureRequest(fixture, "/gemini", marker,
                                         {"x-mock-behavior: gate:" + std::string(gate)}))) {
    return std::nullopt;
  }
  return connection.ReadHead(kWait);
}

TEST_F(StreamingTest, SseEventsReachTheClientOneByOne) {
  const GeminiFixture fixture = LoadFixture(kSseFixture);
  const std::vector<std::string> events = SplitSseEvents(fixture.response_body);
  const std::string gate = UniqueToken("sse-gate");
  RawConnection connection(daemon().port());
  const auto head = StartGatedStream(connection, fixture, gate, gate);
  ASSERT_TRUE(head.has_value());
  ASSERT_EQ(head->status, 200);

  connection.ReadBody(kWait,
                      [&](std::string_view body) { return body.size() >= events[0].size(); });
  EXPECT_EQ(connection.body(), events[0]) << "the first event, before the upstream continued";

  mock().Release(gate);
  connection.ReadFullBody(kWait);
  EXPECT_TRUE(connection.body_complete());
  EXPECT_TRUE(SameBytes(connection.body(), fixture.response_body));
}

TEST_F(StreamingTest, GzipJsonArrayChunksReachTheClientBeforeTheStreamEnds) {
  const GeminiFixture fixture = LoadFixture(kJsonArrayGzipFixture);
  const std::string gate = UniqueToken("gzip-gate");
  RawConnection connection(daemon().port());
  const auto head = StartGatedStream(connection, fixture, gate, gate);
  ASSERT_TRUE(head.has_value());
  ASSERT_EQ(head->status, 200);

  connection.ReadBody(kWait, [](std::string_view body) { return body.size() >= kGzipPieceBytes; });
  EXPECT_TRUE(SameBytes(connection.body(), fixture.response_body.substr(0, kGzipPieceBytes)));

  mock().Release(gate);
  connection.ReadFullBody(kWait);
  EXPECT_TRUE(connection.body_complete());
  EXPECT_TRUE(SameBytes(connection.body(), fixture.response_body));
}

TEST_F(StreamingTest, ClientDisconnectMidStreamClosesUpstreamAndCancelsReceipt) {
  const GeminiFixture fixture = LoadFixture(kSseFixture);
  const std::vector<std::string> events = SplitSseEvents(fixture.response_body);
  const std::string marker = UniqueToken("client-gone");
  RawConnection connection(daemon().port());
  const auto head = StartGatedStream(connection, fixture, marker, marker);
  ASSERT_TRUE(head.has_value());
  const std::string event_id = head->Header("x-costgate-event-id").value_or("");
  connection.ReadBody(kWait,
                      [&](std::string_view body) { return body.size() >= events[0].size(); });
  ASSERT_EQ(connection.body(), events[0]);

  connection.Close();

  const auto seen = mock().WaitForRequests(
      kMarkerHeader, marker,
      [](const auto& requests) { return requests.size() == 1 && requests[0].client_aborted; },
      kWait);
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_TRUE(seen[0].client_aborted) << "the proxy kept the upstream stream open";
  const auto receipt = daemon().receipts().WaitForReceipt(event_id, kWait);
  ASSERT_TRUE(receipt.has_value()) << "no receipt for " << event_id;
  EXPECT_EQ(receipt->Text("outcome"), "cancelled");
  EXPECT_EQ(receipt->Text("reason"), "client_disconnected");
}

TEST_F(StreamingTest, ClientDisconnectBeforeResponseHeadClosesUpstreamAndCancelsReceipt) {
  const GeminiFixture fixture = LoadFixture(kSseFixture);
  const std::string marker = UniqueToken("client-gone-early");
  RawConnection connection(daemon().port());
  ASSERT_TRUE(connection.Send(
      RawFixtureRequest(fixture, "/gemini", marker,
                        {"x-costgate-job: " + marker, "x-mock-behavior: delay-head-ms:20000"})));
  // Hang up only once the request is at the upstream, waiting for its head.
  ASSERT_EQ(
      mock()
          .WaitForRequests(
              kMarkerHeader, marker, [](const auto& requests) { return !requests.empty(); }, kWait)
          .size(),
      1u);
  connection.Close();

  const auto seen = mock().WaitForRequests(
      kMarkerHeader, marker,
      [](const auto& requests) { return requests.size() == 1 && requests[0].client_aborted; },
      kWait);
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_TRUE(seen[0].client_aborted) << "the proxy kept waiting on the upstream";
  const auto receipts = daemon().receipts().WaitForRows("job", marker, 1, kWait);
  ASSERT_EQ(receipts.size(), 1u);
  EXPECT_EQ(receipts[0].Text("outcome"), "cancelled");
  EXPECT_EQ(receipts[0].Text("reason"), "client_disconnected");
}

// README: a client that leaves while its request waits for the upstream cancels it within a
// second. Measured from the moment the client hangs up to the end the receipt records, over
// several tries so that every phase of the connection's timer is met.
TEST_F(StreamingTest, ClientLeavingBeforeTheResponseHeadIsNoticedWithinASecond) {
  const GeminiFixture fixture = LoadFixture(kSseFixture);
  constexpr int kTries = 5;
  for (int i = 0; i < kTries; ++i) {
    const std::string marker = UniqueToken("leave-timing");
    RawConnection connection(daemon().port());
    ASSERT_TRUE(connection.Send(
        RawFixtureRequest(fixture, "/gemini", marker,
                          {"x-costgate-job: " + marker, "x-mock-behavior: delay-head-ms:20000"})));
    ASSERT_EQ(mock()
                  .WaitForRequests(
                      kMarkerHeader, marker, [](const auto& requests) { return !requests.empty(); },
                      kWait)
                  .size(),
              1u);
    // Hang up at a different point of the proxy's one-second probe cycle each time.
    std::this_thread::sleep_for(std::chrono::milliseconds(137 * i));
    const int64_t closed_at_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                                     std::chrono::system_clock::now().time_since_epoch())
                                     .count();
    connection.Close();
    const auto receipts = daemon().receipts().WaitForRows("job", marker, 1, kWait);
    ASSERT_EQ(receipts.size(), 1u);
    EXPECT_EQ(receipts[0].Text("reason"), "client_disconnected");
    const int64_t noticed_after_ms = receipts[0].Int("end_unix_ms").value_or(0) - closed_at_ms;
    // One second, plus a little for a loaded machine; the daemon's own figure is integral ms.
    EXPECT_LE(noticed_after_ms, 1'100) << "try " << i;
  }
}

TEST_F(StreamingTest, UpstreamResetMidStreamTruncatesTheClientResponse) {
  const GeminiFixture fixture = LoadFixture(kSseFixture);
  const std::vector<std::string> events = SplitSseEvents(fixture.response_body);
  RawConnection connection(daemon().port());
  ASSERT_TRUE(connection.Send(RawFixtureRequest(fixture, "/gemini", UniqueToken("reset"),
                                                {"x-mock-behavior: reset-after:2"})));
  const auto head = connection.ReadHead(kWait);
  ASSERT_TRUE(head.has_value());
  EXPECT_EQ(head->status, 200);
  connection.ReadFullBody(kWait);
  EXPECT_FALSE(connection.body_complete()) << "a cut stream must not look complete";
  EXPECT_TRUE(connection.peer_closed());
  EXPECT_EQ(connection.body(), events[0] + events[1]);

  const std::string event_id = head->Header("x-costgate-event-id").value_or("");
  const auto receipt = daemon().receipts().WaitForReceipt(event_id, kWait);
  ASSERT_TRUE(receipt.has_value()) << "no receipt for " << event_id;
  EXPECT_EQ(receipt->Text("outcome"), "upstream_error");
  EXPECT_EQ(receipt->Text("reason"), "upstream_reset");
}

TEST_F(StreamingTest, UpstreamResetBeforeResponseHeadAnswers502) {
  const GeminiFixture fixture = LoadFixture(kSseFixture);
  const std::string marker = UniqueToken("reset-head");
  const HttpResponse response =
      Http(FixtureRequest(daemon(), fixture, "/gemini", marker,
                          {"x-costgate-job: " + marker, "x-mock-behavior: reset-before-head"}));
  EXPECT_EQ(response.status, 502);
  EXPECT_EQ(response.Header("x-costgate-reason"), "upstream_reset");
  EXPECT_EQ(JsonInt(response.body, "/error/code"), 502) << response.body;

  const auto receipts = daemon().receipts().WaitForRows("job", marker, 1, kWait);
  ASSERT_EQ(receipts.size(), 1u);
  EXPECT_EQ(receipts[0].Text("outcome"), "upstream_error");
  EXPECT_EQ(receipts[0].Text("reason"), "upstream_reset");
  EXPECT_EQ(receipts[0].Int("http_status"), 502);
}

}  // namespace
}  // namespace costgate::integration
