#include "central/api/project_attribution.h"

#include <map>
#include <optional>
#include <string>
#include <utility>

namespace costgate::central {
namespace {

bool NeedsProjectPlace(const Event& e) { return e.workspace.empty() && !e.project.empty(); }

}  // namespace

std::span<const Event> AttributeToProjects(Store& store, std::span<const Event> events,
                                           std::vector<Event>& filled) {
  bool any = false;
  for (const Event& e : events) {
    any = any || NeedsProjectPlace(e);
  }
  if (!any) {
    return events;
  }
  // One look-up per project of the batch: a batch names few projects, many times each.
  std::map<std::pair<std::string, std::string>, std::optional<ProjectRecord>> places;
  filled.assign(events.begin(), events.end());
  for (Event& e : filled) {
    if (!NeedsProjectPlace(e)) {
      continue;
    }
    auto [it, added] = places.try_emplace({e.source_app, e.project});
    if (added) {
      StoreResult<std::optional<ProjectRecord>> found = store.FindProject(e.source_app, e.project);
      if (auto* project = std::get_if<std::optional<ProjectRecord>>(&found)) {
        it->second = std::move(*project);
      }
    }
    if (const std::optional<ProjectRecord>& project = it->second;
        project && !project->workspace_id.empty()) {
      e.workspace = project->workspace_id;
      if (e.team.empty()) {
        e.team = project->team_id;
      }
    }
  }
  return filled;
}

}  // namespace costgate::central
