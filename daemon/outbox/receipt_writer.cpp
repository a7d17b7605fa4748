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

std::optional<std::string> ReceiptWriter::OpenDatabase() {
  std::optional<std::string> error = db_.Open(config_.path, config_.synchronous);
  if (error && db_.open_failed_damaged()) {
    logger_.Error("receipts database is damaged; moving it aside and starting a new one")
        .Str("path", config_.path)
        .Str("error", *error)
        .Emit();
    QuarantineDamagedFile();
    error = db_.Open(config_.path, config_.synchronous);
  }
  if (!error && !intents_closed_ && !db_.read_only()) {
    CloseInterruptedIntents();
    intents_closed_ = true;
  }
  return error;
}

void ReceiptWriter::QuarantineDamagedFile() {
  const std::string aside = config_.path + ".damaged-" + std::to_string(log::SystemUnixMs());
  for (const char* suffix : {"", "-wal", "-shm"}) {
    const std::string from = config_.path + suffix;
    if (std::rename(from.c_str(), (aside + suffix).c_str()) != 0 && errno != ENOENT) {
      logger_.Error("cannot move the damaged receipts database aside")
          .Str("path", from)
          .Str("error", std::strerror(errno))
          .Emit();
      return;
    }
  }
  stats_.quarantined.fetch_add(1, std::memory_order_relaxed);
  logger_.Warn("damaged receipts database kept for inspection").Str("moved_to", aside).Emit();
}

void ReceiptWriter::CloseInterruptedIntents() {
  auto closed = db_.CloseInterruptedIntents();
  if (const auto* error = std::get_if<std::string>(&closed)) {
    // Not fatal: the intents stay open and the next start tries again.
    logger_.Warn("cannot close the intents of the previous run").Str("error", *error).Emit();
    return;
  }
  const auto n = static_cast<uint64_t>(std::get<int64_t>(closed));
  stats_.intents_recovered.fetch_add(n, std::memory_order_relaxed);
  if (n > 0) {
    logger_.Warn("calls in flight when the daemon last stopped are recorded as interrupted")
        .Uint("receipts", n)
        .Str("path", config_.path)
        .Emit();
  }
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

void ReceiptWriter::WaitForWork(std::unique_lock<std::mutex>& lock,
                                const std::vector<filters::Receipt>& work,
                                std::optional<Clock::time_point> retry_at) {
  std::optional<Clock::time_point> batch_deadline;
  while (true) {
    if (stopping_ || flush_requested_ > flush_done_) {
      return;
    }
    const size_t waiting = pending_.size() + work.size();
    if (waiting == 0) {
      batch_deadline.reset();
      work_cv_.wait(lock);
      continue;
    }
    Clock::time_point deadline;
    if (retry_at) {
      deadline = *retry_at;  // a full batch does not cut the backoff short: the disk is sick
    } else {
      if (waiting >= config_.batch_max) {
        return;
      }
      if (!batch_deadline) {
        batch_deadline = Clock::now() + config_.flush_interval;
      }
      deadline = *batch_deadline;
    }
    if (Clock::now() >= deadline) {
      return;
    }
    work_cv_.wait_until(lock, deadline);
  }
}

void ReceiptWriter::Run() {
  std::deque<filters::Receipt> taken;  // pending_ as of the last pass, moved into work
  std::vector<filters::Receipt> work;  // taken from pending_, not yet committed
  std::optional<Clock::time_point> retry_at;
  auto backoff = kRetryFirst;
  std::unique_lock lock(mu_);
  while (true) {
    WaitForWork(lock, work, retry_at);
    // Every receipt submitted before this ticket's Flush() call is in pending_ or work now.
    const uint64_t flush_ticket = flush_requested_;
    const bool last_pass = stopping_;
    taken.swap(pending_);
    lock.unlock();
    work.insert(work.end(), std::make_move_iterator(taken.begin()),
                std::make_move_iterator(taken.end()));
    taken.clear();
    stats_.intents_coalesced.fetch_add(DropSupersededIntents(work), std::memory_order_relaxed);
    const bool committed = Commit(work);
    lock.lock();
    if (committed) {
      retry_at.reset();
      backoff = kRetryFirst;
    } else {
      retry_at = Clock::now() + backoff;
      backoff = std::min(backoff * 2, kRetryMax);
    }
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
  while (done < work.size()) {
    if (!db_.is_open()) {
      error = OpenDatabase();
      if (error) {
        break;
      }
    }
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
    if (stats_.failing.exchange(0, std::memory_order_relaxed) != 0) {
      logger_.Info("receipts database writable again").Str("path", config_.path).Emit();
    }
    return true;
  }
  stats_.failing.store(1, std::memory_order_relaxed);
  // Retry on a fresh connection: one opened on a read-only or replaced file never recovers.
  db_.Close();
  stats_.write_errors.fetch_add(1, std::memory_order_relaxed);
  logger_.Warn("receipt commit failed; will retry")
      .Str("error", *error)
      .Str("path", config_.path)
      .Uint("receipts_waiting", work.size())
      .Emit();
  return false;
}

}  // namespace costgate::daemon::outbox
