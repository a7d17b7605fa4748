// Budgets through a real proxy and a real central (issue 14, "Tests"): a budget created mid-period
// starts from the spend already recorded; a raised one admits again and a lowered one denies
// after the proxy's next lease sync; a soft budget never denies; central down in lease and
// central mode under fail-open and fail-closed (the budget's own rule winning in lease mode);
// Cloud TTS and ElevenLabs budgets denying on characters. Leases last 1.5 s here, so a proxy
// syncs every 0.5 s and learns a change within a second.
#include <gtest/gtest.h>

#include "pricing/money.h"
#include "tests/integration/budget_fleet_helpers.h"
#include "tests/integration/shipping_helpers.h"

namespace costgate::integration {
namespace {

constexpr int64_t kModesLeaseTtlMs = 1500;
constexpr std::string_view kModesSyncs = R"(costgate_budget_lease_syncs_total{result="ok"})";
constexpr std::string_view kModesFailOpen =
    R"(costgate_budget_reservations_total{result="fail_open"})";
constexpr std::string_view kModesUnchecked =
    R"(costgate_preflight_unchecked_total{provider="gemini",reason="central_unreachable"})";

class BudgetModesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Upstream();
    central_ = std::make_unique<FleetCentral>(kModesLeaseTtlMs);
  }
  void TearDown() override {
    if (HasFailure()) {
      if (central_->central().running()) {
        std::cerr << "--- central log ---\n" << central_->central().process().Log() << "\n";
      }
      if (proxy_ != nullptr) {
        std::cerr << "--- proxy log ---\n" << proxy_->daemon->Log() << "\n";
      }
    }
    proxy_.reset();
  }

  CostgateProcess& StartProxy(const FleetProxyOptions& options = {}) {
    proxy_ = std::make_unique<DaemonUnderTest>(FleetProxySettings(*central_, options));
    return proxy();
  }
  CostgateProcess& proxy() { return *proxy_->daemon; }

  // Waits for `more` lease syncs to be answered after this call: the proxy then knows every
  // budget change made before it.
  void WaitForSyncs(int more) {
    const double seen = std::max(0.0, MetricValue(proxy(), std::string(kModesSyncs)));
    ASSERT_GE(WaitForMetricAtLeast(proxy(), std::string(kModesSyncs), seen + more, kFleetWait),
              seen + more)
        << proxy().Log();
  }

  // A generateContent call of a fixed cost (100 prompt and 80 output tokens; estimated from 400
  // bytes of text and maxOutputTokens 100).
  HttpResponse Generate(std::string_view marker) {
    return Http(FleetGenerateRequest(proxy(), 400, 100, 100, 80, marker));
  }

  std::string Budget(const std::string& fields) {
    return central_->CreateBudget(R"({"name":")" + UniqueToken("budget") +
                                  R"(","period":"monthly","thresholds_percent":[],)" + fields +
                                  "}");
  }

  // Calls until one answers `status` (at most `timeout`); returns the last response.
  HttpResponse CallUntil(long status, const std::function<HttpResponse()>& call,
                         std::chrono::milliseconds timeout = kFleetWait) {
    HttpResponse last;
    FleetPollUntil(
        [&] {
          last = call();
          return last.status == status;
        },
        timeout);
    return last;
  }

  size_t Upstreamed(std::string_view marker) {
    return Upstream().mock->RequestsWith(kMarkerHeader, marker).size();
  }

  std::unique_ptr<FleetCentral> central_;
  std::unique_ptr<DaemonUnderTest> proxy_;
};

std::string ModesScope() {
  return R"("scope":{"source_app":")" + std::string(kFleetSourceApp) + R"("})";
}

// ElevenLabs answers its own quota exhaustion with 401, which its SDKs do not retry; Google
// APIs with 429.
void ExpectModesExhausted(const HttpResponse& r, const std::string& budget_id, int status = 429) {
  EXPECT_EQ(r.status, status) << r.body;
  EXPECT_EQ(r.Header("x-costgate-deny-reason"), "budget_exhausted");
  EXPECT_EQ(r.Header("x-costgate-budget"), budget_id);
  EXPECT_EQ(r.Header("x-should-retry"), "false");
  EXPECT_TRUE(r.Header("retry-after").has_value());
}

