// RFC 3339 timestamps for log lines and the CLI's output.
#pragma once

#include <cstdint>
#include <string>

namespace costgate::daemon::log {

// Appends unix_ms as RFC 3339 UTC with milliseconds: "2024-05-01T12:34:56.789Z".
void AppendRfc3339Millis(std::string& out, int64_t unix_ms);

}  // namespace costgate::daemon::log
