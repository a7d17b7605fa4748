// Random public ids of central's objects ("key_1a2b3c4d5e6f", "bud_...") and the OS randomness
// behind them and behind API key secrets.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace costgate::central {

// Fills `size` bytes from getrandom(2). Throws std::system_error when the kernel cannot give
// randomness (it always can on Linux >= 3.17): nothing secret or unique is ever made without it.
void FillRandom(uint8_t* out, size_t size);

// `prefix` + 12 lowercase hex digits (48 random bits): ids shown in listings and URLs.
std::string RandomId(std::string_view prefix);

}  // namespace costgate::central
