// Timeouts and upstream failures, each against a daemon configured for it: short timeouts, an
// upstream that never completes a TLS handshake, one that refuses connections, one whose
// certificate is not trusted.
#include <gtest/gtest.h>

#include "tests/integration/integration_fixture_helpers.h"
#include "tests/support/refusing_port.h"

namespace costgate::integration {
namespace {

// A daemon per test suite, built from the settings the suite chooses.
template <typename Suite>
class OwnDaemonTest : public IntegrationTest {
 protected:
  static void TearDownTestSuite() { own_.reset(); }

  CostgateProcess& StartDaemon() override {
    if (!own_) {
      own_ = std::make_unique<DaemonUnderTest>(Suite::Settings());
    }
    return *own_->daemon;
  }

  // Sends the SSE fixture through the proxy, labelled with job = marker.
  HttpResponse SendFixture(std::string_view marker, std::vector<std::string> headers = {}) {
    headers.push_back("x-costgate-job: " + std::string(marker));
    return Http(FixtureRequest(daemon(), LoadFixture(kSseFixture), "/gemini", marker, headers));
  }

  void ExpectUpstreamErrorReceipt(std::string_view marker, std::string_view reason) {
    const auto rows = daemon().receipts().WaitForRows("job", marker, 1, kWait);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].Text("outcome"), "upstream_error");
    EXPECT_EQ(rows[0].Text("reason"), reason);
  }

 private:
  static inline std::unique_ptr<DaemonUnderTest> own_;
};

class ShortTimeoutsTest : public OwnDaemonTest<ShortTimeoutsTest> {
 public:
  static DaemonSettings Settings() {
    DaemonSettings settings = MockUpstreamSettings();
    settings.header_read_ms = 300;
    settings.upstream_response_ms = 600;
    return settings;
  }
};

TEST_F(ShortTimeoutsTest, IncompleteRequestHeadAnswers408AndCloses) {
  RawConnection connection(daemon().port());
  ASSERT_TRUE(
      connection.Send("POST /gemini/v1beta/models/m:generateContent HTTP/1.1\r\n"
                      "Host: 127.0.0.1\r\nx-partial: "));
  const auto head = connection.ReadHead(kWait);
  ASSERT_TRUE(head.has_value());
  EXPECT_EQ(head->status, 408);
  EXPECT_EQ(head->Header("x-costgate-reason"), "header_timeout");
  EXPECT_TRUE(connection.WaitForClose(kWait));
}

TEST_F(ShortTimeoutsTest, SlowUpstreamHeadAnswers504UpstreamTimeout) {
  const std::string marker = UniqueToken("slow-head");
  const HttpResponse response = SendFixture(marker, {"x-mock-behavior: delay-head-ms:5000"});
  EXPECT_EQ(response.status, 504);
  EXPECT_EQ(response.Header("x-costgate-reason"), "upstream_timeout");
  EXPECT_EQ(JsonInt(response.body, "/error/code"), 504) << response.body;
  ExpectUpstreamErrorReceipt(marker, "upstream_timeout");
}

TEST_F(ShortTimeoutsTest, UpstreamSilentMidStreamCutsTheClientResponse) {
  const GeminiFixture fixture = LoadFixture(kSseFixture);
  const std::string marker = UniqueToken("stall");
  RawConnection connection(daemon().port());
  ASSERT_TRUE(connection.Send(
      RawFixtureRequest(fixture, "/gemini", marker,
                        {"x-costgate-job: " + marker, "x-mock-behavior: stall-after:1"})));
  const auto head = connection.ReadHead(kWait);
  ASSERT_TRUE(head.has_value());
  EXPECT_EQ(head->status, 200);
  connection.ReadFullBody(kWait);
  EXPECT_FALSE(connection.body_complete()) << "a cut stream must not look complete";
  EXPECT_TRUE(connection.peer_closed());
  EXPECT_EQ(connection.body(), SplitSseEvents(fixture.response_body)[0]);
  ExpectUpstreamErrorReceipt(marker, "upstream_timeout");
}

class TarpitUpstreamTest : public OwnDaemonTest<TarpitUpstreamTest> {
 public:
  static DaemonSettings Settings() {
    DaemonSettings settings = MockUpstreamSettings();
    settings.upstream_url = "https://127.0.0.1:" + std::to_string(Upstream().mock->tarpit_port());
    settings.upstream_connect_ms = 300;
    return settings;
  }
};

TEST_F(TarpitUpstreamTest, HandshakeThatNeverCompletesAnswers504UpstreamConnectTimeout) {
  const std::string marker = UniqueToken("tarpit");
  const HttpResponse response = SendFixture(marker);
  EXPECT_EQ(response.status, 504);
  EXPECT_EQ(response.Header("x-costgate-reason"), "upstream_connect_timeout");
  EXPECT_EQ(JsonInt(response.body, "/error/code"), 504) << response.body;
  ExpectUpstreamErrorReceipt(marker, "upstream_connect_timeout");
}

class RefusedUpstreamTest : public OwnDaemonTest<RefusedUpstreamTest> {
 public:
  static DaemonSettings Settings() {
    static test_support::RefusingPort closed_port;
    DaemonSettings settings = MockUpstreamSettings();
    settings.upstream_url = "https://127.0.0.1:" + std::to_string(closed_port.port());
    return settings;
  }
};

TEST_F(RefusedUpstreamTest, RefusedConnectionAnswers502UpstreamConnectFailed) {
  const std::string marker = UniqueToken("refused");
  const HttpResponse response = SendFixture(marker);
  EXPECT_EQ(response.status, 502);
  EXPECT_EQ(response.Header("x-costgate-reason"), "upstream_connect_failed");
  EXPECT_EQ(JsonInt(response.body, "/error/code"), 502) << response.body;
  ExpectUpstreamErrorReceipt(marker, "upstream_connect_failed");
}

class UntrustedUpstreamTest : public OwnDaemonTest<UntrustedUpstreamTest> {
 public:
  static DaemonSettings Settings() {
    DaemonSettings settings = MockUpstreamSettings();
    settings.ca_file.clear();  // the system store does not know the test CA
    return settings;
  }
};

TEST_F(UntrustedUpstreamTest, UntrustedCertificateAnswers502AndSendsNothing) {
  const std::string marker = UniqueToken("untrusted");
  const HttpResponse response = SendFixture(marker);
  EXPECT_EQ(response.status, 502);
  EXPECT_EQ(response.Header("x-costgate-reason"), "upstream_connect_failed");
  EXPECT_TRUE(mock().RequestsWith(kMarkerHeader, marker).empty());
}

}  // namespace
}  // namespace costgate::integration
