// The Time Zone Information Format (TZif, RFC 8536) of the system tz database, versions 1 to 4:
// the transitions of one zone and the POSIX TZ rule for instants after the last one.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace costgate::central::budgets {

struct TzifData {
  int32_t initial_offset = 0;          // seconds east of UTC before the first transition
  std::vector<int64_t> times;          // transition instants, strictly ascending
  std::vector<int32_t> offsets_after;  // offset in effect from times[i] on
  std::string footer;                  // POSIX TZ string; empty in version 1 or when absent
};

// Reads the 64-bit data block when the file has one (version 2+), else the 32-bit block. Any
// malformed input (short, bad magic, counts past the end, unordered times, an offset beyond
// ±26 h, leap-second records) gives a reason, never a crash.
std::variant<TzifData, std::string> ParseTzif(std::string_view bytes);

}  // namespace costgate::central::budgets
