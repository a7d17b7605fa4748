#include "central/store/sqlite_store.h"

#include <string_view>

#include "central/store/event_rows.h"
#include "central/store/sqlite_util.h"
#include "central/store/store_schema.h"
#include "central/store/store_statements.h"

namespace costgate::central {
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

// WAL lets /v1/health and readers of the file (backups, `costgate keys list`) run beside ingest.
// An in-memory database has no file to journal and reports "memory".
StoreStatus EnableWal(sqlite3* db) {
  sqlite3_stmt* stmt = nullptr;
  StoreStatus error;
  if (sqlite3_prepare_v2(db, "PRAGMA journal_mode = WAL", -1, &stmt, nullptr) != SQLITE_OK ||
      sqlite3_step(stmt) != SQLITE_ROW) {
    error = sqlite::Error(db, "enable WAL");
  } else if (std::string_view mode = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
             mode != "wal" && mode != "memory") {
    error = StoreError{"enable WAL: journal_mode stays " + std::string(mode)};
  }
  sqlite3_finalize(stmt);
  return error;
}

StoreStatus Configure(sqlite3* db, config::SqliteSynchronous synchronous) {
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  // Every path of the store writes: a database it cannot write would fail each request later.
  if (sqlite3_db_readonly(db, "main") == 1) {
    return StoreError{"the database is read-only"};
  }
  if (auto error = EnableWal(db)) {
    return error;
  }
  if (auto error = sqlite::Exec(db, SynchronousPragma(synchronous), "set synchronous")) {
    return error;
  }
  // Checkpoint every ~40 MB of WAL instead of SQLite's 4 MB: each checkpoint syncs the WAL and
  // the database file, and ingest waits on it. Fewer, larger checkpoints also write each index
  // tail page once rather than once per checkpoint (measured: about a third more events/s). The
  // cost is a WAL file of that size kept on disk.
  if (auto error =
          sqlite::Exec(db, "PRAGMA wal_autocheckpoint = 10000", "set wal_autocheckpoint")) {
    return error;
  }
  return sqlite::CreateOrCheckSchema(db);
}

}  // namespace

std::variant<std::unique_ptr<SqliteStore>, StoreError> SqliteStore::Open(
    const std::string& path, config::SqliteSynchronous synchronous) {
  if (path.empty()) {
    return StoreError{"open central database: the path is empty"};
  }
  sqlite3* db = nullptr;
  // NOMUTEX: one thread uses the connection (store.h).
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  StoreStatus error;
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    error = sqlite::Error(db, "open " + path);
  } else {
    error = Configure(db, synchronous);
  }
  if (error) {
    sqlite3_close_v2(db);
    if (!error->message.starts_with("open ")) {
      error->message = path + ": " + error->message;
    }
    return *std::move(error);
  }
  std::unique_ptr<SqliteStore> store(new SqliteStore(db));
  if (auto prepare_error = store->statements_->PrepareAll(db)) {
    return StoreError{path + ": " + prepare_error->message};
  }
  return store;
}

SqliteStore::SqliteStore(sqlite3* db) : db_(db), statements_(std::make_unique<Statements>()) {}

SqliteStore::~SqliteStore() {
  statements_.reset();  // statements are finalized before their connection closes
  sqlite3_close_v2(db_);
}

StoreStatus SqliteStore::Ping() {
  sqlite3_stmt* stmt = statements_->ping;
  sqlite::ResetOnExit reset(stmt);
  if (sqlite3_step(stmt) != SQLITE_ROW) {
    return sqlite::Error(db_, "ping");
  }
  return std::nullopt;
}

StoreResult<std::vector<InsertResult>> SqliteStore::InsertEvents(std::span<const Event> events) {
  std::vector<InsertResult> results;
  if (events.empty()) {
    return results;
  }
  results.reserve(events.size());
  {
    sqlite::ResetOnExit reset(statements_->begin);
    if (sqlite3_step(statements_->begin) != SQLITE_DONE) {
      return sqlite::Error(db_, "begin insert");
    }
  }
  StoreStatus error;
  sqlite3_stmt* insert = statements_->insert_event;
  std::string units_json;
  for (const Event& event : events) {
    units_json.clear();
    sqlite::AppendUnitsJson(units_json, event.units);
    sqlite::ResetOnExit reset(insert);
    if (sqlite::BindEvent(insert, event, units_json) != SQLITE_OK ||
        sqlite3_step(insert) != SQLITE_DONE) {
      error = sqlite::Error(db_, "insert event " + event.event_id);
      break;
    }
    // ON CONFLICT DO NOTHING changes no row for an event_id already stored, including one
    // stored earlier in this same batch.
    const bool stored = sqlite3_changes64(db_) == 1;
    results.push_back(stored ? InsertResult::kStored : InsertResult::kDuplicate);
    if (stored && statements_->mirror.Mirror(event) != SQLITE_DONE) {
      error = sqlite::Error(db_, "mirror user/project of event " + event.event_id);
      break;
    }
  }
  if (!error) {
    sqlite::ResetOnExit reset(statements_->commit);
    if (sqlite3_step(statements_->commit) != SQLITE_DONE) {
      error = sqlite::Error(db_, "commit insert");
    }
  }
  if (error) {
    if (sqlite3_get_autocommit(db_) == 0) {
      sqlite::ResetOnExit reset(statements_->rollback);
      sqlite3_step(statements_->rollback);
    }
    statements_->mirror.RolledBack();
    return *std::move(error);
  }
  statements_->mirror.Committed();
  return results;
}

StoreResult<std::optional<Event>> SqliteStore::FindEvent(const std::string& event_id) {
  sqlite3_stmt* stmt = statements_->find_event;
  sqlite::ResetOnExit reset(stmt);
  sqlite::Binder b(stmt);
  b.Text(event_id);
  const int rc = b.rc() == SQLITE_OK ? sqlite3_step(stmt) : b.rc();
  if (rc == SQLITE_DONE) {
    return std::optional<Event>();
  }
  if (rc != SQLITE_ROW) {
    return sqlite::Error(db_, "find event " + event_id);
  }
  std::optional<Event> event = sqlite::ReadEvent(stmt);
  if (!event) {
    return StoreError{"find event " + event_id + ": units_json is not an object of integers"};
  }
  return event;
}

StoreResult<int64_t> SqliteStore::CountEvents() {
  sqlite3_stmt* stmt = statements_->count_events;
  sqlite::ResetOnExit reset(stmt);
  if (sqlite3_step(stmt) != SQLITE_ROW) {
    return sqlite::Error(db_, "count events");
  }
  return sqlite3_column_int64(stmt, 0);
}

}  // namespace costgate::central
