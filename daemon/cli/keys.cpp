#include "daemon/cli/keys.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>

#include "base/clock.h"
#include "central/keys/api_key.h"
#include "central/store/open_store.h"
#include "config/config_loader.h"
#include "config/env_overrides.h"
#include "daemon/cli/keys_text.h"
#include "daemon/cli/prices_args.h"

namespace costgate::daemon::cli {
namespace {

std::optional<config::Config> LoadKeysConfig(std::string path) {
  if (path.empty()) {
    if (const char* env = std::getenv(std::string(config::kConfigFileEnv).c_str())) {
      path = env;
    }
  }
  const config::Environment env = config::CurrentEnvironment();
  config::LoadResult loaded =
      path.empty() ? config::LoadConfigFromString("", env) : config::LoadConfigFile(path, env);
  if (!loaded.config) {
    std::fprintf(stderr, "costgate keys: invalid configuration%s%s:\n%s",
                 path.empty() ? "" : " in ", path.c_str(),
                 config::FormatErrors(loaded.errors).c_str());
    return std::nullopt;
  }
  return std::move(loaded.config);
}

// create makes the database on first use; list and revoke refuse a missing one, which is far
// more likely a wrong path than an empty store.
std::unique_ptr<central::Store> OpenKeysStore(const KeysArgs& args,
                                              const config::CentralConfig& central) {
  std::error_code ignored;
  if (args.subcommand != "create" && central.store.kind == config::StoreLocation::Kind::kSqlite &&
      !std::filesystem::exists(central.store.path, ignored)) {
    std::fprintf(stderr,
                 "costgate keys: no central database at %s (central.store, central.database, "
                 "COSTGATE_CENTRAL_STORE, COSTGATE_CENTRAL_DATABASE)\n",
                 central.store.path.c_str());
    return nullptr;
  }
  auto opened = central::OpenStore(central.store, central.synchronous);
  if (auto* error = std::get_if<central::StoreError>(&opened)) {
    std::fprintf(stderr, "costgate keys: cannot open the central database: %s\n",
                 error->message.c_str());
    return nullptr;
  }
  return std::move(std::get<std::unique_ptr<central::Store>>(opened));
}

}  // namespace

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
               key.record.id.c_str(), key.record.name.c_str(), key.record.source_app.c_str(),
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
  const std::optional<config::Config> config = LoadKeysConfig(parsed->config_path);
  if (!config) {
    return 2;
  }
  const std::unique_ptr<central::Store> store = OpenKeysStore(*parsed, config->central);
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
