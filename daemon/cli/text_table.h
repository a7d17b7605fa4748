// Tables for people on a terminal: columns aligned with two spaces between them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace costgate::daemon::cli {

// One line per row (the first is usually the header), each cell padded to its column's widest,
// trailing spaces dropped. Rows shorter than the longest leave their last columns empty.
std::string FormatTable(const std::vector<std::vector<std::string>>& rows);

// A time in a table: UTC to the second ("2025-11-22T08:26:40Z"); "-" for none. Seconds tell
// rows apart; JSON output keeps the milliseconds.
std::string TableTime(const std::optional<int64_t>& unix_ms);

}  // namespace costgate::daemon::cli
