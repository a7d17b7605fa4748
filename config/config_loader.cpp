#include "config/config_loader.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "config/env_overrides.h"
#include "config/yaml_reader.h"
#include "config/yaml_walk.h"

namespace costgate::config {
namespace {

struct CloseFile {
  void operator()(std::FILE* file) const { std::fclose(file); }
};

}  // namespace

LoadResult LoadConfigFromString(std::string_view yaml_text, const Environment& env) {
  LoadResult result;
  Config config = DefaultConfig();
  ApplyYaml(yaml_text, config, result.errors);
  // Applied even after YAML errors, so that a bad variable is reported in the same run.
  ApplyEnvOverrides(env, config, result.errors);
  result.as_read = config;
  if (result.errors.empty()) {
    result.config = std::move(config);
  }
  return result;
}

LoadResult LoadConfigFile(const std::string& file_path, const Environment& env) {
  auto unreadable = [&file_path](int error_number) {
    LoadResult result;
    result.as_read = DefaultConfig();
    result.errors.push_back(
        {"", "cannot read config file '" + file_path + "': " + std::strerror(error_number)});
    return result;
  };
  // stdio rather than ifstream: it reports why (errno), including reading a directory.
  std::unique_ptr<std::FILE, CloseFile> file(std::fopen(file_path.c_str(), "rb"));
  if (!file) {
    return unreadable(errno);
  }
  std::string text;
  char buffer[8192];
  size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, file.get())) > 0) {
    text.append(buffer, n);
  }
  if (std::ferror(file.get())) {
    return unreadable(errno);
  }
  return LoadConfigFromString(text, env);
}

std::string FormatErrors(const std::vector<ConfigError>& errors) {
  std::string text;
  for (const ConfigError& error : errors) {
    text += YamlProblem(error.path, error.message) + "\n";
  }
  return text;
}

}  // namespace costgate::config
