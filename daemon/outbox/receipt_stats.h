// Counters of the receipt outbox, updated by the ReceiptWriter and read by metrics at render.
#pragma once

#include <atomic>
#include <cstdint>

namespace costgate::daemon::outbox {

struct ReceiptStats {
  std::atomic<uint64_t> written{0};          // final receipts committed to the database
  std::atomic<uint64_t> intents_written{0};  // intents committed (calls outlasting a batch)
  std::atomic<uint64_t> dropped{0};          // refused (queue full, writer stopped) or lost at stop
  std::atomic<uint64_t> write_errors{0};     // failed transactions (each is retried)
  std::atomic<uint64_t> queue_depth{0};      // receipts in memory, not yet committed
  std::atomic<uint64_t> failing{0};          // 1 while the database cannot be opened or written to
  std::atomic<uint64_t> quarantined{0};      // damaged database files moved aside
  std::atomic<uint64_t> batches{0};          // committed transactions
  std::atomic<uint64_t> intents_coalesced{0};  // intents never written: final in the same batch
  std::atomic<uint64_t> intents_recovered{0};  // open at start (crash): closed as interrupted
  std::atomic<uint64_t> full{0};               // 1 while the database is at receipts.max_db_bytes
  std::atomic<uint64_t> dropped_full{0};       // not stored because the database was full
  std::atomic<uint64_t> deleted{0};            // shipped rows deleted by retention
};

}  // namespace costgate::daemon::outbox
