// Gzip for bodies sent whole: the shipper's batches (shipper.gzip: Content-Encoding: gzip).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace costgate::base {

// One gzip member (RFC 1952) holding `data`, at zlib's default level. nullopt only if zlib
// fails (out of memory): the caller then sends the body as is.
std::optional<std::string> Gzip(std::string_view data);

}  // namespace costgate::base
