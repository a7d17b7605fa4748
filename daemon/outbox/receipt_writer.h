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
// Upkeep, on the writer thread between commits: every minute it deletes rows shipped more than
// receipts.retention ago (kRetentionChunk rows per transaction, then the next chunk after the
// next commit, so a commit never waits behind a long delete), truncates the -wal file
// (wal_checkpoint(TRUNCATE): the automatic checkpoint bounds the WAL while receipts flow, this
// gives the space back) and measures the database against receipts.max_db_bytes.
//
// Size cap: once the database (data pages and -wal) reaches max_db_bytes, new receipts are not
// stored: counted in dropped_full, logged once at error, stats().full is 1. Storing resumes by
// itself once retention brings it 5 % under the cap (SizeCap).
//
// Shipping (daemon/shipper): NextShipBatch, MarkShipped and MarkRejected run on the writer thread
// between commits, on the writer's own connection (ARCHITECTURE.md: one connection per database
// file per process), and block the caller until done.
//
// Lifecycle: Open() once, then Submit() from any thread; Flush(), Stop() and the shipping calls
// from any thread except the writer's. The destructor stops.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include "config/config.h"
#include "daemon/log/logger.h"
#include "daemon/outbox/receipt_db.h"
#include "daemon/outbox/receipt_stats.h"
#include "daemon/outbox/ship_batch.h"
#include "daemon/outbox/size_cap.h"
#include "filters/receipt.h"

namespace costgate::daemon::outbox {

class ReceiptWriter final : public filters::ReceiptSink {
 public:
  static constexpr std::chrono::milliseconds kRetryFirst{100};
  static constexpr std::chrono::milliseconds kRetryMax{10'000};
  static constexpr std::chrono::milliseconds kUpkeepInterval{60'000};
  static constexpr std::chrono::milliseconds kFullRecheck{1'000};  // while full: measure often
  static constexpr int64_t kRetentionChunk = 1'000;

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

  // True unless receipts.fail_closed is set and a receipt submitted now could not be kept: the
  // database is failing or full, or the in-memory queue is at queue_max.
  bool accepting() const noexcept override;

  // Up to `max` closed, unshipped receipts, oldest event_id first. With `count_backlog`, a full
  // batch comes with the backlog counted (a scan of the unshipped index on this thread: ask
  // rarely, see shipper::BacklogCountInterval). An error when the database is not open.
  ShipBatch NextShipBatch(size_t max, bool count_backlog);
  // Central has these (stored or duplicate): marked shipped at `now_ms` (unix ms). Rows written
  // again since they were read (unshipped again) and unknown ids are left alone.
  std::optional<std::string> MarkShipped(std::vector<std::string> event_ids, int64_t now_ms);
  // Central will never take these as sent: kept with their reason, never handed out again, and
  // deleted by retention like shipped rows.
  std::optional<std::string> MarkRejected(std::vector<Rejection> rejected, int64_t now_ms);
  // Retention as at `now_ms` (unix ms): deletes up to `limit` rows shipped before
  // now_ms - receipts.retention. Returns how many, or the error. Upkeep calls the same with the
  // wall clock.
  std::variant<int64_t, std::string> DeleteExpired(int64_t now_ms, int64_t limit = kRetentionChunk);

  const ReceiptStats& stats() const noexcept { return stats_; }

 private:
  using Clock = std::chrono::steady_clock;
  using Job = std::function<void(ReceiptDb* db)>;  // db null: not open

  void Run();
  // Waits (mu_ held via `lock`) until there is something to do now. Returns true when the
  // waiting receipts are due for a commit (batch full or its deadline passed, retry due, flush,
  // stop), false when woken only for a job or upkeep.
  bool WaitForWork(std::unique_lock<std::mutex>& lock, const std::vector<filters::Receipt>& work,
                   std::optional<Clock::time_point> retry_at);
  // Opens the database if it is closed, then commits `work` from the front in transactions of
  // batch_max (or drops it, counted, while the database is full); erases what was committed.
  // Returns false if opening or a transaction failed.
  bool Commit(std::vector<filters::Receipt>& work);
  // Runs `fn(db or null)` on the writer thread and returns its result (receipt_writer_jobs.cpp).
  template <typename Fn>
  auto OnWriterThread(Fn fn) -> decltype(fn(nullptr));
  void RunJobs(std::deque<Job>& jobs);
  // Writer thread (receipt_writer_upkeep.cpp).
  void Upkeep();
  std::variant<int64_t, std::string> DeleteExpiredOnWriter(int64_t now_ms, int64_t limit);
  // Measures the database; updates stats().full, logging each change. Returns whether full.
  bool CheckSize();
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
  SizeCap size_cap_{0};          // writer thread
  Clock::time_point upkeep_at_;  // writer thread: when Upkeep runs next
  // Writer thread: when the receipts waiting now must be committed.
  std::optional<Clock::time_point> batch_deadline_;
  // Read by accepting() on request threads; set by Open.
  std::atomic<bool> fail_closed_{false};
  std::atomic<uint64_t> queue_max_{0};

  std::mutex mu_;
  std::condition_variable work_cv_;  // to the writer: receipts, flush request, stop
  std::condition_variable done_cv_;  // to Flush(): a flush pass finished
  // Submitted, not yet taken by the writer. A deque so that a long queue (the disk is slow)
  // never makes Submit() move every waiting receipt into a bigger array under the lock.
  std::deque<filters::Receipt> pending_;
  std::deque<Job> jobs_;          // shipping calls waiting for the writer thread
  uint64_t in_memory_ = 0;        // pending_ plus what the writer holds uncommitted
  uint64_t flush_requested_ = 0;  // Flush() calls so far
  uint64_t flush_done_ = 0;       // flush_requested_ as of the start of the last finished pass
  bool running_ = false;
  bool stopping_ = false;
  std::mutex stop_mu_;  // serialises Stop() callers around the join
  std::thread thread_;
};

}  // namespace costgate::daemon::outbox
