#include "daemon/shipper/api_key.h"

#include "daemon/util/first_line.h"

namespace costgate::daemon::shipper {

ApiKey LoadApiKey(const config::ShipperConfig& config) {
  if (!config.api_key.empty()) {
    return {config.api_key, ""};
  }
  if (config.api_key_file.empty()) {
    return {"", "neither shipper.api_key nor shipper.api_key_file is set"};
  }
  util::FirstLine line = util::ReadFirstLine(config.api_key_file);
  switch (line.problem) {
    case util::FirstLine::Problem::kUnreadable:
      return {"", "cannot read shipper.api_key_file " + config.api_key_file + ": " + line.reason};
    case util::FirstLine::Problem::kEmpty:
      return {"", "shipper.api_key_file " + config.api_key_file + " has no key on its first line"};
    case util::FirstLine::Problem::kNone:
      break;
  }
  return {std::move(line.value), ""};
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
