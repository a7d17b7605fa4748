// SIGTERM: the daemon stops taking new work, lets in-flight responses finish, flushes their
// receipts and exits 0.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include "tests/integration/integration_fixture_helpers.h"

namespace costgate::integration {
namespace {

class ShutdownTest : public IntegrationTest {
 protected:
  CostgateProcess& StartDaemon() override {
    own_ = std::make_unique<DaemonUnderTest>(MockUpstreamSettings());
    return *own_->daemon;
  }

  // True once the daemon refuses new connections or reports itself not ready.
  bool StoppedTakingWork() {
    RawConnection probe(daemon().port());
    if (!probe.connected()) {
      return true;
    }
    if (!probe.Send("GET /readyz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")) {
      return true;
    }
    const auto head = probe.ReadHead(kWait);
    return !head || head->status == 503;
  }

 private:
  std::unique_ptr<DaemonUnderTest> own_;
};

TEST_F(ShutdownTest, SigtermDrainsTheInFlightStreamThenExitsZero) {
  const GeminiFixture fixture = LoadFixture("ddtrace-gemini-2.0-flash-streamGenerateContent-sse");
  const std::vector<std::string> events = SplitSseEvents(fixture.response_body);
  const std::string gate = UniqueToken("drain");
  RawConnection stream(daemon().port());
  ASSERT_TRUE(
      stream.Send(RawFixtureRequest(fixture, "/gemini", gate, {"x-mock-behavior: gate:" + gate})));
  const auto head = stream.ReadHead(kWait);
  ASSERT_TRUE(head.has_value());
  ASSERT_EQ(head->status, 200);
  stream.ReadBody(kWait, [&](std::string_view body) { return body.size() >= events[0].size(); });
  ASSERT_EQ(stream.body(), events[0]);

  daemon().process().Signal(SIGTERM);
  const auto deadline = Clock::now() + kWait;
  bool stopped = false;
  while (!stopped && Clock::now() < deadline) {
    stopped = StoppedTakingWork();  // polling, bounded by the deadline
  }
  EXPECT_TRUE(stopped) << "still accepting and ready after SIGTERM";
  EXPECT_TRUE(daemon().process().Running()) << "exited with a response in flight";

  mock().Release(gate);
  stream.ReadFullBody(kWait);
  EXPECT_TRUE(stream.body_complete());
  EXPECT_TRUE(SameBytes(stream.body(), fixture.response_body));

  const std::optional<int> status = daemon().process().WaitExit(kWait);
  ASSERT_TRUE(status.has_value()) << "still running after the drain";
  EXPECT_TRUE(WIFEXITED(*status) && WEXITSTATUS(*status) == 0) << DescribeWaitStatus(*status);
  const auto receipt =
      daemon().receipts().WaitForReceipt(head->Header("x-costgate-event-id").value_or(""), kWait);
  ASSERT_TRUE(receipt.has_value()) << "the drained request's receipt was not flushed";
  EXPECT_EQ(receipt->Text("outcome"), "success");
}

}  // namespace
}  // namespace costgate::integration
