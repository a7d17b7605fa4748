// `costgate keys ...`: the command line of the three subcommands that manage central's API keys.
#pragma once

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "central/keys/api_key.h"

namespace costgate::daemon::cli {

struct KeysArgs {
  std::string subcommand;  // "create", "list", "revoke"
  std::string name;        // --name (create): the operator's label, unique
  std::string source_app;  // --source-app (create): the app the key belongs to
  // --scopes (create), a central::Scope bit set; default the ingest scopes ("all")
  uint8_t scopes = central::kIngestScopes;
  std::string workspace;    // --workspace (create); "" = any workspace
  std::string target;       // ID|NAME (revoke)
  std::string config_path;  // --config; "" = $COSTGATE_CONFIG, else the embedded defaults
  bool json = false;        // --json (list)
};

// The usage lines of the keys subcommands (`costgate --help` and `costgate keys --help`).
void PrintKeysCommands(std::FILE* out);
// Their options and exit codes (`costgate keys --help`).
void PrintKeysOptions(std::FILE* out);

// Parses `args` (after "keys"); on a usage error prints it to stderr and returns nullopt. Pure:
// the environment (COSTGATE_CONFIG) is consulted when the configuration is loaded, not here.
std::optional<KeysArgs> ParseKeysArgs(const std::vector<std::string_view>& args);

}  // namespace costgate::daemon::cli
