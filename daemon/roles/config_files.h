// The files a configuration names, checked before the configuration is used: `costgate
// check-config`, the start of either role and every SIGHUP reload report each one that cannot be
// used, all at once, as ConfigErrors with the YAML path of the setting that names it, next to
// (and formatted like) the configuration's own errors. Loading the configuration itself stays
// free of file-system access (config/config_loader.h); this is its daemon-side complement.
#pragma once

#include <vector>

#include "config/config.h"
#include "config/config_loader.h"
#include "daemon/roles/role.h"

namespace costgate::daemon::roles {

// Every non-empty file setting `role` uses, checked with daemon/util/file_check.h:
//  - CA files (a readable file with at least one PEM certificate): upstreams.<name>.ca_file and
//    shipper.ca_file (proxy only), alerts.ca_file (central only), pricing.refresh.ca_file (both
//    roles);
//  - readable files: shipper.api_key_file (proxy only), alerts.email.password_file and
//    alerts.webhooks[i].secret_file (central only), pricing.overrides_file (both roles).
// A path is checked whenever it is set, even while the feature using it is off (shipper.url or
// pricing.refresh.url empty): a typo surfaces now, not on the day the feature is turned on.
// Messages read "cannot use '<file>': <reason>". check-config passes Role::kAll: every file.
std::vector<config::ConfigError> CheckConfigFiles(const config::Config& config, Role role);

// True for a file only shipping, the scheduled price refresh or alert delivery needs (shipper.*,
// pricing.refresh.*, alerts.*): neither the AI call path nor ingest depends on it, so at start
// and on reload it is logged and the role runs on with that feature failing (receipts wait on
// disk, the price book in force stays, deliveries fail their attempts, each in the alert log)
// until the file can be used. check-config reports it like any other.
bool OnlyDegradesMetering(const config::ConfigError& error);

}  // namespace costgate::daemon::roles
