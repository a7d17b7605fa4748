// ReceiptWriter's upkeep on the writer thread: retention, WAL truncation and the size cap.
#include "base/clock.h"
#include "daemon/outbox/receipt_writer.h"

namespace costgate::daemon::outbox {

bool ReceiptWriter::accepting() const noexcept {
  if (!fail_closed_.load(std::memory_order_relaxed)) {
    return true;
  }
  return stats_.failing.load(std::memory_order_relaxed) == 0 &&
         stats_.full.load(std::memory_order_relaxed) == 0 &&
         stats_.queue_depth.load(std::memory_order_relaxed) <
             queue_max_.load(std::memory_order_relaxed);
}

void ReceiptWriter::Upkeep() {
  const auto now = Clock::now();
  if (now < upkeep_at_) {
    return;
  }
  upkeep_at_ = now + kUpkeepInterval;
  if (!db_.is_open() || db_.read_only()) {
    return;
  }
  auto deleted = DeleteExpiredOnWriter(base::NowUnixMs(), kRetentionChunk);
  if (const auto* error = std::get_if<std::string>(&deleted)) {
    logger_.Warn("receipts retention failed; will retry").Str("error", *error).Emit();
  } else if (std::get<int64_t>(deleted) == kRetentionChunk) {
    // More to delete: the next chunk comes after the next commit, not before it.
    upkeep_at_ = now;
    return;
  }
  // The automatic checkpoint keeps the WAL from growing while receipts flow, but leaves the
  // file at its largest size; truncating gives the space back (and counts for the size cap).
  if (auto error = db_.Checkpoint(true)) {
    logger_.Warn("receipts checkpoint failed; will retry").Str("error", *error).Emit();
  }
  if (size_cap_.enabled() && CheckSize()) {
    upkeep_at_ = now + kFullRecheck;  // retention or an operator may free space any time
  }
}

std::variant<int64_t, std::string> ReceiptWriter::DeleteExpiredOnWriter(int64_t now_ms,
                                                                        int64_t limit) {
  auto deleted = db_.DeleteShippedBefore(now_ms - config_.retention.count(), limit);
  if (const auto* n = std::get_if<int64_t>(&deleted)) {
    stats_.deleted.fetch_add(static_cast<uint64_t>(*n), std::memory_order_relaxed);
  }
  return deleted;
}

bool ReceiptWriter::CheckSize() {
  std::optional<uint64_t> used = db_.UsedBytes();
  if (used && *used >= config_.max_db_bytes && db_.Checkpoint(true) == std::nullopt) {
    used = db_.UsedBytes();  // the -wal file may be most of it
  }
  if (!used) {
    return size_cap_.full();  // unknown: keep the last verdict
  }
  const bool was_full = size_cap_.full();
  const bool full = size_cap_.Update(*used);
  stats_.full.store(full ? 1 : 0, std::memory_order_relaxed);
  if (full && !was_full) {
    logger_
        .Error(
            "receipts database is full; new receipts are not stored until shipped ones "
            "expire (receipts.retention) or receipts.max_db_bytes is raised")
        .Str("path", config_.path)
        .Uint("used_bytes", *used)
        .Uint("max_db_bytes", config_.max_db_bytes)
        .Emit();
  } else if (!full && was_full) {
    logger_.Info("receipts database has room again; receipts are stored")
        .Str("path", config_.path)
        .Uint("used_bytes", *used)
        .Uint("receipts_not_stored", stats_.dropped_full.load(std::memory_order_relaxed))
        .Emit();
  }
  return full;
}

}  // namespace costgate::daemon::outbox
