// The labels the operator configures (config "labels:"), which a sidecar stamps on every
// receipt (ARCHITECTURE.md "attribute"). filters::Labels, the labels a receipt carries, extends
// this type with the per-request ones, so the six configured fields are defined once.
#pragma once

#include <string>

namespace costgate::config {

struct LabelsConfig {
  std::string source_app;
  std::string workspace;
  std::string team;
  std::string project;
  std::string environment;
  std::string pod;

  bool operator==(const LabelsConfig&) const = default;
};

}  // namespace costgate::config
