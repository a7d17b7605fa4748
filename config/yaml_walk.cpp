#include "config/yaml_walk.h"

namespace costgate::config {

std::string YamlChildPath(const std::string& path, const std::string& key) {
  return path.empty() ? key : path + "." + key;
}

std::string YamlProblem(std::string_view path, std::string_view problem) {
  std::string text;
  if (!path.empty()) {
    text.append(path);
    text.append(": ");
  }
  text.append(problem);
  return text;
}

}  // namespace costgate::config
