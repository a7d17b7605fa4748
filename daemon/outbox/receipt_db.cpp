#include "daemon/outbox/receipt_db.h"

#include <sqlite3.h>

#include "daemon/outbox/receipt_schema.h"

namespace costgate::daemon::outbox {
namespace {

constexpr int kBusyTimeoutMs = 5000;

const char* SynchronousPragma(config::SqliteSynchronous s) {
  switch (s) {
    case config::SqliteSynchronous::kOff:
      return "PRAGMA synchronous = OFF";
    case config::SqliteSynchronous::kNormal:
      return "PRAGMA synchronous = NORMAL";
    case config::SqliteSynchronous::kFull:
      return "PRAGMA synchronous = FULL";
  }
  return "PRAGMA synchronous = FULL";
}

}  // namespace

std::string ReceiptDb::Error(std::string_view what) const {
  std::string message(what);
  message += ": ";
  message += db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory";
  return message;
}

std::optional<std::string> ReceiptDb::Exec(const char* sql, std::string_view what) {
  if (sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) != SQLITE_OK) {
    return Error(what.empty() ? std::string_view(sql) : what);
  }
  return std::nullopt;
}

std::optional<std::string> ReceiptDb::Open(const std::string& path,
                                           config::SqliteSynchronous synchronous) {
  Close();
  path_ = path;
  open_failed_damaged_ = false;
  // NOMUTEX: the connection has one user thread at a time (the writer).
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    std::string error = Error("open " + path);
    Close();
    return error;
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, kBusyTimeoutMs);

  std::optional<std::string> error;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, "PRAGMA journal_mode = WAL", -1, &stmt, nullptr) != SQLITE_OK ||
      sqlite3_step(stmt) != SQLITE_ROW) {
    error = Error("enable WAL");
  } else if (std::string_view mode = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
             mode != "wal") {
    error = "enable WAL: journal_mode stays " + std::string(mode);
  }
  sqlite3_finalize(stmt);
  if (!error) {
    error = Exec(SynchronousPragma(synchronous));
  }
  if (!error) {
    error = CreateSchema();
  }
  if (!error && sqlite3_prepare_v3(db_, InsertReceiptSql().c_str(), -1, SQLITE_PREPARE_PERSISTENT,
                                   &insert_, nullptr) != SQLITE_OK) {
    error = Error("prepare insert");
  }
  if (error) {
    const int code = db_ != nullptr ? (sqlite3_errcode(db_) & 0xff) : SQLITE_OK;
    open_failed_damaged_ = code == SQLITE_NOTADB || code == SQLITE_CORRUPT;
    Close();
  }
  return error;
}

std::optional<std::string> ReceiptDb::CreateSchema() {
  const auto user_version = [this]() -> std::optional<int> {
    sqlite3_stmt* stmt = nullptr;
    std::optional<int> version;
    if (sqlite3_prepare_v2(db_, "PRAGMA user_version", -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW) {
      version = sqlite3_column_int(stmt, 0);
    }
    sqlite3_finalize(stmt);
    return version;
  };
  std::optional<int> version = user_version();
  if (!version) {
    return Error("read schema version");
  }
  if (*version == kReceiptsSchemaVersion) {
    return std::nullopt;  // nothing to write: a read-only database still opens
  }
  if (*version > kReceiptsSchemaVersion) {
    return "schema version " + std::to_string(*version) + " is newer than this daemon's (" +
           std::to_string(kReceiptsSchemaVersion) + ")";
  }
  if (auto error = Exec("BEGIN IMMEDIATE")) {
    return error;
  }
  std::optional<std::string> error;
  if (*version == 0) {
    error = Exec(kCreateReceiptsSql, "create schema");
  }
  if (*version == 1) {
    error = Exec(kMigrateReceiptsV1ToV2Sql, "migrate schema 1 -> 2");
  }
  if (!error && (*version == 1 || *version == 2)) {
    error = Exec(kMigrateReceiptsV2ToV3Sql, "migrate schema 2 -> 3");
  }
  if (!error) {
    error = Exec(kCreateReceiptsIndexesSql, "create indexes");
  }
  if (!error) {
    error = Exec(("PRAGMA user_version = " + std::to_string(kReceiptsSchemaVersion)).c_str());
  }
  if (!error) {
    error = Exec("COMMIT");
  }
  if (error && sqlite3_get_autocommit(db_) == 0) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }
  return error;
}

std::variant<int64_t, std::string> ReceiptDb::CloseInterruptedIntents() {
  // end_unix_ms stays the start time: when the call really ended is unknown.
  if (auto error = Exec("UPDATE receipts SET state = 'closed', outcome = 'interrupted', "
                        "reason = 'daemon_crashed', shipped_at_ms = NULL WHERE state = 'open'",
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
  if (auto error = Exec("BEGIN IMMEDIATE")) {
    return error;
  }
  std::optional<std::string> error;
  std::string units_json;
  for (const filters::Receipt& receipt : receipts) {
    units_json = receipt.units.ToJson();
    sqlite3_reset(insert_);
    if (BindReceipt(insert_, receipt, units_json) != SQLITE_OK) {
      error = Error("bind receipt " + receipt.event_id);
      break;
    }
    if (sqlite3_step(insert_) != SQLITE_DONE) {
      error = Error("insert receipt " + receipt.event_id);
      break;
    }
  }
  sqlite3_reset(insert_);
  sqlite3_clear_bindings(insert_);  // bound text points into `receipts`, about to be freed
  if (!error) {
    error = Exec("COMMIT");
  }
  if (error && sqlite3_get_autocommit(db_) == 0) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }
  return error;
}

}  // namespace costgate::daemon::outbox
