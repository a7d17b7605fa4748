#include "daemon/metrics/proxy_metrics.h"

#include <charconv>
#include <utility>

namespace costgate::daemon::metrics {
namespace {

// LLM calls range from a cached countTokens (milliseconds) to long generations (minutes).
const std::vector<double> kLatencyBuckets = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1,
                                             2.5,   5,    10,    20,   30,  60,   120};

std::string_view ProviderLabel(std::string_view provider) {
  return provider.empty() ? std::string_view("none") : provider;
}

}  // namespace

ProxyMetrics::ProxyMetrics(std::string_view version)
    : requests_(registry_.AddCounter("costgate_requests_total",
                                     "Requests answered, by provider, operation and HTTP status.",
                                     {"provider", "operation", "status"})),
      upstream_latency_(
          registry_.AddHistogram("costgate_upstream_latency_seconds",
                                 "Time from request sent upstream to response head received.",
                                 {"provider"}, kLatencyBuckets)),
      request_bytes_(registry_.AddCounter("costgate_request_bytes_total",
                                          "Request body bytes received from clients.",
                                          {"provider"})),
      response_bytes_(registry_.AddCounter("costgate_response_bytes_total",
                                           "Response body bytes sent to clients.", {"provider"})),
      local_replies_(registry_.AddCounter("costgate_local_replies_total",
                                          "Responses made by the daemon itself, by reason.",
                                          {"reason"})),
      upstream_errors_(registry_.AddCounter("costgate_upstream_errors_total",
                                            "Upstream failures, by provider and reason.",
                                            {"provider", "reason"})),
      open_connections_(
          registry_.AddGauge("costgate_open_connections", "Open client connections.")),
      in_flight_(registry_.AddGauge("costgate_requests_in_flight", "Requests being served.")) {
  AddReceiptSeries();
  AddShipperSeries();
  registry_.AddCallback(MetricType::kGauge, "costgate_build_info",
                        "Always 1; the version label names the running build.", {"version"},
                        [v = std::string(version)] {
                          return std::vector<Sample>{{{v}, 1}};
                        });
}

void ProxyMetrics::CountRequest(std::string_view provider, std::string_view operation,
                                int http_status, OperationName name) {
  if (name == OperationName::kFromClient) {
    operation = BoundedClientOperation(provider, operation);
  }
  char status[16];
  const auto end = std::to_chars(status, status + sizeof(status), http_status).ptr;
  requests_.Add({ProviderLabel(provider), operation,
                 std::string_view(status, static_cast<size_t>(end - status))});
}

std::string_view ProxyMetrics::BoundedClientOperation(std::string_view provider,
                                                      std::string_view operation) {
  std::string key;
  key.reserve(provider.size() + 1 + operation.size());
  key.append(provider).append(" ").append(operation);
  const std::lock_guard lock(client_operations_mutex_);
  if (client_operations_.contains(key)) {
    return operation;
  }
  if (client_operations_.size() >= kMaxClientOperationNames) {
    return "other";
  }
  client_operations_.insert(std::move(key));
  return operation;
}

void ProxyMetrics::ObserveUpstreamLatency(std::string_view provider,
                                          std::chrono::nanoseconds latency) {
  upstream_latency_.Observe({ProviderLabel(provider)},
                            std::chrono::duration<double>(latency).count());
}

void ProxyMetrics::AddRequestBytes(std::string_view provider, uint64_t bytes) {
  request_bytes_.Add({ProviderLabel(provider)}, bytes);
}

void ProxyMetrics::AddResponseBytes(std::string_view provider, uint64_t bytes) {
  response_bytes_.Add({ProviderLabel(provider)}, bytes);
}

void ProxyMetrics::CountLocalReply(std::string_view reason) { local_replies_.Add({reason}); }

void ProxyMetrics::CountUpstreamError(std::string_view provider, std::string_view reason) {
  upstream_errors_.Add({ProviderLabel(provider), reason});
}

