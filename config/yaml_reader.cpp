#include "config/yaml_reader.h"

#include <yaml-cpp/yaml.h>

#include <string>
#include <utility>

#include "config/providers.h"
#include "config/schema.h"
#include "config/yaml_document.h"
#include "config/yaml_kind.h"
#include "config/yaml_walk.h"

namespace costgate::config {
namespace {

using Errors = std::vector<ConfigError>;

std::string KnownProviders() {
  std::string list;
  for (const KnownProvider& provider : kKnownProviders) {
    list += list.empty() ? "" : ", ";
    list += provider.name;
  }
  return list;
}

// A section may be left empty ("listen:" with every line below commented out): that means
// "defaults", not an error.
bool IsMapOrEmpty(const YAML::Node& node, const std::string& path, Errors& errors) {
  if (node.IsMap() || node.IsNull()) {
    return true;
  }
  errors.push_back({path, "expected a map, got " + KindOf(node)});
  return false;
}

// ForEachYamlEntry's problems, as config errors.
auto ErrorsTo(Errors& errors) {
  return [&errors](const std::string& path, std::string problem) {
    errors.push_back({path, std::move(problem)});
  };
}

template <typename Target>
void ReadValue(const Setting<Target>& setting, const YAML::Node& value, const std::string& key_path,
               Target& target, Errors& errors) {
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

template <typename Target>
void ReadSettings(const YAML::Node& node, const std::string& path,
                  std::span<const Setting<Target>> settings, Target& target, Errors& errors) {
  if (!IsMapOrEmpty(node, path, errors)) {
    return;
  }
  ForEachYamlEntry(
      node, path, ErrorsTo(errors),
      [&](const std::string& key, const YAML::Node& value, const std::string& key_path) {
        const Setting<Target>* setting = FindKey(settings, key);
        if (setting == nullptr) {
          errors.push_back({key_path, "unknown key; known keys: " + KeyList(settings)});
          return;
        }
        ReadValue(*setting, value, key_path, target, errors);
      });
}

// A section of settings and nested sections ("pricing" holds "refresh").
void ReadSection(const YAML::Node& node, const std::string& path, const Section& section,
                 Config& config, Errors& errors) {
  if (!IsMapOrEmpty(node, path, errors)) {
    return;
  }
  ForEachYamlEntry(
      node, path, ErrorsTo(errors),
      [&](const std::string& key, const YAML::Node& value, const std::string& key_path) {
        if (const Setting<Config>* setting = FindKey(section.settings, key)) {
          ReadValue(*setting, value, key_path, config, errors);
        } else if (const Section* inner = FindKey(section.sections, key)) {
          ReadSection(value, key_path, *inner, config, errors);
        } else {
          errors.push_back({key_path, "unknown key; known keys: " + SectionKeyList(section)});
        }
      });
}

// Each provider's entry is merged over its default: setting only ca_file keeps the default url.
void ReadUpstreams(const YAML::Node& node, const std::string& path, Config& config,
                   Errors& errors) {
  if (!IsMapOrEmpty(node, path, errors)) {
    return;
  }
  ForEachYamlEntry(
      node, path, ErrorsTo(errors),
      [&](const std::string& name, const YAML::Node& value, const std::string& name_path) {
        UpstreamConfig* upstream = FindUpstream(config, name);
        if (upstream == nullptr) {
          errors.push_back({name_path, "unknown provider; known providers: " + KnownProviders()});
          return;
        }
        ReadSettings(value, name_path, UpstreamSettings(name), *upstream, errors);
      });
}

void ReadDocument(const YAML::Node& root, Config& config, Errors& errors) {
  if (!root.IsMap() && !root.IsNull()) {
    errors.push_back({"", "expected a map of sections at the top level, got " + KindOf(root)});
    return;
  }
  ForEachYamlEntry(root, "", ErrorsTo(errors),
                   [&](const std::string& key, const YAML::Node& value, const std::string& path) {
                     if (key == kUpstreamsKey) {
                       ReadUpstreams(value, path, config, errors);
                     } else if (const Section* section = FindKey(Sections(), key)) {
                       ReadSection(value, path, *section, config, errors);
                     } else {
                       errors.push_back({path, "unknown key; known keys: " + KeyList(Sections()) +
                                                   ", " + std::string(kUpstreamsKey)});
                     }
                   });
}

}  // namespace

void ApplyYaml(std::string_view yaml_text, Config& config, std::vector<ConfigError>& errors) {
  YamlDocument document = ParseSingleYamlDocument(yaml_text);
  if (!document.error.empty()) {
    errors.push_back({"", std::move(document.error)});
    return;
  }
  ReadDocument(document.root, config, errors);
}

}  // namespace costgate::config
