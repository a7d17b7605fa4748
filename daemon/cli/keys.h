// `costgate keys create | list | revoke`: central's API keys from the command line. They work on
// the store central.store (or central.database) names (file or environment), also while central
// runs (WAL, busy timeout).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "central/store/store.h"
#include "daemon/cli/keys_args.h"

namespace costgate::daemon::cli {

// Runs `costgate keys ARGS...` and returns the exit code (PrintKeysOptions documents them).
int KeysCommand(const std::vector<std::string_view>& args);

// The subcommands, once their arguments are parsed and the store is open. Results go to stdout,
// messages to stderr.
// create: stdout line 1 is the secret alone (`KEY=$(costgate keys create ...)`); the key's id
// and settings follow on stderr. The secret is never shown again.
int KeysCreate(const KeysArgs& args, central::Store& store, int64_t now_ms);
int KeysList(const KeysArgs& args, central::Store& store);
int KeysRevoke(const KeysArgs& args, central::Store& store, int64_t now_ms);

}  // namespace costgate::daemon::cli
