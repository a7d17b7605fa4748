// How `costgate keys list` shows keys: a table for people, JSON for scripts. Never the hash.
#pragma once

#include <string>
#include <vector>

#include "central/store/store.h"

namespace costgate::daemon::cli {

// One header line, then one line per key, columns aligned: ID NAME SOURCE_APP PREFIX SCOPES
// WORKSPACE CREATED LAST_USED REVOKED. Times are UTC to the second; "-" for never, "*" for any
// workspace.
std::string FormatKeysTable(const std::vector<central::ApiKeyRecord>& keys);

// {"keys":[{"id":..,"name":..,"source_app":..,"prefix":..,"scopes":["record",..],
// "workspace":..,"created_at":"RFC 3339","last_used_at":null,"revoked_at":null,"active":true}]}
// and a newline; workspace "" = any.
std::string FormatKeysJson(const std::vector<central::ApiKeyRecord>& keys);

}  // namespace costgate::daemon::cli
