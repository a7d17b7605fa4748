// Internal to central/store/sqlite: the SQL of the analytics filters, shared by the rollup
// sums and the event pages.
#pragma once

#include <string>
#include <vector>

#include "central/store/analytics.h"
#include "sqlite/statement.h"

namespace costgate::central {

// " AND <column> IN (?, ...)" per filter, in order ("" when none).
std::string FilterSql(const std::vector<AnalyticsFilter>& filters);
// Binds the filters' values in FilterSql's order.
void BindFilters(sqlite::Binder& b, const std::vector<AnalyticsFilter>& filters);

}  // namespace costgate::central
