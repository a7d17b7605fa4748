// Budgets and the audit log as rows: their SQL, how a Budget maps to a row, and the reads. The
// changes, each in a transaction with its audit row, are in budget_changes.cpp.
#include "central/store/sqlite/budget_rows.h"

#include <array>
#include <charconv>
#include <string>
#include <string_view>
#include <utility>

#include "central/store/sqlite/store_statements.h"
#include "sqlite/exec.h"
#include "sqlite/sql_text.h"
#include "sqlite/statement.h"

namespace costgate::central {
namespace {

// Column order = BindBudget order = ReadBudget order.
constexpr std::string_view kBudgetColumns =
    "id, name, workspace, team, project, source_app, environment, user, provider, model, period, "
    "time_zone, fiscal_first_month, amount_pico_usd, thresholds_percent, hard_limit, "
    "per_request_cap_pico_usd, fail_closed, created_unix_ms, updated_unix_ms";

constexpr const char* kBudgetStateSql =
    "SELECT EXISTS (SELECT 1 FROM budgets WHERE id = ?2), "
    "EXISTS (SELECT 1 FROM budgets WHERE name = ?1 AND id <> ?2)";
// Names the parameters by number so that BindBudget serves it: ?19, created_unix_ms, is bound
// and unused (a budget's creation time stays).
constexpr const char* kUpdateBudgetSql =
    "UPDATE budgets SET name = ?2, workspace = ?3, team = ?4, project = ?5, source_app = ?6, "
    "environment = ?7, user = ?8, provider = ?9, model = ?10, period = ?11, time_zone = ?12, "
    "fiscal_first_month = ?13, amount_pico_usd = ?14, thresholds_percent = ?15, hard_limit = ?16, "
    "per_request_cap_pico_usd = ?17, fail_closed = ?18, updated_unix_ms = ?20 WHERE id = ?1";
constexpr const char* kDeleteBudgetSql = "DELETE FROM budgets WHERE id = ?";
constexpr const char* kDeleteSpendSql = "DELETE FROM budget_spend WHERE budget_id = ?";

const std::string& InsertBudgetSql() {
  static const std::string sql = "INSERT INTO budgets (" + std::string(kBudgetColumns) +
                                 ") VALUES (" + sqlite::Placeholders(20) + ")";
  return sql;
}

// An id wins over a name: names are free text and one may look like another budget's id.
const std::string& FindBudgetSql() {
  static const std::string sql = "SELECT " + std::string(kBudgetColumns) +
                                 " FROM budgets WHERE id = ?1 OR name = ?1 "
                                 "ORDER BY id = ?1 DESC LIMIT 1";
  return sql;
}

const std::string& ListBudgetsSql() {
  static const std::string sql =
      "SELECT " + std::string(kBudgetColumns) + " FROM budgets ORDER BY created_unix_ms, id";
  return sql;
}

constexpr const char* kInsertAuditSql =
    "INSERT INTO audit_log (at_unix_ms, actor, action, object_id, before_json, after_json) "
    "VALUES (?, ?, ?, ?, ?, ?)";
constexpr const char* kListAuditSql =
    "SELECT id, at_unix_ms, actor, action, object_id, before_json, after_json FROM audit_log "
    "WHERE ?2 IS NULL OR id < ?2 ORDER BY id DESC LIMIT ?1";

std::string ThresholdsText(const std::vector<int>& thresholds) {
  std::string text;
  for (size_t i = 0; i < thresholds.size(); ++i) {
    if (i > 0) {
      text += ',';
    }
    text += std::to_string(thresholds[i]);
  }
  return text;
}

// The inverse of ThresholdsText; nullopt when a part is not an integer.
std::optional<std::vector<int>> ParseThresholds(std::string_view text) {
  std::vector<int> thresholds;
  while (!text.empty()) {
    const size_t comma = text.find(',');
    const std::string_view part = text.substr(0, comma);
    int value = 0;
    const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), value);
    if (ec != std::errc() || end != part.data() + part.size()) {
      return std::nullopt;
    }
    thresholds.push_back(value);
    if (comma == std::string_view::npos) {
      break;
    }
    text.remove_prefix(comma + 1);
    if (text.empty()) {
      return std::nullopt;  // a trailing comma
    }
  }
  return thresholds;
}

// `thresholds` (ThresholdsText of the budget's) is bound without a copy and must outlive the step.
int BindBudget(sqlite3_stmt* stmt, const Budget& budget, const std::string& thresholds) {
  sqlite::Binder b(stmt);
  b.Text(budget.id);
  b.Text(budget.name);
  for (const std::string* field : ScopeFields(budget.scope)) {
    b.Text(*field);
  }
  b.Text(budget.period);
  b.Text(budget.time_zone);
  b.Int(budget.fiscal_first_month);
  b.Int(budget.amount.pico());
  b.Text(thresholds);
  b.Value(budget.hard_limit);
  if (budget.per_request_cap) {
    b.Int(budget.per_request_cap->pico());
  } else {
    b.Null();
  }
  if (budget.fail_closed) {
    b.Value(*budget.fail_closed);
  } else {
    b.Null();
  }
  b.Int(budget.created_unix_ms);
  b.Int(budget.updated_unix_ms);
  return b.rc();
}