TEST_F(BudgetModesTest, ABudgetCreatedMidPeriodStartsFromTheSpendRecordedAndDenies) {
  StartProxy();
  WaitForSyncs(1);
  const std::string before = UniqueToken("before");
  for (int i = 0; i < 3; ++i) {
    ASSERT_EQ(Generate(before).status, 200);
  }
  ASSERT_EQ(central_->central().WaitForEventCount(3, kFleetWait), 3);
  int64_t recorded = 0;
  for (const ReceiptRow& e : central_->central().Events()) {
    recorded += e.Int("cost_pico_usd").value_or(0);
  }
  ASSERT_GT(recorded, 0);

  // Room for less than one more call.
  const std::string id =
      Budget(ModesScope() + R"(,"hard_limit":true,"amount_usd":")" +
             pricing::FormatUsd(pricing::Money::FromPico(recorded + recorded / 6), 12) + R"(")");
  EXPECT_EQ(central_->SpentPico(id), recorded) << "the spend already recorded, not 0";
  WaitForSyncs(2);
  const std::string after = UniqueToken("after");
  ExpectModesExhausted(Generate(after), id);
  EXPECT_EQ(Upstreamed(after), 0u);
  EXPECT_EQ(central_->SpentPico(id), recorded);
}

TEST_F(BudgetModesTest, ARaisedBudgetAdmitsAgainAndALoweredOneDeniesAtTheNextSync) {
  const std::string id =
      Budget(ModesScope() + R"(,"hard_limit":true,"amount_usd":"0.00001")");  // < one call
  StartProxy();
  WaitForSyncs(1);
  ExpectModesExhausted(Generate(UniqueToken("small")), id);

  central_->ChangeBudget(id, R"({"amount_usd":"1"})");
  const std::string raised = UniqueToken("raised");
  const HttpResponse admitted = CallUntil(200, [&] { return Generate(raised); });
  ASSERT_EQ(admitted.status, 200);
  EXPECT_EQ(Upstreamed(raised), 1u);

  // Lowered below what was spent: the proxy's lease, granted from the old amount, is taken back
  // at its next sync.
  const std::string admitted_id = admitted.Header("x-costgate-event-id").value_or("");
  ASSERT_TRUE(FleetPollUntil(
      [&] { return !central_->central().Events("event_id = ?1", {admitted_id}).empty(); },
      kFleetWait));
  central_->ChangeBudget(id, R"({"amount_usd":"0.00001"})");
  WaitForSyncs(2);
  const std::string lowered = UniqueToken("lowered");
  ExpectModesExhausted(Generate(lowered), id);
  EXPECT_EQ(Upstreamed(lowered), 0u);
}

TEST_F(BudgetModesTest, ASoftBudgetNeverDeniesAndTheSameBudgetMadeHardDoes) {
  const std::string id = central_->CreateBudget(
      R"({"name":"soft","period":"monthly","thresholds_percent":[100],"hard_limit":false,)"
      R"("amount_usd":"0.00001",)" +
      ModesScope() + "}");
  StartProxy();
  WaitForSyncs(1);
  const std::string soft = UniqueToken("soft");
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(Generate(soft).status, 200);
  }
  EXPECT_EQ(Upstreamed(soft), 3u);
  ASSERT_EQ(central_->central().WaitForEventCount(3, kFleetWait), 3);
  EXPECT_GT(central_->SpentPico(id), 10'000'000) << "past its amount of 0.00001 USD";
  // It alerts instead: its 100 % threshold is in the alert log.
  std::string alerts;
  EXPECT_TRUE(FleetPollUntil(
      [&] {
        alerts = central_->Admin("GET", "/alerts").body;
        return alerts.find(R"("threshold_percent":100)") != std::string::npos;
      },
      kFleetWait))
      << alerts;
  EXPECT_NE(alerts.find(R"("budget_id":")" + id + '"'), std::string::npos) << alerts;
  // Soft: no lease, nothing held against it.
  for (const ReceiptRow& e : central_->central().Events()) {
    EXPECT_EQ(e.Text("budget_holder"), "");
  }

  central_->ChangeBudget(id, R"({"hard_limit":true})");
  WaitForSyncs(2);
  const std::string hard = UniqueToken("hard");
  ExpectModesExhausted(Generate(hard), id);
  EXPECT_EQ(Upstreamed(hard), 0u);
}

// Central down in lease mode: calls go on against the lease until it nears its expiry, then
// follow the fail rule: the budget's own fail_closed when set, else preflight.fail_closed.
struct ModesFailCase {
  const char* name;
  bool config_fail_closed;
  const char* budget_fail_closed;  // JSON: null, true, false
  bool allowed;
};

void PrintTo(const ModesFailCase& c, std::ostream* out) { *out << c.name; }

class BudgetModesLeaseDownTest : public BudgetModesTest,
                                 public ::testing::WithParamInterface<ModesFailCase> {};

