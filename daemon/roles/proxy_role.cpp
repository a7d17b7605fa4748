#include "daemon/roles/proxy_role.h"

#include "daemon/budget/budget_metrics.h"
#include "daemon/proxy/filter_metrics.h"
#include "daemon/util/hostname.h"

namespace costgate::daemon::roles {

ProxyRole::ProxyRole(log::Logger& logger, metrics::ProxyMetrics& metrics,
                     pricing::PriceBookHolder& prices)
    : logger_(logger),
      metrics_(metrics),
      writer_(logger),
      services_{logger, metrics,          writer_,          filter_stats_,
                prices, util::Hostname(), COSTGATE_VERSION, nullptr},
      site_(services_) {
  metrics_.AttachReceiptStats(&writer_.stats());
  proxy::RegisterFilterStats(metrics_, filter_stats_);
}

ProxyRole::~ProxyRole() { Stop(); }

bool ProxyRole::OpenBudgets(const config::Config& config, bool central_in_process,
                            budget::GateService::Transports transports) {
  const budget::ResolvedMode resolved = budget::ResolveGateMode(config, central_in_process);
  if (!resolved.error.empty()) {
    logger_.Error("cannot start").Str("path", "preflight.mode").Str("error", resolved.error).Emit();
    return false;
  }
  if (resolved.mode == budget::GateMode::kOff) {
    logger_.Info("budget checks off").Emit();
    return true;
  }
  gates_ =
      std::make_unique<budget::GateService>(resolved.mode, config, std::move(transports), logger_);
  services_.gates = gates_.get();
  budget::RegisterBudgetMetrics(metrics_, *gates_);
  logger_.Info("budget checks")
      .Str("mode", budget::GateModeName(resolved.mode))
      .Str("holder", resolved.mode == budget::GateMode::kLease ? gates_->holder() : "")
      .Int("timeout_ms", config.preflight.timeout.count())
      .Bool("fail_closed", config.preflight.fail_closed)
      .Emit();
  gates_->Start();
  return true;
}

bool ProxyRole::Open(const std::shared_ptr<const config::Config>& config) {
  if (!config->receipts.host.empty()) {
    services_.host = config->receipts.host;  // before Prepare: the chain copies it
  }
  if (auto error = writer_.Open(config->receipts)) {
    // Metering degrades, the app does not: calls are forwarded and their receipts wait in
    // memory while the writer keeps retrying.
    logger_.Error("cannot open the receipts database; forwarding anyway, receipts wait in memory")
        .Str("path", config->receipts.path)
        .Str("error", *error)
        .Emit();
  }
  std::string error;
  if (!site_.Prepare(config, 1, error)) {
    logger_.Error("cannot start").Str("error", error).Emit();
    return false;
  }
  return true;
}

void ProxyRole::StartShipping(const config::ShipperConfig& shipper,
                              std::unique_ptr<shipper::BatchTransport> transport) {
  shipper_ = std::make_unique<shipper::Shipper>(shipper, writer_, logger_, std::move(transport));
  metrics_.AttachShipperStats(&shipper_->stats());
  shipper_->Start();
}

void ProxyRole::ShipBeforeExit() {
  if (!shipper_ || !shipper_->enabled()) {
    return;
  }
  writer_.Flush();
  const auto shipped_so_far = [this] {
    return shipper_->stats().events_stored.load() + shipper_->stats().events_duplicate.load();
  };
  const uint64_t before = shipped_so_far();
  const shipper::Shipper::DrainOutcome outcome = shipper_->Drain();
  const uint64_t shipped = shipped_so_far() - before;
  if (outcome.emptied) {
    logger_.Info("receipts shipped before exit")
        .Uint("events_shipped", shipped)
        .Int("took_ms", outcome.took.count())
        .Emit();
    return;
  }
  logger_
      .Warn(
          "shipping before exit stopped; unshipped receipts stay in the outbox for the next start")
      .Uint("events_shipped", shipped)
      .Uint("backlog", shipper_->stats().backlog.load())
      .Int("took_ms", outcome.took.count())
      .Int("shipper_drain_ms", shipper_->drain_budget().count())
      .Emit();
}

void ProxyRole::Stop() {
  if (stopped_) {
    return;
  }
  stopped_ = true;
  if (gates_) {
    gates_->Stop();  // its last report still reaches central, in process or over HTTP
  }
  if (shipper_) {
    shipper_->Stop();  // before the writer it asks for batches
  }
  writer_.Stop();
  metrics_.AttachShipperStats(nullptr);
  metrics_.AttachReceiptStats(nullptr);
}

}  // namespace costgate::daemon::roles
