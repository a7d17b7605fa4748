#include "daemon/roles/in_process_shipping.h"

namespace costgate::daemon::roles {

config::ShipperConfig InProcessShipperConfig(const config::ShipperConfig& configured) {
  config::ShipperConfig in_process = configured;
  in_process.url.clear();
  in_process.api_key.clear();
  in_process.api_key_file.clear();
  in_process.ca_file.clear();
  in_process.gzip = false;
  return in_process;
}

}  // namespace costgate::daemon::roles
