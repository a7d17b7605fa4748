// Accounts and API keys as the admin API writes them, and as their audit rows record them:
// never a password hash, never a key's secret or hash.
#pragma once

#include <string>

#include "central/store/account.h"
#include "central/store/store.h"

namespace costgate::central {

// {"username","role","created_unix_ms","updated_unix_ms"}
void AppendAccountJson(std::string& out, const Account& account);
std::string AccountJson(const Account& account);

// {"id","name","source_app","prefix","scopes":["ship",...],"workspace","created_unix_ms",
// "last_used_unix_ms"|null,"revoked_unix_ms"|null}
void AppendKeyJson(std::string& out, const ApiKeyRecord& key);
std::string KeyJson(const ApiKeyRecord& key);

}  // namespace costgate::central
