// Overload limits of the server core, on both roles: connections beyond limits.max_connections
// are answered 503 with Retry-After and closed at once; a slot frees when a connection closes.
// And the request-body pace: a body trickling in a byte at a time is cut off with 408.
#include <gtest/gtest.h>

#include <memory>
#include <thread>
#include <vector>

#include "tests/integration/integration_fixture_helpers.h"

namespace costgate::integration {
namespace {

constexpr int kMaxConnections = 3;

std::string GetRequest(std::string_view path) {
  return "GET " + std::string(path) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
}

// A connection that was served once: it holds a slot for as long as it stays open.
std::unique_ptr<RawConnection> ServedConnection(uint16_t port, std::string_view path) {
  auto connection = std::make_unique<RawConnection>(port);
  if (!connection->Send(GetRequest(path))) {
    return nullptr;
  }
  const auto head = connection->ReadHead(kWait);
  if (!head.has_value() || head->status != 200) {
    return nullptr;
  }
  connection->ReadFullBody(kWait);
  return connection;
}

void ExpectTurnedAway(uint16_t port) {
  RawConnection connection(port);
  ASSERT_TRUE(connection.connected());
  const auto head = connection.ReadHead(kWait);
  ASSERT_TRUE(head.has_value()) << "no answer beyond max_connections";
  EXPECT_EQ(head->status, 503);
  EXPECT_EQ(head->Header("Retry-After"), "1");
  EXPECT_EQ(head->Header("x-costgate-reason"), "overloaded");
  connection.ReadFullBody(kWait);
  EXPECT_NE(connection.body().find("max_connections"), std::string::npos) << connection.body();
  EXPECT_TRUE(connection.WaitForClose(kWait));
}

// Polls until a new connection is served again (the daemon noticed a close), or times out.
bool ServedAgainSoon(uint16_t port, std::string_view path) {
  const auto deadline = Clock::now() + kWait;
  while (Clock::now() < deadline) {
    if (ServedConnection(port, path) != nullptr) {
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

void CheckConnectionLimit(uint16_t port, std::string_view path) {
  std::vector<std::unique_ptr<RawConnection>> held;
  for (int i = 0; i < kMaxConnections; ++i) {
    held.push_back(ServedConnection(port, path));
    ASSERT_NE(held.back(), nullptr) << "connection " << i << " was not served";
  }
  ExpectTurnedAway(port);
  ExpectTurnedAway(port);
  // A request already sent when the answer comes still gets the answer, not a reset.
  {
    RawConnection eager(port);
    ASSERT_TRUE(eager.Send(GetRequest(path)));
    const auto head = eager.ReadHead(kWait);
    ASSERT_TRUE(head.has_value());
    EXPECT_EQ(head->status, 503);
  }
  held.back()->Close();
  held.pop_back();
  EXPECT_TRUE(ServedAgainSoon(port, path)) << "the closed connection's slot never came back";
}

DaemonSettings WithConnectionLimit(DaemonSettings settings) {
  settings.limits_yaml = "  max_connections: " + std::to_string(kMaxConnections) + "\n";
  return settings;
}

TEST(OverloadLimits, ProxyTurnsAwayConnectionsBeyondTheLimit) {
  DaemonUnderTest proxy(WithConnectionLimit(MockUpstreamSettings()));
  CheckConnectionLimit(proxy.daemon->port(), "/healthz");
}

TEST(OverloadLimits, CentralTurnsAwayConnectionsBeyondTheLimit) {
  DaemonSettings settings = WithConnectionLimit(MockUpstreamSettings());
  settings.role = "central";
  DaemonUnderTest central(settings);
  CheckConnectionLimit(central.daemon->port(), "/v1/health");
}

TEST(OverloadLimits, ATricklingRequestBodyIsCutOffWith408) {
  DaemonSettings settings = MockUpstreamSettings();
  // Each read may wait two seconds; the body as a whole gets one second plus one per 1 KiB.
  settings.header_read_ms = 2'000;
  settings.timeouts_yaml = "  request_body_ms: 1000\n";
  settings.limits_yaml = "  min_request_body_bytes_per_s: 1024\n";
  DaemonUnderTest proxy(settings);
  const GeminiFixture fixture = LoadFixture(kSseFixture);
  const std::string marker = UniqueToken("trickle");
  std::string wire = RawFixtureRequest(fixture, "/gemini", marker);
  const size_t head_end = wire.find("\r\n\r\n") + 4;
  RawConnection connection(proxy.daemon->port());
  ASSERT_TRUE(connection.Send(wire.substr(0, head_end)));
  const auto start = Clock::now();
  // A byte every 300 ms: every gap is well under header_read, the pace is not.
  std::optional<RawResponseHead> head;
  for (size_t i = head_end; i < wire.size() && Clock::now() - start < kWait; ++i) {
    if (!connection.Send(wire.substr(i, 1))) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    if (Clock::now() - start > std::chrono::milliseconds(900)) {
      head = connection.ReadHead(std::chrono::milliseconds(1));
      if (head.has_value()) {
        break;
      }
    }
  }
  if (!head.has_value()) {
    head = connection.ReadHead(kWait);
  }
  ASSERT_TRUE(head.has_value());
  EXPECT_EQ(head->status, 408);
  EXPECT_EQ(head->Header("x-costgate-reason"), "body_timeout");
  const auto took = Clock::now() - start;
  EXPECT_GE(took, std::chrono::milliseconds(900));
  EXPECT_LE(took, std::chrono::milliseconds(2'500));
}

}  // namespace
}  // namespace costgate::integration
