// Central's alert sender: a thread that delivers the alerts the store recorded, and checks every
// budget's alerts periodically (what time alone makes due).
//
// Each round it claims the soonest due pending delivery (Store::ClaimDeliveries: one attempt,
// claimed for alerts.timeout + kClaimMarginMs so no other central replica takes it meanwhile),
// attempts it (attempt_delivery.h), records the outcome (Store::FinishAttempt: sent; or retried
// after alerts.retry's backoff; or failed after retry.max_attempts) and logs it. Nothing is held
// in memory between rounds: a pending delivery left by a stop, a crash or another replica is
// picked up from the table, so deliveries resume after a restart. With nothing due it sleeps
// until the next delivery is due, the next periodic check, or kPollMs, whichever comes first
// (deliveries recorded by ingest, here or on another replica, are found by the poll).
//
// The store is only touched through `writer`, which runs a job on the store's one writing
// connection (central's API thread: ApiService::RunNow) and waits for it.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <stop_token>
#include <thread>
#include <vector>

#include "central/alerts/retry.h"
#include "central/budgets/spend_increments.h"
#include "central/store/store.h"
#include "config/alerts_config.h"
#include "daemon/log/logger.h"

namespace costgate::daemon::alerts {

class AlertSender {
 public:
  using WriterAccess = std::function<void(const std::function<void(central::Store&)>&)>;
  using Clock = int64_t (*)();  // unix milliseconds

  static constexpr int64_t kPollMs = 1'000;
  static constexpr int64_t kClaimMarginMs = 60'000;

  // `logger` must outlive the sender. Nothing runs before Start().
  AlertSender(config::AlertsConfig config, WriterAccess writer, const log::Logger& logger,
              Clock clock = nullptr);
  ~AlertSender();  // stops
  AlertSender(const AlertSender&) = delete;
  AlertSender& operator=(const AlertSender&) = delete;

  // Starts the thread; call once, on the main thread (libcurl's global init is not thread-safe).
  void Start();
  // Interrupts a wait or a delivery in flight (recorded as a retry due at once) and joins the
  // thread; idempotent.
  void Stop();

 private:
  void Run(std::stop_token stop);
  // One round; returns how long to wait before the next (ms).
  int64_t Round(std::stop_token stop);
  void CheckBudgets(int64_t now);
  void Deliver(const central::ClaimedDelivery& claimed, std::stop_token stop);
  void LogStoreError(std::string_view what, const central::StoreError& error);
  // At start: a secret file unreadable or a variable unset is named now, not at the first alert.
  void LogUnusableSecrets() const;

  const config::AlertsConfig config_;
  const std::vector<central::DeliveryTarget> targets_;
  const central::alerts::RetryPolicy policy_;
  WriterAccess writer_;
  const log::Logger& logger_;
  Clock clock_;

  // Sender thread only (the zones are used inside writer jobs, which the thread waits for).
  central::budgets::ZoneCache zones_;
  int64_t next_check_ms_ = 0;
  bool store_error_logged_ = false;

  std::mutex wait_mu_;
  std::condition_variable_any wake_;
  std::mutex stop_mu_;
  std::jthread thread_;  // last: stopped and joined before the members above go
};

}  // namespace costgate::daemon::alerts
