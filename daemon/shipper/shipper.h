// The shipper: a thread that sends committed receipts to central (POST <shipper.url>/v1/usage
// /batch, docs/usage-batch.md) and marks them shipped only when central's answer names them.
//
// Each round it asks the outbox writer for up to the batch limit (shipper.batch_max) of closed,
// unshipped receipts, oldest first. A batch that is not full is held back until its oldest
// receipt has waited shipper.batch_age. The batch goes out as JSON, gzip-compressed when
// shipper.gzip, with the API key (shipper.api_key, else shipper.api_key_file). Then:
//   - 200: receipts named stored or duplicate are marked shipped, those named rejected are kept
//     with their reason, logged at error and never sent again; receipts not named stay unshipped
//     and go in a later batch. The next round starts at once.
//   - no answer, 5xx, 408, 429: retried after a backoff from shipper.backoff_first, doubling up
//     to shipper.backoff_max, with full jitter.
//   - 413: the batch limit is halved (down to 1), and as below.
//   - any other status (400, 401, 403, ...): logged at error once per status until a batch goes
//     through, and retried only every shipper.backoff_max; the key file is read again, so a key
//     fixed by an operator is used without a restart.
// On exit (Drain) it sends what is left at once, full batches or not, for up to shipper.drain.
// The request path never waits on the shipper; the shipper waits on the writer thread only for
// the few milliseconds of its reads and updates.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <random>
#include <set>
#include <stop_token>
#include <string>
#include <thread>

#include "config/config.h"
#include "daemon/log/logger.h"
#include "daemon/outbox/receipt_writer.h"
#include "daemon/shipper/api_key.h"
#include "daemon/shipper/central_client.h"
#include "daemon/shipper/ship_policy.h"
#include "daemon/shipper/ship_response.h"
#include "daemon/shipper/shipper_stats.h"

namespace costgate::daemon::shipper {

class Shipper {
 public:
  // With nothing to send, the outbox is asked again after batch_age, but not more often than
  // this (batch_age may be 0).
  static constexpr Millis kIdlePollMin{100};

  // `writer` and `logger` must outlive the shipper. Nothing runs before Start(). Batches go to
  // `transport`, or, when null, to shipper.url over HTTP (none when the url is empty).
  Shipper(config::ShipperConfig config, outbox::ReceiptWriter& writer,
          const log::Logger& logger = log::Default(),
          std::unique_ptr<BatchTransport> transport = nullptr);
  ~Shipper();  // stops
  Shipper(const Shipper&) = delete;
  Shipper& operator=(const Shipper&) = delete;

  // Starts the thread, unless there is nowhere to ship (no transport, shipper.url empty). Call
  // once, on the main thread (libcurl's global init is not thread-safe). Problems (no key, central
  // unreachable) are logged and retried by the thread, never returned: receipts wait in the outbox.
  void Start();
  // Interrupts a wait or a request in flight and joins the thread; idempotent. Call before the
  // writer stops.
  void Stop();

  struct DrainOutcome {
    bool emptied = false;  // central has every receipt the outbox held unshipped
    Millis took{0};
  };
  // The last sends before exit: batches go out without waiting for batch_age, failures are
  // retried after the usual backoff, until the outbox has nothing unshipped or shipper.drain
  // has passed (a request in flight then is cut); then Stop. What was not sent stays in the
  // outbox for the next start. Call after the last receipt was committed (ReceiptWriter::Flush).
  DrainOutcome Drain();

  bool enabled() const noexcept { return transport_ != nullptr; }
  Millis drain_budget() const noexcept { return config_.drain; }
  const ShipperStats& stats() const noexcept { return stats_; }

 private:
  void Run(std::stop_token stop);
  // One round; returns how long to wait before the next.
  Millis Round(std::stop_token stop);
  Millis Send(const outbox::ShipBatch& batch, std::stop_token stop);
  Millis Acknowledge(const ShipResults& results, size_t sent);
  Millis Failed(long status, std::string_view error, size_t events);
  Millis RetryDelay();
  bool LoadKey();
  void NoteBatch(const outbox::ShipBatch& batch, int64_t now_ms);
  void EndDrain(bool emptied);  // shipper thread: Drain may return

  const config::ShipperConfig config_;
  outbox::ReceiptWriter& writer_;
  const log::Logger& logger_;
  ShipperStats stats_;

  // Shipper thread only.
  std::unique_ptr<BatchTransport> transport_;
  KeptApiKey api_key_;
  bool outbox_error_logged_ = false;
  size_t batch_limit_;
  uint32_t attempt_ = 0;            // failed attempts in a row
  std::set<long> refusals_logged_;  // statuses logged since the last batch went through
  std::chrono::steady_clock::time_point next_count_{};  // BacklogCountInterval
  std::mt19937_64 random_;

  std::atomic<bool> draining_{false};  // set once, by Drain

  std::mutex wait_mu_;  // guards the three below
  std::condition_variable_any wake_;
  bool drain_wake_ = false;  // Drain asked; ends the shipper's current wait once
  bool drain_ended_ = false;
  bool drain_emptied_ = false;
  std::condition_variable drain_cv_;  // to Drain: drain_ended_
  std::mutex stop_mu_;
  std::jthread thread_;  // last: stopped and joined before the members above go
};

}  // namespace costgate::daemon::shipper
