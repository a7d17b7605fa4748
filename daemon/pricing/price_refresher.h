// The scheduled refresh of the LiteLLM price feed (pricing.refresh.url): a thread that, shortly
// after start and then every pricing.refresh.interval, downloads the feed, validates it, saves
// it to pricing.history_dir (in force from that moment), rebuilds the price book from every
// source and publishes it. A failure at any step is logged ("price refresh failed", with the
// reason and the version kept) and changes nothing: the last good book stays in force.
//
// Namespace price_refresh rather than "pricing": inside costgate::daemon a nested "pricing"
// would hide costgate::pricing from every daemon file.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>

#include "config/config.h"
#include "daemon/log/logger.h"
#include "pricing/book_holder.h"

namespace costgate::daemon::price_refresh {

// Outcomes since the process started (costgate_price_refresh_total{result}). Owned by the
// server for the whole process, so that a refresher replaced on reload keeps counting.
struct RefreshStats {
  std::atomic<uint64_t> ok{0};         // a new book was published
  std::atomic<uint64_t> unchanged{0};  // the feed had the prices already in force
  std::atomic<uint64_t> failed{0};     // download, validation, saving or loading failed
};

// kStopped: a stop cut the download short (shutdown); neither counted nor logged.
enum class RefreshResult { kOk, kUnchanged, kFailed, kStopped };

class PriceRefresher {
 public:
  // Starts the thread; the first attempt comes after `first_delay`. `pricing.refresh.url` must
  // be set. `holder`, `stats` and `logger` must outlive this object.
  PriceRefresher(config::PricingConfig pricing, costgate::pricing::PriceBookHolder& holder,
                 RefreshStats& stats, log::Logger& logger,
                 std::chrono::milliseconds first_delay = std::chrono::seconds(1));
  // Stops the thread, interrupting a wait or a download in progress, and joins it.
  ~PriceRefresher();
  PriceRefresher(const PriceRefresher&) = delete;
  PriceRefresher& operator=(const PriceRefresher&) = delete;

  // One refresh on the calling thread, as the thread does it on its schedule (one at a time).
  // `stop` cuts a download short.
  RefreshResult RefreshOnce(std::stop_token stop = {});

 private:
  void Run(std::stop_token stop);
  // Logs the failure and counts it.
  RefreshResult Failed(const std::string& reason);
  // The attempt's outcome in the holder's load log (pricing/book_load_log.h).
  void Note(std::string result, std::string error, std::string version);

  const config::PricingConfig pricing_;
  costgate::pricing::PriceBookHolder& holder_;
  RefreshStats& stats_;
  log::Logger& logger_;
  const std::chrono::milliseconds first_delay_;
  std::mutex refresh_mutex_;  // one refresh at a time
  std::mutex mutex_;          // for the wait only
  std::condition_variable_any wake_;
  std::jthread thread_;  // last: stopped and joined before the members above go
};

}  // namespace costgate::daemon::price_refresh
