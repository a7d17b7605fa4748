// The analytics time zone of a SqliteStore: the zone its day rollups are built in.
#include <utility>

#include "central/store/sqlite/rollup_rows.h"
#include "central/store/sqlite/sqlite_store.h"
#include "central/store/sqlite/store_statements.h"
#include "central/store/sqlite/write_transaction.h"

namespace costgate::central {

StoreResult<const budgets::TimeZone*> SqliteStore::RollupZone() {
  StoreResult<std::string> name = ReadRollupZone(db_);
  if (auto* error = std::get_if<StoreError>(&name)) {
    return *std::move(error);
  }
  const std::string& zone_name = std::get<std::string>(name);
  if (!rollup_zone_ || rollup_zone_->name() != zone_name) {
    std::variant<budgets::TimeZone, std::string> loaded = budgets::TimeZone::Load(zone_name);
    if (auto* error = std::get_if<std::string>(&loaded)) {
      return StoreError{"the rollups' time zone: " + *error};
    }
    rollup_zone_ = std::get<budgets::TimeZone>(std::move(loaded));
  }
  return &*rollup_zone_;
}

StoreResult<std::string> SqliteStore::AnalyticsTimeZone() {
  StoreResult<const budgets::TimeZone*> zone = RollupZone();
  if (auto* error = std::get_if<StoreError>(&zone)) {
    return *std::move(error);
  }
  return std::get<const budgets::TimeZone*>(zone)->name();
}

StoreResult<bool> SqliteStore::SetAnalyticsTimeZone(const std::string& zone) {
  std::variant<budgets::TimeZone, std::string> loaded = budgets::TimeZone::Load(zone);
  if (auto* error = std::get_if<std::string>(&loaded)) {
    return StoreError{"analytics time zone: " + *error};
  }
  budgets::TimeZone wanted = std::get<budgets::TimeZone>(std::move(loaded));
  // Read and rebuilt under the write lock: no insert sums a day in the old zone meanwhile.
  StoreResult<bool> rebuilt = WriteTransaction<bool>(
      db_, statements_->begin, statements_->commit, "set the analytics time zone",
      [&]() -> StoreResult<bool> {
        StoreResult<std::string> current = ReadRollupZone(db_);
        if (auto* error = std::get_if<StoreError>(&current)) {
          return *std::move(error);
        }
        if (std::get<std::string>(current) == wanted.name()) {
          return false;
        }
        if (StoreStatus error = RebuildRollups(db_, wanted, DayRollupTables())) {
          return *std::move(error);
        }
        return true;
      });
  if (std::holds_alternative<bool>(rebuilt)) {
    rollup_zone_ = std::move(wanted);
  }
  return rebuilt;
}

}  // namespace costgate::central
