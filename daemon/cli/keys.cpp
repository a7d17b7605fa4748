#include "daemon/cli/keys.h"

#include <cstdio>
#include <memory>
#include <optional>

#include "base/clock.h"
#include "central/keys/api_key.h"
#include "daemon/cli/central_store.h"
#include "daemon/cli/keys_text.h"

namespace costgate::daemon::cli {

int KeysCreate(const KeysArgs& args, central::Store& store, int64_t now_ms) {
  auto listed = store.ListKeys();
  if (auto* error = std::get_if<central::StoreError>(&listed)) {
    std::fprintf(stderr, "costgate keys: %s\n", error->message.c_str());
    return 2;
  }
  for (const central::ApiKeyRecord& key : std::get<std::vector<central::ApiKeyRecord>>(listed)) {
    if (key.name == args.name) {
      std::fprintf(stderr, "costgate keys: a key named '%s' exists already (%s)\n",
                   args.name.c_str(), key.id.c_str());
      return 1;
    }
  }
  central::NewKey key = central::GenerateKey(now_ms);
  key.record.name = args.name;
  key.record.source_app = args.source_app;
  key.record.scopes = args.scopes;
  key.record.workspace = args.workspace;
  if (auto error = store.CreateKey(key.record)) {
    std::fprintf(stderr, "costgate keys: %s\n", error->message.c_str());
    return 2;
  }
  std::printf("%s\n", key.secret.c_str());
  std::fflush(stdout);
  std::fprintf(stderr,
               "created key %s: name %s, source_app %s, scopes %s, workspace %s\n"
               "The secret above is shown only this once; central keeps only its hash.\n",
               key.record.id.c_str(), key.record.name.c_str(),
               key.record.source_app.empty() ? "none" : key.record.source_app.c_str(),
               central::FormatScopes(key.record.scopes).c_str(),
               key.record.workspace.empty() ? "any" : key.record.workspace.c_str());
  return 0;
}

int KeysList(const KeysArgs& args, central::Store& store) {
  auto listed = store.ListKeys();
  if (auto* error = std::get_if<central::StoreError>(&listed)) {
    std::fprintf(stderr, "costgate keys: %s\n", error->message.c_str());
    return 2;
  }
  const auto& keys = std::get<std::vector<central::ApiKeyRecord>>(listed);
  const std::string text = args.json ? FormatKeysJson(keys) : FormatKeysTable(keys);
  std::fwrite(text.data(), 1, text.size(), stdout);
  return 0;
}

int KeysRevoke(const KeysArgs& args, central::Store& store, int64_t now_ms) {
  // Looked up first only to tell the operator which key it was and whether it already was.
  auto listed = store.ListKeys();
  if (auto* error = std::get_if<central::StoreError>(&listed)) {
    std::fprintf(stderr, "costgate keys: %s\n", error->message.c_str());
    return 2;
  }
  const central::ApiKeyRecord* target = nullptr;
  for (const central::ApiKeyRecord& key : std::get<std::vector<central::ApiKeyRecord>>(listed)) {
    if (key.id == args.target || key.name == args.target) {
      target = &key;
    }
  }
  auto revoked = store.RevokeKey(args.target, now_ms);
  if (auto* error = std::get_if<central::StoreError>(&revoked)) {
    std::fprintf(stderr, "costgate keys: %s\n", error->message.c_str());
    return 2;
  }
  if (!std::get<bool>(revoked) || target == nullptr) {
    std::fprintf(stderr, "costgate keys: no key with id or name '%s'\n", args.target.c_str());
    return 1;
  }
  std::fprintf(stderr, "%s key %s (%s)\n", target->revoked_unix_ms ? "already revoked:" : "revoked",
               target->id.c_str(), target->name.c_str());
  return 0;
}

int KeysCommand(const std::vector<std::string_view>& args) {
  if (!args.empty() && (args[0] == "--help" || args[0] == "-h" || args[0] == "help")) {
    std::printf("Usage:\n");
    PrintKeysCommands(stdout);
    std::printf("\n");
    PrintKeysOptions(stdout);
    return 0;
  }
  const std::optional<KeysArgs> parsed = ParseKeysArgs(args);
  if (!parsed) {
    return 2;
  }
  const std::optional<config::Config> config = LoadCentralConfig(parsed->config_path, "keys");
  if (!config) {
    return 2;
  }
  // create makes the database on first use; list and revoke work on keys that exist.
  const std::unique_ptr<central::Store> store =
      OpenCentralStore(config->central, parsed->subcommand != "create", "keys");
  if (!store) {
    return 2;
  }
  if (parsed->subcommand == "create") {
    return KeysCreate(*parsed, *store, base::NowUnixMs());
  }
  if (parsed->subcommand == "list") {
    return KeysList(*parsed, *store);
  }
  return KeysRevoke(*parsed, *store, base::NowUnixMs());
}

}  // namespace costgate::daemon::cli
