// Central mode against a loopback /v1/preflight: the request the proxy sends, allow and deny
// answers, a slow or absent central under fail-open and fail-closed, and calls that do not queue
// behind a slow one.
#include "daemon/budget/central_gate.h"

#include <gtest/gtest.h>

#include "daemon/budget/curl_multi_poster.h"
#include "tests/support/refusing_port.h"
#include "tests/unit/daemon/budget/fake_central_helpers.h"
#include "tests/unit/daemon/budget/task_pump.h"

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
using testing::RunTask;
using testing::TaskPump;

constexpr std::string_view kCentralAllow =
    R"({"allow":true,"estimated_cost_usd":0.000002,"request_id":"0190a6e4-7b1c-7cc3-9a4e-3f1d2c5b6a72"})";

Exchange CentralCallExchange(std::string user = "u-42") {
  Exchange x;
  x.event_id = "0190a6e4-7b1c-7cc3-9a4e-3f1d2c5b6a72";
  x.provider = "gemini";
  x.labels.source_app = "billing";
  x.labels.workspace = "ford";
  x.labels.team = "video";
  x.labels.project = "invoices";
  x.labels.environment = "prod";
  x.labels.user = std::move(user);
  return x;
}

class CentralGateTest : public ::testing::Test {
 protected:
  void Serve(FakeCentral::Handler handler) {
    server_ = std::make_unique<FakeCentral>(std::move(handler));
    Connect(server_->url());
  }
  void Connect(std::string url) {
    config::ShipperConfig shipper;
    shipper.url = std::move(url);
    shipper.api_key = "ct_live_central_test";
    poster_ = std::make_unique<CurlMultiPoster>(shipper, "/v1/preflight");
  }
  CentralGate Gate(bool fail_closed = false,
                   std::chrono::milliseconds timeout = std::chrono::milliseconds(5000)) {
    return CentralGate(*poster_, timer_, stats_, {fail_closed, timeout});
  }
  GateCall Call(const Exchange& x) {
    GateCall call;
    call.x = &x;
    call.model = "gemini-2.5-flash";
    call.estimate = Money::FromPico(2'000'000);
    units_.Set(filters::kUnitInputTokens, 1000);
    units_.Set(filters::kUnitOutputTokens, 1024);
    call.units = &units_;
    return call;
  }

  pricing::Units units_;
  std::unique_ptr<FakeCentral> server_;
  BudgetStats stats_;
  DeadlineTimer timer_;
  std::unique_ptr<CurlMultiPoster> poster_;
};

TEST_F(CentralGateTest, AnAllowedCallIsHeldAtCentralUnderItsEventId) {
  Serve([](const FakeRequest&) { return FakeReply{200, std::string(kCentralAllow)}; });
  CentralGate gate = Gate();
  const Exchange x = CentralCallExchange();
  const std::optional<GateDecision> d = RunTask(gate.Reserve(Call(x)));
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->verdict, GateVerdict::kAllow);
  EXPECT_EQ(d->reason, "");
  EXPECT_EQ(d->reservation, 0u);    // nothing held here: central settles by event_id
  EXPECT_EQ(d->budget_holder, "");  // no lease involved
  EXPECT_EQ(stats_.held.load(), 1u);
  const FakeRequest request = server_->requests().at(0);
  EXPECT_EQ(request.path, "/v1/preflight");
  EXPECT_EQ(request.api_key, "ct_live_central_test");
  EXPECT_EQ(request.body,
            R"({"request_id":"0190a6e4-7b1c-7cc3-9a4e-3f1d2c5b6a72","user_external_id":"u-42",)"
            R"("project_external_id":"invoices","job_external_id":null,"source_app":"billing",)"
            R"("workspace":"ford","team":"video","environment":"prod","provider":"gemini",)"
            R"("model":"gemini-2.5-flash",)"
            R"("estimated_units":{"input_tokens":1000,"output_tokens":1024},)"
            R"("estimated_cost_pico_usd":2000000,"estimate_exact":false})");
}

TEST_F(CentralGateTest, ADeniedCallNamesTheBudgetAndItsReset) {
  Serve([](const FakeRequest&) {
    return FakeReply{200, R"({"allow":false,"estimated_cost_usd":2.0,"request_id":"r-1",)"
                          R"("deny_reason":"budget Team (bud_team) exhausted; resets at )"
                          R"(2030-03-17T17:46:40Z","budget":{"id":"bud_team","name":"Team",)"
                          R"("reset_unix_ms":1900000000000}})"};
  });
  CentralGate gate = Gate();
  const Exchange x = CentralCallExchange();
  const std::optional<GateDecision> d = RunTask(gate.Reserve(Call(x)));
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->verdict, GateVerdict::kDeny);
  EXPECT_EQ(d->reason, "budget_exhausted");
  EXPECT_EQ(d->budget_id, "bud_team");
  EXPECT_EQ(d->budget_name, "Team");
  EXPECT_EQ(d->reset_unix_ms, 1'900'000'000'000);
  EXPECT_EQ(stats_.denied_budget_exhausted.load(), 1u);
}

