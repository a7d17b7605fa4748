// The costgate proxy's metric set, over a Registry (registry.h).
//
// Every method is safe from any thread and cheap on the request path (per-thread shards).
// Provider "" (a local endpoint, an unrouted request) is reported as "none".
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_set>

#include "daemon/metrics/registry.h"
#include "daemon/outbox/receipt_stats.h"
#include "daemon/shipper/shipper_stats.h"

namespace costgate::daemon::metrics {

class ProxyMetrics {
 public:
  explicit ProxyMetrics(std::string_view version);

  // Where an operation's name comes from. A known operation's name is one of the route table's;
  // an unknown operation's is taken from the request path, so a client could mint a new series
  // per request: only the first kMaxClientOperationNames such names get their own series (new
  // API surface stays visible), later ones count as operation "other".
  enum class OperationName { kKnown, kFromClient };
  static constexpr size_t kMaxClientOperationNames = 100;

  // costgate_requests_total{provider,operation,status}: one per finished request.
  void CountRequest(std::string_view provider, std::string_view operation, int http_status,
                    OperationName name = OperationName::kKnown);
  // costgate_upstream_latency_seconds{provider}: request sent -> response head.
  void ObserveUpstreamLatency(std::string_view provider, std::chrono::nanoseconds latency);
  // costgate_request_bytes_total / costgate_response_bytes_total{provider}: body bytes.
  void AddRequestBytes(std::string_view provider, uint64_t bytes);
  void AddResponseBytes(std::string_view provider, uint64_t bytes);
  // costgate_local_replies_total{reason}: responses the daemon made itself.
  void CountLocalReply(std::string_view reason);
  // costgate_upstream_errors_total{provider,reason}.
  void CountUpstreamError(std::string_view provider, std::string_view reason);
  // costgate_open_connections (client connections) and costgate_requests_in_flight.
  void ConnectionOpened() { open_connections_.Add({}, 1); }
  void ConnectionClosed() { open_connections_.Add({}, -1); }
  void RequestStarted() { in_flight_.Add({}, 1); }
  void RequestFinished() { in_flight_.Add({}, -1); }

  // The costgate_receipts_* series read `stats` at each render (zero until attached). `stats`
  // must outlive this object, or be detached with nullptr first.
  void AttachReceiptStats(const outbox::ReceiptStats* stats) {
    receipt_stats_.store(stats, std::memory_order_release);
  }

  // The costgate_shipper_* series read `stats` at each render (zero until attached). `stats`
  // must outlive this object, or be detached with nullptr first.
  void AttachShipperStats(const shipper::ShipperStats* stats) {
    shipper_stats_.store(stats, std::memory_order_release);
  }

  // True while the attached receipt writer cannot open or write its database (/readyz says so).
  bool OutboxFailing() const { return ReceiptStat(&outbox::ReceiptStats::failing) != 0; }
  // True while the attached receipt writer's database is at receipts.max_db_bytes.
  bool OutboxFull() const { return ReceiptStat(&outbox::ReceiptStats::full) != 0; }

  // For extra series (meter stats): Registry::AddCallback and friends.
  Registry& registry() { return registry_; }
  std::string Render() const { return registry_.Render(); }

 private:
  uint64_t ReceiptStat(std::atomic<uint64_t> outbox::ReceiptStats::*field) const;
  void AddReceiptSeries();
  void AddShipperSeries();
  // The attached shipper's value of `field`, 0 when none is attached.
  template <typename T>
  T ShipperStat(std::atomic<T> shipper::ShipperStats::*field) const {
    const shipper::ShipperStats* stats = shipper_stats_.load(std::memory_order_acquire);
    return stats == nullptr ? T{0} : (stats->*field).load(std::memory_order_relaxed);
  }

  // `operation`, or "other" once kMaxClientOperationNames client names have been seen.
  std::string_view BoundedClientOperation(std::string_view provider, std::string_view operation);

  std::mutex client_operations_mutex_;
  std::unordered_set<std::string> client_operations_;  // "provider operation"

  Registry registry_;
  Counter requests_;
  Histogram upstream_latency_;
  Counter request_bytes_;
  Counter response_bytes_;
  Counter local_replies_;
  Counter upstream_errors_;
  Gauge open_connections_;
  Gauge in_flight_;
  std::atomic<const outbox::ReceiptStats*> receipt_stats_{nullptr};
  std::atomic<const shipper::ShipperStats*> shipper_stats_{nullptr};
};

}  // namespace costgate::daemon::metrics
