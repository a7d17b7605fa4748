// Checking budgets' alerts against the store: what decide.h finds due is written as an alert
// (message.h) and recorded with Store::RecordAlert, which decides, once for every central
// replica, whether it fires, and then adds one pending delivery per target for the sender.
//
// Called on the store's writer thread: by ingest after events are stored (InsertCounted), by
// the admin API after a budget is created or changed (a lowered amount or threshold fires at
// once), and by the alert sender's periodic check (what time alone makes due: a forecast once
// enough of the period has passed).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "central/budgets/spend_increments.h"
#include "central/store/store.h"

namespace costgate::central::alerts {

// What every check needs. `zones` is the caller's thread's (not thread-safe).
struct AlertCheck {
  Store& store;
  budgets::ZoneCache& zones;
  std::span<const DeliveryTarget> targets;  // where each alert goes; empty: logged only
  int64_t now_unix_ms = 0;
};

// Checks `budget` in its period holding now. Returns the number of alerts this call recorded
// (0 when everything due had fired already). A budget with an unknown period kind or time zone
// is due nothing.
StoreResult<int> CheckBudgetAlerts(const AlertCheck& check, const Budget& budget);

// After `events` were stored with `increments` (Store::InsertEvents; `results` its answer): checks
// each budget in each period whose counter a newly stored event moved, once per (budget, period).
// `budgets` are those the increments were made from; a duplicate moves nothing, so a shipper's
// retry checks nothing.
StoreResult<int> CheckAlertsAfterIngest(const AlertCheck& check, std::span<const Budget> budgets,
                                        std::span<const std::vector<SpendIncrement>> increments,
                                        std::span<const InsertResult> results);

// Every budget in its current period: the periodic check.
StoreResult<int> CheckAllBudgetAlerts(const AlertCheck& check);

}  // namespace costgate::central::alerts
