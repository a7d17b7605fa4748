// The changes of budgets as the admin API (/admin/v1/budgets) and `costgate budgets` make them,
// one flow for both: every change with its audit row (who, when, the budget before and after as
// JSON), and a budget made, re-scoped or re-cut mid-period seeded from the spend already stored
// in its current period, in the change's own transaction.
//
// Why one transaction is enough inside central: the writer thread answers one request at a time,
// and an ingest request lists the budgets and stores its events within its own turn, so no event
// is stored between a budget's change and its seed; the seed replaces the counter with the sum of
// the events stored, so none is counted twice. `costgate budgets` writing while central runs is
// another process: an ingest request that listed the budgets before the CLI's change and stores
// its events after it does not count them against the new or re-scoped budget (at most that one
// request's events; README, "Budgets").
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "central/budgets/current_period.h"
#include "central/budgets/spend_increments.h"
#include "central/store/store.h"

namespace costgate::central {

// A budget, its current period and what was spent in it.
struct BudgetStatus {
  Budget budget;
  std::optional<budgets::BudgetPeriod> period;  // nullopt: the budget's period or zone is unusable
  BudgetSpend spend;                            // of `period`; zero when nothing was counted
};

// The budget's period holding `now_unix_ms` and its counter there.
StoreResult<BudgetStatus> ReadBudgetStatus(Store& store, Budget budget, int64_t now_unix_ms,
                                           budgets::ZoneCache& zones);

// Stores `budget` (budgets::BuildBudget's), its counter of the current period seeded, and the
// audit row "budget.create" by `actor` ("key:key_…", "cli:alice").
StoreResult<BudgetChange> CreateBudgetSeeded(Store& store, const Budget& budget,
                                             std::string_view actor, int64_t now_unix_ms,
                                             budgets::ZoneCache& zones);

// Writes `after` (budgets::ChangeBudget of `before`) with the audit row "budget.update"; a budget
// that counts differently (budgets::CountsDifferently) has its current period seeded again.
// kDone without a write or an audit row when nothing but updated_unix_ms differs.
StoreResult<BudgetChange> UpdateBudgetSeeded(Store& store, const Budget& before,
                                             const Budget& after, std::string_view actor,
                                             int64_t now_unix_ms, budgets::ZoneCache& zones);

// Deletes `before` and its counters with the audit row "budget.delete".
StoreResult<BudgetChange> DeleteBudgetAudited(Store& store, const Budget& before,
                                              std::string_view actor, int64_t now_unix_ms);

// The newest `limit` audit entries about `object_id`, newest first, read from the log a page at
// a time (the log is one row per change: small).
StoreResult<std::vector<AuditEntry>> RecentAuditOf(Store& store, const std::string& object_id,
                                                   size_t limit);

}  // namespace costgate::central
