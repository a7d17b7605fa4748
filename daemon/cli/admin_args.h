// `costgate admin ...`: the command line of the subcommands that manage people's accounts.
#pragma once

#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "central/store/account.h"

namespace costgate::daemon::cli {

struct AdminArgs {
  std::string subcommand;                      // "create", "list", "passwd", "delete"
  std::string user;                            // --user (create, passwd, delete)
  central::Role role = central::Role::kAdmin;  // --role (create)
  bool password_stdin = false;                 // --password-stdin (create, passwd)
  std::string config_path;                     // --config
};

// The usage lines (`costgate --help` and `costgate admin --help`).
void PrintAdminCommands(std::FILE* out);
// Options and exit codes (`costgate admin --help`).
void PrintAdminOptions(std::FILE* out);

// Parses `args` (after "admin"); on a usage error prints it to stderr and returns nullopt.
std::optional<AdminArgs> ParseAdminArgs(const std::vector<std::string_view>& args);

}  // namespace costgate::daemon::cli