// The budget in the current row; nullopt when its thresholds do not parse.
std::optional<Budget> ReadBudget(sqlite3_stmt* stmt) {
  sqlite::Reader r(stmt);
  Budget budget;
  budget.id = r.Text();
  budget.name = r.Text();
  for (std::string* field : ScopeFields(budget.scope)) {
    *field = r.Text();
  }
  budget.period = r.Text();
  budget.time_zone = r.Text();
  budget.fiscal_first_month = static_cast<int>(r.Int());
  budget.amount = pricing::Money::FromPico(r.Int());
  std::optional<std::vector<int>> thresholds = ParseThresholds(r.Text());
  if (!thresholds) {
    return std::nullopt;
  }
  budget.thresholds_percent = std::move(*thresholds);
  budget.hard_limit = r.Int() != 0;
  if (std::optional<int64_t> cap = r.OptionalInt()) {
    budget.per_request_cap = pricing::Money::FromPico(*cap);
  }
  if (std::optional<int64_t> fail_closed = r.OptionalInt()) {
    budget.fail_closed = *fail_closed != 0;
  }
  budget.created_unix_ms = r.Int();
  budget.updated_unix_ms = r.Int();
  return budget;
}

AuditEntry ReadAudit(sqlite3_stmt* stmt) {
  sqlite::Reader r(stmt);
  AuditEntry entry;
  entry.id = r.Int();
  entry.at_unix_ms = r.Int();
  entry.actor = r.Text();
  entry.action = r.Text();
  entry.object_id = r.Text();
  entry.before_json = r.Text();
  entry.after_json = r.Text();
  return entry;
}

}  // namespace

StoreStatus WriteBudget(sqlite3* db, sqlite3_stmt* stmt, const Budget& budget,
                        std::string_view what) {
  const std::string thresholds = ThresholdsText(budget.thresholds_percent);
  sqlite::ResetOnExit reset(stmt);
  if (BindBudget(stmt, budget, thresholds) != SQLITE_OK || sqlite3_step(stmt) != SQLITE_DONE) {
    return StoreError{sqlite::ErrorText(db, std::string(what) + " " + budget.name)};
  }
  return std::nullopt;
}

BudgetStatements::~BudgetStatements() {
  for (sqlite3_stmt* stmt :
       {budget_state, insert_budget, update_budget, delete_budget, delete_spend, find_budget,
        list_budgets, insert_audit, list_audit, add_spend, get_spend, seed_spend}) {
    sqlite3_finalize(stmt);
  }
}

StoreStatus BudgetStatements::PrepareAll(sqlite3* db) {
  const std::array<std::pair<sqlite3_stmt**, const char*>, 12> all = {{
      {&budget_state, kBudgetStateSql},
      {&insert_budget, InsertBudgetSql().c_str()},
      {&update_budget, kUpdateBudgetSql},
      {&delete_budget, kDeleteBudgetSql},
      {&delete_spend, kDeleteSpendSql},
      {&find_budget, FindBudgetSql().c_str()},
      {&list_budgets, ListBudgetsSql().c_str()},
      {&insert_audit, kInsertAuditSql},
      {&list_audit, kListAuditSql},
      {&add_spend, kAddSpendSql},
      {&get_spend, kGetSpendSql},
      {&seed_spend, kSeedSpendSql},
  }};
  for (const auto& [stmt, sql] : all) {
    if (auto error = sqlite::Prepare(db, sql, stmt)) {
      return StoreError{*std::move(error)};
    }
  }
  return std::nullopt;
}
StoreResult<std::optional<Budget>> SqliteStore::FindBudget(const std::string& id_or_name) {
  sqlite3_stmt* stmt = statements_->budgets.find_budget;
  sqlite::ResetOnExit reset(stmt);
  sqlite::Binder b(stmt);
  b.Text(id_or_name);
  const int rc = b.Step();
  if (rc == SQLITE_DONE) {
    return std::optional<Budget>();
  }
  if (rc != SQLITE_ROW) {
    return StoreError{sqlite::ErrorText(db_, "find budget " + id_or_name)};
  }
  std::optional<Budget> budget = ReadBudget(stmt);
  if (!budget) {
    return StoreError{"find budget " + id_or_name +
                      ": thresholds_percent is not a list of integers"};
  }
  return budget;
}

StoreResult<std::vector<Budget>> SqliteStore::ListBudgets() {
  sqlite3_stmt* stmt = statements_->budgets.list_budgets;
  sqlite::ResetOnExit reset(stmt);
  std::vector<Budget> budgets;
  int rc = SQLITE_ROW;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    std::optional<Budget> budget = ReadBudget(stmt);
    if (!budget) {
      return StoreError{"list budgets: thresholds_percent is not a list of integers"};
    }
    budgets.push_back(*std::move(budget));
  }
  if (rc != SQLITE_DONE) {
    return StoreError{sqlite::ErrorText(db_, "list budgets")};
  }
  return budgets;
}

StoreResult<std::vector<AuditEntry>> SqliteStore::ListAudit(int64_t limit,
                                                            std::optional<int64_t> before_id) {
  sqlite3_stmt* stmt = statements_->budgets.list_audit;
  sqlite::ResetOnExit reset(stmt);
  sqlite::Binder b(stmt);
  b.Int(limit);
  b.OptionalInt(before_id);
  std::vector<AuditEntry> entries;
  int rc = b.rc() == SQLITE_OK ? SQLITE_ROW : b.rc();
  while (rc == SQLITE_ROW && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    entries.push_back(ReadAudit(stmt));
  }
  if (rc != SQLITE_DONE) {
    return StoreError{sqlite::ErrorText(db_, "list audit log")};
  }
  return entries;
}

}  // namespace costgate::central
