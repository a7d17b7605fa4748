// Walking a YAML map strictly, and naming where a problem is: shared by every strict YAML reader
// (the config, the price catalogues), so both word their problems the same way.
#pragma once

#include <yaml-cpp/yaml.h>

#include <set>
#include <string>
#include <string_view>

#include "config/yaml_kind.h"

namespace costgate::config {

// The YAML path of `key` under `path`: "timeouts" + "drain_ms" -> "timeouts.drain_ms"; a key of
// the document root ("") is its own path.
std::string YamlChildPath(const std::string& path, const std::string& key);

// "path: problem", or the bare problem for the document root (""): how every problem a strict
// YAML reader finds is written.
std::string YamlProblem(std::string_view path, std::string_view problem);

// Calls visit(key, value, key_path) for each entry of `map` (a null node has none), and
// error(path, problem) for each entry it skips: a key that is not a plain scalar, or a repeated
// key. yaml-cpp keeps repeated keys and answers lookups with the first, which would silently
// hide a typo'd second value.
template <typename Error, typename Visit>
void ForEachYamlEntry(const YAML::Node& map, const std::string& path, Error error, Visit visit) {
  if (map.IsNull()) {
    return;
  }
  std::set<std::string, std::less<>> seen;
  for (const auto& entry : map) {
    if (!entry.first.IsScalar()) {
      error(path, "expected plain keys, got " + KindOf(entry.first) + " as a key");
      continue;
    }
    const std::string& key = entry.first.Scalar();
    std::string key_path = YamlChildPath(path, key);
    if (!seen.insert(key).second) {
      error(key_path, "duplicate key");
      continue;
    }
    visit(key, entry.second, key_path);
  }
}

}  // namespace costgate::config
