// SHA-256 as lowercase hex, for content-addressed names and versions (saved catalogues, the
// price book version) and for the stored hashes of API keys.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace costgate::base {

// Lowercase hex of the SHA-256 of `content`, cut to `digits` (at most 64).
std::string Sha256Hex(std::string_view content, size_t digits = 64);

}  // namespace costgate::base
