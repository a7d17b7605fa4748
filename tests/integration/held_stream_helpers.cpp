#include "tests/integration/held_stream_helpers.h"

#include <thread>

namespace costgate::integration {
namespace {

// Opens a streaming call held by the mock after its first event; returns its event id.
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

// Polls until the intent of `event_id` is on disk (it waits for the group-commit interval).
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

}  // namespace

std::vector<std::string> KillWithTwoStreamsInFlight(CostgateProcess& daemon,
                                                    const MockUpstream& mock,
                                                    const GeminiFixture& fixture) {
  std::vector<std::string> cut;
  std::vector<std::string> gates;
  RawConnection first(daemon.port());
  RawConnection second(daemon.port());
  for (RawConnection* stream : {&first, &second}) {
    gates.push_back(UniqueToken("crash"));
    const std::string event_id = StartHeldStream(*stream, fixture, gates.back());
    if (event_id.empty() || !IntentCommitted(daemon, event_id)) {
      ADD_FAILURE() << "no committed intent for the held stream " << event_id;
      return {};
    }
    cut.push_back(event_id);
  }
  daemon.process().Kill();
  for (const std::string& gate : gates) {
    mock.Release(gate);
  }
  return cut;
}

}  // namespace costgate::integration
