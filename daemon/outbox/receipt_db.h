// The receipts database: one SQLite connection, its schema and the batched insert.
//
// Not thread-safe: the ReceiptWriter's thread is the only user (ARCHITECTURE.md: one connection
// per database file per process).
//
// Schema version 5 (PRAGMA user_version), created idempotently; a version 1 to 4 database is
// migrated on open. A receipt is a row keyed by its event_id; writing an event_id again replaces
// every other column, so an 'open' intent written at admission can later be closed by the final
// receipt (and a row written again is shipped again). Rows are in a rowid table: at a few
// hundred bytes per row they are past the size where SQLite advises WITHOUT ROWID, and the
// time-ordered UUIDv7 keys append to the end of the primary-key index either way.
//
// Shipping: a closed row is unshipped until central answers for it (shipped_at_ms set); a row
// central rejected also gets rejected_reason. Open rows are never handed out. Shipped rows are
// deleted by retention (DeleteShippedBefore); unshipped rows never are.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "config/config.h"
#include "daemon/outbox/ship_batch.h"
#include "filters/receipt.h"

struct sqlite3;
struct sqlite3_stmt;

namespace costgate::daemon::outbox {

inline constexpr int kReceiptsSchemaVersion = 5;

class ReceiptDb {
 public:
  ReceiptDb() = default;
  ReceiptDb(const ReceiptDb&) = delete;
  ReceiptDb& operator=(const ReceiptDb&) = delete;
  ~ReceiptDb() { Close(); }

  // Opens (creating if needed) the database at `path`: WAL, the given synchronous level,
  // busy_timeout 5000 ms, schema. Returns an error message, with the connection closed, if the
  // file cannot be opened or created, is not a database, is from a newer schema, or the schema
  // cannot be created. An existing database that is read-only opens; writes to it then fail.
  std::optional<std::string> Open(const std::string& path, config::SqliteSynchronous synchronous);
  void Close() noexcept;
  bool is_open() const noexcept { return db_ != nullptr; }
  // The last Open failed because the file is not a database or is damaged (SQLITE_NOTADB,
  // SQLITE_CORRUPT): waiting will not mend it.
  bool open_failed_damaged() const noexcept { return open_failed_damaged_; }
  bool read_only() const noexcept;

  // Writes `receipts` in one transaction (BEGIN IMMEDIATE ... COMMIT). On failure everything is
  // rolled back and the error message returned.
  std::optional<std::string> Insert(std::span<const filters::Receipt> receipts);

  // Closes every intent still open: call once at start, before any request is admitted, when
  // each open row is a call the previous process never finished. They become outcome
  // interrupted, reason "daemon_crashed", unshipped. Returns how many, or the error message.
  std::variant<int64_t, std::string> CloseInterruptedIntents();

  // --- shipping and upkeep (receipt_db_shipping.cpp); each returns the error message ---

  // Up to `max` closed, unshipped rows, oldest event_id first.
  std::variant<std::vector<StoredReceipt>, std::string> SelectUnshipped(size_t max);
  // Closed, unshipped rows (a count over the receipts_unshipped index).
  std::variant<uint64_t, std::string> CountUnshipped();
  // Marks these rows shipped at `now_ms`, in one transaction; ids that are not closed and
  // unshipped are left alone. Returns how many rows changed.
  std::variant<int64_t, std::string> MarkShipped(std::span<const std::string> event_ids,
                                                 int64_t now_ms);
  // Marks these rows rejected (shipped_at_ms = now_ms, rejected_reason), in one transaction.
  std::variant<int64_t, std::string> MarkRejected(std::span<const Rejection> rejected,
                                                  int64_t now_ms);
  // Deletes up to `limit` rows shipped before `cutoff_ms`, oldest first. Returns how many.
  std::variant<int64_t, std::string> DeleteShippedBefore(int64_t cutoff_ms, int64_t limit);
  // Bytes in use: pages that hold data (free pages left by deletions excluded, they are
  // reused) plus the -wal file. nullopt when the database cannot be read.
  std::optional<uint64_t> UsedBytes();
  // PRAGMA wal_checkpoint: TRUNCATE (the -wal file back to zero bytes) or PASSIVE.
  std::optional<std::string> Checkpoint(bool truncate);

 private:
  std::optional<std::string> CreateSchema();

  // Runs `sql` (one statement) once per item, its parameters bound by bind(sqlite::Binder&,
  // item), all in one transaction; returns the rows changed.
  template <typename Item, typename BindFn>
  std::variant<int64_t, std::string> UpdateEach(const char* sql, std::span<const Item> items,
                                                BindFn bind, std::string_view what);

  std::string path_;
  sqlite3* db_ = nullptr;
  sqlite3_stmt* insert_ = nullptr;
  bool open_failed_damaged_ = false;
};

}  // namespace costgate::daemon::outbox
