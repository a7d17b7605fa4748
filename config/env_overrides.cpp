#include "config/env_overrides.h"

#include <cstdlib>
#include <string>

#include "config/schema.h"

namespace costgate::config {
namespace {

constexpr EnvOverride kEnvOverrides[] = {
    {"COSTGATE_LISTEN_ADDRESS", "listen.address", "address to listen on (IP literal or localhost)"},
    {"COSTGATE_LISTEN_PORT", "listen.port", "port to listen on (0: ephemeral)"},
    {"COSTGATE_THREADS", "listen.threads", "worker threads (0: one per core)"},
    {"COSTGATE_SOURCE_APP", "labels.source_app", "source_app label on every receipt"},
    {"COSTGATE_WORKSPACE", "labels.workspace", "workspace label on every receipt"},
    {"COSTGATE_TEAM", "labels.team", "team label on every receipt"},
    {"COSTGATE_PROJECT", "labels.project", "project label on every receipt"},
    {"COSTGATE_ENVIRONMENT", "labels.environment", "environment label on every receipt"},
    {"COSTGATE_POD", "labels.pod", "pod label on every receipt"},
    {"COSTGATE_RECEIPTS_PATH", "receipts.path", "SQLite receipts database file"},
    {"COSTGATE_RECEIPTS_FAIL_CLOSED", "receipts.fail_closed",
     "refuse calls whose receipt cannot be stored"},
    {"COSTGATE_HOST", "receipts.host", "host name on every receipt (empty: the hostname)"},
    {"COSTGATE_SHIPPER_URL", "shipper.url", "central base URL to ship receipts to (empty: off)"},
    {"COSTGATE_SHIPPER_API_KEY", "shipper.api_key", "API key (scope ship) for central"},
    {"COSTGATE_SHIPPER_CA_FILE", "shipper.ca_file", "CA bundle for central (empty: system)"},
    {"COSTGATE_CENTRAL_STORE", "central.store", "where central keeps its data: sqlite:PATH"},
    {"COSTGATE_CENTRAL_DATABASE", "central.database", "central's SQLite database file"},
    {"COSTGATE_CENTRAL_LISTEN_ADDRESS", "central.listen.address", "address central listens on"},
    {"COSTGATE_CENTRAL_LISTEN_PORT", "central.listen.port",
     "port central listens on (0: ephemeral)"},
    {"COSTGATE_LOG_LEVEL", "log.level", "debug, info, warn or error"},
    {"COSTGATE_GEMINI_URL", "upstreams.gemini.url", "Gemini upstream, https://host[:port]"},
    {"COSTGATE_GEMINI_CA_FILE", "upstreams.gemini.ca_file",
     "CA bundle for the Gemini upstream (empty: system store)"},
    {"COSTGATE_VERTEX_URL", "upstreams.vertex.url", "Vertex AI upstream, https://host[:port]"},
    {"COSTGATE_VERTEX_CA_FILE", "upstreams.vertex.ca_file",
     "CA bundle for the Vertex AI upstream (empty: system store)"},
    {"COSTGATE_VERTEX_REGIONAL", "upstreams.vertex.regional",
     "true: a Vertex AI request naming a location goes to that location's host"},
    {"COSTGATE_ELEVENLABS_URL", "upstreams.elevenlabs.url",
     "ElevenLabs upstream, https://host[:port]"},
    {"COSTGATE_ELEVENLABS_CA_FILE", "upstreams.elevenlabs.ca_file",
     "CA bundle for the ElevenLabs upstream (empty: system store)"},
    {"COSTGATE_GOOGLE_TTS_URL", "upstreams.google-tts.url",
     "Cloud Text-to-Speech upstream, https://host[:port]"},
    {"COSTGATE_GOOGLE_TTS_CA_FILE", "upstreams.google-tts.ca_file",
     "CA bundle for the Cloud Text-to-Speech upstream (empty: system store)"},
    {"COSTGATE_PRICING_HISTORY_DIR", "pricing.history_dir",
     "directory of saved LiteLLM price catalogues"},
    {"COSTGATE_PRICING_OVERRIDES_FILE", "pricing.overrides_file",
     "admin price overrides, YAML catalogue (empty: none)"},
    {"COSTGATE_PRICING_ELEVENLABS_PLAN", "pricing.elevenlabs_plan",
     "ElevenLabs plan whose $/credit prices credits"},
    {"COSTGATE_PRICING_REFRESH_URL", "pricing.refresh.url",
     "LiteLLM price feed to refresh from (empty: never)"},
};

}  // namespace

std::span<const EnvOverride> EnvOverrides() { return kEnvOverrides; }

void ApplyEnvOverrides(const Environment& env, Config& config, std::vector<ConfigError>& errors) {
  for (const EnvOverride& entry : kEnvOverrides) {
    auto found = env.find(entry.name);
    if (found == env.end()) {
      continue;
    }
    if (Problem problem = SetByPath(config, entry.setting, found->second)) {
      errors.push_back({std::string(entry.name), std::move(*problem)});
    }
  }
}

Environment CurrentEnvironment() {
  Environment env;
  auto capture = [&env](std::string_view name) {
    std::string key(name);
    if (const char* value = std::getenv(key.c_str())) {
      env.emplace(std::move(key), value);
    }
  };
  for (const EnvOverride& entry : kEnvOverrides) {
    capture(entry.name);
  }
  capture(kConfigFileEnv);
  return env;
}

}  // namespace costgate::config
