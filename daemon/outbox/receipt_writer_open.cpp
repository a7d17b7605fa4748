// ReceiptWriter: opening the database, moving a damaged one aside, and closing the intents the
// previous process left open.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <variant>

#include "base/clock.h"
#include "daemon/outbox/receipt_writer.h"

namespace costgate::daemon::outbox {

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
  const std::string aside = config_.path + ".damaged-" + std::to_string(base::NowUnixMs());
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

}  // namespace costgate::daemon::outbox
