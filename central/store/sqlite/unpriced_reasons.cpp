// SqliteStore::CountUnpricedReasons: one GROUP BY over the partial index events_unpriced
// (store_schema.cpp), which holds only the events with a NULL cost.
#include <sqlite3.h>

#include "central/store/sqlite/analytics_sql.h"
#include "central/store/sqlite/sqlite_store.h"
#include "sqlite/exec.h"
#include "sqlite/statement.h"

namespace costgate::central {

StoreResult<std::vector<UnpricedReasonCount>> SqliteStore::CountUnpricedReasons(
    int64_t from_unix_ms, int64_t to_unix_ms, const std::vector<AnalyticsFilter>& filters) {
  // INDEXED BY: the planner, without statistics, may as well pick events_by_start and read
  // every priced event of the range. The WHERE repeats the index's condition, as SQLite
  // requires of a partial index.
  const std::string sql =
      "SELECT provider, model, unpriced_reason, count(*) FROM events INDEXED BY events_unpriced"
      " WHERE cost_pico_usd IS NULL"
      " AND start_unix_ms >= ? AND start_unix_ms < ?" +
      FilterSql(filters) + " GROUP BY provider, model, unpriced_reason";
  sqlite::Statement stmt = sqlite::PrepareOnce(db_, sql.c_str());
  if (!stmt) {
    return StoreError{sqlite::ErrorText(db_, "count unpriced reasons")};
  }
  sqlite::Binder b(stmt.get());
  b.Int(from_unix_ms);
  b.Int(to_unix_ms);
  BindFilters(b, filters);
  std::vector<UnpricedReasonCount> counts;
  int rc = b.rc();
  while (rc == SQLITE_OK || rc == SQLITE_ROW) {
    rc = sqlite3_step(stmt.get());
    if (rc == SQLITE_ROW) {
      sqlite::Reader r(stmt.get());
      UnpricedReasonCount& count = counts.emplace_back();
      count.provider = r.Text();
      count.model = r.Text();
      count.reason = r.Text();
      count.calls = r.Int();
    }
  }
  if (rc != SQLITE_DONE) {
    return StoreError{sqlite::ErrorText(db_, "count unpriced reasons")};
  }
  return counts;
}

}  // namespace costgate::central
