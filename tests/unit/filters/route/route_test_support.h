// Route data for tests: a second provider ("voice", shaped like ElevenLabs) that shares a bare
// path with Gemini, and configs naming upstreams for the providers a test wants.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "filters/gemini/routes.h"
#include "filters/http_message.h"
#include "filters/operation.h"
#include "filters/route/builtin_routes.h"
#include "filters/route/provider_routes.h"

namespace costgate::filters::test_routes {

inline bool VoiceClaims(const RequestHead& request) noexcept {
  return request.headers.Contains("xi-api-key");
}

inline Operation VoiceClassify(std::string_view method, std::string_view path,
                               std::string_view query) {
  (void)query;
  return {.name = std::string(method) + " " + std::string(path),
          .metering = Metering::kMetered,
          .model = {},
          .stream_sse = false,
          .price_family = {}};
}

inline ProviderRoutes VoiceRoutes() {
  return {.provider = "voice",
          .prefix = "/voice",
          .bare_paths = {"/v1/models", "/v1/text-to-speech"},
          .claims = &VoiceClaims,
          .claim_hint = "xi-api-key header",
          .classify = &VoiceClassify};
}

inline std::vector<ProviderRoutes> GeminiAndVoiceRoutes() {
  std::vector<ProviderRoutes> routes = BuiltinProviderRoutes();
  routes.push_back(VoiceRoutes());
  return routes;
}

inline config::Config ConfigWithUpstreams(std::initializer_list<std::string_view> names) {
  config::Config config;
  for (const std::string_view name : names) {
    config::UpstreamConfig upstream;
    upstream.name = std::string(name);
    upstream.url = name == "gemini" ? "https://generativelanguage.googleapis.com"
                                    : "https://" + std::string(name) + ".example";
    config.upstreams.push_back(upstream);
  }
  return config;
}

inline RequestHead Request(std::string method, std::string target,
                           std::initializer_list<Headers::Field> headers = {}) {
  RequestHead request;
  request.method = std::move(method);
  request.target = std::move(target);
  for (const auto& field : headers) {
    request.headers.Add(field.name, field.value);
  }
  return request;
}

}  // namespace costgate::filters::test_routes
