// An IANA time zone (e.g. "Europe/London") from the system tz database, for calendar budget
// periods. Pure after loading: the offsets are looked up for an instant given by the caller,
// never for "now".
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "central/budgets/civil_date.h"
#include "central/budgets/posix_tz.h"
#include "central/budgets/tzif.h"

namespace costgate::central::budgets {

class TimeZone {
 public:
  // Offset 0 for every instant; needs no file.
  static TimeZone Utc();

  // Reads <root>/<name> (a TZif file; Debian's tzdata package installs them). "UTC" is always
  // Utc(). The error names the zone and the reason: a name with "..", a leading '/', or a
  // character outside [A-Za-z0-9_+-/], a missing or unreadable file, malformed contents.
  static std::variant<TimeZone, std::string> Load(
      std::string_view name, const std::filesystem::path& root = "/usr/share/zoneinfo");
  // The same from the bytes of a TZif file; `name` is only kept and used in errors.
  static std::variant<TimeZone, std::string> FromTzif(std::string_view name,
                                                      std::string_view bytes);

  const std::string& name() const noexcept { return name_; }

  // Seconds east of UTC in effect at the instant: the transition table, then the TZ rule of the
  // file's footer after the last transition.
  int32_t UtcOffsetSeconds(int64_t unix_seconds) const noexcept;
  // The local calendar date at the instant.
  CivilDate LocalDateAt(int64_t unix_seconds) const noexcept;
  // The first instant whose local time is at or after midnight starting `date`: local midnight
  // itself when it exists (the earlier one when it happens twice), else the end of the gap a
  // DST change leaves at midnight (e.g. America/Santiago, whose clocks go from 24:00 to 01:00).
  // A day skipped whole (Pacific/Apia, 30 December 2011) starts where the next one does.
  int64_t StartOfLocalDay(const CivilDate& date) const noexcept;

 private:
  TimeZone(std::string name, TzifData data, std::optional<PosixTz> rule);
  OffsetSpan SpanAt(int64_t unix_seconds) const noexcept;

  std::string name_;
  TzifData data_;
  std::optional<PosixTz> rule_;  // none: the last offset holds forever
};

}  // namespace costgate::central::budgets
