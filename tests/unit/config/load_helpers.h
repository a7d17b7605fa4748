// Shorthands for config tests: load a YAML literal, then look at the config or at the errors.
#pragma once

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "config/config_loader.h"

namespace costgate::config {

inline void PrintTo(const ConfigError& error, std::ostream* out) {
  *out << "{" << error.path << ": " << error.message << "}";
}

// Loads yaml that the test expects to be accepted; a rejection fails the test with the errors.
inline Config LoadAccepted(std::string_view yaml, const Environment& env = {}) {
  LoadResult result = LoadConfigFromString(yaml, env);
  EXPECT_TRUE(result.errors.empty()) << FormatErrors(result.errors);
  return result.config.value_or(Config{});
}

// Loads yaml that the test expects to be rejected and returns the errors.
inline std::vector<ConfigError> LoadRejected(std::string_view yaml, const Environment& env = {}) {
  LoadResult result = LoadConfigFromString(yaml, env);
  EXPECT_FALSE(result.config.has_value()) << "expected errors, the config was accepted";
  EXPECT_FALSE(result.errors.empty());
  return result.errors;
}

using Paths = std::vector<std::string>;

inline Paths PathsOf(const std::vector<ConfigError>& errors) {
  Paths paths;
  for (const ConfigError& error : errors) {
    paths.push_back(error.path);
  }
  return paths;
}

}  // namespace costgate::config
