// Internal to central/store/sqlite: the rollup tables (schema version 5) and how ingest keeps
// them current. Each is a WITHOUT ROWID table keyed by (bucket start, dimensions...) holding the
// measure sums (central/store/analytics.h) of the events stored in that bucket with those labels:
//  - rollup_hour: UTC hours x all 13 dimensions (with user, job, feature and pod varying
//    freely, about a row per event: what a query combining a high-cardinality dimension with
//    another one reads; there is no such table of days, it would be as big and save nothing);
//  - rollup_day_core: local days in the zone analytics_meta names x the dimensions without
//    user, job, feature and pod, the labels with many values: a month of it stays small;
//  - rollup_hour_total, rollup_day_total: the same hours and days without any dimension, for
//    the unfiltered views (the overview's totals and its spend over time): a row per bucket;
//  - rollup_hour_by_<dim>, rollup_day_by_<dim>: hours and days by one dimension (any of the
//    13), for the top-N, breakdowns and stacked series: a row per value.
// A query reads the smallest table holding every dimension it filters or groups by; when no
// day table holds them, the whole range is read from hours (central/store/analytics_plan.h).
// A batch of events is summed in memory first, then written with one upsert per distinct key
// (INSERT ... ON CONFLICT DO UPDATE SET x = x + excluded.x), in the insert's transaction.
#pragma once

#include <sqlite3.h>

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "central/budgets/time_zone.h"
#include "central/store/analytics.h"
#include "central/store/store.h"

namespace costgate::central {

// The four named tables, then (unnamed values) a by-dimension hour and day table for each of the
// 13 dimensions.
enum class RollupTable : uint8_t { kHour, kDayCore, kHourTotal, kDayTotal };
inline constexpr size_t kRollupTableCount = 4 + 2 * kDimensionCount;

struct RollupTableInfo {
  std::string name;                // "rollup_hour"
  std::string_view bucket_column;  // "hour_unix_ms", "day_unix_ms"
  std::vector<Dimension> dimensions;
};
const RollupTableInfo& RollupInfo(RollupTable table);
// True for the tables of local days (in the zone analytics_meta names), false for UTC hours.
bool IsDayTable(RollupTable table);
// Every table (what ingest and a migration fill), and the day tables (what a zone change
// rebuilds).
std::vector<RollupTable> AllRollupTables();
std::vector<RollupTable> DayRollupTables();
// The table of the fewest dimensions that holds every one of `needed`, of days or of hours;
// none of days when `needed` has a high-cardinality dimension and another one (rollup_hour,
// of hours, holds every dimension).
std::optional<RollupTable> SmallestRollupHolding(bool days, const std::vector<Dimension>& needed);

// The tables and analytics_meta (name -> value: "rollup_day_zone", the zone the day tables
// were built in), created if missing; a new table's zone is UTC.
std::string CreateRollupTablesSql();

// The start of the UTC hour holding `unix_ms`, and of the local day in `zone`.
int64_t HourStartMs(int64_t unix_ms);
int64_t LocalDayStartMs(int64_t unix_ms, const budgets::TimeZone& zone);

// One upsert statement per table, prepared once per connection.
struct RollupStatements {
  RollupStatements() = default;
  RollupStatements(const RollupStatements&) = delete;
  RollupStatements& operator=(const RollupStatements&) = delete;
  ~RollupStatements();
  StoreStatus PrepareAll(sqlite3* db);

  std::array<sqlite3_stmt*, kRollupTableCount> upsert{};
};

// The sums of a batch of events per rollup key, for the tables `tables` names. The events must
// outlive the batch (their labels are read when it is written). `day_zone` must outlive it; it
// may change between batches. Each label is numbered once per
// batch, so that a key is a bucket and a few integers: hashing and comparing those, not the
// label texts, for each of the 30 tables an event adds to.
class RollupBatch {
 public:
  RollupBatch(const budgets::TimeZone& day_zone, std::vector<RollupTable> tables);
  void Add(const Event& event);
  bool empty() const;
  // Forgets what was added (an insert that failed before writing).
  void Clear();
  // Adds the sums to the tables, one upsert per key; then the batch is empty again.
  StoreStatus Write(sqlite3* db, const RollupStatements& statements);

 private:
  struct Key {
    int64_t bucket = 0;
    std::array<uint32_t, kDimensionCount> labels{};  // numbers; 0 for a dimension not in the table
    friend bool operator==(const Key&, const Key&) = default;
  };
  // The sums of one table, in a dense vector. A table of one dimension or none finds a key's
  // entry by its bucket and label number (an index); a wider one through an open-addressing
  // hash index. An event adds to 30 tables: node allocation per new key and pointer chasing in
  // std::unordered_map were a tenth of ingest.
  class Sums {
   public:
    // The dimension the table is by, for a table of one; none for the others.
    void IndexBy(std::optional<Dimension> only, bool none);
    AnalyticsMeasures& operator[](const Key& key);
    const auto& entries() const { return entries_; }
    bool empty() const { return entries_.empty(); }
    void clear();

   private:
    AnalyticsMeasures& Append(const Key& key, uint32_t& index_slot);
    void Grow();
    bool direct_ = false;
    size_t direct_dimension_ = 0;  // in Key::labels; unused for a table without dimensions
    bool no_dimension_ = false;
    // Direct: per bucket, label number -> entry index + 1 (0 = none yet).
    std::unordered_map<int64_t, std::vector<uint32_t>> by_bucket_;
    int64_t last_bucket_ = 0;
    std::vector<uint32_t>* last_numbers_ = nullptr;
    // Hashed: entry index + 1; 0 = free; a power of two in size.
    std::vector<uint32_t> slots_;
    std::vector<std::pair<Key, AnalyticsMeasures>> entries_;
  };
  uint32_t LabelNumber(Dimension d, const std::string& label);
  int64_t DayStartMs(int64_t unix_ms);

  const budgets::TimeZone& day_zone_;
  std::vector<RollupTable> tables_;
  // Per dimension: label -> its number (from 1), and number - 1 -> label (owned by the events).
  std::array<std::unordered_map<std::string_view, uint32_t>, kDimensionCount> numbers_;
  std::array<std::vector<const std::string*>, kDimensionCount> labels_;
  std::array<Sums, kRollupTableCount> sums_;
  // The local day of the last event: most events of a batch fall in the same one.
  int64_t day_start_ms_ = 0;
  int64_t day_end_ms_ = 0;
};

// Reads the zone the day tables were built in (analytics_meta); "UTC" when none is recorded.
StoreResult<std::string> ReadRollupZone(sqlite3* db);
// Empties `tables` and builds them again from every stored event, in the caller's transaction;
// records `day_zone` as the day tables' zone. For a migration (all tables) and a change of
// central.time_zone (the day tables).
StoreStatus RebuildRollups(sqlite3* db, const budgets::TimeZone& day_zone,
                           const std::vector<RollupTable>& tables);

}  // namespace costgate::central
