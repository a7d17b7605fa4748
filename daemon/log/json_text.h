// Pure text helpers for JSON log lines: string escaping and RFC 3339 timestamps.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace costgate::daemon::log {

// Appends `s` as a quoted JSON string. Quotes, backslash and control characters are escaped;
// valid UTF-8 is copied as is; each byte that is not part of a valid UTF-8 sequence (including
// overlong forms and surrogates) becomes \ufffd, so the output is always valid JSON.
void AppendJsonString(std::string& out, std::string_view s);

// Appends unix_ms as RFC 3339 UTC with milliseconds: "2024-05-01T12:34:56.789Z".
void AppendRfc3339Millis(std::string& out, int64_t unix_ms);

}  // namespace costgate::daemon::log
