#include "daemon/roles/in_process_call.h"

#include <string>

#include "base/clock.h"
#include "central/api/routes.h"

namespace costgate::daemon::roles {

shipper::PostResult PostInProcess(central_api::ApiService& api, std::string_view path,
                                  std::string_view body) {
  const central::RouteLookup found = central::FindRoute("POST", path);
  if (found.outcome != central::RouteLookup::Outcome::kFound || found.spec == nullptr) {
    return {0, {}, "central has no POST " + std::string(path)};
  }
  central::ApiKeyRecord key;
  key.id = "in-process";
  key.name = "costgate all: the proxy of this process";
  key.scopes = found.spec->scope ? static_cast<uint8_t>(*found.spec->scope) : 0;
  central::ApiRequest request("POST", path, "", body, base::NowUnixMs());
  central::Admission admission;
  admission.route = found.spec->route;
  admission.kind = found.spec->kind;
  admission.key = std::move(key);  // no source_app, no workspace: the request's labels stand
  admission.params = found.params;
  central::ApiResponse answer = api.HandleNow(request, admission);
  return {answer.status, std::move(answer.body), {}};
}

shipper::PostResult InProcessPost::PostBatch(std::string_view body, bool gzipped,
                                             const std::string&, std::stop_token) {
  if (gzipped) {
    return {0, {}, "in-process delivery takes plain JSON"};
  }
  return PostInProcess(api_, path_, body);
}

}  // namespace costgate::daemon::roles
