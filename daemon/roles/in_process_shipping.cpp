#include "daemon/roles/in_process_shipping.h"

#include "base/clock.h"
#include "central/api/routes.h"

namespace costgate::daemon::roles {
namespace {

central::ApiKeyRecord ProcessKey() {
  central::ApiKeyRecord key;
  key.id = "in-process";
  key.name = "costgate all: the proxy of this process";
  key.scopes = static_cast<uint8_t>(central::Scope::kShip);
  return key;  // no source_app, no workspace: the events' own labels stand
}

}  // namespace

config::ShipperConfig InProcessShipperConfig(const config::ShipperConfig& configured) {
  config::ShipperConfig in_process = configured;
  in_process.url.clear();
  in_process.api_key.clear();
  in_process.api_key_file.clear();
  in_process.ca_file.clear();
  in_process.gzip = false;
  return in_process;
}

shipper::PostResult InProcessShipping::PostBatch(std::string_view body, bool gzipped,
                                                 const std::string&, std::stop_token) {
  if (gzipped) {
    // InProcessShipperConfig turns gzip off; a gzipped body here is a wiring mistake.
    return {0, {}, "in-process shipping takes plain JSON"};
  }
  central::ApiRequest request;
  request.method = "POST";
  request.path = "/v1/usage/batch";
  request.body = body;
  request.now_unix_ms = base::NowUnixMs();
  central::Admission admission;
  admission.route = central::Route::kUsageBatch;
  admission.kind = central::RouteKind::kWrite;
  admission.key = ProcessKey();
  central::ApiResponse answer = api_.HandleNow(request, admission);
  return {answer.status, std::move(answer.body), {}};
}

}  // namespace costgate::daemon::roles
