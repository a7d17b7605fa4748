#include "daemon/outbox/receipt_writer.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iterator>
#include <span>
#include <variant>

#include "daemon/outbox/intent_coalescing.h"

namespace costgate::daemon::outbox {

ReceiptWriter::ReceiptWriter(const log::Logger& logger) : logger_(logger) {}

ReceiptWriter::~ReceiptWriter() { Stop(); }

std::optional<std::string> ReceiptWriter::Open(const config::ReceiptsConfig& config) {
  std::lock_guard stop_lock(stop_mu_);
  if (thread_.joinable()) {
    return "receipt writer is already open";
  }
  config_ = config;
  config_.batch_max = std::max<uint32_t>(config_.batch_max, 1);
  fail_closed_.store(config_.fail_closed, std::memory_order_relaxed);
  queue_max_.store(config_.queue_max, std::memory_order_relaxed);
  size_cap_ = SizeCap(config_.max_db_bytes);
  upkeep_at_ = Clock::now();  // the first pass measures the database and applies retention
  std::optional<std::string> error = OpenDatabase();
  if (error) {
    stats_.failing.store(1, std::memory_order_relaxed);
  } else if (db_.read_only()) {
    logger_.Warn("receipts database is read-only; receipts wait in memory until it is writable")
        .Str("path", config_.path)
        .Emit();
  }
  {
    std::lock_guard lock(mu_);
    running_ = true;
    stopping_ = false;
  }
  thread_ = std::thread([this] { Run(); });
  return error;
}

void ReceiptWriter::Submit(filters::Receipt receipt) noexcept {
  std::unique_lock lock(mu_);
  if (!running_ || stopping_ || in_memory_ >= config_.queue_max) {
    lock.unlock();
    stats_.dropped.fetch_add(1, std::memory_order_relaxed);
    return;
  }
  try {
    pending_.push_back(std::move(receipt));
  } catch (...) {
    lock.unlock();
    stats_.dropped.fetch_add(1, std::memory_order_relaxed);
    return;
  }
  SetInMemory(in_memory_ + 1);
  // The writer sleeps without a deadline only while nothing waits, and otherwise until its
  // batch deadline: it needs waking for the first receipt and for a full batch, never between.
  const bool wake = pending_.size() == 1 || pending_.size() == config_.batch_max;
  lock.unlock();
  if (wake) {
    work_cv_.notify_one();
  }
}

void ReceiptWriter::Flush() {
  std::unique_lock lock(mu_);
  if (!running_) {
    return;
  }
  const uint64_t ticket = ++flush_requested_;
  work_cv_.notify_one();
  done_cv_.wait(lock, [&] { return flush_done_ >= ticket || !running_; });
}

void ReceiptWriter::Stop() {
  std::lock_guard stop_lock(stop_mu_);
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  work_cv_.notify_one();
  if (thread_.joinable()) {
    thread_.join();
  }
}

void ReceiptWriter::SetInMemory(uint64_t n) {
  in_memory_ = n;
  stats_.queue_depth.store(n, std::memory_order_relaxed);
}

bool ReceiptWriter::WaitForWork(std::unique_lock<std::mutex>& lock,
                                const std::vector<filters::Receipt>& work,
                                std::optional<Clock::time_point> retry_at) {
  while (true) {
    const auto now = Clock::now();
    const size_t waiting = pending_.size() + work.size();
    bool commit_due = stopping_ || flush_requested_ > flush_done_;
    Clock::time_point deadline = upkeep_at_;
    if (waiting == 0) {
      batch_deadline_.reset();
    } else if (!commit_due && retry_at) {
      // A full batch does not cut the backoff short: the disk is sick.
      commit_due = now >= *retry_at;
      deadline = std::min(deadline, *retry_at);
    } else if (!commit_due) {
      if (!batch_deadline_) {
        batch_deadline_ = now + config_.flush_interval;
      }
      commit_due = waiting >= config_.batch_max || now >= *batch_deadline_;
      deadline = std::min(deadline, *batch_deadline_);
    }
    if (commit_due) {
      return true;
    }
    if (!jobs_.empty() || now >= upkeep_at_) {
      return false;
    }
    work_cv_.wait_until(lock, deadline);
  }
}

void ReceiptWriter::Run() {
  std::deque<filters::Receipt> taken;  // pending_ as of the last pass, moved into work
  std::vector<filters::Receipt> work;  // taken from pending_, not yet committed
  std::deque<Job> jobs;
  std::optional<Clock::time_point> retry_at;
  auto backoff = kRetryFirst;
  std::unique_lock lock(mu_);
  while (true) {
    const bool commit_due = WaitForWork(lock, work, retry_at);
    // Every receipt submitted before this ticket's Flush() call is in pending_ or work now.
    const uint64_t flush_ticket = flush_requested_;
    const bool last_pass = stopping_;
    taken.swap(pending_);
    jobs.swap(jobs_);
    lock.unlock();
    work.insert(work.end(), std::make_move_iterator(taken.begin()),
                std::make_move_iterator(taken.end()));
    taken.clear();
    stats_.intents_coalesced.fetch_add(DropSupersededIntents(work), std::memory_order_relaxed);
    // A pass for a job or upkeep leaves waiting receipts to their batch deadline, but reopens
    // a closed database (once its retry is due) so that the job finds it open.
    if (commit_due || (!db_.is_open() && (!retry_at || Clock::now() >= *retry_at))) {
      batch_deadline_.reset();
      if (Commit(work)) {
        retry_at.reset();
        backoff = kRetryFirst;
      } else {
        retry_at = Clock::now() + backoff;
        backoff = std::min(backoff * 2, kRetryMax);
      }
    }
    RunJobs(jobs);
    if (!last_pass) {
      Upkeep();
    }
    lock.lock();
    if (last_pass && !work.empty()) {
      stats_.dropped.fetch_add(work.size(), std::memory_order_relaxed);
      logger_.Error("receipts lost at shutdown: the database did not accept them")
          .Uint("receipts", work.size())
          .Str("path", config_.path)
          .Emit();
      work.clear();
    }
    SetInMemory(pending_.size() + work.size());
    flush_done_ = flush_ticket;
    done_cv_.notify_all();
    if (last_pass) {
      break;
    }
  }
  lock.unlock();
  db_.Close();  // may checkpoint: not under mu_, which Submit() callers still take
  lock.lock();
  running_ = false;
  done_cv_.notify_all();
}

bool ReceiptWriter::Commit(std::vector<filters::Receipt>& work) {
  size_t done = 0;
  std::optional<std::string> error;
  if (!db_.is_open()) {
    error = OpenDatabase();
  }
  if (!error && !work.empty() && size_cap_.enabled() && CheckSize()) {
    stats_.dropped_full.fetch_add(work.size(), std::memory_order_relaxed);
    work.clear();
  }
  while (!error && done < work.size()) {
    const size_t n = std::min<size_t>(config_.batch_max, work.size() - done);
    error = db_.Insert(std::span(work).subspan(done, n));
    if (error) {
      break;
    }
    const auto batch = std::span(work).subspan(done, n);
    const auto intents = static_cast<uint64_t>(
        std::count_if(batch.begin(), batch.end(), [](const auto& r) { return r.open; }));
    done += n;
    stats_.intents_written.fetch_add(intents, std::memory_order_relaxed);
    stats_.written.fetch_add(n - intents, std::memory_order_relaxed);
    stats_.batches.fetch_add(1, std::memory_order_relaxed);
  }
  work.erase(work.begin(), work.begin() + static_cast<std::ptrdiff_t>(done));
  if (!error) {
    // A read-only file opens fine: only a write shows it is usable again.
    if ((done > 0 || !db_.read_only()) &&
        stats_.failing.exchange(0, std::memory_order_relaxed) != 0) {
      logger_.Info("receipts database writable again").Str("path", config_.path).Emit();
    }
    return true;
  }
  stats_.failing.store(1, std::memory_order_relaxed);
  // Retry on a fresh connection: one opened on a read-only or replaced file never recovers.
  db_.Close();
  if (!work.empty()) {
    stats_.write_errors.fetch_add(1, std::memory_order_relaxed);
  }
  logger_.Warn("receipt commit failed; will retry")
      .Str("error", *error)
      .Str("path", config_.path)
      .Uint("receipts_waiting", work.size())
      .Emit();
  return false;
}

}  // namespace costgate::daemon::outbox
