// `costgate budgets ...`: the command line of the subcommands that manage central's budgets. The
// options mirror the admin API's JSON fields (central/api/budget_json.h) and fill the same
// central::budgets::BudgetInput, whose rules (budget_input.h) both share.
#pragma once

#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "central/budgets/budget_input.h"

namespace costgate::daemon::cli {

struct BudgetsArgs {
  std::string subcommand;               // "create", "list", "show", "set", "delete"
  std::string target;                   // ID|NAME (show, set, delete)
  std::string config_path;              // --config; "" = $COSTGATE_CONFIG, else the defaults
  bool json = false;                    // --json (create, list, show, set)
  central::budgets::BudgetInput input;  // the budget options (create, set)
};

// The usage lines of the budgets subcommands (`costgate --help`, `costgate budgets --help`).
void PrintBudgetsCommands(std::FILE* out);
// Their options and exit codes.
void PrintBudgetsOptions(std::FILE* out);

// Parses `args` (after "budgets"); on a usage error prints it to stderr and returns nullopt.
// Values are read, not checked: the budget's rules run when it is built or changed.
std::optional<BudgetsArgs> ParseBudgetsArgs(const std::vector<std::string_view>& args);

// The option that sets a budget field named as the admin API names it, for errors:
// "amount_usd" -> "--amount-usd", "scope.model" -> "--model", "thresholds_percent[1]" ->
// "--thresholds", "hard_limit" -> "--hard/--soft".
std::string OptionOfField(std::string_view field);

}  // namespace costgate::daemon::cli
