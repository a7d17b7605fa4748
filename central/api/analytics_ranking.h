// Rows of an analytics answer ranked by a measure: the top N keys of a breakdown, a pivot's rows
// and columns, a timeseries' series.
#pragma once

#include <string>
#include <vector>

#include "central/api/analytics_request.h"

namespace costgate::central {

// The rows' measures by their first key, largest `measure` first (ties: key ascending).
std::vector<AnalyticsRow> RankByFirstKey(const std::vector<AnalyticsRow>& rows, RankMeasure measure,
                                         size_t key_index = 0);

}  // namespace costgate::central
