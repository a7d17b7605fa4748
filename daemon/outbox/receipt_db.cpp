#include "daemon/outbox/receipt_db.h"

#include <sqlite3.h>

#include <utility>

#include "daemon/outbox/receipt_schema.h"
#include "sqlite/exec.h"
#include "sqlite/open.h"
#include "sqlite/schema_version.h"
#include "sqlite/statement.h"

namespace costgate::daemon::outbox {

std::optional<std::string> ReceiptDb::Open(const std::string& path,
                                           config::SqliteSynchronous synchronous) {
  Close();
  path_ = path;
  open_failed_damaged_ = false;
  auto opened = sqlite::OpenReadWrite(path);
  if (auto* error = std::get_if<std::string>(&opened)) {
    return std::move(*error);
  }
  db_ = std::get<sqlite3*>(opened);
  // Unlike central's store, a read-only file is not refused: the writer keeps receipts in memory
  // until the file is writable again (receipt_writer.h).
  std::optional<std::string> error = sqlite::UseWal(db_, synchronous);
  if (!error) {
    error = CreateSchema();
  }
  if (!error) {
    error = sqlite::Prepare(db_, InsertReceiptSql().c_str(), &insert_, "prepare insert");
  }
  if (error) {
    const int code = sqlite3_errcode(db_) & 0xff;
    open_failed_damaged_ = code == SQLITE_NOTADB || code == SQLITE_CORRUPT;
    Close();
  }
  return error;
}

std::optional<std::string> ReceiptDb::CreateSchema() {
  const std::optional<int> version = sqlite::ReadUserVersion(db_);
  if (!version) {
    return sqlite::ErrorText(db_, "read schema version");
  }
  if (*version == kReceiptsSchemaVersion) {
    return std::nullopt;  // nothing to write: a read-only database still opens
  }
  if (*version > kReceiptsSchemaVersion) {
    return "schema version " + std::to_string(*version) + " is newer than this daemon's (" +
           std::to_string(kReceiptsSchemaVersion) + ")";
  }
  if (auto error = sqlite::Exec(db_, "BEGIN IMMEDIATE")) {
    return error;
  }
  std::optional<std::string> error;
  if (*version == 0) {
    error = sqlite::Exec(db_, CreateReceiptsSql().c_str(), "create schema");
  }
  if (*version == 1) {
    error = sqlite::Exec(db_, kMigrateReceiptsV1ToV2Sql, "migrate schema 1 -> 2");
  }
  if (!error && (*version == 1 || *version == 2)) {
    error = sqlite::Exec(db_, kMigrateReceiptsV2ToV3Sql, "migrate schema 2 -> 3");
  }
  if (!error && *version >= 1 && *version <= 3) {
    error = sqlite::Exec(db_, kMigrateReceiptsV3ToV4Sql, "migrate schema 3 -> 4");
  }
  if (!error && *version >= 1 && *version <= 4) {
    error = sqlite::Exec(db_, kMigrateReceiptsV4ToV5Sql, "migrate schema 4 -> 5");
  }
  if (!error) {
    error = sqlite::Exec(db_, kCreateReceiptsIndexesSql, "create indexes");
  }
  if (!error) {
    error = sqlite::SetUserVersion(db_, kReceiptsSchemaVersion);
  }
  if (!error) {
    error = sqlite::Exec(db_, "COMMIT");
  }
  if (error) {
    sqlite::RollbackIfOpen(db_);
  }
  return error;
}

std::variant<int64_t, std::string> ReceiptDb::CloseInterruptedIntents() {
  // end_unix_ms stays the start time: when the call really ended is unknown.
  if (auto error = sqlite::Exec(db_,
                                "UPDATE receipts SET state = 'closed', outcome = 'interrupted', "
                                "reason = 'daemon_crashed', shipped_at_ms = NULL "
                                "WHERE state = 'open'",
                                "close interrupted intents")) {
    return *error;
  }
  return static_cast<int64_t>(sqlite3_changes64(db_));
}

void ReceiptDb::Close() noexcept {
  sqlite3_finalize(insert_);
  insert_ = nullptr;
  sqlite3_close_v2(db_);
  db_ = nullptr;
}

bool ReceiptDb::read_only() const noexcept {
  return db_ != nullptr && sqlite3_db_readonly(db_, "main") == 1;
}

std::optional<std::string> ReceiptDb::Insert(std::span<const filters::Receipt> receipts) {
  if (auto error = sqlite::Exec(db_, "BEGIN IMMEDIATE")) {
    return error;
  }
  std::optional<std::string> error;
  std::string units_json;
  {
    // Bound text points into `receipts` and `units_json`: the bindings go before either does.
    sqlite::ResetOnExit reset(insert_);
    for (const filters::Receipt& receipt : receipts) {
      units_json = receipt.units.ToJson();
      sqlite3_reset(insert_);
      if (BindReceipt(insert_, receipt, units_json) != SQLITE_OK) {
        error = sqlite::ErrorText(db_, "bind receipt " + receipt.event_id);
        break;
      }
      if (sqlite3_step(insert_) != SQLITE_DONE) {
        error = sqlite::ErrorText(db_, "insert receipt " + receipt.event_id);
        break;
      }
    }
  }
  if (!error) {
    error = sqlite::Exec(db_, "COMMIT");
  }
  if (error) {
    sqlite::RollbackIfOpen(db_);
  }
  return error;
}

}  // namespace costgate::daemon::outbox