void ProxyMetrics::AddReceiptSeries() {
  using outbox::ReceiptStats;
  const auto receipt_series = [this](std::string name, std::string help,
                                     std::atomic<uint64_t> ReceiptStats::*field, MetricType type) {
    registry_.AddCallback(type, std::move(name), std::move(help),
                          [this, field] { return static_cast<double>(ReceiptStat(field)); });
  };
  receipt_series("costgate_receipts_written_total", "Receipts committed to the local outbox.",
                 &ReceiptStats::written, MetricType::kCounter);
  receipt_series("costgate_receipts_dropped_total",
                 "Receipts lost because the outbox queue was full or the writer stopped.",
                 &ReceiptStats::dropped, MetricType::kCounter);
  receipt_series("costgate_receipts_write_errors_total", "Failed outbox transactions (retried).",
                 &ReceiptStats::write_errors, MetricType::kCounter);
  receipt_series("costgate_receipts_intents_written_total",
                 "Intents committed because their call outlasted a group commit.",
                 &ReceiptStats::intents_written, MetricType::kCounter);
  receipt_series("costgate_receipts_intents_coalesced_total",
                 "Intents never written because the call's final receipt came in the same batch.",
                 &ReceiptStats::intents_coalesced, MetricType::kCounter);
  receipt_series("costgate_receipts_interrupted_recovered_total",
                 "Calls left in flight by a crash, closed as interrupted at start.",
                 &ReceiptStats::intents_recovered, MetricType::kCounter);
  receipt_series("costgate_receipts_outbox_failing",
                 "1 while the receipts database cannot be opened or written to.",
                 &ReceiptStats::failing, MetricType::kGauge);
  receipt_series("costgate_receipts_outbox_quarantined_total",
                 "Damaged receipts databases moved aside (<path>.damaged-<unix ms>).",
                 &ReceiptStats::quarantined, MetricType::kCounter);
  receipt_series("costgate_receipts_queue_depth", "Receipts in memory, not yet committed.",
                 &ReceiptStats::queue_depth, MetricType::kGauge);
  receipt_series("costgate_receipts_outbox_full",
                 "1 while the receipts database is at receipts.max_db_bytes (receipts not stored).",
                 &ReceiptStats::full, MetricType::kGauge);
  receipt_series("costgate_receipts_dropped_full_total",
                 "Receipts not stored because the receipts database was full.",
                 &ReceiptStats::dropped_full, MetricType::kCounter);
  receipt_series("costgate_receipts_deleted_total",
                 "Shipped receipts deleted from the outbox by retention (receipts.retention).",
                 &ReceiptStats::deleted, MetricType::kCounter);
}

void ProxyMetrics::AddShipperSeries() {
  using shipper::ShipperStats;
  registry_.AddCallback(MetricType::kGauge, "costgate_shipper_backlog",
                        "Committed receipts not shipped to central yet.", [this] {
                          return static_cast<double>(ShipperStat(&ShipperStats::backlog));
                        });
  registry_.AddCallback(
      MetricType::kGauge, "costgate_shipper_oldest_unshipped_seconds",
      "Age of the oldest receipt not shipped to central yet; 0 when none.", [this] {
        return static_cast<double>(ShipperStat(&ShipperStats::oldest_unshipped_age_ms)) / 1000.0;
      });
  registry_.AddCallback(
      MetricType::kGauge, "costgate_shipper_last_status",
      "HTTP status of the shipper's last request to central; 0: no answer.",
      [this] { return static_cast<double>(ShipperStat(&ShipperStats::last_status)); });
  registry_.AddCallback(
      MetricType::kCounter, "costgate_shipper_batches_total",
      "Batches sent to central: sent (answered with results) or failed.", {"result"}, [this] {
        return std::vector<Sample>{
            {{"failed"}, static_cast<double>(ShipperStat(&ShipperStats::batches_failed))},
            {{"sent"}, static_cast<double>(ShipperStat(&ShipperStats::batches_sent))}};
      });
  registry_.AddCallback(
      MetricType::kCounter, "costgate_shipper_events_total",
      "Receipts central answered for: stored, duplicate (had it already) or rejected.", {"result"},
      [this] {
        return std::vector<Sample>{
            {{"duplicate"}, static_cast<double>(ShipperStat(&ShipperStats::events_duplicate))},
            {{"rejected"}, static_cast<double>(ShipperStat(&ShipperStats::events_rejected))},
            {{"stored"}, static_cast<double>(ShipperStat(&ShipperStats::events_stored))}};
      });
}

uint64_t ProxyMetrics::ReceiptStat(std::atomic<uint64_t> outbox::ReceiptStats::*field) const {
  const outbox::ReceiptStats* stats = receipt_stats_.load(std::memory_order_acquire);
  return stats == nullptr ? 0 : (stats->*field).load(std::memory_order_relaxed);
}

}  // namespace costgate::daemon::metrics
