#include "config/yaml_reader.h"

#include <yaml-cpp/yaml.h>

#include <string>
#include <utility>

#include "config/alerts_reader.h"
#include "config/providers.h"
#include "config/schema.h"
#include "config/yaml_document.h"
#include "config/yaml_settings.h"

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

// A section of settings and nested sections ("pricing" holds "refresh").
void ReadSection(const YAML::Node& node, const std::string& path, const Section& section,
                 Config& config, Errors& errors) {
  ReadSettingsAnd(
      node, path, section.settings, config, errors, SectionKeyList(section),
      [&](const std::string& key, const YAML::Node& value, const std::string& key_path) {
        const Section* inner = FindKey(section.sections, key);
        if (inner != nullptr) {
          ReadSection(value, key_path, *inner, config, errors);
        }
        return inner != nullptr;
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
  ForEachYamlEntry(
      root, "", ErrorsTo(errors),
      [&](const std::string& key, const YAML::Node& value, const std::string& path) {
        if (key == kUpstreamsKey) {
          ReadUpstreams(value, path, config, errors);
        } else if (key == kAlertsKey) {
          ReadAlerts(value, path, config.alerts, errors);
        } else if (const Section* section = FindKey(Sections(), key)) {
          ReadSection(value, path, *section, config, errors);
        } else {
          errors.push_back({path, "unknown key; known keys: " + KeyList(Sections()) + ", " +
                                      std::string(kUpstreamsKey) + ", " + std::string(kAlertsKey)});
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
