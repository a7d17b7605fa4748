// kill -9 in the middle of streaming responses: every admitted call still ends as exactly one
// receipt, closed as interrupted by the next start (intents written at admission).
#include <gtest/gtest.h>

#include "tests/integration/held_stream_helpers.h"
#include "tests/integration/integration_fixture_helpers.h"

namespace costgate::integration {
namespace {

class CrashRecoveryTest : public IntegrationTest {
 protected:
  CostgateProcess& StartDaemon() override {
    own_ = std::make_unique<DaemonUnderTest>(MockUpstreamSettings());
    return *own_->daemon;
  }
  const std::filesystem::path& dir() const { return own_->dir.path(); }

 private:
  std::unique_ptr<DaemonUnderTest> own_;
};

TEST_F(CrashRecoveryTest, CallsCutByKill9EndAsInterruptedReceiptsAfterRestart) {
  const GeminiFixture fixture = LoadFixture("ddtrace-gemini-2.0-flash-streamGenerateContent-sse");
  std::vector<std::string> cut;  // event ids of the calls in flight at each kill
  std::unique_ptr<CostgateProcess> restarted;
  CostgateProcess* running = &daemon();
  for (int round = 0; round < 3; ++round) {
    const std::vector<std::string> ids = KillWithTwoStreamsInFlight(*running, mock(), fixture);
    ASSERT_EQ(ids.size(), 2u);
    cut.insert(cut.end(), ids.begin(), ids.end());
    restarted = std::make_unique<CostgateProcess>(MockUpstreamSettings(), dir());
    running = restarted.get();
    const std::optional<std::string> line = running->WaitForLogLine(
        "calls in flight when the daemon last stopped are recorded as "
        "interrupted",
        0, kWait);
    ASSERT_TRUE(line.has_value()) << running->Log();
    EXPECT_NE(line->find("\"receipts\":2"), std::string::npos) << *line;
  }
  for (const std::string& event_id : cut) {
    const auto rows =
        running->receipts().RowsWhere("event_id", event_id, ReceiptsDb::Rows::kOpenOrClosed);
    ASSERT_EQ(rows.size(), 1u) << event_id;
    EXPECT_EQ(rows[0].Text("state"), "closed");
    EXPECT_EQ(rows[0].Text("outcome"), "interrupted");
    EXPECT_EQ(rows[0].Text("reason"), "daemon_crashed");
    EXPECT_EQ(rows[0].Int("estimated"), 1);
    EXPECT_TRUE(rows[0].IsNull("shipped_at_ms"));
    EXPECT_EQ(rows[0].Text("model_requested"), "gemini-2.0-flash-001");
    // Estimated at admission from the request body's size (4 bytes a token).
    EXPECT_EQ(rows[0].Text("units_json"),
              "{\"input_tokens\":" + std::to_string((fixture.request_body.size() + 3) / 4) + "}");
  }
}

TEST_F(CrashRecoveryTest, CallThatFinishesLeavesNoIntentBehind) {
  const GeminiFixture fixture = LoadFixture("ddtrace-gemini-2.0-flash-streamGenerateContent-sse");
  const HttpResponse response = Http(FixtureRequest(daemon(), fixture, "/gemini", "done"));
  ASSERT_EQ(response.status, 200);
  const std::string event_id = response.Header("x-costgate-event-id").value_or("");
  const auto receipt = daemon().receipts().WaitForReceipt(event_id, kWait);
  ASSERT_TRUE(receipt.has_value());
  EXPECT_EQ(receipt->Text("outcome"), "success");
  daemon().process().Kill();
  CostgateProcess restarted(MockUpstreamSettings(), dir());
  const auto rows = restarted.receipts().RowsWhere("event_id", event_id);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].Text("outcome"), "success");
  EXPECT_TRUE(restarted
                  .LogLines("calls in flight when the daemon last stopped are recorded as "
                            "interrupted")
                  .empty());
}

}  // namespace
}  // namespace costgate::integration
