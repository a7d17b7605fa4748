// Writing JSON text by hand for the few small documents filters emit (error bodies, unit maps,
// route listings). Parsing is simdjson's job; this is only the output side.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace costgate::filters {

// Appends `s` as a quoted JSON string. Control characters are escaped; bytes that are not valid
// UTF-8 become U+FFFD, so the result is valid JSON whatever `s` holds (e.g. a client's path).
void AppendJsonString(std::string& out, std::string_view s);

// Appends `"name":` (name escaped as above).
void AppendJsonKey(std::string& out, std::string_view name);

void AppendJsonInt(std::string& out, int64_t value);

}  // namespace costgate::filters
