#include "tests/integration/held_stream_helpers.h"

#include <thread>

namespace costgate::integration {

std::string StartHeldStream(RawConnection& stream, const GeminiFixture& fixture,
                            const std::string& gate) {
  const std::vector<std::string> events = SplitSseEvents(fixture.response_body);
  EXPECT_TRUE(
      stream.Send(RawFixtureRequest(fixture, "/gemini", gate, {"x-mock-behavior: gate:" + gate})));
  const auto head = stream.ReadHead(kWait);
  EXPECT_TRUE(head.has_value());
  if (!head) {
    return "";
  }
  EXPECT_EQ(head->status, 200);
  stream.ReadBody(kWait, [&](std::string_view body) { return body.size() >= events[0].size(); });
  return head->Header("x-costgate-event-id").value_or("");
}

bool IntentCommitted(const CostgateProcess& daemon, const std::string& event_id) {
  const auto deadline = Clock::now() + kWait;
  while (Clock::now() < deadline) {
    const auto rows =
        daemon.receipts().RowsWhere("event_id", event_id, ReceiptsDb::Rows::kOpenOrClosed);
    if (!rows.empty() && rows[0].Text("state") == "open") {
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));  // polling, bounded above
  }
  return false;
}

}  // namespace costgate::integration
