// Reading a YAML document into a Config.
#pragma once

#include <string_view>
#include <vector>

#include "config/config.h"
#include "config/config_loader.h"

namespace costgate::config {

// Applies the settings present in yaml_text over config (normally DefaultConfig()); absent keys
// keep their value, an empty document changes nothing. Every problem is appended to errors with
// its YAML path, and the walk goes on past it so that one run reports them all; config is then
// partly updated and must not be used.
void ApplyYaml(std::string_view yaml_text, Config& config, std::vector<ConfigError>& errors);

}  // namespace costgate::config
