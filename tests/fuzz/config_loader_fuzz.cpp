// libFuzzer target for loading configuration: arbitrary YAML through config::LoadConfigFromString,
// with a few environment overrides chosen by the input.
//
// Input: when byte 0 is below 0x08 it is a header: that many overrides follow, each one byte
// picking the variable (an index into config::EnvOverrides()), one byte giving the value's length
// (0..63) and the value; the rest is the YAML. Any other first byte starts the YAML, no
// overrides, so plain config files are seeds as they are (corpus/config_loader_fuzz/).
//
// Beyond what the sanitizers catch, it aborts when an exception escapes the loader (yaml-cpp
// throws on some inputs), when a config is returned with errors or none without, when an error
// has no message or a path that is not "", an override's name or a path of known keys (only an
// unknown or duplicated key may be named as written), when the loaded config differs
// from what the loader read (as_read) or its upstream host and port differ from its url's, and
// when loading the same input twice gives another result. Deep nesting must come back as an
// error, not overflow the stack.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>

#include "config/addresses.h"
#include "config/config_loader.h"
#include "config/env_overrides.h"
#include "config/providers.h"
#include "config/schema.h"

namespace {

using costgate::config::ConfigError;
using costgate::config::Environment;
using costgate::config::LoadResult;
using costgate::config::Section;

using PathSet = std::set<std::string, std::less<>>;

void AddSection(const Section& section, const std::string& path, PathSet& known) {
  known.insert(path);  // "listen: 5" is an error at "listen"
  for (const auto& setting : section.settings) {
    known.insert(path + "." + std::string(setting.key));
  }
  for (const Section& inner : section.sections) {
    AddSection(inner, path + "." + std::string(inner.key), known);
  }
}

// Settings, sections and override names: "listen.port", "pricing.refresh", "upstreams.gemini",
// "COSTGATE_LISTEN_PORT".
const PathSet& KnownPaths() {
  static const PathSet known = [] {
    PathSet k;
    for (const Section& section : costgate::config::Sections()) {
      AddSection(section, std::string(section.key), k);
    }
    const std::string upstreams(costgate::config::kUpstreamsKey);
    k.insert(upstreams);
    for (const auto& provider : costgate::config::kKnownProviders) {
      const std::string base = upstreams + "." + std::string(provider.name);
      k.insert(base);
      for (const auto& setting : costgate::config::UpstreamSettings(provider.name)) {
        k.insert(base + "." + std::string(setting.key));
      }
    }
    for (const auto& entry : costgate::config::EnvOverrides()) {
      k.insert(std::string(entry.name));
    }
    return k;
  }();
  return known;
}

// An unknown or duplicated key is reported at its own path: the known keys above it, then the key
// as written (which may hold dots of its own). Every other error names a known setting or section,
// an override, or "" (the document).
bool PathIsKnown(const ConfigError& error) {
  if (error.path.empty() || KnownPaths().contains(error.path)) {
    return true;
  }
  return error.message.starts_with("unknown key") ||
         error.message.starts_with("unknown provider") || error.message == "duplicate key";
}

bool SameErrors(const LoadResult& a, const LoadResult& b) {
  if (a.errors.size() != b.errors.size()) {
    return false;
  }
  for (size_t i = 0; i < a.errors.size(); ++i) {
    if (a.errors[i].path != b.errors[i].path || a.errors[i].message != b.errors[i].message) {
      return false;
    }
  }
  return true;
}

LoadResult LoadOrAbort(std::string_view yaml, const Environment& env) {
  try {
    return costgate::config::LoadConfigFromString(yaml, env);
  } catch (...) {
    std::abort();  // the loader promises errors, never exceptions
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  Environment env;
  if (!input.empty() && static_cast<uint8_t>(input[0]) < 0x08) {
    size_t count = static_cast<uint8_t>(input[0]);
    input.remove_prefix(1);
    const auto overrides = costgate::config::EnvOverrides();
    while (count-- > 0 && input.size() >= 2) {
      const auto& entry = overrides[static_cast<uint8_t>(input[0]) % overrides.size()];
      const size_t length = std::min<size_t>(static_cast<uint8_t>(input[1]) % 64, input.size() - 2);
      env[std::string(entry.name)] = std::string(input.substr(2, length));
      input.remove_prefix(2 + length);
    }
  }

  const LoadResult first = LoadOrAbort(input, env);
  if (first.config.has_value() != first.errors.empty()) {
    std::abort();
  }
  for (const ConfigError& error : first.errors) {
    if (error.message.empty() || !PathIsKnown(error)) {
      std::abort();
    }
  }
  if (first.config) {
    if (!(*first.config == first.as_read)) {
      std::abort();
    }
    for (const auto& upstream : first.config->upstreams) {
      const auto endpoint = costgate::config::ParseUpstreamUrl(upstream.url);
      if (!endpoint.value || endpoint.value->host != upstream.host ||
          endpoint.value->port != upstream.port) {
        std::abort();
      }
    }
  }

  const LoadResult second = LoadOrAbort(input, env);
  if (!SameErrors(first, second) || first.config.has_value() != second.config.has_value() ||
      (first.config && !(*first.config == *second.config))) {
    std::abort();
  }
  return 0;
}
