#include "central/store/sqlite/analytics_sql.h"

namespace costgate::central {

std::string FilterSql(const std::vector<AnalyticsFilter>& filters) {
  std::string sql;
  for (const AnalyticsFilter& filter : filters) {
    sql += " AND ";
    sql += DimensionColumn(filter.dimension);
    sql += " IN (";
    for (size_t i = 0; i < filter.values.size(); ++i) {
      sql += i == 0 ? "?" : ", ?";
    }
    sql += ')';
  }
  return sql;
}

void BindFilters(sqlite::Binder& b, const std::vector<AnalyticsFilter>& filters) {
  for (const AnalyticsFilter& filter : filters) {
    for (const std::string& value : filter.values) {
      b.Text(value);
    }
  }
}

}  // namespace costgate::central
