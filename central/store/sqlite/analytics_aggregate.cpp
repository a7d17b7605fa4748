// SqliteStore::Aggregate: measure sums over a range from the rollup tables and, for the
// sub-hour edges, the raw events (central/store/analytics_plan.h).
#include <map>
#include <string>
#include <unordered_map>
#include <utility>

#include "central/store/analytics_plan.h"
#include "central/store/sqlite/analytics_sql.h"
#include "central/store/sqlite/event_rows.h"
#include "central/store/sqlite/rollup_rows.h"
#include "central/store/sqlite/sqlite_store.h"
#include "sqlite/exec.h"

namespace costgate::central {
namespace {

using Sums = std::map<std::vector<std::string>, AnalyticsMeasures>;

// Every dimension the query filters or groups by: what its rollup table must hold.
std::vector<Dimension> NeededDimensions(const AnalyticsQuery& query) {
  std::vector<Dimension> needed = query.group_by;
  for (const AnalyticsFilter& filter : query.filters) {
    needed.push_back(filter.dimension);
  }
  return needed;
}

std::string GroupColumns(const AnalyticsQuery& query) {
  std::string out;
  for (size_t i = 0; i < query.group_by.size(); ++i) {
    out += i == 0 ? "" : ", ";
    out += DimensionColumn(query.group_by[i]);
  }
  return out;
}

// Without groups: SELECT SUM(<measure>)... FROM <table> WHERE <bucket> in span <filters>.
// With groups, the rows themselves (SELECT <groups>, <measure>...): they are summed in a hash map
// (SumGroupedRows), which costs about half of what SQLite's GROUP BY does, a sort of every row.
std::string RollupSumSql(RollupTable table, const AnalyticsQuery& query) {
  const RollupTableInfo& info = RollupInfo(table);
  const std::string groups = GroupColumns(query);
  std::string sql = "SELECT " + groups;
  for (size_t i = 0; i < kMeasureCount; ++i) {
    sql += (i == 0 && groups.empty()) ? "" : ", ";
    sql += groups.empty() ? "SUM(" + std::string(kMeasureColumns[i]) + ")"
                          : std::string(kMeasureColumns[i]);
  }
  sql += " FROM " + std::string(info.name) + " WHERE " + std::string(info.bucket_column) +
         " >= ? AND " + std::string(info.bucket_column) + " < ?" + FilterSql(query.filters);
  return sql;
}

// Sums the stepped rows of RollupSumSql with groups per key (the group labels joined by NUL:
// labels hold none, base/text_rule.h), then adds them to `sums`.
int SumGroupedRows(sqlite3_stmt* stmt, int rc, int groups, Sums& sums) {
  std::unordered_map<std::string, std::pair<std::vector<std::string>, AnalyticsMeasures>> by_key;
  std::string key;
  for (; rc == SQLITE_ROW; rc = sqlite3_step(stmt)) {
    key.clear();
    for (int i = 0; i < groups; ++i) {
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, i));
      key.append(text == nullptr ? "" : text, static_cast<size_t>(sqlite3_column_bytes(stmt, i)));
      key += '\0';
    }
    auto& [labels, m] = by_key[key];
    if (labels.empty()) {
      sqlite::Reader r(stmt);
      for (int i = 0; i < groups; ++i) {
        labels.push_back(r.Text());
      }
    }
    for (size_t i = 0; i < kMeasureCount; ++i) {
      m.*kMeasureMembers[i] += sqlite3_column_int64(stmt, groups + static_cast<int>(i));
    }
  }
  for (auto& [unused_key, entry] : by_key) {
    sums[std::move(entry.first)] += entry.second;
  }
  return rc;
}

StoreStatus SumRollup(sqlite3* db, RollupTable table, const TimeSpan& span,
                      const AnalyticsQuery& query, Sums& sums) {
  const std::string sql = RollupSumSql(table, query);
  sqlite::Statement stmt = sqlite::PrepareOnce(db, sql.c_str());
  if (!stmt) {
    return StoreError{sqlite::ErrorText(db, "sum rollups")};
  }
  sqlite::Binder b(stmt.get());
  b.Int(span.from_unix_ms);
  b.Int(span.to_unix_ms);
  BindFilters(b, query.filters);
  int rc = b.Step();
  const int groups = static_cast<int>(query.group_by.size());
  if (groups > 0) {
    rc = SumGroupedRows(stmt.get(), rc, groups, sums);
  }
  for (; rc == SQLITE_ROW; rc = sqlite3_step(stmt.get())) {
    // Without groups, a range without rows still yields one row, of NULL sums.
    if (sqlite3_column_type(stmt.get(), groups + 1) == SQLITE_NULL) {
      continue;
    }
    sqlite::Reader r(stmt.get());
    std::vector<std::string> keys;
    keys.reserve(query.group_by.size());
    for (int i = 0; i < groups; ++i) {
      keys.push_back(r.Text());
    }
    AnalyticsMeasures& m = sums[std::move(keys)];
    for (int64_t AnalyticsMeasures::*member : kMeasureMembers) {
      m.*member += r.Int();
    }
  }
  if (rc != SQLITE_DONE) {
    return StoreError{sqlite::ErrorText(db, "sum rollups")};
  }
  return std::nullopt;
}

