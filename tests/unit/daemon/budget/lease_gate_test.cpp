// The lease client and the lease gate against a loopback central playing the lease protocol
// (budgets-design.md): the first sync, a call's need carried to central, budget_exhausted,
// release on stop, central down or too slow (fail open and closed, a budget's own rule), and a
// waiting call resumed by a sync.
#include "daemon/budget/lease_gate.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "daemon/shipper/central_client.h"
#include "tests/support/refusing_port.h"
#include "tests/unit/daemon/budget/fake_central_helpers.h"
#include "tests/unit/daemon/budget/task_pump.h"
#include "tests/unit/daemon/outbox/outbox_helpers.h"

namespace costgate::daemon::budget {
namespace {

using filters::Exchange;
using filters::preflight::GateCall;
using filters::preflight::GateDecision;
using filters::preflight::GateVerdict;
using pricing::Money;
using testing::FakeCentral;
using testing::FakeReply;
using testing::FakeRequest;
using testing::LeaseCentral;
using testing::TaskPump;

constexpr std::chrono::milliseconds kLongWait{5000};

Exchange LeaseCallExchange(std::string project = "invoices") {
  Exchange x;
  x.event_id = "0190a6e4-7b1c-7cc3-9a4e-3f1d2c5b6a71";
  x.provider = "gemini";
  x.labels.project = std::move(project);
  return x;
}

GateCall LeaseCall(const Exchange& x, int64_t estimate) {
  GateCall call;
  call.x = &x;
  call.model = "gemini-2.5-flash";
  call.estimate = Money::FromPico(estimate);
  return call;
}

LeaseCentral::Budget LeaseBudget(std::string id, std::string name, std::string project,
                                 int64_t amount) {
  LeaseCentral::Budget b;
  b.id = std::move(id);
  b.name = std::move(name);
  b.project = std::move(project);
  b.amount = Money::FromPico(amount);
  return b;
}

bool LeaseEventually(const std::function<bool()>& done) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) {
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

class LeaseGateTest : public ::testing::Test {
 protected:
  // A central with `budgets` whose answers `down_` turns into 503s and `hold_` holds back.
  void Serve(std::vector<LeaseCentral::Budget> budgets) {
    central_ = std::make_unique<LeaseCentral>(std::move(budgets));
    server_ = std::make_unique<FakeCentral>([this](const FakeRequest& request) {
      if (down_) {
        return FakeReply{503, R"({"error":{"code":"unavailable","message":"down"}})"};
      }
      FakeReply reply = central_->Answer(request);
      reply.hold = hold_;
      return reply;
    });
    Start(server_->url());
  }

  void Start(std::string url, int64_t dry_ms = 60'000) {
    config::ShipperConfig shipper;
    shipper.url = std::move(url);
    shipper.api_key = "ct_live_gate_test";
    shipper.timeout = kLongWait;
    shipper.backoff_first = std::chrono::milliseconds(50);
    shipper.backoff_max = std::chrono::milliseconds(200);
    client_ = std::make_unique<LeaseClient>(
        book_, std::make_unique<shipper::CentralClient>(shipper, "/v1/budget/leases"),
        LeaseClient::Settings{"px_00000000000000aa", shipper, dry_ms}, logger_, stats_);
    client_->Start();
  }

  LeaseGate Gate(bool fail_closed = false, std::chrono::milliseconds timeout = kLongWait) {
    return LeaseGate(book_, *client_, timer_, stats_,
                     {"px_00000000000000aa", fail_closed, timeout});
  }

  GateDecision Decide(LeaseGate& gate, const GateCall& call) {
    TaskPump<GateDecision> pump(gate.Reserve(call));
    EXPECT_TRUE(pump.Pump());
    return pump.finished() ? pump.value() : GateDecision{};
  }

  outbox::testing::LogPipe log_;
  log::Logger logger_{log_.write_fd()};
  std::atomic<bool> down_{false};
  std::atomic<bool> hold_{false};
  std::unique_ptr<LeaseCentral> central_;
  std::unique_ptr<FakeCentral> server_;
  BudgetStats stats_;
  LeaseBook book_;
  DeadlineTimer timer_;
  std::unique_ptr<LeaseClient> client_;  // last: stops (and releases) while central still runs
};

TEST_F(LeaseGateTest, TheFirstSyncLeasesAndCallsAreThenHeldWithoutWaiting) {
  Serve({LeaseBudget("bud_team", "Team", "", 1000)});
  ASSERT_TRUE(LeaseEventually([&] { return book_.synced(); }));
  LeaseGate gate = Gate();
  const Exchange x = LeaseCallExchange();
  TaskPump<GateDecision> pump(gate.Reserve(LeaseCall(x, 400)));
  ASSERT_TRUE(pump.started_ready());  // the fast path: no network, no suspension
  const GateDecision& d = pump.value();
  EXPECT_EQ(d.verdict, GateVerdict::kAllow);
  EXPECT_EQ(d.reason, "");
  EXPECT_NE(d.reservation, 0u);
  EXPECT_EQ(d.budget_holder, "px_00000000000000aa");
  EXPECT_EQ(d.budget_id, "bud_team");
  EXPECT_EQ(d.budget_name, "Team");
  const FakeRequest first = server_->requests().at(0);
  EXPECT_EQ(first.method, "POST");
  EXPECT_EQ(first.path, "/v1/budget/leases");
  EXPECT_EQ(first.api_key, "ct_live_gate_test");
  EXPECT_EQ(first.body, R"({"holder":"px_00000000000000aa","leases":[]})");
  EXPECT_EQ(stats_.held.load(), 1u);
  EXPECT_EQ(stats_.waited.load(), 0u);
  EXPECT_GE(stats_.syncs_ok.load(), 1u);
}

TEST_F(LeaseGateTest, ACallNeedingMoreWaitsForTheSyncThatCarriesItsNeed) {
  Serve({LeaseBudget("bud_team", "Team", "", 1000)});
  ASSERT_TRUE(LeaseEventually([&] { return book_.synced(); }));
  ASSERT_EQ(central_->granted("bud_team"), 500);  // half the remaining for one holder
  LeaseGate gate = Gate();
  const Exchange x = LeaseCallExchange();
  TaskPump<GateDecision> pump(gate.Reserve(LeaseCall(x, 600)));
  EXPECT_FALSE(pump.started_ready());
  ASSERT_TRUE(pump.Pump());
  EXPECT_EQ(pump.value().verdict, GateVerdict::kAllow);
  EXPECT_NE(pump.value().reservation, 0u);
  bool asked = false;
  for (const auto& request : central_->reports()) {
    for (const LeaseCentral::Report& r : request) {
      asked = asked || (r.budget_id == "bud_team" && r.need == 600 && r.used == 0);
    }
  }
  EXPECT_TRUE(asked);
  EXPECT_EQ(central_->granted("bud_team"), 1000);
  EXPECT_EQ(stats_.waited.load(), 1u);
}

TEST_F(LeaseGateTest, ACallCentralHasNoMoreForIsDeniedBudgetExhausted) {
  LeaseCentral::Budget budget = LeaseBudget("bud_team", "Team", "", 1000);
  budget.period_end_unix_ms = 1'900'000'000'000;
  Serve({budget});
  ASSERT_TRUE(LeaseEventually([&] { return book_.synced(); }));
  LeaseGate gate = Gate();
  const Exchange x = LeaseCallExchange();
  EXPECT_EQ(Decide(gate, LeaseCall(x, 400)).verdict, GateVerdict::kAllow);
  EXPECT_EQ(Decide(gate, LeaseCall(x, 400)).verdict, GateVerdict::kAllow);
  const GateDecision third = Decide(gate, LeaseCall(x, 400));
  EXPECT_EQ(third.verdict, GateVerdict::kDeny);
  EXPECT_EQ(third.reason, "budget_exhausted");
  EXPECT_EQ(third.budget_id, "bud_team");
  EXPECT_EQ(third.budget_name, "Team");
  EXPECT_EQ(third.reservation, 0u);
  // The test's clocks agree within the answer's round trip: the reset time is central's.
  EXPECT_NEAR(static_cast<double>(third.reset_unix_ms), 1'900'000'000'000.0, 10'000.0);
  EXPECT_EQ(central_->granted("bud_team"), 1000);
  // Central just said no: the next call is denied at once, without asking again.
  TaskPump<GateDecision> fourth(gate.Reserve(LeaseCall(x, 400)));
  ASSERT_TRUE(fourth.started_ready());
  EXPECT_EQ(fourth.value().reason, "budget_exhausted");
  EXPECT_EQ(stats_.denied_budget_exhausted.load(), 2u);
}

TEST_F(LeaseGateTest, StopReleasesEveryLeaseDownToItsUse) {
  Serve({LeaseBudget("bud_team", "Team", "", 1000)});
  ASSERT_TRUE(LeaseEventually([&] { return book_.synced(); }));
  LeaseGate gate = Gate();
  const Exchange x = LeaseCallExchange();
  const GateDecision d = Decide(gate, LeaseCall(x, 100));
  ASSERT_NE(d.reservation, 0u);
  gate.Settle(d.reservation, Money::FromPico(60));
  client_->Stop();
  const auto reports = central_->reports();
  ASSERT_FALSE(reports.empty());
  ASSERT_EQ(reports.back().size(), 1u);
  const LeaseCentral::Report& last = reports.back()[0];
  EXPECT_TRUE(last.release);
  EXPECT_EQ(last.used, 60);
  EXPECT_EQ(last.need, 0);
  EXPECT_EQ(central_->granted("bud_team"), 60);
  EXPECT_EQ(central_->holders().back(), "px_00000000000000aa");
}

TEST_F(LeaseGateTest, WithCentralUnreachableACallIsAllowedUnderFailOpen) {
  test_support::RefusingPort refused;
  Start("http://127.0.0.1:" + std::to_string(refused.port()));
  ASSERT_TRUE(LeaseEventually([&] { return stats_.syncs_unreachable.load() >= 1; }));
  LeaseGate gate = Gate(false);
  const Exchange x = LeaseCallExchange();
  TaskPump<GateDecision> pump(gate.Reserve(LeaseCall(x, 400)));
  ASSERT_TRUE(pump.started_ready());  // no wait for a central known to be down
  EXPECT_EQ(pump.value().verdict, GateVerdict::kAllow);
  EXPECT_EQ(pump.value().reason, "central_unreachable");
  EXPECT_EQ(pump.value().reservation, 0u);  // no budget is known: nothing to hold
  EXPECT_EQ(pump.value().budget_holder, "");
  EXPECT_EQ(stats_.fail_open.load(), 1u);
  EXPECT_NE(log_.Read().find("budget lease sync failed"), std::string::npos);
}

TEST_F(LeaseGateTest, WithCentralUnreachableACallIsDeniedUnderFailClosed) {
  test_support::RefusingPort refused;
  Start("http://127.0.0.1:" + std::to_string(refused.port()));
  ASSERT_TRUE(LeaseEventually([&] { return stats_.syncs_unreachable.load() >= 1; }));
  LeaseGate gate = Gate(true);
  const Exchange x = LeaseCallExchange();
  const GateDecision d = Decide(gate, LeaseCall(x, 400));
  EXPECT_EQ(d.verdict, GateVerdict::kDeny);
  EXPECT_EQ(d.reason, "central_unreachable");
  EXPECT_EQ(stats_.denied_central_unreachable.load(), 1u);
}

TEST_F(LeaseGateTest, ABudgetsOwnFailClosedWinsForThatBudget) {
  LeaseCentral::Budget closed = LeaseBudget("bud_closed", "Invoices", "invoices", 1000);
  closed.fail_closed = true;
  Serve({closed, LeaseBudget("bud_org", "Org", "", 1000)});
  ASSERT_TRUE(LeaseEventually([&] { return book_.synced(); }));
  down_ = true;
  LeaseGate gate = Gate(false);
  // Beyond what either lease holds: central must be asked, and cannot answer.
  const Exchange invoices = LeaseCallExchange("invoices");
  const GateDecision denied = Decide(gate, LeaseCall(invoices, 800));
  EXPECT_EQ(denied.verdict, GateVerdict::kDeny);
  EXPECT_EQ(denied.reason, "central_unreachable");
  EXPECT_EQ(denied.budget_id, "bud_closed");
  // Only the org budget (no rule of its own) covers this one: the config's fail-open allows
  // it, held regardless of the lease so its use is reported.
  const Exchange payroll = LeaseCallExchange("payroll");
  const GateDecision allowed = Decide(gate, LeaseCall(payroll, 800));
  EXPECT_EQ(allowed.verdict, GateVerdict::kAllow);
  EXPECT_EQ(allowed.reason, "central_unreachable");
  EXPECT_NE(allowed.reservation, 0u);
  EXPECT_EQ(allowed.budget_holder, "px_00000000000000aa");
  EXPECT_EQ(book_.Remaining(10).at(1).remaining_pico, 500 - 800);  // bud_org, by id
}

TEST_F(LeaseGateTest, AWaitingCallResumesWhenTheSyncAnswers) {
  Serve({LeaseBudget("bud_team", "Team", "", 1000)});
  ASSERT_TRUE(LeaseEventually([&] { return book_.synced(); }));
  const size_t before = server_->requests().size();
  hold_ = true;
  LeaseGate gate = Gate();
  const Exchange x = LeaseCallExchange();
  TaskPump<GateDecision> pump(gate.Reserve(LeaseCall(x, 600)));
  ASSERT_TRUE(server_->WaitForRequests(before + 1));
  EXPECT_FALSE(pump.Pump(std::chrono::milliseconds(100)));  // still waiting for central
  hold_ = false;
  server_->ReleaseHeld();
  ASSERT_TRUE(pump.Pump());
  EXPECT_EQ(pump.value().verdict, GateVerdict::kAllow);
  EXPECT_EQ(pump.value().reason, "");
  EXPECT_NE(pump.value().reservation, 0u);
}

TEST_F(LeaseGateTest, ACentralSlowerThanTheTimeoutMeansTheFailRule) {
  Serve({LeaseBudget("bud_team", "Team", "", 1000)});
  ASSERT_TRUE(LeaseEventually([&] { return book_.synced(); }));
  hold_ = true;
  LeaseGate open = Gate(false, std::chrono::milliseconds(100));
  const Exchange x = LeaseCallExchange();
  const auto start = std::chrono::steady_clock::now();
  const GateDecision d = Decide(open, LeaseCall(x, 600));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  EXPECT_EQ(d.verdict, GateVerdict::kAllow);
  EXPECT_EQ(d.reason, "central_unreachable");
  EXPECT_NE(d.reservation, 0u);  // held regardless, so its use is reported
  LeaseGate closed = Gate(true, std::chrono::milliseconds(100));
  const GateDecision denied = Decide(closed, LeaseCall(x, 600));
  EXPECT_EQ(denied.verdict, GateVerdict::kDeny);
  EXPECT_EQ(denied.reason, "central_unreachable");
  EXPECT_EQ(denied.budget_id, "bud_team");
  hold_ = false;
  server_->ReleaseHeld();
}

}  // namespace
}  // namespace costgate::daemon::budget
