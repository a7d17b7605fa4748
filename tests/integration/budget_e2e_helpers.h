// Budgets end to end: a real central (`costgate central`) with short hold and lease TTLs, hard
// budgets made through its admin API, proxies (`costgate proxy`) that ship to it and check
// budgets in lease or central mode, and the figures the tests compare: a budget's spend, its
// committed amount (central's ledger) and the costs of the events central stored.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "tests/integration/central_helpers.h"
#include "tests/integration/integration_fixture_helpers.h"

namespace costgate::integration {

// A Cloud TTS synthesis whose cost is exact before the call: "Hello there" (11 characters) on a
// WaveNet voice at $4 per million characters. The estimate (request_characters) and the receipt
// bill the same characters, so a budget of N times this admits exactly N calls.
inline constexpr std::string_view kBudgetTtsPath = "/v1/text:synthesize";
inline constexpr std::string_view kBudgetTtsBody =
    R"({"input":{"text":"Hello there"},"voice":{"languageCode":"en-US",)"
    R"("name":"en-US-Wavenet-D"},"audioConfig":{"audioEncoding":"MP3"}})";
inline constexpr int64_t kBudgetTtsCallPico = 11 * 4'000'000;

// Bound on a budget figure settling: receipts shipped, holds settled, TTLs lapsed.
inline constexpr auto kBudgetSettleWait = std::chrono::seconds(20);

// Polls `done` every 20 ms until it holds or `timeout` passes; returns its last value.
bool BudgetPollUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout);

// Central with its budget TTLs set (central.budget_lease_ttl_ms, central.preflight_hold_ttl_ms)
// and an admin key for its budget API.
class BudgetCentral {
 public:
  BudgetCentral(int64_t lease_ttl_ms, int64_t hold_ttl_ms);

  CentralUnderTest& central() { return *central_; }
  // A new key for a proxy whose calls are `source_app`'s (scopes ship and preflight: a key
  // speaks for one app).
  std::string ProxyKey(const std::string& source_app);

  // POST /admin/v1/budgets: a hard monthly budget over `source_app`'s calls of `amount_pico`.
  // Returns its id ("" after a recorded failure).
  std::string CreateHardBudget(const std::string& name, const std::string& source_app,
                               int64_t amount_pico);

  // The budget's spend in its current period (GET /admin/v1/budgets/ID): spent_pico_usd, or -1
  // when the answer has none.
  int64_t Spent(const std::string& budget_id);
  // Central's committed amount of the budget now (its store's ledger: spent + outstanding
  // leases + holds, unexpired).
  int64_t Committed(const std::string& budget_id);
  // Sum of cost_pico_usd of the stored events of `source_app`, and their count.
  int64_t EventCostSum(const std::string& source_app) const;
  int64_t EventCount(const std::string& source_app) const;
  // Holds and leases rows of the budget, expired or not, for failure messages.
  std::string LedgerRows(const std::string& budget_id) const;

  // Polls until central's figures of `budget_id` settle: committed equals spent and spent equals
  // the events' costs of `source_app`, with `events` events stored. False after `timeout`, with
  // the last figures recorded as a test failure.
  bool WaitForSettled(const std::string& budget_id, const std::string& source_app, int64_t events,
                      std::chrono::milliseconds timeout);

 private:
  HttpResponse Admin(const std::string& method, const std::string& path,
                     const std::string& body = "");
  std::string PeriodKey(const std::string& budget_id);

  std::unique_ptr<CentralUnderTest> central_;
  std::string admin_key_;
};

// A proxy on the shared mock that ships to `central` and checks budgets in `mode` ("lease" or
// "central"), failing closed (a call central did not decide is refused, so none passes
// unchecked), with its calls labelled source_app = `source_app`. `preflight_yaml` adds
// preflight.* lines ("  timeout_ms: 2000\n").
DaemonSettings BudgetProxySettings(BudgetCentral& central, std::string_view mode,
                                   const std::string& source_app,
                                   const std::string& preflight_yaml = "");

// The Cloud TTS call above through `proxy`, marked with `marker` at the mock.
HttpRequest BudgetTtsRequest(const CostgateProcess& proxy, std::string_view marker);

}  // namespace costgate::integration
