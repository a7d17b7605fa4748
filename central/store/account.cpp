#include "central/store/account.h"

namespace costgate::central {

std::string_view RoleName(Role role) noexcept { return role == Role::kAdmin ? "admin" : "viewer"; }

std::optional<Role> ParseRole(std::string_view text) noexcept {
  if (text == "admin") {
    return Role::kAdmin;
  }
  if (text == "viewer") {
    return Role::kViewer;
  }
  return std::nullopt;
}

}  // namespace costgate::central
