#include "tests/integration/budget_e2e_helpers.h"

#include <gtest/gtest.h>

#include <sstream>
#include <thread>
#include <variant>

#include "base/clock.h"
#include "central/store/open_store.h"
#include "pricing/money.h"
#include "tests/integration/json_helpers.h"

namespace costgate::integration {

bool BudgetPollUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    if (done()) {
      return true;
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // polling, bounded above
  }
}

BudgetCentral::BudgetCentral(int64_t lease_ttl_ms, int64_t hold_ttl_ms)
    : central_(std::make_unique<CentralUnderTest>(
          0, "  budget_lease_ttl_ms: " + std::to_string(lease_ttl_ms) +
                 "\n  preflight_hold_ttl_ms: " + std::to_string(hold_ttl_ms) + "\n")) {
  admin_key_ = central_->CreateKey(UniqueToken("budget-admin"), "budget-admin", "admin");
}

std::string BudgetCentral::ProxyKey(const std::string& source_app) {
  return central_->CreateKey(UniqueToken("budget-proxy"), source_app, "ship,preflight");
}

HttpResponse BudgetCentral::Admin(const std::string& method, const std::string& path,
                                  const std::string& body) {
  HttpRequest request;
  request.method = method;
  request.url = central_->Url(path);
  request.headers = {"X-API-Key: " + admin_key_, "Content-Type: application/json"};
  if (!body.empty()) {
    request.body = body;
  }
  return Http(request);
}

std::string BudgetCentral::CreateHardBudget(const std::string& name, const std::string& source_app,
                                            int64_t amount_pico) {
  const HttpResponse r = Admin("POST", "/admin/v1/budgets",
                               R"({"name":")" + name + R"(","scope":{"source_app":")" + source_app +
                                   R"("},"period":"monthly","amount_usd":")" +
                                   pricing::FormatUsd(pricing::Money::FromPico(amount_pico), 12) +
                                   R"(","hard_limit":true,"thresholds_percent":[]})");
  EXPECT_TRUE(r.status == 200 || r.status == 201) << r.status << " " << r.body;
  EXPECT_EQ(JsonInt(r.body, "/amount_pico_usd"), amount_pico) << r.body;
  return JsonString(r.body, "/id").value_or("");
}

int64_t BudgetCentral::Spent(const std::string& budget_id) {
  const HttpResponse r = Admin("GET", "/admin/v1/budgets/" + budget_id);
  return JsonInt(r.body, "/spend/spent_pico_usd").value_or(-1);
}

std::string BudgetCentral::PeriodKey(const std::string& budget_id) {
  const HttpResponse r = Admin("GET", "/admin/v1/budgets/" + budget_id);
  return JsonString(r.body, "/spend/period_key").value_or("");
}

int64_t BudgetCentral::Committed(const std::string& budget_id) {
  // Another writer of central's database, as the CLI is: GetCommitted purges what expired.
  auto opened = central::OpenStore(
      {config::StoreLocation::Kind::kSqlite, (central_->dir() / "central.db").string()},
      config::SqliteSynchronous::kNormal);
  if (auto* error = std::get_if<central::StoreError>(&opened)) {
    ADD_FAILURE() << error->message;
    return -1;
  }
  auto& store = *std::get<std::unique_ptr<central::Store>>(opened);
  const auto committed = store.GetCommitted(budget_id, PeriodKey(budget_id), base::NowUnixMs());
  if (const auto* money = std::get_if<pricing::Money>(&committed)) {
    return money->pico();
  }
  ADD_FAILURE() << "GetCommitted failed";
  return -1;
}

int64_t BudgetCentral::EventCostSum(const std::string& source_app) const {
  const auto rows =
      QueryRows(central_->dir() / "central.db",
                "SELECT coalesce(sum(cost_pico_usd), 0) AS total FROM events WHERE source_app = ?1",
                {source_app});
  return rows.empty() ? 0 : rows[0].Int("total").value_or(0);
}

int64_t BudgetCentral::EventCount(const std::string& source_app) const {
  const auto rows =
      QueryRows(central_->dir() / "central.db",
                "SELECT count(*) AS n FROM events WHERE source_app = ?1", {source_app});
  return rows.empty() ? 0 : rows[0].Int("n").value_or(0);
}

std::string BudgetCentral::LedgerRows(const std::string& budget_id) const {
  std::ostringstream out;
  const auto db = central_->dir() / "central.db";
  for (const auto& row :
       QueryRows(db, "SELECT * FROM budget_holds WHERE budget_id = ?1", {budget_id})) {
    out << "hold " << row.Text("hold_id") << " amount " << row.Text("amount_pico_usd")
        << " expires " << row.Text("expires_unix_ms") << "\n";
  }
  for (const auto& row :
       QueryRows(db, "SELECT * FROM budget_leases WHERE budget_id = ?1", {budget_id})) {
    out << "lease " << row.Text("holder") << " granted " << row.Text("granted_pico_usd")
        << " ingested " << row.Text("ingested_pico_usd") << " expires "
        << row.Text("expires_unix_ms") << "\n";
  }
  out << "now " << base::NowUnixMs() << "\n";
  return out.str();
}

bool BudgetCentral::WaitForSettled(const std::string& budget_id, const std::string& source_app,
                                   int64_t events, std::chrono::milliseconds timeout) {
  int64_t spent = -1;
  int64_t committed = -1;
  int64_t costs = -1;
  int64_t stored = -1;
  const bool settled = BudgetPollUntil(
      [&] {
        stored = EventCount(source_app);
        costs = EventCostSum(source_app);
        spent = Spent(budget_id);
        committed = Committed(budget_id);
        return stored == events && spent == costs && committed == spent;
      },
      timeout);
  if (!settled) {
    ADD_FAILURE() << "budget " << budget_id << " not settled: " << stored << " of " << events
                  << " events stored, costing " << costs << "; spent " << spent << ", committed "
                  << committed << "\n"
                  << LedgerRows(budget_id);
  }
  return settled;
}

DaemonSettings BudgetProxySettings(BudgetCentral& central, std::string_view mode,
                                   const std::string& source_app,
                                   const std::string& preflight_yaml) {
  DaemonSettings settings = MockUpstreamSettings();
  settings.labels = {{"source_app", source_app}};
  settings.extra_yaml = ShipperYaml(central.central().Url(), central.ProxyKey(source_app)) +
                        "preflight:\n  mode: " + std::string(mode) + "\n  fail_closed: true\n" +
                        preflight_yaml;
  return settings;
}

HttpRequest BudgetTtsRequest(const CostgateProcess& proxy, std::string_view marker) {
  HttpRequest request;
  request.method = "POST";
  request.url = proxy.Url(kBudgetTtsPath);
  request.headers = {"Content-Type: application/json", "x-goog-api-key: budget-key",
                     std::string(kMarkerHeader) + ": " + std::string(marker)};
  request.body = std::string(kBudgetTtsBody);
  request.timeout_ms = 30'000;
  return request;
}

}  // namespace costgate::integration
