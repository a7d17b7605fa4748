// `costgate budgets create | list | show | set | delete`: central's budgets from the command line,
// on the store central.store names (file or environment), also while central runs (WAL, busy
// timeout). The rules, the JSON and the changes with their audit rows and seeding are the admin
// API's (central/budgets/budget_input.h, central/api/budget_json.h, central/api/budget_admin.h).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "central/budgets/spend_increments.h"
#include "central/store/store.h"
#include "daemon/cli/budgets_args.h"

namespace costgate::daemon::cli {

// Runs `costgate budgets ARGS...` and returns the exit code (PrintBudgetsOptions documents them).
int BudgetsCommand(const std::vector<std::string_view>& args);

// Who the audit log names for a change from the command line: "cli:" + $SUDO_USER (the person
// behind sudo), else $USER; "cli" when neither is set.
std::string CliActor();

// A subcommand once its arguments are parsed and the store is open, at `now_ms`, changes made
// as `actor`. Results go to stdout, messages to stderr.
struct BudgetsContext {
  central::Store& store;
  central::budgets::ZoneCache& zones;
  int64_t now_ms = 0;
  std::string actor;
};
int BudgetsRun(const BudgetsArgs& args, BudgetsContext& context);

}  // namespace costgate::daemon::cli
