// Reading a YAML map of settings (schema.h tables) into a target, reporting every problem with its
// YAML path: shared by the config's sections and the alerts section's lists of maps.
#pragma once

#include <yaml-cpp/yaml.h>

#include <span>
#include <string>
#include <utility>
#include <vector>

#include "config/config_loader.h"
#include "config/schema.h"
#include "config/yaml_kind.h"
#include "config/yaml_walk.h"

namespace costgate::config {

// A section may be left empty ("listen:" with every line below commented out): that means
// "defaults", not an error.
inline bool IsMapOrEmpty(const YAML::Node& node, const std::string& path,
                         std::vector<ConfigError>& errors) {
  if (node.IsMap() || node.IsNull()) {
    return true;
  }
  errors.push_back({path, "expected a map, got " + KindOf(node)});
  return false;
}

// ForEachYamlEntry's problems, as config errors.
inline auto ErrorsTo(std::vector<ConfigError>& errors) {
  return [&errors](const std::string& path, std::string problem) {
    errors.push_back({path, std::move(problem)});
  };
}

template <typename Target>
void ReadValue(const Setting<Target>& setting, const YAML::Node& value, const std::string& key_path,
               Target& target, std::vector<ConfigError>& errors) {
  if (value.IsMap() || value.IsSequence()) {
    errors.push_back({key_path, "expected a single value, got " + KindOf(value)});
    return;
  }
  // A YAML null ("key:", "key: ~") is the empty text: fine for a label, an error for a number.
  std::string text = value.IsNull() ? std::string() : value.Scalar();
  if (Problem problem = setting.set(text, target)) {
    errors.push_back({key_path, std::move(*problem)});
  }
}

// Reads a map of `settings` into `target`; a key that is none of them goes to
// `other(key, value, key_path)`, which returns false when it does not know the key either. An
// unknown key's error lists `known_keys` ("url, from, to").
template <typename Target, typename Other>
void ReadSettingsAnd(const YAML::Node& node, const std::string& path,
                     std::span<const Setting<Target>> settings, Target& target,
                     std::vector<ConfigError>& errors, std::string_view known_keys, Other other) {
  if (!IsMapOrEmpty(node, path, errors)) {
    return;
  }
  ForEachYamlEntry(
      node, path, ErrorsTo(errors),
      [&](const std::string& key, const YAML::Node& value, const std::string& key_path) {
        if (const Setting<Target>* setting = FindKey(settings, key)) {
          ReadValue(*setting, value, key_path, target, errors);
        } else if (!other(key, value, key_path)) {
          errors.push_back({key_path, "unknown key; known keys: " + std::string(known_keys)});
        }
      });
}

template <typename Target>
void ReadSettings(const YAML::Node& node, const std::string& path,
                  std::span<const Setting<Target>> settings, Target& target,
                  std::vector<ConfigError>& errors) {
  ReadSettingsAnd(node, path, settings, target, errors, KeyList(settings),
                  [](const std::string&, const YAML::Node&, const std::string&) { return false; });
}

}  // namespace costgate::config
