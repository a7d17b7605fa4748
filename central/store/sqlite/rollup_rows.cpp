#include "central/store/sqlite/rollup_rows.h"

#include <algorithm>
#include <utility>

#include "central/budgets/civil_date.h"
#include "central/store/sqlite/event_rows.h"
#include "sqlite/exec.h"
#include "sqlite/statement.h"

namespace costgate::central {
namespace {

constexpr int64_t kHourMs = 3'600'000;
constexpr const char* kZoneName = "rollup_day_zone";
// Events read per step of a rebuild: bounds its memory (the batch points into them).
constexpr size_t kRebuildChunk = 20'000;

std::vector<Dimension> AllDimensions(bool core) {
  std::vector<Dimension> dims;
  for (size_t i = 0; i < kDimensionCount; ++i) {
    const auto d = static_cast<Dimension>(i);
    if (!core || !IsHighCardinality(d)) {
      dims.push_back(d);
    }
  }
  return dims;
}

std::string KeyColumns(const RollupTableInfo& info) {
  std::string out(info.bucket_column);
  for (Dimension d : info.dimensions) {
    out += ", ";
    out += DimensionColumn(d);
  }
  return out;
}

std::string CreateTableSql(const RollupTableInfo& info) {
  std::string sql = "CREATE TABLE IF NOT EXISTS ";
  sql += info.name;
  sql += " (\n  ";
  sql += info.bucket_column;
  sql += " INTEGER NOT NULL";
  for (Dimension d : info.dimensions) {
    sql += ",\n  ";
    sql += DimensionColumn(d);
    sql += " TEXT NOT NULL";
  }
  for (std::string_view measure : kMeasureColumns) {
    sql += ",\n  ";
    sql += measure;
    sql += " INTEGER NOT NULL";
  }
  sql += ",\n  PRIMARY KEY (" + KeyColumns(info) + ")\n) WITHOUT ROWID;\n";
  return sql;
}

std::string UpsertSql(const RollupTableInfo& info) {
  std::string sql = "INSERT INTO ";
  sql += info.name;
  sql += " (" + KeyColumns(info);
  for (std::string_view measure : kMeasureColumns) {
    sql += ", ";
    sql += measure;
  }
  sql += ") VALUES (?";
  for (size_t i = 0; i < info.dimensions.size() + kMeasureCount; ++i) {
    sql += ", ?";
  }
  sql += ") ON CONFLICT (" + KeyColumns(info) + ") DO UPDATE SET ";
  for (size_t i = 0; i < kMeasureCount; ++i) {
    sql += i == 0 ? "" : ", ";
    sql += std::string(kMeasureColumns[i]) + " = " + std::string(kMeasureColumns[i]) +
           " + excluded." + std::string(kMeasureColumns[i]);
  }
  return sql;
}

}  // namespace

const RollupTableInfo& RollupInfo(RollupTable table) {
  static const std::vector<RollupTableInfo> infos = [] {
    std::vector<RollupTableInfo> all = {
        {"rollup_hour", "hour_unix_ms", AllDimensions(false)},
        {"rollup_day_core", "day_unix_ms", AllDimensions(true)},
        {"rollup_hour_total", "hour_unix_ms", {}},
        {"rollup_day_total", "day_unix_ms", {}},
    };
    for (Dimension d : AllDimensions(false)) {
      all.push_back({"rollup_hour_by_" + std::string(DimensionName(d)), "hour_unix_ms", {d}});
      all.push_back({"rollup_day_by_" + std::string(DimensionName(d)), "day_unix_ms", {d}});
    }
    return all;
  }();

  return infos.at(static_cast<size_t>(table));
}

std::optional<RollupTable> SmallestRollupHolding(bool days, const std::vector<Dimension>& needed) {
  std::optional<RollupTable> best;
  for (RollupTable table : AllRollupTables()) {
    const RollupTableInfo& info = RollupInfo(table);
    const bool holds = std::all_of(needed.begin(), needed.end(), [&](Dimension d) {
      return std::find(info.dimensions.begin(), info.dimensions.end(), d) != info.dimensions.end();
    });
    if (IsDayTable(table) == days && holds &&
        (!best || info.dimensions.size() < RollupInfo(*best).dimensions.size())) {
      best = table;
    }
  }
  return best;
}

bool IsDayTable(RollupTable table) { return RollupInfo(table).bucket_column == "day_unix_ms"; }

std::vector<RollupTable> AllRollupTables() {
  std::vector<RollupTable> tables;
  for (size_t i = 0; i < kRollupTableCount; ++i) {
    tables.push_back(static_cast<RollupTable>(i));
  }
  return tables;
}

std::vector<RollupTable> DayRollupTables() {
  std::vector<RollupTable> tables;
  for (RollupTable table : AllRollupTables()) {
    if (IsDayTable(table)) {
      tables.push_back(table);
    }
  }
  return tables;
}

std::string CreateRollupTablesSql() {
  std::string sql;
  for (size_t i = 0; i < kRollupTableCount; ++i) {
    sql += CreateTableSql(RollupInfo(static_cast<RollupTable>(i)));
  }
  sql +=
      "CREATE TABLE IF NOT EXISTS analytics_meta (\n  name TEXT PRIMARY KEY,\n  value TEXT NOT "
      "NULL\n) WITHOUT ROWID;\n"
      "INSERT INTO analytics_meta (name, value) VALUES ('" +
      std::string(kZoneName) + "', 'UTC') ON CONFLICT (name) DO NOTHING;\n";
  return sql;
}

int64_t HourStartMs(int64_t unix_ms) { return budgets::FloorDiv(unix_ms, kHourMs) * kHourMs; }

int64_t LocalDayStartMs(int64_t unix_ms, const budgets::TimeZone& zone) {
  const int64_t seconds = budgets::FloorDiv(unix_ms, 1000);
  return zone.StartOfLocalDay(zone.LocalDateAt(seconds)) * 1000;
}

RollupStatements::~RollupStatements() {
  for (sqlite3_stmt* stmt : upsert) {
    sqlite3_finalize(stmt);
  }
}

StoreStatus RollupStatements::PrepareAll(sqlite3* db) {
  for (size_t i = 0; i < kRollupTableCount; ++i) {
    const std::string sql = UpsertSql(RollupInfo(static_cast<RollupTable>(i)));
    if (auto error = sqlite::Prepare(db, sql.c_str(), &upsert[i])) {
      return StoreError{*std::move(error)};
    }
  }
  return std::nullopt;
}

RollupBatch::RollupBatch(const budgets::TimeZone& day_zone, std::vector<RollupTable> tables)
    : day_zone_(day_zone), tables_(std::move(tables)) {
  for (RollupTable table : tables_) {
    const std::vector<Dimension>& dimensions = RollupInfo(table).dimensions;
    sums_[static_cast<size_t>(table)].IndexBy(
        dimensions.size() == 1 ? std::optional(dimensions.front()) : std::nullopt,
        dimensions.empty());
  }
}

namespace {

size_t RollupKeyHash(int64_t bucket, const std::array<uint32_t, kDimensionCount>& labels) {
  uint64_t h = static_cast<uint64_t>(bucket) * 0x9e3779b97f4a7c15ULL;
  for (uint32_t label : labels) {
    h = (h ^ label) * 0x100000001b3ULL;
    h ^= h >> 29;
  }
  return static_cast<size_t>(h);
}

}  // namespace

void RollupBatch::Sums::IndexBy(std::optional<Dimension> only, bool none) {
  direct_ = only.has_value() || none;
  no_dimension_ = none;
  direct_dimension_ = only ? static_cast<size_t>(*only) : 0;
}

AnalyticsMeasures& RollupBatch::Sums::Append(const Key& key, uint32_t& index_slot) {
  entries_.emplace_back(key, AnalyticsMeasures{});
  index_slot = static_cast<uint32_t>(entries_.size());
  return entries_.back().second;
}

AnalyticsMeasures& RollupBatch::Sums::operator[](const Key& key) {
  if (direct_) {
    if (last_numbers_ == nullptr || last_bucket_ != key.bucket) {
      last_numbers_ = &by_bucket_[key.bucket];
      last_bucket_ = key.bucket;
    }
    const uint32_t number = no_dimension_ ? 0 : key.labels[direct_dimension_];
    if (last_numbers_->size() <= number) {
      last_numbers_->resize(number + 1, 0);
    }
    uint32_t& index = (*last_numbers_)[number];
    return index == 0 ? Append(key, index) : entries_[index - 1].second;
  }
  if (2 * (entries_.size() + 1) > slots_.size()) {
    Grow();
  }
  const size_t mask = slots_.size() - 1;
  for (size_t i = RollupKeyHash(key.bucket, key.labels) & mask;; i = (i + 1) & mask) {
    if (slots_[i] == 0) {
      return Append(key, slots_[i]);
    }
    if (auto& entry = entries_[slots_[i] - 1]; entry.first == key) {
      return entry.second;
    }
  }
}

void RollupBatch::Sums::Grow() {
  slots_.assign(std::max<size_t>(64, 2 * slots_.size()), 0);
  const size_t mask = slots_.size() - 1;
  for (size_t e = 0; e < entries_.size(); ++e) {
    const Key& key = entries_[e].first;
    size_t i = RollupKeyHash(key.bucket, key.labels) & mask;
    while (slots_[i] != 0) {
      i = (i + 1) & mask;
    }
    slots_[i] = static_cast<uint32_t>(e + 1);
  }
}

void RollupBatch::Sums::clear() {
  entries_.clear();
  std::fill(slots_.begin(), slots_.end(), 0);
  by_bucket_.clear();
  last_numbers_ = nullptr;
}

uint32_t RollupBatch::LabelNumber(Dimension d, const std::string& label) {
  const auto i = static_cast<size_t>(d);
  auto [it, added] = numbers_[i].try_emplace(label, 0);
  if (added) {
    labels_[i].push_back(&label);
    it->second = static_cast<uint32_t>(labels_[i].size());
  }
  return it->second;
}

int64_t RollupBatch::DayStartMs(int64_t unix_ms) {
  if (unix_ms < day_start_ms_ || unix_ms >= day_end_ms_) {
    const int64_t seconds = budgets::FloorDiv(unix_ms, 1000);
    const budgets::CivilDate date = day_zone_.LocalDateAt(seconds);
    day_start_ms_ = day_zone_.StartOfLocalDay(date) * 1000;
    day_end_ms_ =
        day_zone_.StartOfLocalDay(budgets::CivilFromDays(budgets::DaysFromCivil(date) + 1)) * 1000;
  }
  return day_start_ms_;
}

void RollupBatch::Add(const Event& event) {
  const AnalyticsMeasures measures = MeasuresOf(event);
  std::array<uint32_t, kDimensionCount> numbers{};
  for (size_t i = 0; i < kDimensionCount; ++i) {
    const auto d = static_cast<Dimension>(i);
    numbers[i] = LabelNumber(d, DimensionOf(event, d));
  }
  const int64_t hour = HourStartMs(event.start_unix_ms);
  std::optional<int64_t> day;  // looked up only when a day table is written
  for (RollupTable table : tables_) {
    Key key;
    if (IsDayTable(table)) {
      if (!day) {
        day = DayStartMs(event.start_unix_ms);
      }
      key.bucket = *day;
    } else {
      key.bucket = hour;
    }
    for (Dimension d : RollupInfo(table).dimensions) {
      key.labels[static_cast<size_t>(d)] = numbers[static_cast<size_t>(d)];
    }
    sums_[static_cast<size_t>(table)][key] += measures;
  }
}

bool RollupBatch::empty() const {
  for (const auto& sums : sums_) {
    if (!sums.empty()) {
      return false;
    }
  }
  return true;
}

void RollupBatch::Clear() {
  for (Sums& sums : sums_) {
    sums.clear();
  }
  for (size_t i = 0; i < kDimensionCount; ++i) {
    numbers_[i].clear();
    labels_[i].clear();
  }
  // The zone may change before the next batch.
  day_start_ms_ = 0;
  day_end_ms_ = 0;
}

StoreStatus RollupBatch::Write(sqlite3* db, const RollupStatements& statements) {
  for (size_t t = 0; t < kRollupTableCount; ++t) {
    const RollupTableInfo& info = RollupInfo(static_cast<RollupTable>(t));
    sqlite3_stmt* stmt = statements.upsert[t];
    for (const auto& [key, measures] : sums_[t].entries()) {
      sqlite::ResetOnExit reset(stmt);
      sqlite::Binder b(stmt);
      b.Int(key.bucket);
      for (Dimension d : info.dimensions) {
        const auto i = static_cast<size_t>(d);
        b.Text(*labels_[i][key.labels[i] - 1]);
      }
      for (int64_t AnalyticsMeasures::*member : kMeasureMembers) {
        b.Int(measures.*member);
      }
      if (b.Step() != SQLITE_DONE) {
        return StoreError{sqlite::ErrorText(db, std::string("add to ") + std::string(info.name))};
      }
    }
  }
  Clear();
  return std::nullopt;
}

StoreResult<std::string> ReadRollupZone(sqlite3* db) {
  sqlite::Statement stmt =
      sqlite::PrepareOnce(db, "SELECT value FROM analytics_meta WHERE name = 'rollup_day_zone'");
  if (!stmt) {
    return StoreError{sqlite::ErrorText(db, "read the rollups' time zone")};
  }
  const int rc = sqlite3_step(stmt.get());
  if (rc == SQLITE_DONE) {
    return std::string("UTC");
  }
  if (rc != SQLITE_ROW) {
    return StoreError{sqlite::ErrorText(db, "read the rollups' time zone")};
  }
  return sqlite::Reader(stmt.get()).Text();
}

StoreStatus RebuildRollups(sqlite3* db, const budgets::TimeZone& day_zone,
                           const std::vector<RollupTable>& tables) {
  for (RollupTable table : tables) {
    const std::string sql = "DELETE FROM " + std::string(RollupInfo(table).name);
    if (auto error = sqlite::Exec(db, sql.c_str(), "empty rollups")) {
      return StoreError{*std::move(error)};
    }
  }
  {
    sqlite::Statement zone = sqlite::PrepareOnce(
        db,
        "INSERT INTO analytics_meta (name, value) VALUES ('rollup_day_zone', ?) "
        "ON CONFLICT (name) DO UPDATE SET value = excluded.value");
    if (!zone) {
      return StoreError{sqlite::ErrorText(db, "record the rollups' time zone")};
    }
    sqlite::Binder b(zone.get());
    b.Text(day_zone.name());
    if (b.Step() != SQLITE_DONE) {
      return StoreError{sqlite::ErrorText(db, "record the rollups' time zone")};
    }
  }
  RollupStatements statements;
  if (StoreStatus error = statements.PrepareAll(db)) {
    return error;
  }
  sqlite::Statement select = sqlite::PrepareOnce(db, SelectEventsSql().c_str());
  if (!select) {
    return StoreError{sqlite::ErrorText(db, "read events for the rollups")};
  }
  std::vector<Event> chunk;
  chunk.reserve(kRebuildChunk);
  RollupBatch batch(day_zone, tables);
  int rc = SQLITE_ROW;
  while (rc == SQLITE_ROW) {
    rc = sqlite3_step(select.get());
    if (rc == SQLITE_ROW) {
      std::optional<Event> event = ReadEvent(select.get());
      if (!event) {
        return StoreError{"build rollups: an event's units_json is not an object of integers"};
      }
      chunk.push_back(*std::move(event));
    }
    if (chunk.size() == kRebuildChunk || (rc != SQLITE_ROW && !chunk.empty())) {
      for (const Event& event : chunk) {
        batch.Add(event);
      }
      if (StoreStatus error = batch.Write(db, statements)) {
        return error;
      }
      chunk.clear();
    }
  }
  if (rc != SQLITE_DONE) {
    return StoreError{sqlite::ErrorText(db, "read events for the rollups")};
  }
  return std::nullopt;
}

}  // namespace costgate::central
