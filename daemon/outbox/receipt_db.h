// The receipts database: one SQLite connection, its schema and the batched insert.
//
// Not thread-safe: the ReceiptWriter's thread is the only user (ARCHITECTURE.md: one connection
// per database file per process).
//
// Schema version 2 (PRAGMA user_version), created idempotently; a version 1 database is migrated
// on open. A receipt is a row keyed by its event_id; writing an event_id again replaces every
// other column, so an 'open' intent written at admission can later be closed by the final
// receipt. Rows are in a rowid table: at a few
// hundred bytes per row they are past the size where SQLite advises WITHOUT ROWID, and the
// time-ordered UUIDv7 keys append to the end of the primary-key index either way.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>

#include "config/config.h"
#include "filters/receipt.h"

struct sqlite3;
struct sqlite3_stmt;

namespace costgate::daemon::outbox {

inline constexpr int kReceiptsSchemaVersion = 2;

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

 private:
  std::optional<std::string> CreateSchema();
  std::optional<std::string> Exec(const char* sql, std::string_view what = {});
  std::string Error(std::string_view what) const;

  sqlite3* db_ = nullptr;
  sqlite3_stmt* insert_ = nullptr;
  bool open_failed_damaged_ = false;
};

}  // namespace costgate::daemon::outbox
