#include "central/budgets/period.h"

#include <array>
#include <cassert>
#include <cstdio>

#include "central/budgets/civil_date.h"

namespace costgate::central::budgets {
namespace {

constexpr std::array<std::string_view, 4> kKindNames = {"daily", "weekly", "monthly", "quarterly"};

// Months from the fiscal year's first month to `month`, 0..11.
int FiscalMonthIndex(int month, int fiscal_first_month) {
  return (month - fiscal_first_month + 12) % 12;
}

// The first local day of the period of `kind` holding the local date `date`.
CivilDate FirstDay(PeriodKind kind, const CivilDate& date, int fiscal_first_month) {
  switch (kind) {
    case PeriodKind::kDaily:
      return date;
    case PeriodKind::kWeekly: {
      const int64_t days = DaysFromCivil(date);
      return CivilFromDays(days - WeekdayFromDays(days));
    }
    case PeriodKind::kMonthly:
      return FirstOfMonthPlus(date, 0);
    case PeriodKind::kQuarterly:
      return FirstOfMonthPlus(date, -(FiscalMonthIndex(date.month, fiscal_first_month) % 3));
  }
  return date;
}

CivilDate NextFirstDay(PeriodKind kind, const CivilDate& first) {
  switch (kind) {
    case PeriodKind::kDaily:
      return CivilFromDays(DaysFromCivil(first) + 1);
    case PeriodKind::kWeekly:
      return CivilFromDays(DaysFromCivil(first) + 7);
    case PeriodKind::kMonthly:
      return FirstOfMonthPlus(first, 1);
    case PeriodKind::kQuarterly:
      return FirstOfMonthPlus(first, 3);
  }
  return first;
}

Period PeriodStartingOn(PeriodKind kind, const CivilDate& first, const TimeZone& zone) {
  return Period{zone.StartOfLocalDay(first) * 1000,
                zone.StartOfLocalDay(NextFirstDay(kind, first)) * 1000};
}

std::string Format(const char* format, int64_t a, int b = 0, int c = 0) {
  std::array<char, 48> buffer{};
  std::snprintf(buffer.data(), buffer.size(), format, static_cast<long long>(a), b, c);
  return buffer.data();
}

}  // namespace

std::string_view PeriodKindName(PeriodKind kind) noexcept {
  return kKindNames[static_cast<size_t>(kind)];
}

std::optional<PeriodKind> ParsePeriodKind(std::string_view name) noexcept {
  for (size_t i = 0; i < kKindNames.size(); ++i) {
    if (kKindNames[i] == name) return static_cast<PeriodKind>(i);
  }
  return std::nullopt;
}

Period PeriodAt(PeriodKind kind, int64_t at_unix_ms, const TimeZone& zone, int fiscal_first_month) {
  assert(fiscal_first_month >= 1 && fiscal_first_month <= 12);  // config validation checks it
  const int64_t at_seconds = FloorDiv(at_unix_ms, 1000);
  CivilDate first = FirstDay(kind, zone.LocalDateAt(at_seconds), fiscal_first_month);
  Period period = PeriodStartingOn(kind, first, zone);
  // The local date of an instant names its period except where clocks fall back across
  // midnight (the day's start is the first midnight; the repeated hour after it shows the
  // previous date): step to the neighbour so the periods still partition time.
  while (at_unix_ms >= period.end_unix_ms) {
    first = NextFirstDay(kind, first);
    period = PeriodStartingOn(kind, first, zone);
  }
  while (at_unix_ms < period.start_unix_ms) {
    first = FirstDay(kind, CivilFromDays(DaysFromCivil(first) - 1), fiscal_first_month);
    period = PeriodStartingOn(kind, first, zone);
  }
  return period;
}

std::string PeriodKey(PeriodKind kind, const Period& period, const TimeZone& zone,
                      int fiscal_first_month) {
  // The start is the first instant at or after the first day's midnight, so its local date is
  // that first day.
  const CivilDate first = zone.LocalDateAt(FloorDiv(period.start_unix_ms, 1000));
  switch (kind) {
    case PeriodKind::kDaily:
      return Format("%04lld-%02d-%02d", first.year, first.month, first.day);
    case PeriodKind::kWeekly: {
      // ISO 8601: a week belongs to the year holding its Thursday, and week 1 holds the year's
      // first Thursday.
      const CivilDate thursday = CivilFromDays(DaysFromCivil(first) + 3);
      const int64_t ordinal =
          DaysFromCivil(thursday) - DaysFromCivil(CivilDate{thursday.year, 1, 1});
      return Format("%04lld-W%02d", thursday.year, static_cast<int>(ordinal / 7 + 1));
    }
    case PeriodKind::kMonthly:
      return Format("%04lld-%02d", first.year, first.month);
    case PeriodKind::kQuarterly: {
      const int index = FiscalMonthIndex(first.month, fiscal_first_month);
      const int64_t fiscal_year = first.month >= fiscal_first_month ? first.year : first.year - 1;
      return Format("FY%04lld-Q%d", fiscal_year, index / 3 + 1);
    }
  }
  return {};
}

}  // namespace costgate::central::budgets
