// Reading the "alerts:" section (config/alerts_config.h). Unlike the other sections it holds
// lists (email recipients, webhooks), so it has a reader of its own over the same setting tables.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <string_view>
#include <vector>

#include "config/alerts_config.h"
#include "config/config_loader.h"

namespace costgate::config {

inline constexpr std::string_view kAlertsKey = "alerts";

// Applies the section at `node` (YAML path `path`) over `alerts`, then checks what holds across
// keys (an email url needs from and recipients; a webhook one secret source at most). Every
// problem is appended to errors with its YAML path ("alerts.webhooks[1].url").
void ReadAlerts(const YAML::Node& node, const std::string& path, AlertsConfig& alerts,
                std::vector<ConfigError>& errors);

// Every setting path of the section ("alerts.email.url", "alerts.email.to", "alerts.webhooks",
// ...): the lists count as one setting each. For the example file's completeness test.
std::vector<std::string> AlertsSettingPaths();

}  // namespace costgate::config
