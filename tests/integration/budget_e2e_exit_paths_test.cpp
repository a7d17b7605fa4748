// A streaming call under a hard budget cut midway, through a real proxy shipping to a real
// central, in preflight.mode central and lease: the client hangs up, the upstream resets, the
// upstream stalls past the proxy's timeout, the upstream resets before answering, the proxy is
// killed (kill -9) and restarted on the same outbox. Each time the call's reservation is given
// back: central's committed amount returns to its spend, and the spend is the sum of the costs of
// the call's receipts at central (what was used; 0 for a call that never started).
//
// Central settles a /v1/preflight hold when the call's receipt arrives, well before the hold's
// TTL (30 s here), so a hold that outlived its receipt would show. A lease stays committed while
// its proxy runs; the proxy's stop returns the unused rest, its open holds counted as used, so
// the check follows a graceful stop within half the lease TTL, before the lease could lapse; a
// proxy killed by kill -9 returns nothing and its lease lapses after
// central.budget_lease_ttl_ms (6 s here).
#include <gtest/gtest.h>

#include <csignal>
#include <iostream>

#include "tests/integration/budget_e2e_helpers.h"
#include "tests/integration/held_stream_helpers.h"

namespace costgate::integration {
namespace {

constexpr int64_t kExitLeaseTtlMs = 6'000;
constexpr int64_t kExitHoldTtlMs = 30'000;
constexpr int64_t kExitBudgetPico = 1'000'000'000'000;  // 1 USD: room for every call
// Shorter than the hold TTL and than the lease TTL: a figure settled within it was settled by
// the receipts and the lease's return, not by a lapse.
constexpr auto kExitSettledByReceipts = std::chrono::seconds(10);
constexpr auto kExitSettledByRelease = std::chrono::seconds(3);

class BudgetE2eExitPathsTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    fixture_ = LoadFixture(kSseFixture);
    central_ = std::make_unique<BudgetCentral>(kExitLeaseTtlMs, kExitHoldTtlMs);
  }
  void TearDown() override {
    if (HasFailure() && proxy_ != nullptr) {
      std::cerr << "---- costgate stderr (tail) ----\n" << TailOfFile(proxy_->stderr_path(), 40);
    }
    if (HasFailure()) {
      std::cerr << "---- central stderr (tail) ----\n"
                << TailOfFile(central_->central().process().stderr_path(), 20)
                << "---- mock upstream stderr (tail) ----\n"
                << TailOfFile(Upstream().mock->stderr_path(), 20) << "----\n";
    }
  }

  // A budget over this test's calls and a proxy checking it; `adjust` changes its settings.
  void StartProxy(const std::string& path_name,
                  const std::function<void(DaemonSettings&)>& adjust = {}) {
    app_ = "exit-" + path_name + "-" + GetParam();
    budget_id_ = central_->CreateHardBudget(app_, app_, kExitBudgetPico);
    settings_ = BudgetProxySettings(*central_, GetParam(), app_, "  timeout_ms: 5000\n");
    if (adjust) {
      adjust(settings_);
    }
    proxy_ = std::make_unique<CostgateProcess>(settings_, dir_.path());
  }

  // Sends the streaming call with the mock's `behavior`, labelled job = `marker`; returns the
  // response head (nullopt when none came).
  std::optional<RawResponseHead> SendStream(RawConnection& stream, const std::string& marker,
                                            const std::string& behavior) {
    EXPECT_TRUE(stream.Send(
        RawFixtureRequest(fixture_, "/gemini", marker,
                          {"x-mock-behavior: " + behavior, "x-costgate-job: " + marker})));
    return stream.ReadHead(kWait);
  }

  // Reads until the first SSE event of the call arrived.
  void ReadFirstEvent(RawConnection& stream) {
    const size_t first = SplitSseEvents(fixture_.response_body)[0].size();
    stream.ReadBody(kWait, [&](std::string_view body) { return body.size() >= first; });
    EXPECT_GE(stream.body().size(), first);
  }

  // The proxy's receipt of the call labelled `marker`, once closed: the call reserved its
  // estimate (from the proxy's lease in lease mode).
  ReceiptRow ReceiptOf(const std::string& marker) {
    const auto rows = proxy_->receipts().WaitForRows("job", marker, 1, kWait);
    EXPECT_EQ(rows.size(), 1u) << marker;
    if (rows.empty()) {
      return {};
    }
    EXPECT_GT(rows[0].Int("estimated_cost_pico_usd").value_or(0), 0);
    EXPECT_EQ(rows[0].Text("budget_holder").empty(), GetParam() == "central")
        << rows[0].Text("budget_holder");
    return rows[0];
  }

  // A streaming call the mock's `behavior` cuts after its first event: the client sees a body
  // that never ends properly. Returns the call's receipt.
  ReceiptRow CutByTheUpstream(const std::string& behavior) {
    const std::string marker = UniqueToken("exit-cut");
    RawConnection stream(proxy_->port());
    const auto head = SendStream(stream, marker, behavior);
    EXPECT_TRUE(head.has_value());
    EXPECT_EQ(head.has_value() ? head->status : 0, 200);
    stream.ReadFullBody(kWait);
    EXPECT_FALSE(stream.body_complete());
    return ReceiptOf(marker);
  }

  // While a call is held open, central counts more than the budget's spend: its hold (central
  // mode) or the proxy's lease (lease mode).
  void ExpectReservedAtCentral() {
    EXPECT_TRUE(BudgetPollUntil(
        [&] { return central_->Committed(budget_id_) > central_->Spent(budget_id_); }, kWait))
        << central_->LedgerRows(budget_id_);
  }

