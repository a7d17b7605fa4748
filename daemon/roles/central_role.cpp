#include "daemon/roles/central_role.h"

#include <cstdio>
#include <string>
#include <variant>

#include "base/clock.h"
#include "base/sha256.h"
#include "central/alerts/targets.h"
#include "central/keys/password_hash.h"
#include "daemon/roles/dashboard_dir.h"

namespace costgate::daemon::roles {
namespace {

void RegisterBodyBudgetMetrics(metrics::ProxyMetrics& metrics,
                               const central_api::BodyBudget& budget) {
  metrics.registry().AddCallback(
      metrics::MetricType::kGauge, "costgate_central_body_bytes_buffered",
      "Request-body bytes central holds in memory now (as received and gzip-decoded), out of "
      "central.max_buffered_body_bytes.",
      [&budget] { return static_cast<double>(budget.buffered()); });
  metrics.registry().AddCallback(metrics::MetricType::kCounter,
                                 "costgate_central_overload_refusals_total",
                                 "Requests answered 503 overloaded because their body did not fit "
                                 "central.max_buffered_body_bytes.",
                                 [&budget] { return static_cast<double>(budget.refusals()); });
}

// A setup token lives a day: long enough to open the link after a first start, short enough
// that a forgotten one does not wait for whoever finds the log.
constexpr int64_t kSetupTokenTtlMs = int64_t{24} * 60 * 60 * 1000;

// "0.0.0.0" and "::" listen everywhere; a browser on this machine reaches them at loopback.
std::string BrowserHost(const std::string& host) {
  if (host.empty() || host == "0.0.0.0") {
    return "127.0.0.1";
  }
  if (host == "::") {
    return "[::1]";
  }
  return host.find(':') != std::string::npos ? "[" + host + "]" : host;
}

}  // namespace

void CentralRole::OfferSetup(const config::CentralConfig& settings) {
  std::string token;
  service_->RunNow([this, &token] {
    central::StoreResult<bool> has_admin = store_->HasAdminAccount();
    if (!std::holds_alternative<bool>(has_admin) || std::get<bool>(has_admin)) {
      return;
    }
    std::string fresh = central::RandomToken();
    if (!store_->SetSetupToken(base::Sha256Hex(fresh), base::NowUnixMs() + kSetupTokenTtlMs)) {
      token = std::move(fresh);
    }
  });
  if (token.empty()) {
    return;
  }
  const std::string url = "http://" + BrowserHost(settings.listen.address) + ":" +
                          std::to_string(settings.listen.port) + "/setup#token=" + token;
  // Printed, not only logged: the person starting central for the first time reads the
  // terminal. The token is in the URL's fragment, which browsers never send to a server or a
  // proxy's log. It is shown this once; a restart without an admin makes a new one.
  std::printf("open %s to create the first admin account (or run `costgate admin create`)\n",
              url.c_str());
  std::fflush(stdout);
  logger_.Info("no admin account: setup link printed on stdout, valid 24 h").Emit();
}

std::unique_ptr<central_api::ReadPool> CentralRole::OpenReaders(
    const config::CentralConfig& settings, pricing::PriceBookHolder& prices) {
  if (settings.read_threads == 0 || settings.store.path == ":memory:") {
    return nullptr;
  }
  auto opened = central_api::ReadPool::Open(settings.store, static_cast<int>(settings.read_threads),
                                            prices, api_->limits(), static_files_.get());
  if (auto* error = std::get_if<std::string>(&opened)) {
    // Reads still work, on the writer's thread: slower under load, never wrong.
    logger_.Warn("reads run on the writer's thread").Str("error", *error).Emit();
    return nullptr;
  }
  return std::move(std::get<std::unique_ptr<central_api::ReadPool>>(opened));
}

CentralRole::~CentralRole() = default;

bool CentralRole::OpenStore(const config::CentralConfig& settings) {
  auto opened = central::OpenStore(settings.store, settings.synchronous);
  if (auto* error = std::get_if<central::StoreError>(&opened)) {
    logger_.Error("cannot open the central database")
        .Str("path", settings.store.path)
        .Str("error", error->message)
        .Emit();
    return false;
  }
  store_ = std::move(std::get<std::unique_ptr<central::Store>>(opened));
  // The analytics' local days: rebuilt from the events when the zone changed since last time.
  central::StoreResult<bool> zone = store_->SetAnalyticsTimeZone(settings.time_zone);
  if (auto* error = std::get_if<central::StoreError>(&zone)) {
    logger_.Error("cannot set central.time_zone")
        .Str("time_zone", settings.time_zone)
        .Str("error", error->message)
        .Emit();
    return false;
  }
  if (std::get<bool>(zone)) {
    logger_.Info("analytics day rollups rebuilt for central.time_zone")
        .Str("time_zone", settings.time_zone)
        .Emit();
  }
  return OpenStaticFiles(settings);
}

bool CentralRole::OpenStaticFiles(const config::CentralConfig& settings) {
  if (settings.static_dir == kStaticDirOff) {
    return true;
  }
  std::string dir = settings.static_dir;
  if (dir.empty()) {
    dir = FindBuiltDashboard(OwnExecutable());
    if (dir.empty()) {
      // Not an error: central's API works without it (a source checkout before its first build).
      logger_.Info("no dashboard to serve")
          .Str("hint",
               "build it with `npm ci && npm run build` in dashboard/ (scripts/start.sh does), "
               "or set central.static_dir")
          .Emit();
      return true;
    }
  }
  auto files = central::StaticFiles::Open(dir);
  if (auto* error = std::get_if<std::string>(&files)) {
    logger_.Error("cannot start").Str("error", *error).Emit();
    return false;
  }
  static_files_ = std::move(std::get<std::unique_ptr<central::StaticFiles>>(files));
  // Port 0 (an ephemeral port, tests) is known only once listening: its line says which.
  const std::string url =
      settings.listen.port == 0
          ? ""
          : "http://" + settings.listen.address + ":" + std::to_string(settings.listen.port) + "/";
  logger_.Info("serving the dashboard").Str("dir", dir).Str("url", url).Emit();
  return true;
}

void CentralRole::StartApi(const config::CentralConfig& settings, pricing::PriceBookHolder& prices,
                           metrics::ProxyMetrics& metrics) {
  api_ = std::make_unique<central::Api>(
      *store_, prices,
      central::ApiLimits{settings.max_batch_events, settings.max_body_bytes,
                         settings.max_buffered_body_bytes, settings.budget_lease_ttl.count(),
                         settings.preflight_hold_ttl.count()},
      static_files_.get());
  service_ = std::make_unique<central_api::ApiService>(*api_, OpenReaders(settings, prices));
  site_ = std::make_unique<central_api::CentralSite>(*service_);
  RegisterBodyBudgetMetrics(metrics, service_->body_budget());
  logger_.Info("central database open").Str("path", settings.store.path).Emit();
}

void CentralRole::StartAlerts(const config::AlertsConfig& alerts) {
  // On the API's own thread, which is the only one that reads the targets.
  service_->RunNow(
      [this, &alerts] { api_->set_alert_targets(central::alerts::AlertTargets(alerts)); });
  alert_sender_ = std::make_unique<alerts::AlertSender>(
      alerts,
      [this](const std::function<void(central::Store&)>& job) {
        service_->RunNow([this, &job] { job(*store_); });
      },
      logger_);
  alert_sender_->Start();
}

void CentralRole::StartPriceAdmin(const config::PricingConfig& pricing,
                                  const price_refresh::RefreshStats& stats) {
  // On the API's own thread, which answers the routes that read or change these.
  service_->RunNow([this, &pricing, &stats] {
    api_->price_control().Configure(pricing, [&stats] {
      return "{\"since\":\"start\",\"ok\":" + std::to_string(stats.ok.load()) +
             ",\"unchanged\":" + std::to_string(stats.unchanged.load()) +
             ",\"failed\":" + std::to_string(stats.failed.load()) + "}";
    });
  });
}

}  // namespace costgate::daemon::roles
