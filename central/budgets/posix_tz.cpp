#include "central/budgets/posix_tz.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <limits>

#include "central/budgets/civil_date.h"

namespace costgate::central::budgets {
namespace {

class Reader {
 public:
  explicit Reader(std::string_view text) : text_(text) {}
  bool AtEnd() const { return pos_ == text_.size(); }
  char Peek() const { return AtEnd() ? '\0' : text_[pos_]; }
  bool Take(char c) {
    if (Peek() != c) return false;
    ++pos_;
    return true;
  }
  // Up to `max_digits` digits; false when there are none.
  bool Number(int max_digits, int* value) {
    int digits = 0;
    *value = 0;
    while (digits < max_digits && std::isdigit(static_cast<unsigned char>(Peek()))) {
      *value = *value * 10 + (text_[pos_++] - '0');
      ++digits;
    }
    return digits > 0;
  }
  // A zone abbreviation: 3+ letters, or <...> holding letters, digits, '+' and '-'.
  bool Name() {
    size_t length = 0;
    if (Take('<')) {
      while (std::isalnum(static_cast<unsigned char>(Peek())) || Peek() == '+' || Peek() == '-') {
        ++pos_;
        ++length;
      }
      return Take('>') && length >= 3;
    }
    while (std::isalpha(static_cast<unsigned char>(Peek()))) {
      ++pos_;
      ++length;
    }
    return length >= 3;
  }
  // [+-]hh[:mm[:ss]] with hours up to `max_hours`; the sign is kept as written.
  bool Duration(int max_hours, int32_t* seconds) {
    const bool negative = Take('-');
    if (!negative) Take('+');
    int hours = 0;
    int minutes = 0;
    int secs = 0;
    if (!Number(3, &hours) || hours > max_hours) return false;
    if (Take(':')) {
      if (!Number(2, &minutes) || minutes > 59) return false;
      if (Take(':') && (!Number(2, &secs) || secs > 59)) return false;
    }
    const int32_t total = hours * 3600 + minutes * 60 + secs;
    *seconds = negative ? -total : total;
    return true;
  }

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

std::variant<PosixDateRule, std::string> ParseDateRule(Reader& in) {
  PosixDateRule rule;
  if (in.Peek() == 'J' || std::isdigit(static_cast<unsigned char>(in.Peek()))) {
    return std::string("Jn and n day-of-year rules are not supported");
  }
  if (!in.Take('M') || !in.Number(2, &rule.month) || !in.Take('.') || !in.Number(1, &rule.week) ||
      !in.Take('.') || !in.Number(1, &rule.weekday) || rule.month < 1 || rule.month > 12 ||
      rule.week < 1 || rule.week > 5 || rule.weekday > 6) {
    return std::string("bad Mm.w.d rule");
  }
  if (in.Take('/') && !in.Duration(167, &rule.seconds)) return std::string("bad rule time");
  return rule;
}

// Local midnight of the rule's day in `year`, as seconds since the epoch of local time.
int64_t RuleLocalSeconds(const PosixDateRule& rule, int64_t year) {
  const int64_t first = DaysFromCivil(CivilDate{year, rule.month, 1});
  const int first_weekday = (WeekdayFromDays(first) + 1) % 7;  // 0 = Sunday, as in the rule
  int day = 1 + (rule.weekday - first_weekday + 7) % 7 + (rule.week - 1) * 7;
  while (day > DaysInMonth(year, rule.month)) day -= 7;  // week 5 means the last one
  return (first + day - 1) * 86400 + rule.seconds;
}

struct Change {
  int64_t at;
  int32_t offset_after;
};

}  // namespace

std::variant<PosixTz, std::string> ParsePosixTz(std::string_view text) {
  const auto fail = [&](std::string_view why) {
    return std::string("TZ rule \"") + std::string(text) + "\": " + std::string(why);
  };
  Reader in(text);
  PosixTz tz;
  int32_t west = 0;
  if (!in.Name()) return fail("bad standard time name");
  if (!in.Duration(24, &west)) return fail("bad standard time offset");
  tz.std_offset = -west;
  if (in.AtEnd()) return tz;
  if (!in.Name()) return fail("bad daylight time name");
  tz.has_dst = true;
  tz.dst_offset = tz.std_offset + 3600;  // POSIX: one hour ahead unless given
  if (in.Peek() != ',') {
    if (!in.Duration(24, &west)) return fail("bad daylight time offset");
    tz.dst_offset = -west;
  }
  if (!in.Take(',')) return fail("daylight time without start and end rules is not supported");
  auto start = ParseDateRule(in);
  if (auto* error = std::get_if<std::string>(&start)) return fail(*error);
  if (!in.Take(',')) return fail("missing end rule");
  auto end = ParseDateRule(in);
  if (auto* error = std::get_if<std::string>(&end)) return fail(*error);
  if (!in.AtEnd()) return fail("unexpected text after the end rule");
  tz.dst_start = std::get<PosixDateRule>(start);
  tz.dst_end = std::get<PosixDateRule>(end);
  return tz;
}

OffsetSpan PosixOffsetAt(const PosixTz& tz, int64_t unix_seconds) noexcept {
  if (!tz.has_dst) return OffsetSpan{tz.std_offset, std::numeric_limits<int64_t>::max()};
  // The changes of the UTC year around the instant and the years on either side: local years
  // differ from UTC years by at most a day, and a rule time reaches at most a week further.
  const int64_t year = CivilFromDays(FloorDiv(unix_seconds, 86400)).year;
  std::array<Change, 6> changes;
  size_t n = 0;
  for (int64_t y = year - 1; y <= year + 1; ++y) {
    changes[n++] = {RuleLocalSeconds(tz.dst_start, y) - tz.std_offset, tz.dst_offset};
    changes[n++] = {RuleLocalSeconds(tz.dst_end, y) - tz.dst_offset, tz.std_offset};
  }
  std::sort(changes.begin(), changes.end(),
            [](const Change& a, const Change& b) { return a.at < b.at; });
  OffsetSpan span{changes[0].offset_after == tz.dst_offset ? tz.std_offset : tz.dst_offset};
  for (const Change& change : changes) {
    if (change.at > unix_seconds) {
      span.until = change.at;
      return span;
    }
    span.offset = change.offset_after;
  }
  return span;  // not reached: next year's changes lie after the instant
}

}  // namespace costgate::central::budgets
