#include "central/api/analytics_time.h"

#include "central/budgets/civil_date.h"

namespace costgate::central {
namespace {

using budgets::CivilDate;
using budgets::FloorDiv;

constexpr int64_t kHourMs = 3'600'000;

// Reads exactly `width` digits at `pos`.
std::optional<int> Digits(std::string_view text, size_t pos, size_t width) {
  if (pos + width > text.size()) {
    return std::nullopt;
  }
  int value = 0;
  for (size_t i = pos; i < pos + width; ++i) {
    if (text[i] < '0' || text[i] > '9') {
      return std::nullopt;
    }
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

std::optional<CivilDate> ParseDate(std::string_view text) {
  const auto year = Digits(text, 0, 4);
  const auto month = Digits(text, 5, 2);
  const auto day = Digits(text, 8, 2);
  if (!year || !month || !day || text.size() < 10 || text[4] != '-' || text[7] != '-' ||
      *month < 1 || *month > 12 || *day < 1 || *day > budgets::DaysInMonth(*year, *month)) {
    return std::nullopt;
  }
  return CivilDate{*year, *month, *day};
}

int64_t DateStartMs(const CivilDate& date, const budgets::TimeZone& zone) {
  return zone.StartOfLocalDay(date) * 1000;
}

CivilDate LocalDate(int64_t unix_ms, const budgets::TimeZone& zone) {
  return zone.LocalDateAt(FloorDiv(unix_ms, 1000));
}

}  // namespace

std::optional<int64_t> ParseInstant(std::string_view text, const budgets::TimeZone& zone) {
  const std::optional<CivilDate> date = ParseDate(text);
  if (!date) {
    return std::nullopt;
  }
  if (text.size() == 10) {
    return DateStartMs(*date, zone);
  }
  const auto hour = Digits(text, 11, 2);
  const auto minute = Digits(text, 14, 2);
  const auto second = Digits(text, 17, 2);
  if ((text[10] != 'T' && text[10] != 't') || !hour || !minute || !second || text[13] != ':' ||
      text[16] != ':' || *hour > 23 || *minute > 59 || *second > 59) {
    return std::nullopt;
  }
  size_t pos = 19;
  int64_t millis = 0;
  if (pos < text.size() && text[pos] == '.') {
    size_t digits = 0;
    for (++pos; pos < text.size() && text[pos] >= '0' && text[pos] <= '9'; ++pos, ++digits) {
      if (digits < 3) {
        millis = millis * 10 + (text[pos] - '0');
      }
    }
    if (digits == 0) {
      return std::nullopt;
    }
    for (; digits < 3; ++digits) {
      millis *= 10;
    }
  }
  int64_t offset_seconds = 0;
  if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
    ++pos;
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    const auto oh = Digits(text, pos + 1, 2);
    const auto om = Digits(text, pos + 4, 2);
    if (!oh || !om || text[pos + 3] != ':' || *oh > 23 || *om > 59) {
      return std::nullopt;
    }
    offset_seconds = (*oh * 3600 + *om * 60) * (text[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != text.size()) {
    return std::nullopt;
  }
  const int64_t local_seconds =
      budgets::DaysFromCivil(*date) * 86'400 + *hour * 3600 + *minute * 60 + *second;
  return (local_seconds - offset_seconds) * 1000 + millis;
}

int64_t StartOfLocalMonth(int64_t unix_ms, const budgets::TimeZone& zone) {
  CivilDate date = LocalDate(unix_ms, zone);
  date.day = 1;
  return DateStartMs(date, zone);
}

std::optional<BucketKind> BucketNamed(std::string_view name) {
  if (name == "hour") return BucketKind::kHour;
  if (name == "day") return BucketKind::kDay;
  if (name == "week") return BucketKind::kWeek;
  if (name == "month") return BucketKind::kMonth;
  return std::nullopt;
}

std::vector<int64_t> BucketEdges(int64_t from_unix_ms, int64_t to_unix_ms, BucketKind kind,
                                 const budgets::TimeZone& zone) {
  std::vector<int64_t> edges;
  if (kind == BucketKind::kHour) {
    // Local hours: the UTC hour shifted by the part of an hour in the zone's offset (+05:30).
    auto local_hour_start = [&](int64_t ms) {
      const int64_t offset_ms =
          static_cast<int64_t>(zone.UtcOffsetSeconds(FloorDiv(ms, 1000))) * 1000;
      return FloorDiv(ms + offset_ms, kHourMs) * kHourMs - offset_ms;
    };
    int64_t at = local_hour_start(from_unix_ms);
    edges.push_back(at);
    while (at < to_unix_ms) {
      int64_t next = local_hour_start(at + kHourMs);
      if (next <= at) {
        next = at + kHourMs;
      }
      at = next;
      edges.push_back(at);
    }
    return edges;
  }
  // Days, weeks and months: local dates, each edge the start of its first day.
  CivilDate date = LocalDate(from_unix_ms, zone);
  int64_t day = budgets::DaysFromCivil(date);
  if (kind == BucketKind::kWeek) {
    day -= budgets::WeekdayFromDays(day);
  } else if (kind == BucketKind::kMonth) {
    date.day = 1;
    day = budgets::DaysFromCivil(date);
  }
  int64_t at = DateStartMs(budgets::CivilFromDays(day), zone);
  edges.push_back(at);
  while (at < to_unix_ms) {
    if (kind == BucketKind::kDay) {
      day += 1;
    } else if (kind == BucketKind::kWeek) {
      day += 7;
    } else {
      day = budgets::DaysFromCivil(budgets::FirstOfMonthPlus(budgets::CivilFromDays(day), 1));
    }
    at = DateStartMs(budgets::CivilFromDays(day), zone);
    if (at > edges.back()) {  // a day skipped whole (Pacific/Apia, 2011) makes no bucket
      edges.push_back(at);
    }
  }
  return edges;
}

}  // namespace costgate::central
