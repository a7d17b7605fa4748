// What the commands on central's database (`costgate keys`, `costgate budgets`) share: the
// configuration they read central.store from, and the store they open, with errors that name the
// command and the settings to check.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "central/store/store.h"
#include "config/config.h"

namespace costgate::daemon::cli {

// The configuration at `path`, else $COSTGATE_CONFIG, else the embedded defaults (environment
// overrides applied). nullopt after printing its errors as "costgate <command>: ...".
std::optional<config::Config> LoadCentralConfig(std::string path, std::string_view command);

// Central's store as `central` names it. A command that only reads or changes what exists
// passes `must_exist`: a missing SQLite file is then far more likely a wrong path than an empty
// store, and is refused naming the settings. nullptr after printing why.
std::unique_ptr<central::Store> OpenCentralStore(const config::CentralConfig& central,
                                                 bool must_exist, std::string_view command);

}  // namespace costgate::daemon::cli
