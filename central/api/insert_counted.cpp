#include <variant>

#include "central/alerts/check.h"
#include "central/api/handlers.h"

namespace costgate::central {

StoreResult<std::vector<InsertResult>> InsertCounted(const Call& call,
                                                     std::span<const Event> events) {
  StoreResult<std::vector<Budget>> budgets = call.store.ListBudgets();
  if (const StoreError* error = std::get_if<StoreError>(&budgets)) {
    return *error;
  }
  const std::vector<Budget>& all = std::get<std::vector<Budget>>(budgets);
  if (all.empty()) {
    return call.store.InsertEvents(events);
  }
  const std::vector<std::vector<SpendIncrement>> increments =
      budgets::SpendIncrementsFor(events, all, call.zones);
  StoreResult<std::vector<InsertResult>> inserted = call.store.InsertEvents(events, increments);
  if (const auto* results = std::get_if<std::vector<InsertResult>>(&inserted)) {
    // The events are stored whatever happens here: an alert that cannot be recorded now is found
    // due again by the next ingest into its budget or by the sender's periodic check.
    const alerts::AlertCheck check{call.store, call.zones, call.alert_targets,
                                   call.request.now_unix_ms};
    (void)alerts::CheckAlertsAfterIngest(check, all, increments, *results);
  }
  return inserted;
}

}  // namespace costgate::central
