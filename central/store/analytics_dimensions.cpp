// The analytics dimensions: their API names, their columns and an event's label of each.
#include <array>

#include "central/store/analytics.h"

namespace costgate::central {
namespace {

struct DimensionInfo {
  std::string_view name;
  std::string_view column;
  std::string Event::*member;
};

constexpr std::array<DimensionInfo, kDimensionCount> kDimensions = {{
    {"workspace", "workspace", &Event::workspace},
    {"team", "team", &Event::team},
    {"project", "project", &Event::project},
    {"source_app", "source_app", &Event::source_app},
    {"environment", "environment", &Event::environment},
    {"user", "user", &Event::user},
    {"job", "job", &Event::job},
    {"feature", "feature", &Event::feature},
    {"provider", "provider", &Event::provider},
    {"model", "model", &Event::model},
    {"operation", "operation", &Event::operation},
    {"outcome", "status", &Event::status},
    {"pod", "pod", &Event::pod},
}};

const DimensionInfo& InfoOf(Dimension d) { return kDimensions[static_cast<size_t>(d)]; }

}  // namespace

std::string_view DimensionName(Dimension d) { return InfoOf(d).name; }

std::string_view DimensionColumn(Dimension d) { return InfoOf(d).column; }

std::optional<Dimension> DimensionNamed(std::string_view name) {
  for (size_t i = 0; i < kDimensions.size(); ++i) {
    if (kDimensions[i].name == name) {
      return static_cast<Dimension>(i);
    }
  }
  return std::nullopt;
}

const std::string& DimensionOf(const Event& event, Dimension d) { return event.*InfoOf(d).member; }

bool IsHighCardinality(Dimension d) {
  return d == Dimension::kUser || d == Dimension::kJob || d == Dimension::kFeature ||
         d == Dimension::kPod;
}

}  // namespace costgate::central
