#include "filters/route/builtin_routes.h"

#include "filters/elevenlabs/routes.h"
#include "filters/gemini/routes.h"
#include "filters/google_tts/routes.h"
#include "filters/vertex/routes.h"

namespace costgate::filters {

std::vector<ProviderRoutes> BuiltinProviderRoutes() {
  std::vector<ProviderRoutes> routes;
  routes.push_back({
      .provider = gemini::kProvider,
      .prefix = gemini::kPrefix,
      .bare_paths = {gemini::kBarePaths.begin(), gemini::kBarePaths.end()},
      .claims = &gemini::ClaimsRequest,
      .claim_hint = gemini::kClaimHint,
      .classify = &gemini::Classify,
  });
  // Vertex AI: Gemini's resource paths and bodies, its own hosts and prices.
  routes.push_back({
      .provider = vertex::kProvider,
      .prefix = vertex::kPrefix,
      .bare_paths = {vertex::kBarePaths.begin(), vertex::kBarePaths.end()},
      .claims = &vertex::ClaimsRequest,
      .claim_hint = vertex::kClaimHint,
      .classify = &gemini::Classify,
  });
  // Google Cloud Text-to-Speech: its REST client takes no path prefix, hence the bare paths.
  routes.push_back({
      .provider = google_tts::kProvider,
      .prefix = google_tts::kPrefix,
      .bare_paths = {google_tts::kBarePaths.begin(), google_tts::kBarePaths.end()},
      .claims = &google_tts::ClaimsRequest,
      .claim_hint = google_tts::kClaimHint,
      .classify = &google_tts::Classify,
  });
  // ElevenLabs: bare paths for its SDKs' default base URL; xi-api-key settles the shared ones.
  routes.push_back({
      .provider = elevenlabs::kProvider,
      .prefix = elevenlabs::kPrefix,
      .bare_paths = {elevenlabs::kBarePaths.begin(), elevenlabs::kBarePaths.end()},
      .claims = &elevenlabs::ClaimsRequest,
      .claim_hint = elevenlabs::kClaimHint,
      .classify = &elevenlabs::Classify,
  });
  return routes;
}

}  // namespace costgate::filters