TEST_P(BudgetModesLeaseDownTest, CallsFollowTheFailRuleOnceTheLeaseLapses) {
  const ModesFailCase& c = GetParam();
  const std::string id = Budget(ModesScope() + R"(,"hard_limit":true,"amount_usd":"1",)" +
                                R"("fail_closed":)" + c.budget_fail_closed);
  FleetProxyOptions options;
  options.fail_closed = c.config_fail_closed;
  StartProxy(options);
  WaitForSyncs(1);
  const HttpResponse leased = Generate(UniqueToken("leased"));
  ASSERT_EQ(leased.status, 200);
  const std::optional<ReceiptRow> leased_receipt = FleetReceipt(proxy(), leased);
  ASSERT_TRUE(leased_receipt.has_value());
  EXPECT_EQ(leased_receipt->Text("budget_holder").rfind("px_", 0), 0u);

  central_->central().Stop();
  std::string marker;  // the last call's
  HttpResponse down;
  ASSERT_TRUE(FleetPollUntil(
      [&] {
        marker = UniqueToken("down");
        down = Generate(marker);
        return down.status != 200 || MetricValue(proxy(), std::string(kModesFailOpen)) >= 1;
      },
      kFleetWait))
      << "the lease never lapsed";
  if (c.allowed) {
    EXPECT_EQ(down.status, 200) << down.body;
    EXPECT_GE(MetricValue(proxy(), std::string(kModesUnchecked)), 1);
    const std::optional<ReceiptRow> receipt = FleetReceipt(proxy(), down);
    ASSERT_TRUE(receipt.has_value());
    EXPECT_EQ(receipt->Text("outcome"), "success");
    EXPECT_GT(receipt->Int("cost_pico_usd").value_or(0), 0);
    // Central back: the call's receipt reaches it and counts against the budget.
    central_->central().Start();
    const std::string event_id = *down.Header("x-costgate-event-id");
    EXPECT_TRUE(FleetPollUntil(
        [&] { return !central_->central().Events("event_id = ?1", {event_id}).empty(); },
        kFleetWait));
  } else {
    EXPECT_EQ(down.status, 503) << down.body;
    EXPECT_EQ(down.Header("x-costgate-deny-reason"), "central_unreachable");
    EXPECT_EQ(down.Header("x-costgate-budget"), id);
    EXPECT_EQ(down.Header("retry-after"), std::nullopt);
    EXPECT_NE(down.body.find(R"("status":"UNAVAILABLE")"), std::string::npos) << down.body;
    EXPECT_EQ(MetricValue(proxy(), std::string(kModesFailOpen)), 0);
    const auto denied = proxy().receipts().WaitForRows("reason", "central_unreachable", 1, kWait);
    ASSERT_EQ(denied.size(), 1u);
    EXPECT_EQ(denied[0].Text("outcome"), "denied");
    EXPECT_EQ(denied[0].Int("cost_pico_usd"), 0);
  }
  EXPECT_EQ(Upstreamed(marker), c.allowed ? 1u : 0u);
}

INSTANTIATE_TEST_SUITE_P(
    Rules, BudgetModesLeaseDownTest,
    ::testing::Values(ModesFailCase{"ConfigOpen", false, "null", true},
                      ModesFailCase{"ConfigClosed", true, "null", false},
                      ModesFailCase{"BudgetClosedWinsOverConfigOpen", false, "true", false},
                      ModesFailCase{"BudgetOpenWinsOverConfigClosed", true, "false", true}),
    [](const ::testing::TestParamInfo<ModesFailCase>& i) { return i.param.name; });

// Central mode asks central for every call: with central down, the call follows
// preflight.fail_closed at once (the proxy knows no budgets of its own in this mode).
class BudgetModesCentralDownTest : public BudgetModesTest,
                                   public ::testing::WithParamInterface<bool> {};

TEST_P(BudgetModesCentralDownTest, CallsFollowTheConfiguredFailRule) {
  const bool fail_closed = GetParam();
  const std::string id = Budget(ModesScope() + R"(,"hard_limit":true,"amount_usd":"1")");
  FleetProxyOptions options;
  options.mode = "central";
  options.fail_closed = fail_closed;
  options.timeout_ms = 2000;
  StartProxy(options);
  const HttpResponse asked = Generate(UniqueToken("asked"));
  ASSERT_EQ(asked.status, 200) << asked.body;
  // Central held the estimate under the call's event id until its receipt settled it.
  ASSERT_EQ(central_->central().WaitForEventCount(1, kFleetWait), 1);
  EXPECT_GT(central_->SpentPico(id), 0);
  EXPECT_TRUE(FleetPollUntil(
      [&] {
        return QueryRows(central_->central().dir() / "central.db",
                         "SELECT count(*) AS n FROM budget_holds")[0]
                   .Int("n") == 0;
      },
      kFleetWait));

  central_->central().Stop();
  const std::string marker = UniqueToken("down");
  const HttpResponse down = Generate(marker);
  if (fail_closed) {
    EXPECT_EQ(down.status, 503) << down.body;
    EXPECT_EQ(down.Header("x-costgate-deny-reason"), "central_unreachable");
    EXPECT_NE(down.body.find(R"("status":"UNAVAILABLE")"), std::string::npos) << down.body;
    EXPECT_EQ(Upstreamed(marker), 0u);
  } else {
    EXPECT_EQ(down.status, 200) << down.body;
    EXPECT_EQ(MetricValue(proxy(), std::string(kModesFailOpen)), 1);
    EXPECT_EQ(MetricValue(proxy(), std::string(kModesUnchecked)), 1);
    const std::optional<ReceiptRow> receipt = FleetReceipt(proxy(), down);
    ASSERT_TRUE(receipt.has_value());
    EXPECT_EQ(receipt->Text("outcome"), "success");
    EXPECT_EQ(Upstreamed(marker), 1u);
  }
}

