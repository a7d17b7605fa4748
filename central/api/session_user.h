// The person a browser session speaks for, as admission found it (session_auth.h).
#pragma once

#include <cstdint>
#include <string>

#include "central/store/account.h"

namespace costgate::central {

struct SessionUser {
  std::string username;
  Role role = Role::kViewer;  // the account's role now, not at sign-in
  std::string token_hash;     // the session's key in the store
  std::string csrf_token;
  int64_t expires_unix_ms = 0;  // when the session ends unless used again (session_auth.h)
};

}  // namespace costgate::central
