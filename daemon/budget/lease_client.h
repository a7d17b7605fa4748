// LeaseClient: keeps the LeaseBook in step with central (budgets-design.md, "Lease protocol"),
// on a thread of its own: POST /v1/budget/leases with this holder's use of each lease, and the
// answer applied to the book.
//
// When it syncs:
//  - at Start (an empty report: which budgets exist, and a first lease of each hard one);
//  - when the book says so: a third of the lease TTL after the last answer, or at a budget's
//    period end (a new period, new leases);
//  - soon after a lease falls below half of what central last added (Poke);
//  - at once for a call that could not reserve (SyncFor): the book recorded what it needs, and
//    the call hears the outcome of the first sync that carries it.
// After a failed sync it retries with the shipper's backoff (shipper.backoff_first doubling to
// backoff_max); meanwhile unreachable() is true and calls do not wait for central at all.
// Stop ends the loop, then sends one last request releasing every lease (release=true: central
// shrinks each to what was used), so the budget's unused rest is free for the other proxies at
// once rather than when the lease expires.
//
// Transport: a shipper::BatchTransport (its PostBatch posts a JSON body to central with the
// shipper's key): CentralClient on <shipper.url>/v1/budget/leases for `costgate proxy`, central's
// own handler for `costgate all` (daemon/roles/in_process_budget.h).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

#include "config/config.h"
#include "daemon/budget/budget_stats.h"
#include "daemon/budget/lease_book.h"
#include "daemon/log/logger.h"
#include "daemon/shipper/api_key.h"
#include "daemon/shipper/batch_transport.h"
#include "filters/task.h"

namespace costgate::daemon::budget {

enum class SyncOutcome : uint8_t {
  kAnswered,  // central answered and the book has its answer
  kFailed,    // no usable answer (unreachable, refused, unreadable)
  kTimedOut,  // the waiter's own deadline passed first (sent by the gate's timer)
};

class LeaseClient {
 public:
  struct Settings {
    std::string holder;             // this proxy's holder id
    config::ShipperConfig shipper;  // the key (api_key / api_key_file) and the retry backoff
    // A need central did not meet denies calls at once for this long (LeaseBook::Apply).
    int64_t dry_ms = 1000;
    int64_t (*now_ms)() = nullptr;  // the wall clock; null: base::NowUnixMs
  };

  // `book`, `logger` and `stats` outlive the client.
  LeaseClient(LeaseBook& book, std::unique_ptr<shipper::BatchTransport> transport,
              Settings settings, const log::Logger& logger, BudgetStats& stats);
  ~LeaseClient();  // Stop
  LeaseClient(const LeaseClient&) = delete;
  LeaseClient& operator=(const LeaseClient&) = delete;

  void Start();
  // Ends the loop (a sync in flight is cut short), releases every lease, joins. Idempotent.
  void Stop();

  using Waiter = filters::Answer<SyncOutcome>::Sender;
  // A sync now; `waiter` hears the outcome of the first sync that starts after this call.
  // Thread-safe.
  void SyncFor(Waiter waiter);
  // A sync soon, for nobody in particular. Thread-safe, cheap.
  void Poke();
  // The last sync got no usable answer (and none since). Cheap.
  bool unreachable() const { return unreachable_.load(std::memory_order_relaxed); }

 private:
  void Run(std::stop_token stop);
  SyncOutcome Sync(bool release, std::stop_token stop);
  // Waits until a sync is due, wanted, or a stop is requested.
  void WaitForTurn(std::stop_token stop);
  int64_t Now() const;

  LeaseBook& book_;
  std::unique_ptr<shipper::BatchTransport> transport_;
  Settings settings_;
  const log::Logger& logger_;
  BudgetStats& stats_;
  shipper::KeptApiKey api_key_;
  bool failing_logged_ = false;
  std::chrono::milliseconds backoff_{0};  // 0 after an answer
  std::atomic<bool> unreachable_{false};

  std::mutex mutex_;
  std::condition_variable_any wake_;
  bool wanted_ = false;          // a sync was asked for (SyncFor, Poke)
  std::vector<Waiter> waiters_;  // the calls waiting for the next sync
  std::mutex stop_mutex_;
  bool started_ = false;
  std::jthread thread_;
};

}  // namespace costgate::daemon::budget