TEST_F(CentralGateTest, ADenyCodeOfOursIsKept) {
  Serve([](const FakeRequest&) {
    return FakeReply{200,
                     R"({"allow":false,"deny_code":"over_per_request_cap","deny_reason":"cap",)"
                     R"("budget":{"id":"bud_cap","name":"Cap","reset_unix_ms":1}})"};
  });
  CentralGate gate = Gate();
  const Exchange x = CentralCallExchange();
  const std::optional<GateDecision> d = RunTask(gate.Reserve(Call(x)));
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->reason, "over_per_request_cap");
  EXPECT_EQ(d->budget_id, "bud_cap");
}

TEST_F(CentralGateTest, ACentralSlowerThanTheTimeoutMeansTheFailRule) {
  Serve([](const FakeRequest&) { return FakeReply{200, std::string(kCentralAllow), true}; });
  const Exchange x = CentralCallExchange();
  CentralGate open = Gate(false, std::chrono::milliseconds(100));
  const auto start = std::chrono::steady_clock::now();
  const std::optional<GateDecision> allowed = RunTask(open.Reserve(Call(x)));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  ASSERT_TRUE(allowed.has_value());
  EXPECT_EQ(allowed->verdict, GateVerdict::kAllow);
  EXPECT_EQ(allowed->reason, "central_unreachable");
  CentralGate closed = Gate(true, std::chrono::milliseconds(100));
  const std::optional<GateDecision> denied = RunTask(closed.Reserve(Call(x)));
  ASSERT_TRUE(denied.has_value());
  EXPECT_EQ(denied->verdict, GateVerdict::kDeny);
  EXPECT_EQ(denied->reason, "central_unreachable");
  EXPECT_EQ(stats_.fail_open.load(), 1u);
  EXPECT_EQ(stats_.denied_central_unreachable.load(), 1u);
}

TEST_F(CentralGateTest, AnUnreachableCentralMeansTheFailRule) {
  test_support::RefusingPort refused;
  Connect("http://127.0.0.1:" + std::to_string(refused.port()));
  const Exchange x = CentralCallExchange();
  CentralGate closed = Gate(true);
  const std::optional<GateDecision> d = RunTask(closed.Reserve(Call(x)));
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->verdict, GateVerdict::kDeny);
  EXPECT_EQ(d->reason, "central_unreachable");
}

TEST_F(CentralGateTest, AnAnswerThatIsNotAPreflightAnswerMeansTheFailRule) {
  Serve([](const FakeRequest&) {
    return FakeReply{400, R"({"error":{"code":"bad_request","message":"source_app"}})"};
  });
  const Exchange x = CentralCallExchange();
  CentralGate open = Gate(false);
  const std::optional<GateDecision> d = RunTask(open.Reserve(Call(x)));
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->verdict, GateVerdict::kAllow);
  EXPECT_EQ(d->reason, "central_unreachable");
}

TEST_F(CentralGateTest, CallsDoNotQueueBehindASlowOne) {
  Serve([](const FakeRequest& request) {
    const bool slow = request.body.find(R"("user_external_id":"slow")") != std::string::npos;
    return FakeReply{200, std::string(kCentralAllow), slow};
  });
  CentralGate gate = Gate();
  const Exchange slow = CentralCallExchange("slow");
  const Exchange quick = CentralCallExchange("quick");
  TaskPump<GateDecision> first(gate.Reserve(Call(slow)));
  ASSERT_TRUE(server_->WaitForRequests(1));
  TaskPump<GateDecision> second(gate.Reserve(Call(quick)));
  ASSERT_TRUE(second.Pump());
  EXPECT_EQ(second.value().verdict, GateVerdict::kAllow);
  EXPECT_FALSE(first.finished());
  server_->ReleaseHeld();
  ASSERT_TRUE(first.Pump());
  EXPECT_EQ(first.value().verdict, GateVerdict::kAllow);
  EXPECT_EQ(first.value().reason, "");
}

}  // namespace
}  // namespace costgate::daemon::budget
