// Parsing YAML text that must hold at most one document: the one entry to yaml-cpp for every
// strict YAML reader (the config; the price catalogues can share it).
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <string_view>

namespace costgate::config {

struct YamlDocument {
  YAML::Node root;    // the document; a null node for an empty text; unset when error is set
  std::string error;  // "YAML syntax error at line L, column C: ...", or "expected one YAML
                      // document, got N"; empty on success
};

// Parses `text` into its document. Never throws (yaml-cpp's exceptions, including its nesting
// limit, become `error`) and never spins: a text the parser cannot read past is a syntax error.
YamlDocument ParseSingleYamlDocument(std::string_view text);

}  // namespace costgate::config
