// timeouts.idle_keepalive_ms: a client connection with no request in progress is closed by the
// daemon once it has been idle that long, silently (no 408: no request had begun).
// Upstream connection reuse is covered by passthrough_test.cpp.
#include <gtest/gtest.h>

#include "tests/integration/integration_fixture_helpers.h"

namespace costgate::integration {
namespace {

constexpr int64_t kIdleMs = 300;
// The daemon arms the idle deadline when it finishes writing; the client starts its clock when it
// has read the response, a little later. The margin absorbs that, not a scheduler race.
constexpr Millis kEarliestClose(kIdleMs - 100);

class IdleKeepaliveTest : public IntegrationTest {
 protected:
  static void TearDownTestSuite() { own_.reset(); }

  CostgateProcess& StartDaemon() override {
    if (!own_) {
      DaemonSettings settings = MockUpstreamSettings();
      settings.idle_keepalive_ms = kIdleMs;
      own_ = std::make_unique<DaemonUnderTest>(settings);
    }
    return *own_->daemon;
  }

 private:
  static inline std::unique_ptr<DaemonUnderTest> own_;
};

TEST_F(IdleKeepaliveTest, ConnectionIdleAfterAResponseIsClosedAfterTheIdleTimeout) {
  const GeminiFixture fixture = LoadFixture("ddtrace-gemini-2.0-flash-generateContent-gzip");
  RawConnection connection(daemon().port());
  ASSERT_TRUE(connection.Send(RawFixtureRequest(fixture, "/gemini", UniqueToken("idle"))));
  const auto head = connection.ReadHead(kWait);
  ASSERT_TRUE(head.has_value());
  ASSERT_EQ(head->status, 200);
  EXPECT_NE(head->Header("Connection"), "close");
  connection.ReadFullBody(kWait);
  ASSERT_TRUE(connection.body_complete());
  ASSERT_FALSE(connection.peer_closed()) << "closed right after the response: not kept alive";

  const auto idle_since = Clock::now();
  EXPECT_FALSE(connection.ReadHead(kWait).has_value()) << "the daemon wrote to an idle connection";
  const auto closed_after = std::chrono::duration_cast<Millis>(Clock::now() - idle_since);
  EXPECT_TRUE(connection.peer_closed()) << "still open after " << closed_after.count() << " ms";
  EXPECT_GE(closed_after, kEarliestClose);
}

TEST_F(IdleKeepaliveTest, ConnectionThatNeverSendsARequestIsClosedAfterTheIdleTimeout) {
  const auto connected_at = Clock::now();
  RawConnection connection(daemon().port());
  ASSERT_TRUE(connection.connected());
  EXPECT_FALSE(connection.ReadHead(kWait).has_value()) << "the daemon wrote to an idle connection";
  const auto closed_after = std::chrono::duration_cast<Millis>(Clock::now() - connected_at);
  EXPECT_TRUE(connection.peer_closed()) << "still open after " << closed_after.count() << " ms";
  EXPECT_GE(closed_after, kEarliestClose);
}

}  // namespace
}  // namespace costgate::integration
