#include "daemon/cli/central_store.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <system_error>
#include <utility>
#include <variant>

#include "central/store/open_store.h"
#include "config/config_loader.h"
#include "config/env_overrides.h"

namespace costgate::daemon::cli {

std::optional<config::Config> LoadCentralConfig(std::string path, std::string_view command) {
  if (path.empty()) {
    if (const char* env = std::getenv(std::string(config::kConfigFileEnv).c_str())) {
      path = env;
    }
  }
  const config::Environment env = config::CurrentEnvironment();
  config::LoadResult loaded =
      path.empty() ? config::LoadConfigFromString("", env) : config::LoadConfigFile(path, env);
  if (!loaded.config) {
    std::fprintf(stderr, "costgate %.*s: invalid configuration%s%s:\n%s",
                 static_cast<int>(command.size()), command.data(), path.empty() ? "" : " in ",
                 path.c_str(), config::FormatErrors(loaded.errors).c_str());
    return std::nullopt;
  }
  return std::move(loaded.config);
}

std::unique_ptr<central::Store> OpenCentralStore(const config::CentralConfig& central,
                                                 bool must_exist, std::string_view command) {
  std::error_code ignored;
  if (must_exist && central.store.kind == config::StoreLocation::Kind::kSqlite &&
      !std::filesystem::exists(central.store.path, ignored)) {
    std::fprintf(stderr,
                 "costgate %.*s: no central database at %s (central.store, central.database, "
                 "COSTGATE_CENTRAL_STORE, COSTGATE_CENTRAL_DATABASE)\n",
                 static_cast<int>(command.size()), command.data(), central.store.path.c_str());
    return nullptr;
  }
  auto opened = central::OpenStore(central.store, central.synchronous);
  if (auto* error = std::get_if<central::StoreError>(&opened)) {
    std::fprintf(stderr, "costgate %.*s: cannot open the central database: %s\n",
                 static_cast<int>(command.size()), command.data(), error->message.c_str());
    return nullptr;
  }
  return std::move(std::get<std::unique_ptr<central::Store>>(opened));
}

}  // namespace costgate::daemon::cli
