// The rows of the analytics exports (analytics_export.cpp), one function per kind, each writing
// its header or one row into a CsvWriter, or one JSON object per line (JSON Lines):
//  - events: every field central stores for an event, named as in the events drill-down
//    (event_json.h), money as <name>_usd and <name>_pico_usd, units as a JSON object;
//  - breakdown: a dimension's value and every measure (MeasureFields);
//  - FOCUS: FinOps FOCUS-shaped cost rows, one per local day x every dimension, for finance
//    tools: BilledCost, EffectiveCost, ListCost (exact USD), ChargePeriodStart/End (UTC),
//    ProviderName, ServiceName, ResourceId = the model, Tags = our labels as a JSON object, and
//    x_-prefixed columns for the measures FOCUS has no column for.
#pragma once

#include <string>
#include <string_view>

#include "central/api/csv.h"
#include "central/store/analytics.h"
#include "central/store/event.h"

namespace costgate::central {

void AppendEventCsvHeader(CsvWriter& csv);
void AppendEventCsvRow(CsvWriter& csv, const Event& e);

void AppendBreakdownCsvHeader(CsvWriter& csv, std::string_view dimension);
void AppendBreakdownCsvRow(CsvWriter& csv, const AnalyticsRow& row);
// {"<dimension>":"...", <measures>}
void AppendBreakdownJsonLine(std::string& out, std::string_view dimension, const AnalyticsRow& row);

// `row` grouped by every dimension (Dimension order), for the period [start, end).
void AppendFocusCsvHeader(CsvWriter& csv);
void AppendFocusCsvRow(CsvWriter& csv, const AnalyticsRow& row, int64_t start_unix_ms,
                       int64_t end_unix_ms);
void AppendFocusJsonLine(std::string& out, const AnalyticsRow& row, int64_t start_unix_ms,
                         int64_t end_unix_ms);

}  // namespace costgate::central
