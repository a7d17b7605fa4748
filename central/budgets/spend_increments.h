// Which budgets an event counts against, and in which of their periods: the increments central's
// store adds to the budgets' counters in the event's own insert transaction
// (Store::InsertEvents), so a budget's spend is kept current on ingest and never recomputed on
// a check. Plain code: time comes from the event.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "central/budgets/time_zone.h"
#include "central/store/budget.h"
#include "central/store/event.h"

namespace costgate::central::budgets {

// Time zones by name, each read once from the tz database and kept (a tzdata upgrade applies
// after a restart). Not thread-safe: one per thread that ingests (the store's writer).
class ZoneCache {
 public:
  explicit ZoneCache(std::filesystem::path root = "/usr/share/zoneinfo") : root_(std::move(root)) {}

  // The zone, or nullptr when it cannot be loaded (a name no budget should carry: the API checks
  // it when the budget is made).
  const TimeZone* Find(const std::string& name);

 private:
  std::filesystem::path root_;
  std::map<std::string, std::optional<TimeZone>, std::less<>> zones_;  // nullopt: cannot load
};

// True when every field `scope` sets equals the event's ("" = any).
bool ScopeCovers(const BudgetScope& scope, const Event& event);

// increments[i] for events[i]: one per budget whose scope covers the event, in the budget's
// period holding the event's start, by central's cost of the event (an unpriced event counts
// as a call at 0). A budget with an unknown period or zone counts nothing.
std::vector<std::vector<SpendIncrement>> SpendIncrementsFor(std::span<const Event> events,
                                                            std::span<const Budget> budgets,
                                                            ZoneCache& zones);

}  // namespace costgate::central::budgets
