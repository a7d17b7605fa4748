#include <variant>

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
  return call.store.InsertEvents(events, increments);
}

}  // namespace costgate::central
