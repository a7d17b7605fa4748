// The receipts database unusable at start (its directory does not exist yet): the daemon still
// starts, forwards calls and says so on /readyz and /metrics; once the directory appears the
// waiting receipts are written without a restart.
#include <gtest/gtest.h>

#include "tests/integration/integration_fixture_helpers.h"
#include "tests/integration/json_helpers.h"

namespace costgate::integration {
namespace {

// Long enough for the writer's retry backoff (100 ms doubling) to come round after the
// directory appears.
constexpr auto kRecoveryWait = std::chrono::seconds(20);

class OutboxDegradedTest : public IntegrationTest {
 protected:
  CostgateProcess& StartDaemon() override {
    DaemonSettings settings = MockUpstreamSettings();
    settings.env.push_back("COSTGATE_RECEIPTS_PATH=" + ReceiptsPath().string());
    own_ = std::make_unique<DaemonUnderTest>(settings);
    return *own_->daemon;
  }
  std::filesystem::path ReceiptsDir() const { return dir_.path() / "not-yet"; }
  std::filesystem::path ReceiptsPath() const { return ReceiptsDir() / "receipts.db"; }

  std::string GetBody(std::string_view path) {
    HttpRequest request;
    request.url = daemon().Url(path);
    return Http(request).body;
  }

 private:
  TempDir dir_;
  std::unique_ptr<DaemonUnderTest> own_;
};

TEST_F(OutboxDegradedTest, ForwardsWithoutADatabaseAndWritesTheReceiptsOnceItCanOpenIt) {
  EXPECT_FALSE(daemon()
                   .LogLines("cannot open the receipts database; forwarding anyway, "
                             "receipts wait in memory")
                   .empty())
      << daemon().Log();
  EXPECT_EQ(JsonString(GetBody("/readyz"), "/outbox"), "failing");

  const GeminiFixture fixture = LoadFixture("ddtrace-gemini-2.0-flash-generateContent-gzip");
  const HttpResponse before = Http(FixtureRequest(daemon(), fixture, "", "degraded-1"));
  ASSERT_EQ(before.status, 200) << before.body;
  EXPECT_TRUE(SameBytes(before.body, fixture.response_body));
  EXPECT_NE(GetBody("/metrics").find("costgate_receipts_outbox_failing 1"), std::string::npos);

  std::filesystem::create_directory(ReceiptsDir());
  const HttpResponse after = Http(FixtureRequest(daemon(), fixture, "", "degraded-2"));
  ASSERT_EQ(after.status, 200);

  const ReceiptsDb receipts(ReceiptsPath());
  for (const HttpResponse* response : {&before, &after}) {
    const auto receipt = receipts.WaitForReceipt(
        response->Header("x-costgate-event-id").value_or(""), kRecoveryWait);
    ASSERT_TRUE(receipt.has_value()) << daemon().Log();
    EXPECT_EQ(receipt->Text("outcome"), "success");
  }
  EXPECT_EQ(JsonString(GetBody("/readyz"), "/outbox"), "ok");
  EXPECT_FALSE(daemon().LogLines("receipts database writable again").empty());
}

}  // namespace
}  // namespace costgate::integration
