#include <variant>

#include "central/alerts/check.h"
#include "central/api/handlers.h"
#include "central/api/project_attribution.h"

namespace costgate::central {

StoreResult<std::vector<InsertResult>> InsertCounted(const Call& call,
                                                     std::span<const Event> sent) {
  std::vector<Event> filled;
  const std::span<const Event> events = AttributeToProjects(call.store, sent, filled);
  std::vector<Budget> all;
  std::vector<std::vector<SpendIncrement>> increments;
  StoreResult<std::vector<InsertResult>> inserted = call.store.InsertEventsCounted(
      events,
      [&](const std::vector<Budget>& budgets) {
        return budgets::SpendIncrementsFor(events, budgets, call.zones);
      },
      all, increments);
  if (const auto* results = std::get_if<std::vector<InsertResult>>(&inserted);
      results != nullptr && !all.empty()) {
    // The events are stored whatever happens here: an alert that cannot be recorded now is found
    // due again by the next ingest into its budget or by the sender's periodic check.
    const alerts::AlertCheck check{call.store, call.zones, call.alert_targets,
                                   call.request.now_unix_ms};
    (void)alerts::CheckAlertsAfterIngest(check, all, increments, *results);
  }
  return inserted;
}

}  // namespace costgate::central
