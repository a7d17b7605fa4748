// Environment variables that override single settings after the YAML file is applied, so a
// container or systemd unit can adjust a shared config file. The table is the documentation:
// --help and the README print it.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "config/config_loader.h"

namespace costgate::config {

struct EnvOverride {
  std::string_view name;         // COSTGATE_LISTEN_PORT
  std::string_view setting;      // the YAML path it replaces: "listen.port"
  std::string_view description;  // one line
};

std::span<const EnvOverride> EnvOverrides();

// The config file path, read by the command line rather than the loader (which ignores it).
inline constexpr std::string_view kConfigFileEnv = "COSTGATE_CONFIG";

// Applies each override present in env, in table order. A rejected value is appended to errors
// with the variable name as its path; other entries of env are ignored.
void ApplyEnvOverrides(const Environment& env, Config& config, std::vector<ConfigError>& errors);

}  // namespace costgate::config
