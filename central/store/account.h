// People who sign in to central's admin API and dashboard: local accounts, their browser
// sessions and the one-time setup token that creates the first admin (central/api/session_auth.h
// says how they are used).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace costgate::central {

// admin: everything; viewer: reads only (GET and HEAD).
enum class Role { kAdmin, kViewer };

// "admin", "viewer".
std::string_view RoleName(Role role) noexcept;
// The name RoleName gives; nullopt for another text.
std::optional<Role> ParseRole(std::string_view text) noexcept;

struct Account {
  std::string username;
  Role role = Role::kViewer;
  std::string password_hash;  // keys/password_hash.h: "scrypt$N$r$p$salt$hash"; never shown
  int64_t created_unix_ms = 0;
  int64_t updated_unix_ms = 0;
};

// A signed-in browser. Only the SHA-256 of the cookie's token is stored: a copy of the database
// does not sign anyone in.
struct Session {
  std::string token_hash;  // SHA-256 hex of the cookie value
  std::string csrf_token;  // what X-CSRF-Token must say on a state change
  std::string username;
  int64_t created_unix_ms = 0;
  int64_t expires_unix_ms = 0;  // absolute end, however active the session is
  int64_t last_seen_unix_ms = 0;
};

enum class AccountChange { kDone, kNotFound, kNameTaken };

enum class SetupOutcome {
  kDone,          // the first admin exists now and the token is spent
  kInvalidToken,  // no such token, or expired
  kAdminExists,   // an admin account exists already: setup is over
  kNameTaken,     // a (viewer) account has the username
};

}  // namespace costgate::central
