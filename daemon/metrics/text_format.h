// Pieces of the Prometheus text exposition format 0.0.4 (pure string helpers).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace costgate::daemon::metrics {

// HELP text: backslash -> \\, newline -> \n.
void AppendEscapedHelp(std::string& out, std::string_view help);
// Label value: backslash -> \\, double quote -> \", newline -> \n.
void AppendEscapedLabelValue(std::string& out, std::string_view value);
// Whole numbers below 1e15 as integers, others as the shortest round-trip decimal; NaN, +Inf
// and -Inf as the format spells them.
void AppendDouble(std::string& out, double value);
void AppendInt(std::string& out, int64_t value);
void AppendUint(std::string& out, uint64_t value);

}  // namespace costgate::daemon::metrics
