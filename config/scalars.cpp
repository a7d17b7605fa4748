#include "config/scalars.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <utility>

#include "base/text_rule.h"

namespace costgate::config {
namespace {

template <typename Enum, size_t N>
Parsed<Enum> ParseEnum(std::string_view text,
                       const std::array<std::pair<std::string_view, Enum>, N>& names) {
  std::string expected;
  for (const auto& [name, value] : names) {
    if (name == text) {
      return Parsed<Enum>::Ok(value);
    }
    expected += expected.empty() ? "" : ", ";
    expected += name;
  }
  return Parsed<Enum>::Fail("expected one of " + expected + ", got " + Quoted(text));
}

}  // namespace

std::string Quoted(std::string_view text) {
  if (text.empty()) {
    return "an empty value";
  }
  return "'" + std::string(text) + "'";
}

Parsed<uint64_t> ParseUnsigned(std::string_view text, uint64_t min, uint64_t max) {
  uint64_t value = 0;
  const char* end = text.data() + text.size();
  // from_chars stops quietly at the first non-digit ("12ab" reads as 12): all of it must be used.
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end || value < min || value > max) {
    return Parsed<uint64_t>::Fail("expected an integer " + std::to_string(min) + ".." +
                                  std::to_string(max) + ", got " + Quoted(text));
  }
  return Parsed<uint64_t>::Ok(value);
}

Parsed<bool> ParseBool(std::string_view text) {
  if (text == "true" || text == "True" || text == "TRUE") {
    return Parsed<bool>::Ok(true);
  }
  if (text == "false" || text == "False" || text == "FALSE") {
    return Parsed<bool>::Ok(false);
  }
  return Parsed<bool>::Fail("expected true or false, got " + Quoted(text));
}

Parsed<Millis> ParseDurationMs(std::string_view text) {
  Parsed<uint64_t> ms = ParseUnsigned(text, 1, kMaxDurationMs);
  if (!ms.value) {
    return Parsed<Millis>::Fail(std::move(ms.error));
  }
  return Parsed<Millis>::Ok(Millis(static_cast<Millis::rep>(*ms.value)));
}

Parsed<SqliteSynchronous> ParseSynchronous(std::string_view text) {
  static constexpr std::array<std::pair<std::string_view, SqliteSynchronous>, 3> kNames = {{
      {"off", SqliteSynchronous::kOff},
      {"normal", SqliteSynchronous::kNormal},
      {"full", SqliteSynchronous::kFull},
  }};
  return ParseEnum(text, kNames);
}

Parsed<std::string> ParseTimeZoneName(std::string_view text) {
  const bool allowed = std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '+' || c == '-' || c == '/';
  });
  if (text.empty() || !allowed || text.front() == '/' ||
      text.find("..") != std::string_view::npos) {
    return Parsed<std::string>::Fail(
        "expected an IANA time zone name such as Europe/Berlin, got \"" + std::string(text) + "\"");
  }
  return Parsed<std::string>::Ok(std::string(text));
}

Parsed<LogLevel> ParseLogLevel(std::string_view text) {
  static constexpr std::array<std::pair<std::string_view, LogLevel>, 4> kNames = {{
      {"debug", LogLevel::kDebug},
      {"info", LogLevel::kInfo},
      {"warn", LogLevel::kWarn},
      {"error", LogLevel::kError},
  }};
  return ParseEnum(text, kNames);
}

Parsed<PreflightMode> ParsePreflightMode(std::string_view text) {
  static constexpr std::array<std::pair<std::string_view, PreflightMode>, 4> kNames = {{
      {"auto", PreflightMode::kAuto},
      {"off", PreflightMode::kOff},
      {"lease", PreflightMode::kLease},
      {"central", PreflightMode::kCentral},
  }};
  return ParseEnum(text, kNames);
}

Parsed<std::string> ParseLabel(std::string_view text) {
  // The text is not quoted back: it may be what is wrong (control characters, 100 KB).
  if (const base::TextProblem problem = base::CheckText(text, base::kMaxIdBytes);
      problem != base::TextProblem::kNone) {
    return Parsed<std::string>::Fail("a label " +
                                     base::TextProblemReason(problem, base::kMaxIdBytes));
  }
  return Parsed<std::string>::Ok(std::string(text));
}

Parsed<std::string> ParseNonEmpty(std::string_view text, std::string_view what) {
  if (text.empty()) {
    return Parsed<std::string>::Fail("expected " + std::string(what) + ", got an empty value");
  }
  return Parsed<std::string>::Ok(std::string(text));
}

}  // namespace costgate::config
