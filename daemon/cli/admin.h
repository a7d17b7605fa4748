// `costgate admin create | list | passwd | delete`: people's accounts for central's dashboard
// and admin API, on the store central.store names, also while central runs (WAL, busy timeout).
// Each change is in the audit log with the actor "cli".
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "central/store/store.h"
#include "daemon/cli/admin_args.h"

namespace costgate::daemon::cli {

// Runs `costgate admin ARGS...` and returns the exit code (PrintAdminOptions documents them).
int AdminCommand(const std::vector<std::string_view>& args);

// The subcommands once parsed and the store open. `password` is the one read from stdin (with
// --password-stdin), else "": create then generates one and prints it once on stdout.
int AdminCreate(const AdminArgs& args, std::string password, central::Store& store, int64_t now_ms);
int AdminList(central::Store& store);
int AdminPasswd(const AdminArgs& args, const std::string& password, central::Store& store,
                int64_t now_ms);
int AdminDelete(const AdminArgs& args, central::Store& store, int64_t now_ms);

}  // namespace costgate::daemon::cli