INSTANTIATE_TEST_SUITE_P(Rules, BudgetModesCentralDownTest, ::testing::Bool(),
                         [](const ::testing::TestParamInfo<bool>& i) {
                           return i.param ? "FailClosed" : "FailOpen";
                         });

// A budget of one TTS provider denies the call that would take it past its amount, counted in
// characters: exact estimates, so 2.5 calls' worth admits two calls of 100 characters and one of
// 40 but not a third of 100. Calls of other providers are not its concern.
class BudgetModesTtsTest : public BudgetModesTest,
                           public ::testing::WithParamInterface<std::string> {
 protected:
  HttpResponse Speak(size_t characters, std::string_view marker) {
    return Http(GetParam() == "google-tts" ? FleetCloudTtsRequest(proxy(), characters, marker)
                                           : FleetElevenLabsRequest(proxy(), characters, marker));
  }
};

TEST_P(BudgetModesTtsTest, ABudgetOfTheProviderDeniesOnCharacters) {
  StartProxy();
  WaitForSyncs(1);
  const HttpResponse probe = Speak(100, UniqueToken("probe"));
  ASSERT_EQ(probe.status, 200) << probe.body;
  const std::optional<ReceiptRow> probed = FleetReceipt(proxy(), probe);
  ASSERT_TRUE(probed.has_value());
  EXPECT_EQ(probed->Text("provider"), GetParam());
  EXPECT_EQ(probed->Text("estimate_method"), "request_characters");
  const int64_t hundred = probed->Int("estimated_cost_pico_usd").value_or(0);
  ASSERT_GT(hundred, 0);
  EXPECT_EQ(probed->Int("cost_pico_usd"), hundred) << "the estimate is exact";
  ASSERT_EQ(central_->central().WaitForEventCount(1, kFleetWait), 1);

  const std::string id =
      Budget(R"("scope":{"provider":")" + GetParam() + R"("},"hard_limit":true,"amount_usd":")" +
             pricing::FormatUsd(pricing::Money::FromPico(hundred * 5 / 2), 12) + R"(")");
  EXPECT_EQ(central_->SpentPico(id), hundred);
  WaitForSyncs(2);

  const std::string second = UniqueToken("second");
  EXPECT_EQ(Speak(100, second).status, 200);  // 200 characters of 250
  const std::string third = UniqueToken("third");
  const HttpResponse denied = Speak(100, third);  // 300 would pass 250
  ExpectModesExhausted(denied, id, GetParam() == "elevenlabs" ? 401 : 429);
  EXPECT_NE(denied.body.find(GetParam() == "google-tts" ? R"("status":"RESOURCE_EXHAUSTED")"
                                                        : R"("status":"budget_exhausted")"),
            std::string::npos)
      << denied.body;
  EXPECT_EQ(Upstreamed(third), 0u);
  const std::string small = UniqueToken("small");
  EXPECT_EQ(Speak(40, small).status, 200);  // 240 of 250
  EXPECT_EQ(Upstreamed(second) + Upstreamed(small), 2u);
  // A Gemini call is not in the budget's scope.
  EXPECT_EQ(Generate(UniqueToken("gemini")).status, 200);

  ASSERT_EQ(central_->central().WaitForEventCount(5, kFleetWait), 5);
  EXPECT_EQ(central_->SpentPico(id), hundred * 2 + hundred * 2 / 5);
}

INSTANTIATE_TEST_SUITE_P(Providers, BudgetModesTtsTest,
                         ::testing::Values("google-tts", "elevenlabs"),
                         [](const ::testing::TestParamInfo<std::string>& i) {
                           return i.param == "google-tts" ? "CloudTts" : "ElevenLabs";
                         });

}  // namespace
}  // namespace costgate::integration
