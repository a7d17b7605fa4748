// SIGTERM with ten streams in flight: every stream finishes, every receipt is written, and the
// shipper sends them all to a real central before the process exits; with central unreachable
// the exit still comes within shipper.drain_ms and the receipts stay in the outbox.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <cstdio>

#include "tests/integration/shipping_helpers.h"

namespace costgate::integration {
namespace {

constexpr int kStreams = 10;
constexpr int64_t kDrainMs = 10'000;                            // timeouts.drain_ms
constexpr auto kStreamSpan = std::chrono::milliseconds(1'500);  // each stream, first to last event

int64_t MsSince(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

// batch_age_ms is far beyond the test: a batch that is not full goes out only when the drain
// sends it, so central holding the receipts proves the send on exit.
std::string HoldingShipperYaml(const std::string& url, const std::string& key, int drain_ms) {
  return "shipper:\n  url: \"" + url + "\"\n  api_key: \"" + key +
         "\"\n  batch_max: 100\n  batch_age_ms: 600000\n  timeout_ms: 5000\n"
         "  backoff_first_ms: 50\n  backoff_max_ms: 400\n  drain_ms: " +
         std::to_string(drain_ms) + "\npreflight:\n  mode: off\n";
}

class GracefulDrainTest : public IntegrationTest {
 protected:
  CostgateProcess& StartDaemon() override {
    central_ = std::make_unique<CentralUnderTest>();
    key_ = central_->CreateKey("proxy-" + UniqueToken("drain"), "drain-app", "ship");
    return StartProxy(central_->Url(), 5'000);
  }
  CostgateProcess& StartProxy(const std::string& central_url, int ship_drain_ms) {
    DaemonSettings settings = MockUpstreamSettings();
    settings.drain_ms = kDrainMs;
    settings.labels = {{"source_app", "drain-app"}};  // the key's app: central keeps it
    settings.extra_yaml = HoldingShipperYaml(central_url, key_, ship_drain_ms);
    proxy_ = std::make_unique<DaemonUnderTest>(settings);
    return *proxy_->daemon;
  }

  struct Drained {
    std::vector<std::string> event_ids;
    int64_t streams_done_ms = 0;  // SIGTERM to the last stream's end
    int64_t exit_ms = 0;          // SIGTERM to the exit
  };

  // Opens kStreams paced streams through `proxy`, sends SIGTERM once each has its first event,
  // reads every stream to its end and waits for the exit (0 expected).
  Drained StreamThroughSigterm(CostgateProcess& proxy) {
    const GeminiFixture fixture = LoadFixture("ddtrace-gemini-2.0-flash-streamGenerateContent-sse");
    const std::vector<std::string> events = SplitSseEvents(fixture.response_body);
    const auto pace_ms =
        kStreamSpan.count() / std::max<int64_t>(1, static_cast<int64_t>(events.size()) - 1);
    Drained drained;
    std::vector<std::unique_ptr<RawConnection>> streams;
    for (int i = 0; i < kStreams; ++i) {
      streams.push_back(std::make_unique<RawConnection>(proxy.port()));
      EXPECT_TRUE(streams.back()->Send(
          RawFixtureRequest(fixture, "/gemini", UniqueToken("drain"),
                            {"x-mock-behavior: pace-ms:" + std::to_string(pace_ms)})));
    }
    for (auto& stream : streams) {
      const auto head = stream->ReadHead(kWait);
      EXPECT_TRUE(head.has_value() && head->status == 200);
      drained.event_ids.push_back(head ? head->Header("x-costgate-event-id").value_or("") : "");
      stream->ReadBody(kWait,
                       [&](std::string_view body) { return body.size() >= events[0].size(); });
    }
    const Clock::time_point sigterm = Clock::now();
    proxy.process().Signal(SIGTERM);
    for (auto& stream : streams) {
      stream->ReadFullBody(kWait);
      EXPECT_TRUE(stream->body_complete());
      EXPECT_TRUE(SameBytes(stream->body(), fixture.response_body));
    }
    drained.streams_done_ms = MsSince(sigterm);
    const std::optional<int> status = proxy.process().WaitExit(std::chrono::milliseconds(kDrainMs));
    drained.exit_ms = MsSince(sigterm);
    EXPECT_TRUE(status.has_value()) << "still running " << kDrainMs << " ms after SIGTERM";
    if (status) {
      EXPECT_TRUE(WIFEXITED(*status) && WEXITSTATUS(*status) == 0) << DescribeWaitStatus(*status);
    }
    std::printf("[ drain    ] streams done %lld ms after SIGTERM, exit after %lld ms\n",
                static_cast<long long>(drained.streams_done_ms),
                static_cast<long long>(drained.exit_ms));
    return drained;
  }

  // The outbox's final receipts (read after the exit), with whether each was shipped.
  std::vector<ReceiptRow> OutboxReceipts() {
    return QueryRows(daemon().receipts().path(),
                     "SELECT event_id, outcome, shipped_at_ms FROM receipts "
                     "WHERE state = 'closed' ORDER BY event_id");
  }

  std::unique_ptr<CentralUnderTest> central_;
  std::string key_;
  std::unique_ptr<DaemonUnderTest> proxy_;
};

TEST_F(GracefulDrainTest, SigtermFinishesTenStreamsAndShipsEveryReceiptBeforeExit) {
  const Drained drained = StreamThroughSigterm(daemon());
  EXPECT_LT(drained.exit_ms, kDrainMs);
  // The process is gone: what central has now, it got before the exit.
  EXPECT_EQ(central_->CountEvents(), kStreams);
  ExpectExactlyOnceAtCentral(*central_, daemon(), drained.event_ids);
  const std::vector<ReceiptRow> receipts = OutboxReceipts();
  ASSERT_EQ(receipts.size(), static_cast<size_t>(kStreams));
  for (const ReceiptRow& r : receipts) {
    EXPECT_EQ(r.Text("outcome"), "success") << r.Text("event_id");
    EXPECT_FALSE(r.IsNull("shipped_at_ms")) << r.Text("event_id") << " left unshipped";
  }
}

constexpr int kShipDrainMs = 1'500;

class GracefulDrainNoCentralTest : public GracefulDrainTest {
 protected:
  CostgateProcess& StartDaemon() override {
    central_ = std::make_unique<CentralUnderTest>();  // up, but not where the proxy ships
    key_ = central_->CreateKey("proxy-" + UniqueToken("drain"), "drain-app", "ship");
    // Nobody listens there: every send is refused, and retried until shipper.drain_ms.
    return StartProxy("http://127.0.0.1:" + std::to_string(FreeLoopbackPort()), kShipDrainMs);
  }
};

TEST_F(GracefulDrainNoCentralTest, ExitsWithinShipperDrainAndKeepsTheReceipts) {
  const Drained drained = StreamThroughSigterm(daemon());
  // The streams end, then the shipper's last tries: never longer than its bound (plus the
  // writer's last commit and the process's teardown).
  EXPECT_LT(drained.exit_ms - drained.streams_done_ms, kShipDrainMs + 1'000);
  const std::vector<ReceiptRow> receipts = OutboxReceipts();
  ASSERT_EQ(receipts.size(), static_cast<size_t>(kStreams));
  for (const ReceiptRow& r : receipts) {
    EXPECT_TRUE(r.IsNull("shipped_at_ms")) << r.Text("event_id");
  }
  EXPECT_EQ(central_->CountEvents(), 0);
}

}  // namespace
}  // namespace costgate::integration
