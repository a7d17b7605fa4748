#include "central/api/budget_admin.h"

#include <utility>
#include <variant>

#include "central/api/budget_json.h"
#include "central/budgets/budget_input.h"

namespace costgate::central {
namespace {

constexpr int64_t kAuditPage = 500;

std::string BudgetText(const Budget& budget) {
  std::string out;
  AppendBudgetJson(out, budget);
  return out;
}

}  // namespace

StoreResult<BudgetStatus> ReadBudgetStatus(Store& store, Budget budget, int64_t now_unix_ms,
                                           budgets::ZoneCache& zones) {
  BudgetStatus status;
  status.period = budgets::PeriodOfBudget(budget, now_unix_ms, zones);
  status.spend.budget_id = budget.id;
  if (status.period) {
    StoreResult<BudgetSpend> spend = store.GetSpend(budget.id, status.period->key);
    if (auto* error = std::get_if<StoreError>(&spend)) {
      return *std::move(error);
    }
    status.spend = std::get<BudgetSpend>(std::move(spend));
  }
  status.budget = std::move(budget);
  return status;
}

StoreResult<BudgetChange> CreateBudgetSeeded(Store& store, const Budget& budget,
                                             std::string_view actor, int64_t now_unix_ms,
                                             budgets::ZoneCache& zones) {
  const std::optional<budgets::BudgetPeriod> period =
      budgets::PeriodOfBudget(budget, now_unix_ms, zones);
  const AuditEntry audit{0,         now_unix_ms, std::string(actor), "budget.create",
                         budget.id, "",          BudgetText(budget)};
  return store.CreateBudget(budget, audit,
                            period ? std::optional<SpendSeed>(period->Seed()) : std::nullopt);
}

StoreResult<BudgetChange> UpdateBudgetSeeded(Store& store, const Budget& before,
                                             const Budget& after, std::string_view actor,
                                             int64_t now_unix_ms, budgets::ZoneCache& zones) {
  Budget unchanged = after;
  unchanged.updated_unix_ms = before.updated_unix_ms;
  if (unchanged == before) {
    return BudgetChange::kDone;
  }
  std::optional<SpendSeed> seed;
  if (budgets::CountsDifferently(before, after)) {
    if (const auto period = budgets::PeriodOfBudget(after, now_unix_ms, zones)) {
      seed = period->Seed();
    }
  }
  const AuditEntry audit{0,         now_unix_ms,        std::string(actor), "budget.update",
                         before.id, BudgetText(before), BudgetText(after)};
  return store.UpdateBudget(after, audit, seed);
}

StoreResult<BudgetChange> DeleteBudgetAudited(Store& store, const Budget& before,
                                              std::string_view actor, int64_t now_unix_ms) {
  const AuditEntry audit{
      0, now_unix_ms, std::string(actor), "budget.delete", before.id, BudgetText(before), ""};
  return store.DeleteBudget(before.id, audit);
}

StoreResult<std::vector<AuditEntry>> RecentAuditOf(Store& store, const std::string& object_id,
                                                   size_t limit) {
  std::vector<AuditEntry> found;
  std::optional<int64_t> before;
  while (found.size() < limit) {
    StoreResult<std::vector<AuditEntry>> page = store.ListAudit(kAuditPage, before);
    if (auto* error = std::get_if<StoreError>(&page)) {
      return *std::move(error);
    }
    std::vector<AuditEntry>& entries = std::get<std::vector<AuditEntry>>(page);
    if (entries.empty()) {
      break;
    }
    before = entries.back().id;
    for (AuditEntry& entry : entries) {
      if (entry.object_id == object_id && found.size() < limit) {
        found.push_back(std::move(entry));
      }
    }
  }
  return found;
}

}  // namespace costgate::central
