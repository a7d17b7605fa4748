// Text -> typed value rules. The YAML reader and the environment overrides both go through these,
// so a setting accepts exactly the same text whichever source it comes from.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "config/config.h"

namespace costgate::config {

// A value read from text, or what was wrong with the text ("expected ..., got '...'").
template <typename T>
struct Parsed {
  std::optional<T> value;
  std::string error;  // set iff !value

  static Parsed Ok(T v) { return Parsed{std::move(v), {}}; }
  static Parsed Fail(std::string message) { return Parsed{std::nullopt, std::move(message)}; }
};

// Longest accepted duration: keeps now() + duration far from overflow; no costgate timeout has a
// reason to exceed a day.
inline constexpr int64_t kMaxDurationMs = 86'400'000;

// Decimal digits only (no sign, no exponent, no separators), within [min, max].
Parsed<uint64_t> ParseUnsigned(std::string_view text, uint64_t min, uint64_t max);

// "true" or "false" (also capitalised or upper case, as YAML 1.2 allows).
Parsed<bool> ParseBool(std::string_view text);

// Integer milliseconds, 1..kMaxDurationMs: a zero timeout would fire at once.
Parsed<Millis> ParseDurationMs(std::string_view text);

// off | normal | full
Parsed<SqliteSynchronous> ParseSynchronous(std::string_view text);

// debug | info | warn | error
Parsed<LogLevel> ParseLogLevel(std::string_view text);

// An IANA time zone name ("UTC", "Europe/Berlin"): [A-Za-z0-9_+-/], no "..", no leading '/'
// (the same rule as central's zone loader, which finds the file).
Parsed<std::string> ParseTimeZoneName(std::string_view text);

// auto | off | lease | central
Parsed<PreflightMode> ParsePreflightMode(std::string_view text);

// Any text that is not empty (a file path, for instance).
Parsed<std::string> ParseNonEmpty(std::string_view text, std::string_view what);

// A label stamped on every receipt (labels.*): text by base/text_rule.h, at most
// base::kMaxIdBytes bytes, so central accepts every receipt that carries it.
Parsed<std::string> ParseLabel(std::string_view text);

// How an error message quotes offending text: 'abc', or "an empty value".
std::string Quoted(std::string_view text);

}  // namespace costgate::config
