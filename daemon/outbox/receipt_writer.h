// The local receipt store: a ReceiptSink that commits receipts to SQLite on its own thread.
//
// Submit() never touches the disk: it appends to an in-memory queue and returns. The writer
// thread does group commit: once receipts are waiting it gathers more for up to
// flush_interval (or until batch_max are pending) and commits them with one transaction per
// batch_max receipts. A failed transaction (disk full, read-only file, locked) is rolled back,
// counted in write_errors, logged at warn with SQLite's message, and retried with exponential
// backoff on a fresh connection; its receipts stay in memory meanwhile. Receipts in memory are
// bounded by queue_max: beyond it, new ones are dropped and counted, so a sick disk costs
// receipts, never request latency.
//
// The database not opening is not fatal either: the writer starts anyway, keeps receipts in
// memory (bounded as above) and retries with the same backoff, so calls keep flowing and the
// receipts land once the disk or directory is usable again (stats().failing says which state it
// is in). A file that is not a database, or is damaged, is moved aside
// (<path>.damaged-<unix ms>, with its -wal and -shm) and a new one created: nothing is deleted,
// and receipts flow again at once. Intents left open by the previous process are closed as
// interrupted on the first successful open, before anything of this process is written.
//
// Lifecycle: Open() once, then Submit() from any thread; Flush() and Stop() from any thread
// except the writer's. The destructor stops.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "config/config.h"
#include "daemon/log/logger.h"
#include "daemon/outbox/receipt_db.h"
#include "daemon/outbox/receipt_stats.h"
#include "filters/receipt.h"

namespace costgate::daemon::outbox {

class ReceiptWriter final : public filters::ReceiptSink {
 public:
  static constexpr std::chrono::milliseconds kRetryFirst{100};
  static constexpr std::chrono::milliseconds kRetryMax{10'000};

  // `logger` must outlive the writer.
  explicit ReceiptWriter(const log::Logger& logger = log::Default());
  ~ReceiptWriter() override;
  ReceiptWriter(const ReceiptWriter&) = delete;
  ReceiptWriter& operator=(const ReceiptWriter&) = delete;

  // Opens the database (ReceiptDb::Open) and starts the writer thread. Returns the error message
  // if the database cannot be opened or its schema created at once; the writer runs anyway and
  // keeps trying (see above).
  std::optional<std::string> Open(const config::ReceiptsConfig& config);

  // Queues the receipt, or drops and counts it when queue_max receipts are in memory or the
  // writer is not running. Never blocks on disk.
  void Submit(filters::Receipt receipt) noexcept override;

  // Returns once every receipt submitted before the call has been committed, or has failed a
  // commit attempt made after the call (then it stays queued for retry). Forces that attempt at
  // once, regardless of flush_interval and retry backoff.
  void Flush();

  // Makes a last commit attempt, then stops the thread and closes the database. Receipts that
  // attempt could not commit are counted as dropped. Idempotent.
  void Stop();

  const ReceiptStats& stats() const noexcept { return stats_; }

 private:
  using Clock = std::chrono::steady_clock;

  void Run();
  // Waits (mu_ held via `lock`) until there is something to write now.
  void WaitForWork(std::unique_lock<std::mutex>& lock, const std::vector<filters::Receipt>& work,
                   std::optional<Clock::time_point> retry_at);
  // Commits `work` from the front in transactions of batch_max; erases what was committed.
  // Returns false if a transaction failed.
  bool Commit(std::vector<filters::Receipt>& work);
  void SetInMemory(uint64_t n);  // mu_ held
  // Opens db_, moving a damaged file aside first; on the first success closes the intents left
  // open by the previous process. Writer thread (or Open before it starts).
  std::optional<std::string> OpenDatabase();
  void QuarantineDamagedFile();
  void CloseInterruptedIntents();

  const log::Logger& logger_;
  config::ReceiptsConfig config_;
  ReceiptDb db_;  // writer thread only, once started
  ReceiptStats stats_;
  bool intents_closed_ = false;  // writer thread: the previous run's intents are closed

  std::mutex mu_;
  std::condition_variable work_cv_;  // to the writer: receipts, flush request, stop
  std::condition_variable done_cv_;  // to Flush(): a flush pass finished
  // Submitted, not yet taken by the writer. A deque so that a long queue (the disk is slow)
  // never makes Submit() move every waiting receipt into a bigger array under the lock.
  std::deque<filters::Receipt> pending_;
  uint64_t in_memory_ = 0;        // pending_ plus what the writer holds uncommitted
  uint64_t flush_requested_ = 0;  // Flush() calls so far
  uint64_t flush_done_ = 0;       // flush_requested_ as of the start of the last finished pass
  bool running_ = false;
  bool stopping_ = false;
  std::mutex stop_mu_;  // serialises Stop() callers around the join
  std::thread thread_;
};

}  // namespace costgate::daemon::outbox
