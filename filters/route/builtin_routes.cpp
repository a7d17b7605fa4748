#include "filters/route/builtin_routes.h"

#include "filters/gemini/routes.h"

namespace costgate::filters {

std::vector<ProviderRoutes> BuiltinProviderRoutes() {
  std::vector<ProviderRoutes> routes;
  routes.push_back({
      .provider = "gemini",
      .prefix = "/gemini",
      .bare_paths = {gemini::kBarePaths.begin(), gemini::kBarePaths.end()},
      .claims = &gemini::ClaimsRequest,
      .claim_hint = gemini::kClaimHint,
      .classify = &gemini::Classify,
  });
  return routes;
}

}  // namespace costgate::filters
