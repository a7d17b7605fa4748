#include "central/budgets/spend_increments.h"

#include <variant>

#include "central/budgets/period.h"

namespace costgate::central::budgets {

const TimeZone* ZoneCache::Find(const std::string& name) {
  auto found = zones_.find(name);
  if (found == zones_.end()) {
    std::variant<TimeZone, std::string> loaded = TimeZone::Load(name, root_);
    std::optional<TimeZone> zone;
    if (auto* z = std::get_if<TimeZone>(&loaded)) {
      zone = std::move(*z);
    }
    found = zones_.emplace(name, std::move(zone)).first;
  }
  return found->second ? &*found->second : nullptr;
}

bool ScopeCovers(const BudgetScope& scope, const Event& event) {
  const auto covers = [](const std::string& wanted, const std::string& actual) {
    return wanted.empty() || wanted == actual;
  };
  return covers(scope.workspace, event.workspace) && covers(scope.team, event.team) &&
         covers(scope.project, event.project) && covers(scope.source_app, event.source_app) &&
         covers(scope.environment, event.environment) && covers(scope.user, event.user) &&
         covers(scope.provider, event.provider) && covers(scope.model, event.model);
}

std::vector<std::vector<SpendIncrement>> SpendIncrementsFor(std::span<const Event> events,
                                                            std::span<const Budget> budgets,
                                                            ZoneCache& zones) {
  std::vector<std::vector<SpendIncrement>> increments(events.size());
  for (const Budget& budget : budgets) {
    const std::optional<PeriodKind> kind = ParsePeriodKind(budget.period);
    const TimeZone* zone = zones.Find(budget.time_zone);
    if (!kind || zone == nullptr) {
      continue;
    }
    for (size_t i = 0; i < events.size(); ++i) {
      const Event& event = events[i];
      if (!ScopeCovers(budget.scope, event)) {
        continue;
      }
      const Period period = PeriodAt(*kind, event.start_unix_ms, *zone, budget.fiscal_first_month);
      increments[i].push_back(
          {budget.id, PeriodKey(*kind, period, *zone, budget.fiscal_first_month),
           period.start_unix_ms, period.end_unix_ms, event.cost.value_or(pricing::Money{})});
    }
  }
  return increments;
}

}  // namespace costgate::central::budgets
