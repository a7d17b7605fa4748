// The POSIX TZ string at the end of a TZif file (RFC 8536 section 3.3): the rule a zone follows
// after its last listed transition, e.g. "EST5EDT,M3.2.0,M11.1.0" or "<+0530>-5:30".
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

namespace costgate::central::budgets {

// A Mm.w.d date: day `weekday` (0 = Sunday) of week `week` (1..4, 5 = last) of `month`, at
// `seconds` past local midnight in the time then in effect (-167 h .. 167 h, RFC 8536 3.3.1).
struct PosixDateRule {
  int month = 1;
  int week = 1;
  int weekday = 0;
  int32_t seconds = 2 * 3600;
};

struct PosixTz {
  int32_t std_offset = 0;  // seconds east of UTC (the TZ string counts west; flipped here)
  bool has_dst = false;
  int32_t dst_offset = 0;
  PosixDateRule dst_start;  // in standard time
  PosixDateRule dst_end;    // in daylight time
};

// The offset in effect at `unix_seconds` and the next instant it changes (INT64_MAX if never).
struct OffsetSpan {
  int32_t offset = 0;
  int64_t until = INT64_MAX;
};

// Parses the common forms: "std offset" and "std offset dst[offset],start[/time],end[/time]"
// with Mm.w.d dates. Jn and n dates, and DST without rules, are refused by name in the error.
std::variant<PosixTz, std::string> ParsePosixTz(std::string_view text);

OffsetSpan PosixOffsetAt(const PosixTz& tz, int64_t unix_seconds) noexcept;

}  // namespace costgate::central::budgets
