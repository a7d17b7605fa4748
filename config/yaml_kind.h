// How a YAML node reads in an error message: "a map", "a list", "'text'" or "nothing". Shared by
// every strict YAML reader (the config, the price catalogues).
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>

namespace costgate::config {

std::string KindOf(const YAML::Node& node);

}  // namespace costgate::config