// The raw edges: each event's measures the way ingest sums them (MeasuresOf).
StoreStatus SumEvents(sqlite3* db, const TimeSpan& span, const AnalyticsQuery& query, Sums& sums) {
  const std::string sql = SelectEventsSql() + " WHERE start_unix_ms >= ? AND start_unix_ms < ?" +
                          FilterSql(query.filters);
  sqlite::Statement stmt = sqlite::PrepareOnce(db, sql.c_str());
  if (!stmt) {
    return StoreError{sqlite::ErrorText(db, "sum events")};
  }
  sqlite::Binder b(stmt.get());
  b.Int(span.from_unix_ms);
  b.Int(span.to_unix_ms);
  BindFilters(b, query.filters);
  int rc = b.Step();
  for (; rc == SQLITE_ROW; rc = sqlite3_step(stmt.get())) {
    std::optional<Event> event = ReadEvent(stmt.get());
    if (!event) {
      return StoreError{"sum events: an event's units_json is not an object of integers"};
    }
    std::vector<std::string> keys;
    keys.reserve(query.group_by.size());
    for (Dimension d : query.group_by) {
      keys.push_back(DimensionOf(*event, d));
    }
    sums[std::move(keys)] += MeasuresOf(*event);
  }
  if (rc != SQLITE_DONE) {
    return StoreError{sqlite::ErrorText(db, "sum events")};
  }
  return std::nullopt;
}

// A probe of events_by_start; an error answers "yes", which only keeps the range as asked.
HasEventsIn EventsProbe(sqlite3* db) {
  return [db](const TimeSpan& span) {
    sqlite::Statement stmt = sqlite::PrepareOnce(
        db, "SELECT 1 FROM events WHERE start_unix_ms >= ? AND start_unix_ms < ? LIMIT 1");
    if (!stmt) {
      return true;
    }
    sqlite::Binder b(stmt.get());
    b.Int(span.from_unix_ms);
    b.Int(span.to_unix_ms);
    return b.Step() != SQLITE_DONE;
  };
}

}  // namespace

StoreResult<std::vector<AnalyticsRow>> SqliteStore::Aggregate(const AnalyticsQuery& query) {
  StoreResult<const budgets::TimeZone*> zone = RollupZone();
  if (auto* error = std::get_if<StoreError>(&zone)) {
    return *std::move(error);
  }
  const std::vector<Dimension> needed = NeededDimensions(query);
  const std::optional<RollupTable> day_table = SmallestRollupHolding(true, needed);
  const RollupTable hour_table = SmallestRollupHolding(false, needed).value_or(RollupTable::kHour);
  const budgets::TimeZone* day_zone = std::get<const budgets::TimeZone*>(zone);
  // One read transaction: every part, and the probes that widen the range, see the same
  // committed events.
  if (auto error = sqlite::Exec(db_, "BEGIN", "begin analytics read")) {
    return StoreError{*std::move(error)};
  }
  const TimeSpan range = WidenOverEmptyEdges({query.from_unix_ms, query.to_unix_ms},
                                             day_table ? day_zone : nullptr, EventsProbe(db_));
  const RangePlan plan = day_table ? PlanRange(range.from_unix_ms, range.to_unix_ms, *day_zone)
                                   : PlanHourRange(range.from_unix_ms, range.to_unix_ms);
  Sums sums;
  StoreStatus error;
  if (plan.days) {
    error = SumRollup(db_, *day_table, *plan.days, query, sums);
  }
  for (const TimeSpan& span : plan.hours) {
    if (!error) {
      error = SumRollup(db_, hour_table, span, query, sums);
    }
  }
  for (const TimeSpan& span : plan.raw) {
    if (!error) {
      error = SumEvents(db_, span, query, sums);
    }
  }
  if (!error) {
    if (auto failed = sqlite::Exec(db_, "COMMIT", "end analytics read")) {
      error = StoreError{*std::move(failed)};
    }
  }
  if (error) {
    sqlite::RollbackIfOpen(db_);
    return *std::move(error);
  }
  std::vector<AnalyticsRow> rows;
  rows.reserve(sums.size());
  for (auto& [keys, measures] : sums) {
    rows.push_back({keys, measures});
  }
  return rows;
}

StoreResult<std::vector<Event>> SqliteStore::ListEvents(const EventPageQuery& query) {
  std::string sql = SelectEventsSql() + " WHERE start_unix_ms >= ? AND start_unix_ms < ?" +
                    FilterSql(query.filters);
  if (query.after) {
    sql += " AND (start_unix_ms < ? OR (start_unix_ms = ? AND event_id < ?))";
  }
  sql += " ORDER BY start_unix_ms DESC, event_id DESC LIMIT ?";
  sqlite::Statement stmt = sqlite::PrepareOnce(db_, sql.c_str());
  if (!stmt) {
    return StoreError{sqlite::ErrorText(db_, "list events")};
  }
  sqlite::Binder b(stmt.get());
  b.Int(query.from_unix_ms);
  b.Int(query.to_unix_ms);
  BindFilters(b, query.filters);
  if (query.after) {
    b.Int(query.after->start_unix_ms);
    b.Int(query.after->start_unix_ms);
    b.Text(query.after->event_id);
  }
  b.Int(query.limit);
  std::vector<Event> events;
  int rc = b.Step();
  for (; rc == SQLITE_ROW; rc = sqlite3_step(stmt.get())) {
    std::optional<Event> event = ReadEvent(stmt.get());
    if (!event) {
      return StoreError{"list events: an event's units_json is not an object of integers"};
    }
    events.push_back(*std::move(event));
  }
  if (rc != SQLITE_DONE) {
    return StoreError{sqlite::ErrorText(db_, "list events")};
  }
  return events;
}

}  // namespace costgate::central
