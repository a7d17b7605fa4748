#include "central/keys/account_rules.h"

#include <algorithm>

namespace costgate::central {

std::optional<std::string> UsernameProblem(std::string_view username) {
  const auto allowed = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '@' || c == '-';
  };
  // A plain set of characters: a username is a path segment, a log field and an audit actor.
  if (username.empty() || username.size() > kMaxUsernameBytes ||
      !std::all_of(username.begin(), username.end(), allowed)) {
    return "must be 1 to 64 letters, digits or . _ @ -";
  }
  return std::nullopt;
}

std::optional<std::string> PasswordProblem(std::string_view password) {
  if (password.size() < kMinPasswordBytes || password.size() > kMaxPasswordBytes) {
    return "must be 8 to 256 bytes";
  }
  return std::nullopt;
}

}  // namespace costgate::central
