// The X-API-Key the shipper sends. Never logged.
#pragma once

#include <string>

#include "config/config.h"

namespace costgate::daemon::shipper {

struct ApiKey {
  std::string key;    // empty when none could be had
  std::string error;  // why not, when key is empty (names the file, never a key)
};

// shipper.api_key when set; otherwise the first line of shipper.api_key_file, surrounding
// whitespace (and a CR) removed. Read at each call, so a key replaced in the file is picked up
// without a restart.
ApiKey LoadApiKey(const config::ShipperConfig& config);

}  // namespace costgate::daemon::shipper
