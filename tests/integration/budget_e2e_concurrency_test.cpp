// 200 concurrent calls through a real proxy against a real central, under a hard budget whose
// amount admits exactly 50 of them by estimate (Cloud TTS: the estimate is the exact cost). In
// preflight.mode central exactly 50 reach the upstream; in lease mode at most 50. Afterwards
// every hold and lease is settled: the budget's spend is the sum of the admitted calls' costs at
// central, and central's committed amount equals its spend.
#include <gtest/gtest.h>

#include <csignal>
#include <future>
#include <iostream>

#include "tests/integration/budget_e2e_helpers.h"

namespace costgate::integration {
namespace {

constexpr int kConcurrencyCalls = 200;
constexpr int kConcurrencyFit = 50;

class BudgetE2eConcurrencyTest : public IntegrationTest,
                                 public ::testing::WithParamInterface<std::string> {
 protected:
  CostgateProcess& StartDaemon() override {
    // Holds outlive the whole burst (the admitted calls' receipts settle them); leases are
    // synced every second.
    central_ = std::make_unique<BudgetCentral>(3'000, 30'000);
    app_ = "burst-" + GetParam();
    budget_id_ = central_->CreateHardBudget("burst-" + GetParam(), app_,
                                            kConcurrencyFit * kBudgetTtsCallPico);
    // A lease run dry waits for one sync; central mode waits for each answer. The longest wait
    // allowed, so that on a loaded machine (a sanitizer build) every call is decided by central
    // rather than by the fail rule.
    proxy_ = std::make_unique<DaemonUnderTest>(
        BudgetProxySettings(*central_, GetParam(), app_, "  timeout_ms: 10000\n"));
    return *proxy_->daemon;
  }

  std::unique_ptr<BudgetCentral> central_;
  std::string app_;
  std::string budget_id_;
  std::unique_ptr<DaemonUnderTest> proxy_;
};

TEST_P(BudgetE2eConcurrencyTest, TwoHundredConcurrentCallsPassNoMoreThanTheFiftyThatFit) {
  ASSERT_FALSE(budget_id_.empty());
  const std::string marker = UniqueToken("burst");
  std::vector<std::future<HttpResponse>> calls;
  for (int i = 0; i < kConcurrencyCalls; ++i) {
    calls.push_back(
        std::async(std::launch::async, [&] { return Http(BudgetTtsRequest(daemon(), marker)); }));
  }
  int admitted = 0;
  int denied = 0;
  for (auto& call : calls) {
    const HttpResponse r = call.get();
    ASSERT_EQ(r.curl_code, CURLE_OK) << r.curl_error;
    if (r.status == 200) {
      ++admitted;
      continue;
    }
    ++denied;
    EXPECT_EQ(r.status, 429) << r.body;
    EXPECT_EQ(r.Header("x-costgate-deny-reason"), "budget_exhausted") << r.body;
    EXPECT_EQ(r.Header("x-costgate-budget"), budget_id_) << r.body;
  }
  std::cout << "[ budget ] mode " << GetParam() << ": " << admitted << " of " << kConcurrencyCalls
            << " calls admitted, " << denied << " denied (" << kConcurrencyFit << " fit)\n";
  EXPECT_EQ(admitted + denied, kConcurrencyCalls);
  // What the upstream saw is what the proxy let through.
  EXPECT_EQ(mock().RequestsWith(kMarkerHeader, marker).size(), static_cast<size_t>(admitted));
  if (GetParam() == "central") {
    EXPECT_EQ(admitted, kConcurrencyFit);  // central decides every call against its ledger
  } else {
    EXPECT_LE(admitted, kConcurrencyFit);
    EXPECT_GT(admitted, 0);
  }

  // Every call's receipt (denied ones at cost 0) reaches central; the admitted ones settle their
  // holds there (central mode) or are counted into the lease's ingested part (lease mode).
  ASSERT_EQ(central_->central().WaitForEventCount(kConcurrencyCalls, kBudgetSettleWait),
            kConcurrencyCalls);
  const auto paid = central_->central().Events("source_app = ?1 AND cost_pico_usd > 0", {app_});
  EXPECT_EQ(paid.size(), static_cast<size_t>(admitted));
  for (const ReceiptRow& event : paid) {
    EXPECT_EQ(event.Int("cost_pico_usd"), kBudgetTtsCallPico);
    EXPECT_EQ(event.Int("estimated_cost_pico_usd"), kBudgetTtsCallPico);
    EXPECT_EQ(event.Text("budget_holder").empty(), GetParam() == "central")
        << event.Text("budget_holder");
  }
  if (GetParam() == "lease") {
    // A lease counts as committed until it is returned or lapses: the proxy's stop returns the
    // unused rest.
    daemon().process().Signal(SIGTERM);
    const auto status = daemon().process().WaitExit(std::chrono::seconds(15));
    ASSERT_TRUE(status.has_value());
    EXPECT_EQ(DescribeWaitStatus(*status), "exited with code 0");
  }
  ASSERT_TRUE(central_->WaitForSettled(budget_id_, app_, kConcurrencyCalls, kBudgetSettleWait));
  EXPECT_EQ(central_->Spent(budget_id_), admitted * kBudgetTtsCallPico);
}

INSTANTIATE_TEST_SUITE_P(Modes, BudgetE2eConcurrencyTest, ::testing::Values("central", "lease"),
                         [](const ::testing::TestParamInfo<std::string>& mode) {
                           return mode.param;
                         });

}  // namespace
}  // namespace costgate::integration