  // How long central's figures may take to settle once the proxy stopped: central mode until
  // the receipts arrive, lease mode at once (the stop returned the lease).
  std::chrono::milliseconds SettleBound() const {
    return GetParam() == "central" ? std::chrono::milliseconds(kExitSettledByReceipts)
                                   : std::chrono::milliseconds(kExitSettledByRelease);
  }

  // The call's receipts reach central, the proxy stops (returning its lease), and central's
  // figures settle within `bound`: committed = spent = the costs of the `events` events stored.
  void ExpectSettledAfterStop(int64_t events, std::chrono::milliseconds bound) {
    ASSERT_EQ(central_->central().WaitForEventCount(events, kBudgetSettleWait), events);
    proxy_->process().Signal(SIGTERM);
    const auto status = proxy_->process().WaitExit(std::chrono::seconds(15));
    ASSERT_TRUE(status.has_value());
    EXPECT_EQ(DescribeWaitStatus(*status), "exited with code 0");
    EXPECT_TRUE(central_->WaitForSettled(budget_id_, app_, events, bound));
    std::cout << "[ budget ] " << app_ << ": spent " << central_->Spent(budget_id_)
              << " pico-USD over " << events << " receipt(s)\n";
  }

  GeminiFixture fixture_;
  std::unique_ptr<BudgetCentral> central_;
  TempDir dir_;
  DaemonSettings settings_;
  std::unique_ptr<CostgateProcess> proxy_;
  std::string app_;
  std::string budget_id_;
};

TEST_P(BudgetE2eExitPathsTest, AClientThatHangsUpMidStreamLeavesNothingReserved) {
  StartProxy("cancel");
  const std::string marker = UniqueToken("exit-cancel");
  {
    RawConnection stream(proxy_->port());
    const auto head = SendStream(stream, marker, "gate:" + marker);
    ASSERT_TRUE(head.has_value());
    EXPECT_EQ(head->status, 200);
    ReadFirstEvent(stream);
    ExpectReservedAtCentral();
    stream.Close();
  }
  const ReceiptRow receipt = ReceiptOf(marker);
  Upstream().mock->Release(marker);
  EXPECT_EQ(receipt.Text("outcome"), "cancelled");
  EXPECT_EQ(receipt.Text("reason"), "client_disconnected");
  ExpectSettledAfterStop(1, SettleBound());
}

TEST_P(BudgetE2eExitPathsTest, AnUpstreamResetMidStreamLeavesNothingReserved) {
  StartProxy("reset");
  const ReceiptRow receipt = CutByTheUpstream("reset-after:1");
  EXPECT_EQ(receipt.Text("outcome"), "upstream_error");
  ExpectSettledAfterStop(1, SettleBound());
}

TEST_P(BudgetE2eExitPathsTest, AnUpstreamStalledPastTheTimeoutLeavesNothingReserved) {
  StartProxy("timeout", [](DaemonSettings& s) { s.upstream_response_ms = 700; });
  const ReceiptRow receipt = CutByTheUpstream("stall-after:1");
  EXPECT_EQ(receipt.Text("outcome"), "upstream_error");
  EXPECT_EQ(receipt.Text("reason"), "upstream_timeout");
  ExpectSettledAfterStop(1, SettleBound());
}

TEST_P(BudgetE2eExitPathsTest, ACallThatNeverStartedCostsNothingAndLeavesNothingReserved) {
  StartProxy("unstarted");
  const std::string marker = UniqueToken("exit-unstarted");
  RawConnection stream(proxy_->port());
  const auto head = SendStream(stream, marker, "reset-before-head");
  ASSERT_TRUE(head.has_value());
  EXPECT_EQ(head->status, 502);
  const ReceiptRow receipt = ReceiptOf(marker);
  EXPECT_EQ(receipt.Text("outcome"), "upstream_error");
  EXPECT_EQ(receipt.Int("cost_pico_usd"), 0);
  ExpectSettledAfterStop(1, SettleBound());
  EXPECT_EQ(central_->Spent(budget_id_), 0);
}

TEST_P(BudgetE2eExitPathsTest, AProxyKilledMidStreamShipsItsCutCallsAfterTheRestart) {
  StartProxy("kill");
  const std::vector<std::string> cut =
      KillWithTwoStreamsInFlight(*proxy_, *Upstream().mock, fixture_);
  ASSERT_EQ(cut.size(), 2u);
  // The dead proxy's holds (central mode) or lease (lease mode) are still counted.
  ExpectReservedAtCentral();
  // The same outbox: the restart closes the two calls as interrupted and ships them.
  proxy_ = std::make_unique<CostgateProcess>(settings_, dir_.path());
  for (const std::string& event_id : cut) {
    const auto receipt = proxy_->receipts().WaitForReceipt(event_id, kWait);
    ASSERT_TRUE(receipt.has_value()) << event_id;
    EXPECT_EQ(receipt->Text("outcome"), "interrupted");
    EXPECT_EQ(receipt->Text("reason"), "daemon_crashed");
  }
  // Central mode: the interrupted receipts settle the holds. Lease mode: the killed proxy's
  // lease returns nothing and lapses after its TTL.
  ExpectSettledAfterStop(
      2, GetParam() == "central" ? SettleBound() : std::chrono::milliseconds(kBudgetSettleWait));
  EXPECT_EQ(central_->Spent(budget_id_), central_->EventCostSum(app_));
}

INSTANTIATE_TEST_SUITE_P(Modes, BudgetE2eExitPathsTest, ::testing::Values("central", "lease"),
                         [](const ::testing::TestParamInfo<std::string>& mode) {
                           return mode.param;
                         });

}  // namespace
}  // namespace costgate::integration
