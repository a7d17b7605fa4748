// What a meter can make of a body's Content-Encoding (a response's, or a request's).
#pragma once

#include "filters/http_message.h"

namespace costgate::filters {

struct BodyCoding {
  bool gzip = false;         // exactly one gzip (or x-gzip) layer: decodable
  bool undecodable = false;  // any other coding (br, deflate, zstd, gzip twice): beyond a meter
};

// Reads every Content-Encoding field; identity and empty codings are no-ops.
BodyCoding ReadBodyCoding(const Headers& headers) noexcept;

// `s` without leading and trailing spaces and tabs (HTTP's optional whitespace).
std::string_view TrimOws(std::string_view s) noexcept;

}  // namespace costgate::filters
