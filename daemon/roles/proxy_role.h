// The proxy role's parts, put together once for `costgate proxy` and `costgate all`: the
// outbox writer, the shipper, the services its requests use, and its site on the server core.
#pragma once

#include <memory>

#include "config/config.h"
#include "daemon/budget/gate_service.h"
#include "daemon/log/logger.h"
#include "daemon/metrics/proxy_metrics.h"
#include "daemon/outbox/receipt_writer.h"
#include "daemon/proxy/proxy_services.h"
#include "daemon/proxy/proxy_site.h"
#include "daemon/shipper/batch_transport.h"
#include "daemon/shipper/shipper.h"
#include "filters/filter_stats.h"
#include "pricing/book_holder.h"

namespace costgate::daemon::roles {

class ProxyRole {
 public:
  // Everything passed in outlives the role; its counters appear on `metrics` until Stop.
  ProxyRole(log::Logger& logger, metrics::ProxyMetrics& metrics, pricing::PriceBookHolder& prices);
  ~ProxyRole();  // Stop
  ProxyRole(const ProxyRole&) = delete;
  ProxyRole& operator=(const ProxyRole&) = delete;

  // Resolves preflight.mode and, unless it is off, starts the budget gates (lease mode: the
  // first sync with central begins). `central_in_process`: `costgate all`, whose central
  // `transports` reach (null members: over HTTP at shipper.url). False, logged with the YAML
  // path, when the mode cannot be served. Before Open: every generation's gate comes from it.
  bool OpenBudgets(const config::Config& config, bool central_in_process,
                   budget::GateService::Transports transports);
  // A gate that replaces the configured ones (tests script one; it outlives the role). Before
  // Open: the chains built from then on use it.
  void SetBudgetGate(filters::preflight::BudgetGate* gate) { services_.budget_gate = gate; }
  // Opens the outbox (a failure degrades metering and is logged: receipts wait in memory) and
  // prepares generation 1 of `config`. False, logged, when the configuration cannot be served
  // (an upstream's CA file).
  bool Open(const std::shared_ptr<const config::Config>& config);
  // Ships receipts to `transport`, or, when null, to shipper.url (none when empty).
  void StartShipping(const config::ShipperConfig& shipper,
                     std::unique_ptr<shipper::BatchTransport> transport);
  // After the drain (the last request completed): commits the receipts still queued, then gives
  // the shipper up to shipper.drain to send what central does not have yet (logged). What it
  // could not send stays in the outbox for the next start.
  void ShipBeforeExit();
  // Stops the budget gates (lease mode returns the unused leases), the shipper, then the writer
  // (after its last receipts); idempotent. After the last request completed.
  void Stop();

  server::Site& site() { return site_; }
  const outbox::ReceiptWriter& writer() const { return writer_; }

 private:
  log::Logger& logger_;
  metrics::ProxyMetrics& metrics_;
  outbox::ReceiptWriter writer_;
  filters::FilterStats filter_stats_;
  std::unique_ptr<budget::GateService> gates_;  // null: preflight off
  proxy::ProxyServices services_;
  proxy::ProxySite site_;
  std::unique_ptr<shipper::Shipper> shipper_;
  bool stopped_ = false;
};

}  // namespace costgate::daemon::roles
