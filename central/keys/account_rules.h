// What a username and a new password must be: the same rules for the admin API, setup and
// `costgate admin`.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace costgate::central {

inline constexpr size_t kMaxUsernameBytes = 64;
inline constexpr size_t kMinPasswordBytes = 8;
inline constexpr size_t kMaxPasswordBytes = 256;

// nullopt when `username` is 1..64 of [A-Za-z0-9._@-]; else what it must be.
std::optional<std::string> UsernameProblem(std::string_view username);
// nullopt when `password` is 8..256 bytes; else what it must be.
std::optional<std::string> PasswordProblem(std::string_view password);

}  // namespace costgate::central
