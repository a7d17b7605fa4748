#include "daemon/roles/config_files.h"

#include <string>

#include "daemon/util/file_check.h"

namespace costgate::daemon::roles {
namespace {

using Errors = std::vector<config::ConfigError>;

// Reason is empty when the file can be used (file_check.h).
using ReasonFn = std::string (*)(const std::string& path);

void Check(Errors& errors, const std::string& yaml_path, const std::string& file,
           ReasonFn reason_of) {
  if (file.empty()) {
    return;
  }
  if (std::string reason = reason_of(file); !reason.empty()) {
    errors.push_back({yaml_path, "cannot use '" + file + "': " + reason});
  }
}

}  // namespace

std::vector<config::ConfigError> CheckConfigFiles(const config::Config& config, Role role) {
  Errors errors;
  // In file order (config/costgate.example.yaml), so the list reads like the YAML errors.
  if (role != Role::kCentral) {  // the proxy, alone or in `costgate all`
    for (const config::UpstreamConfig& upstream : config.upstreams) {
      Check(errors, "upstreams." + upstream.name + ".ca_file", upstream.ca_file,
            &util::UnusableCaFileReason);
    }
    Check(errors, "shipper.api_key_file", config.shipper.api_key_file, &util::UnreadableFileReason);
    Check(errors, "shipper.ca_file", config.shipper.ca_file, &util::UnusableCaFileReason);
  }
  if (role != Role::kProxy) {  // central, alone or in `costgate all`
    Check(errors, "alerts.ca_file", config.alerts.ca_file, &util::UnusableCaFileReason);
    Check(errors, "alerts.email.password_file", config.alerts.email.password_file,
          &util::UnreadableFileReason);
    for (size_t i = 0; i < config.alerts.webhooks.size(); ++i) {
      Check(errors, "alerts.webhooks[" + std::to_string(i) + "].secret_file",
            config.alerts.webhooks[i].secret_file, &util::UnreadableFileReason);
    }
  }
  Check(errors, "pricing.overrides_file", config.pricing.overrides_file,
        &util::UnreadableFileReason);
  Check(errors, "pricing.refresh.ca_file", config.pricing.refresh.ca_file,
        &util::UnusableCaFileReason);
  return errors;
}

bool OnlyDegradesMetering(const config::ConfigError& error) {
  return error.path.starts_with("shipper.") || error.path.starts_with("pricing.refresh.") ||
         error.path.starts_with("alerts.");
}

}  // namespace costgate::daemon::roles
