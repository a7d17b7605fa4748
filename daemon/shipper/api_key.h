// The X-API-Key the shipper sends. Never logged.
#pragma once

#include <string>
#include <string_view>

#include "config/config.h"
#include "daemon/log/logger.h"

namespace costgate::daemon::shipper {

struct ApiKey {
  std::string key;    // empty when none could be had
  std::string error;  // why not, when key is empty (names the file, never a key)
};

// shipper.api_key when set; otherwise the first line of shipper.api_key_file, surrounding
// whitespace (and a CR) removed. Read at each call, so a key replaced in the file is picked up
// without a restart.
ApiKey LoadApiKey(const config::ShipperConfig& config);

// The key one thread sends (the shipper's, the lease client's): loaded on first use and kept
// until Forget (central refused it: the file may hold a new key by then). While none can be had,
// `missing` is logged once, at error, with why; again only after a key was loaded meanwhile.
class KeptApiKey {
 public:
  // `config` and `logger` outlive the key.
  KeptApiKey(const config::ShipperConfig& config, const log::Logger& logger,
             std::string_view missing)
      : config_(config), logger_(logger), missing_(missing) {}

  // The key, "" when none could be had.
  const std::string& Get();
  void Forget() { key_.clear(); }

 private:
  const config::ShipperConfig& config_;
  const log::Logger& logger_;
  std::string_view missing_;
  std::string key_;
  bool error_logged_ = false;
};

}  // namespace costgate::daemon::shipper
