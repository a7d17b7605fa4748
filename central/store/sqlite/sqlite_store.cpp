#include "central/store/sqlite/sqlite_store.h"

#include <sqlite3.h>

#include <string>
#include <string_view>
#include <utility>

#include "central/store/sqlite/event_rows.h"
#include "central/store/sqlite/rollup_rows.h"
#include "central/store/sqlite/store_schema.h"
#include "central/store/sqlite/store_statements.h"
#include "central/store/sqlite/write_transaction.h"
#include "sqlite/exec.h"
#include "sqlite/open.h"
#include "sqlite/schema_version.h"
#include "sqlite/statement.h"

namespace costgate::central {
namespace {

// 64 MiB of page cache per connection instead of SQLite's 2 MiB: ingest writes the tails of the
// events table, its indexes and three rollup tables at once, and the analytics views scan a
// month of day rollups; both stay in memory instead of re-reading pages.
StoreStatus UseLargeCache(sqlite3* db) {
  if (auto error = sqlite::Exec(db, "PRAGMA cache_size = -65536", "set cache_size")) {
    return StoreError{*std::move(error)};
  }
  return std::nullopt;
}

StoreStatus Configure(sqlite3* db, config::SqliteSynchronous synchronous) {
  // Every path of the store writes: a database it cannot write would fail each request later.
  // Checked before WAL, whose switch would fail on such a file with a less telling message.
  if (sqlite3_db_readonly(db, "main") == 1) {
    return StoreError{"the database is read-only"};
  }
  // WAL lets /v1/health and readers of the file (backups, `costgate keys list`) run beside
  // ingest.
  if (auto error = sqlite::UseWal(db, synchronous)) {
    return StoreError{*std::move(error)};
  }
  // Checkpoint every ~40 MB of WAL instead of SQLite's 4 MB: each checkpoint syncs the WAL and
  // the database file, and ingest waits on it. Fewer, larger checkpoints also write each index
  // tail page once rather than once per checkpoint (measured: about a third more events/s). The
  // cost is a WAL file of that size kept on disk.
  if (auto error =
          sqlite::Exec(db, "PRAGMA wal_autocheckpoint = 10000", "set wal_autocheckpoint")) {
    return StoreError{*std::move(error)};
  }
  if (auto error = UseLargeCache(db)) {
    return error;
  }
  return CreateOrCheckSchema(db);
}

// A reader leaves the schema to the writer: it cannot create or migrate it, and rows of another
// version would be read wrong.
StoreStatus CheckSchemaVersion(sqlite3* db) {
  const std::optional<int> version = sqlite::ReadUserVersion(db);
  if (!version) {
    return StoreError{sqlite::ErrorText(db, "read schema version")};
  }
  if (*version != kStoreSchemaVersion) {
    return StoreError{"schema version " + std::to_string(*version) + ", this costgate reads " +
                      std::to_string(kStoreSchemaVersion) +
                      ": a reader opens a store its writer has opened"};
  }
  return std::nullopt;
}

}  // namespace

std::variant<std::unique_ptr<SqliteStore>, StoreError> SqliteStore::Open(
    const std::string& path, config::SqliteSynchronous synchronous) {
  if (path.empty()) {
    return StoreError{"open central database: the path is empty"};
  }
  auto opened = sqlite::OpenReadWrite(path);
  if (auto* error = std::get_if<std::string>(&opened)) {
    return StoreError{std::move(*error)};  // "open <path>: ..." names the path already
  }
  sqlite3* db = std::get<sqlite3*>(opened);
  if (StoreStatus error = Configure(db, synchronous)) {
    sqlite3_close_v2(db);
    return StoreError{path + ": " + error->message};
  }
  std::unique_ptr<SqliteStore> store(new SqliteStore(db));
  if (auto prepare_error = store->statements_->PrepareAll(db)) {
    return StoreError{path + ": " + prepare_error->message};
  }
  // Ingest sums days in the zone the day rollups were built in.
  StoreResult<const budgets::TimeZone*> zone = store->RollupZone();
  if (auto* zone_error = std::get_if<StoreError>(&zone)) {
    return StoreError{path + ": " + zone_error->message};
  }
  return store;
}

std::variant<std::unique_ptr<SqliteStore>, StoreError> SqliteStore::OpenReadOnly(
    const std::string& path) {
  if (path.empty()) {
    return StoreError{"open central database: the path is empty"};
  }
  if (path == ":memory:") {
    return StoreError{"open central database read-only: :memory: is private to its connection"};
  }
  auto opened = sqlite::OpenReadOnly(path);
  if (auto* error = std::get_if<std::string>(&opened)) {
    return StoreError{std::move(*error)};  // "open <path> read-only: ..." names the path already
  }
  std::unique_ptr<SqliteStore> store(new SqliteStore(std::get<sqlite3*>(opened)));
  if (StoreStatus error = UseLargeCache(store->db_)) {
    return StoreError{path + ": " + error->message};
  }
  if (StoreStatus error = CheckSchemaVersion(store->db_)) {
    return StoreError{path + ": " + error->message};
  }
  if (auto prepare_error = store->statements_->PrepareAll(store->db_)) {
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
    return StoreError{sqlite::ErrorText(db_, "ping")};
  }
  return std::nullopt;
}

namespace {

StoreStatus CheckIncrements(size_t events, size_t increments) {
  if (increments != 0 && increments != events) {
    return StoreError{"insert events: " + std::to_string(increments) +
                      " lists of spend increments for " + std::to_string(events) + " events"};
  }
  return std::nullopt;
}

}  // namespace

StoreResult<std::vector<InsertResult>> SqliteStore::InsertEvents(
    std::span<const Event> events, std::span<const std::vector<SpendIncrement>> increments) {
  std::vector<InsertResult> results;
  if (events.empty()) {
    return results;
  }
  if (StoreStatus error = CheckIncrements(events.size(), increments.size())) {
    return *std::move(error);
  }
  if (StoreStatus error = Begin("begin insert")) {
    return *std::move(error);
  }
  if (StoreStatus error = Finish(InsertInTransaction(events, increments, results))) {
    return *std::move(error);
  }
  return results;
}

StoreResult<std::vector<InsertResult>> SqliteStore::InsertEventsCounted(
    std::span<const Event> events, const IncrementsFor& increments_for,
    std::vector<Budget>& budgets, std::vector<std::vector<SpendIncrement>>& increments) {
  budgets.clear();
  increments.clear();
  std::vector<InsertResult> results;
  if (events.empty()) {
    return results;
  }
  // BEGIN IMMEDIATE takes the write lock first: no budget changes until this commits.
  if (StoreStatus error = Begin("begin insert")) {
    return *std::move(error);
  }
  StoreStatus error;
  StoreResult<std::vector<Budget>> listed = ListBudgets();
  if (auto* list_error = std::get_if<StoreError>(&listed)) {
    error = std::move(*list_error);
  } else {
    budgets = std::get<std::vector<Budget>>(std::move(listed));
    if (!budgets.empty()) {
      increments = increments_for(budgets);
    }
    error = CheckIncrements(events.size(), increments.size());
  }
  if (!error) {
    error = InsertInTransaction(events, increments, results);
  }
  if (StoreStatus failed = Finish(std::move(error))) {
    return *std::move(failed);
  }
  return results;
}

StoreStatus SqliteStore::Begin(const char* what) { return StepDone(db_, statements_->begin, what); }

StoreStatus SqliteStore::Finish(StoreStatus error) {
  if (!error) {
    error = StepDone(db_, statements_->commit, "commit insert");
  }
  if (error) {
    sqlite::RollbackIfOpen(db_);
    statements_->mirror.RolledBack();
    return error;
  }
  statements_->mirror.Committed();
  return std::nullopt;
}

StoreStatus SqliteStore::InsertInTransaction(
    std::span<const Event> events, std::span<const std::vector<SpendIncrement>> increments,
    std::vector<InsertResult>& results) {
  results.reserve(events.size());
  // The stored events' sums per rollup key, written once per key after the loop.
  if (!rollup_batch_) {
    rollup_batch_ = std::make_unique<RollupBatch>(*rollup_zone_, AllRollupTables());
  }
  RollupBatch& rollups = *rollup_batch_;
  rollups.Clear();  // what a failed insert before this one left
  sqlite3_stmt* insert = statements_->insert_event;
  const std::optional<bool> holds_exist = AnyHolds(statements_->ledger);
  if (!holds_exist) {
    return StoreError{sqlite::ErrorText(db_, "look for budget holds")};
  }
  std::string units_json;
  for (size_t i = 0; i < events.size(); ++i) {
    const Event& event = events[i];
    units_json.clear();
    AppendUnitsJson(units_json, event.units);
    sqlite::ResetOnExit reset(insert);
    if (BindEvent(insert, event, units_json) != SQLITE_OK || sqlite3_step(insert) != SQLITE_DONE) {
      return StoreError{sqlite::ErrorText(db_, "insert event " + event.event_id)};
    }
    // ON CONFLICT DO NOTHING changes no row for an event_id already stored, including one
    // stored earlier in this same batch.
    const bool stored = sqlite3_changes64(db_) == 1;
    results.push_back(stored ? InsertResult::kStored : InsertResult::kDuplicate);
    if (stored && statements_->mirror.Mirror(event) != SQLITE_DONE) {
      return StoreError{sqlite::ErrorText(db_, "mirror user/project of event " + event.event_id)};
    }
    // Only a stored event counts: its duplicate was counted when it was stored.
    if (stored && !increments.empty() &&
        AddSpend(statements_->budgets.add_spend, increments[i]) != SQLITE_DONE) {
      return StoreError{sqlite::ErrorText(db_, "count spend of event " + event.event_id)};
    }
    // Its cost is in spent now: its holder's leases and its holds stop reserving it.
    if (stored &&
        SettleLedger(statements_->ledger, event, increments.empty() ? nullptr : &increments[i],
                     *holds_exist) != SQLITE_DONE) {
      return StoreError{sqlite::ErrorText(db_, "settle holds of event " + event.event_id)};
    }
    if (stored) {
      rollups.Add(event);
    }
  }
  return rollups.Write(db_, statements_->rollups);
}

StoreResult<std::optional<Event>> SqliteStore::FindEvent(const std::string& event_id) {
  sqlite3_stmt* stmt = statements_->find_event;
  sqlite::ResetOnExit reset(stmt);
  sqlite::Binder b(stmt);
  b.Text(event_id);
  const int rc = b.Step();
  if (rc == SQLITE_DONE) {
    return std::optional<Event>();
  }
  if (rc != SQLITE_ROW) {
    return StoreError{sqlite::ErrorText(db_, "find event " + event_id)};
  }
  std::optional<Event> event = ReadEvent(stmt);
  if (!event) {
    return StoreError{"find event " + event_id + ": units_json is not an object of integers"};
  }
  return event;
}

StoreResult<int64_t> SqliteStore::CountEvents() {
  sqlite3_stmt* stmt = statements_->count_events;
  sqlite::ResetOnExit reset(stmt);
  if (sqlite3_step(stmt) != SQLITE_ROW) {
    return StoreError{sqlite::ErrorText(db_, "count events")};
  }
  return sqlite3_column_int64(stmt, 0);
}

}  // namespace costgate::central
