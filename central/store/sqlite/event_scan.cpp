// SqliteStore::ScanEvents and OpenReader: one SELECT stepped batch by batch. A statement that is
// being stepped holds its read transaction, so every batch comes from the snapshot the first
// step took. (A WAL reader that long also keeps the writer's checkpoints from resetting the WAL
// past it: the WAL grows during an export and is reset by the first checkpoint after.)
#include <sqlite3.h>

#include <utility>

#include "central/store/sqlite/analytics_sql.h"
#include "central/store/sqlite/event_rows.h"
#include "central/store/sqlite/sqlite_store.h"
#include "sqlite/exec.h"
#include "sqlite/statement.h"

namespace costgate::central {
namespace {

class SqliteEventScan final : public EventScan {
 public:
  // `filters` are kept: their texts are bound without a copy and must outlive the statement.
  SqliteEventScan(sqlite3* db, std::vector<AnalyticsFilter> filters)
      : db_(db), filters_(std::move(filters)) {}

  StoreStatus Prepare(int64_t from_unix_ms, int64_t to_unix_ms) {
    const std::string sql = SelectEventsSql() + " WHERE start_unix_ms >= ? AND start_unix_ms < ?" +
                            FilterSql(filters_) + " ORDER BY start_unix_ms, event_id";
    stmt_ = sqlite::PrepareOnce(db_, sql.c_str());
    if (!stmt_) {
      return StoreError{sqlite::ErrorText(db_, "scan events")};
    }
    sqlite::Binder b(stmt_.get());
    b.Int(from_unix_ms);
    b.Int(to_unix_ms);
    BindFilters(b, filters_);
    if (b.rc() != SQLITE_OK) {
      return StoreError{sqlite::ErrorText(db_, "scan events")};
    }
    return std::nullopt;
  }

  bool Next(std::vector<Event>& out, size_t max_events, StoreError& error) override {
    out.clear();
    while (!done_ && out.size() < max_events) {
      const int rc = sqlite3_step(stmt_.get());
      if (rc == SQLITE_DONE) {
        done_ = true;
        break;
      }
      if (rc != SQLITE_ROW) {
        done_ = true;
        error = StoreError{sqlite::ErrorText(db_, "scan events")};
        return false;
      }
      std::optional<Event> event = ReadEvent(stmt_.get());
      if (!event) {
        done_ = true;
        error = StoreError{"scan events: an event's units_json is not an object of integers"};
        return false;
      }
      out.push_back(*std::move(event));
    }
    if (done_) {
      stmt_.reset();  // ends the read transaction now, not when the export's stream is freed
    }
    return true;
  }

 private:
  sqlite3* db_;
  std::vector<AnalyticsFilter> filters_;
  sqlite::Statement stmt_;
  bool done_ = false;
};

}  // namespace

StoreResult<std::unique_ptr<EventScan>> SqliteStore::ScanEvents(
    int64_t from_unix_ms, int64_t to_unix_ms, const std::vector<AnalyticsFilter>& filters) {
  auto scan = std::make_unique<SqliteEventScan>(db_, filters);
  if (StoreStatus error = scan->Prepare(from_unix_ms, to_unix_ms)) {
    return *std::move(error);
  }
  return std::unique_ptr<EventScan>(std::move(scan));
}

StoreResult<std::unique_ptr<Store>> SqliteStore::OpenReader() {
  const char* path = sqlite3_db_filename(db_, "main");
  if (path == nullptr || *path == '\0') {
    return StoreError{"a private in-memory database has no second connection"};
  }
  auto opened = OpenReadOnly(path);
  if (auto* error = std::get_if<StoreError>(&opened)) {
    return std::move(*error);
  }
  return std::unique_ptr<Store>(std::move(std::get<std::unique_ptr<SqliteStore>>(opened)));
}

}  // namespace costgate::central
