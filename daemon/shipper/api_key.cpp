#include "daemon/shipper/api_key.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <string_view>

namespace costgate::daemon::shipper {

ApiKey LoadApiKey(const config::ShipperConfig& config) {
  if (!config.api_key.empty()) {
    return {config.api_key, ""};
  }
  if (config.api_key_file.empty()) {
    return {"", "neither shipper.api_key nor shipper.api_key_file is set"};
  }
  std::ifstream file(config.api_key_file);
  if (!file) {
    return {"", "cannot read shipper.api_key_file " + config.api_key_file + ": " +
                    std::strerror(errno)};
  }
  std::string line;
  std::getline(file, line);
  constexpr std::string_view kSpace = " \t\r\n";
  const size_t first = line.find_first_not_of(kSpace);
  if (first == std::string::npos) {
    return {"", "shipper.api_key_file " + config.api_key_file + " has no key on its first line"};
  }
  const size_t last = line.find_last_not_of(kSpace);
  return {line.substr(first, last - first + 1), ""};
}

const std::string& KeptApiKey::Get() {
  if (!key_.empty()) {
    return key_;
  }
  ApiKey loaded = LoadApiKey(config_);
  if (loaded.key.empty()) {
    if (!error_logged_) {
      logger_.Error(missing_).Str("error", loaded.error).Emit();
      error_logged_ = true;
    }
    return key_;
  }
  key_ = std::move(loaded.key);
  error_logged_ = false;
  return key_;
}

}  // namespace costgate::daemon::shipper
