// Budget periods: calendar days, ISO weeks, months and fiscal quarters in a time zone
// (issue 14, "Budgets (central)"). Pure: the instant is a parameter.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "central/budgets/time_zone.h"

namespace costgate::central::budgets {

enum class PeriodKind { kDaily, kWeekly, kMonthly, kQuarterly };

// "daily", "weekly", "monthly", "quarterly": the names in config, the CLI and the API.
std::string_view PeriodKindName(PeriodKind kind) noexcept;
std::optional<PeriodKind> ParsePeriodKind(std::string_view name) noexcept;

// Half-open [start, end): an instant exactly at `end` belongs to the next period.
struct Period {
  int64_t start_unix_ms = 0;
  int64_t end_unix_ms = 0;

  friend bool operator==(const Period&, const Period&) = default;
};

// The period of `kind` holding the instant. Periods begin at the start of a local day
// (TimeZone::StartOfLocalDay): every day; every Monday (ISO 8601 weeks); the 1st of every
// month; the 1st of `fiscal_first_month` (1..12, validated by the caller) and of every third
// month after it. Consecutive periods meet exactly, so each instant is in exactly one.
// Instants between the years 1 and 9999.
Period PeriodAt(PeriodKind kind, int64_t at_unix_ms, const TimeZone& zone, int fiscal_first_month);

// A stable id of the period for counter rows, from the local date it starts on:
//   daily "2026-12-07", weekly "2026-W50" (ISO week-year and week), monthly "2026-12",
//   quarterly "FY2026-Q3": the fiscal year is named by the calendar year it starts in, its
//   quarters count from 1 at `fiscal_first_month` (with 4: FY2026-Q3 = Oct to Dec 2026,
//   FY2026-Q4 = Jan to Mar 2027).
// `period` must come from PeriodAt with the same kind, zone and fiscal_first_month.
std::string PeriodKey(PeriodKind kind, const Period& period, const TimeZone& zone,
                      int fiscal_first_month);

}  // namespace costgate::central::budgets
