// Writing JSON text by hand for the small documents every layer emits (log lines, error bodies,
// the shipper's batches, central's answers). Parsing is simdjson's job; this is only the output
// side.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace costgate::base {

// Appends `s` as a quoted JSON string. Quotes, backslash and control characters are escaped;
// valid UTF-8 is copied as is; each byte that is not part of a valid UTF-8 sequence (including
// overlong forms and surrogates) becomes \ufffd, so the output is valid JSON whatever `s` holds
// (e.g. a client's path).
void AppendJsonString(std::string& out, std::string_view s);

// Appends `"name":` (name escaped as above).
void AppendJsonKey(std::string& out, std::string_view name);

void AppendJsonInt(std::string& out, int64_t value);

}  // namespace costgate::base
