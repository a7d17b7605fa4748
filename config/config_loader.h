// Loading and validating configuration: YAML text + environment overrides -> Config.
//
// Pure: no file system or environment access except in LoadConfigFile / CurrentEnvironment.
// Every problem is reported at once, each with the YAML path it concerns ("timeouts.drain_ms").
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"

namespace costgate::config {

struct ConfigError {
  std::string path;  // YAML path ("upstreams.gemini.url"), or the env var name, or "" for the file
  std::string message;  // what is wrong and what is expected
};

struct LoadResult {
  std::optional<Config> config;  // set iff errors is empty
  std::vector<ConfigError> errors;
  // Always set: every setting that was read, the ones in error left at their default. Only for
  // finding more problems in the same run (check-config checks the files it names); never to
  // run with.
  Config as_read;
};

using Environment = std::map<std::string, std::string, std::less<>>;

// The embedded defaults: what `costgate proxy` runs with when no file is given.
Config DefaultConfig();

// Parses YAML text (an empty document means "all defaults"), then applies env overrides.
LoadResult LoadConfigFromString(std::string_view yaml_text, const Environment& env);

// Reads the file; an unreadable file is one error with path "".
LoadResult LoadConfigFile(const std::string& file_path, const Environment& env);

// Snapshot of the process environment (COSTGATE_* variables only).
Environment CurrentEnvironment();

// "path: message" lines, one per error, for check-config and startup failures.
std::string FormatErrors(const std::vector<ConfigError>& errors);

}  // namespace costgate::config
