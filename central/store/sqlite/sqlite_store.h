// The embedded store: one SQLite database file, one connection that writes (ARCHITECTURE.md: one
// connection per database file per process) and any number that only read, WAL, schema versioned
// by PRAGMA user_version.
#pragma once

#include <memory>
#include <string>
#include <variant>

#include "central/budgets/time_zone.h"
#include "central/store/store.h"
#include "config/config.h"

struct sqlite3;

namespace costgate::central {

class RollupBatch;

class SqliteStore final : public Store {
 public:
  // Opens (creating if needed) the database at `path` (":memory:" for a private in-memory one):
  // WAL, the given synchronous level, busy_timeout, schema created or migrated. Returns the
  // error when the file cannot be opened, is not a database, or is from a newer schema.
  static std::variant<std::unique_ptr<SqliteStore>, StoreError> Open(
      const std::string& path, config::SqliteSynchronous synchronous);

  // Opens a connection to the database at `path` that only reads, beside the one Open made
  // (sqlite/open.h OpenReadOnly: it never writes nor checkpoints). Reads see every transaction
  // committed before they start; every write method returns SQLite's read-only error. Returns
  // the error when the file does not exist, is not a database, has no schema of this build's
  // version (the writer creates and migrates it, a reader cannot), or is ":memory:" (private to
  // the connection that made it).
  static std::variant<std::unique_ptr<SqliteStore>, StoreError> OpenReadOnly(
      const std::string& path);

  ~SqliteStore() override;
  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;

  StoreStatus Ping() override;
  using Store::InsertEvents;
  StoreResult<std::vector<InsertResult>> InsertEvents(
      std::span<const Event> events,
      std::span<const std::vector<SpendIncrement>> increments) override;
  StoreResult<std::vector<InsertResult>> InsertEventsCounted(
      std::span<const Event> events, const IncrementsFor& increments_for,
      std::vector<Budget>& budgets, std::vector<std::vector<SpendIncrement>>& increments) override;
  StoreResult<std::optional<Event>> FindEvent(const std::string& event_id) override;
  StoreResult<int64_t> CountEvents() override;
  StoreStatus UpsertUser(const UserRecord& user, int64_t now_unix_ms) override;
  StoreStatus UpsertProject(const ProjectRecord& project, int64_t now_unix_ms) override;
  StoreResult<std::optional<ProjectRecord>> FindProject(const std::string& source_app,
                                                        const std::string& external_id) override;
  StoreResult<std::optional<UserRecord>> FindUser(const std::string& source_app,
                                                  const std::string& external_id) override;
  StoreResult<std::vector<Workspace>> ListWorkspaces() override;
  StoreResult<std::vector<Team>> ListTeams() override;
  StoreResult<OrgResult> CreateWorkspace(const Workspace& workspace,
                                         const AuditEntry& audit) override;
  StoreResult<OrgResult> RenameWorkspace(const Workspace& workspace,
                                         const AuditEntry& audit) override;
  StoreResult<OrgResult> DeleteWorkspace(const std::string& id, const AuditEntry& audit) override;
  StoreResult<OrgResult> CreateTeam(const Team& team, const AuditEntry& audit) override;
  StoreResult<OrgResult> UpdateTeam(const Team& team, const AuditEntry& audit) override;
  StoreResult<OrgResult> DeleteTeam(const std::string& id, const AuditEntry& audit) override;
  StoreResult<std::vector<ProjectRecord>> ListProjects(const OrgPage& page) override;
  StoreResult<OrgResult> UpdateProject(const ProjectRecord& project,
                                       const AuditEntry& audit) override;
  StoreResult<OrgResult> AssignProjects(std::span<const ProjectKey> projects,
                                        const std::string& workspace_id, const std::string& team_id,
                                        const AuditEntry& audit) override;
  StoreResult<std::vector<UserRecord>> ListUsers(const OrgPage& page) override;
  StoreResult<OrgResult> AssignUsers(std::span<const ProjectKey> users,
                                     const std::string& workspace_id, const std::string& team_id,
                                     const AuditEntry& audit) override;
  StoreResult<OrgResult> UpdateUser(const UserRecord& user, int64_t now_unix_ms,
                                    const AuditEntry& audit) override;
  StoreStatus CreateKey(const ApiKeyRecord& key) override;
  StoreResult<std::optional<ApiKeyRecord>> FindKeyByHash(const std::string& hash) override;
  StoreResult<std::vector<ApiKeyRecord>> ListKeys() override;
  StoreResult<bool> RevokeKey(const std::string& id_or_name, int64_t now_unix_ms) override;
  StoreStatus TouchKey(const std::string& id, int64_t now_unix_ms) override;
  StoreStatus CreateKey(const ApiKeyRecord& key, const AuditEntry& audit) override;
  StoreResult<bool> RevokeKey(const std::string& id, int64_t now_unix_ms,
                              const AuditEntry& audit) override;
  StoreStatus AppendAudit(const AuditEntry& audit) override;
  StoreResult<AccountChange> CreateAccount(const Account& account,
                                           const AuditEntry& audit) override;
  StoreResult<AccountChange> UpdateAccount(const Account& account, bool end_sessions,
                                           const AuditEntry& audit) override;
  StoreResult<AccountChange> DeleteAccount(const std::string& username,
                                           const AuditEntry& audit) override;
  StoreResult<std::optional<Account>> FindAccount(const std::string& username) override;
  StoreResult<std::vector<Account>> ListAccounts() override;
  StoreResult<bool> HasAdminAccount() override;
  StoreStatus CreateSession(const Session& session, int64_t idle_cutoff_unix_ms) override;
  StoreResult<std::optional<Session>> FindSession(const std::string& token_hash) override;
  StoreStatus TouchSession(const std::string& token_hash, int64_t now_unix_ms) override;
  StoreStatus DeleteSession(const std::string& token_hash) override;
  StoreStatus SetSetupToken(const std::string& token_hash, int64_t expires_unix_ms) override;
  StoreResult<SetupOutcome> CompleteSetup(const std::string& token_hash, int64_t now_unix_ms,
                                          const Account& admin, const AuditEntry& audit) override;
  using Store::CreateBudget;
  StoreResult<BudgetChange> CreateBudget(const Budget& budget, const AuditEntry& audit,
                                         const std::optional<SpendSeed>& seed) override;
  using Store::UpdateBudget;
  StoreResult<BudgetChange> UpdateBudget(const Budget& budget, const AuditEntry& audit,
                                         const std::optional<SpendSeed>& seed) override;
  StoreResult<BudgetChange> DeleteBudget(const std::string& id, const AuditEntry& audit) override;
  StoreResult<std::optional<Budget>> FindBudget(const std::string& id_or_name) override;
  StoreResult<std::vector<Budget>> ListBudgets() override;
  StoreResult<std::vector<AuditEntry>> ListAudit(int64_t limit,
                                                 std::optional<int64_t> before_id) override;
  StoreResult<BudgetSpend> GetSpend(const std::string& budget_id,
                                    const std::string& period_key) override;
  StoreResult<bool> SeedSpend(const std::string& budget_id, const std::string& period_key,
                              int64_t period_start_unix_ms, int64_t period_end_unix_ms,
                              const BudgetScope& scope) override;
  StoreResult<pricing::Money> GetCommitted(const std::string& budget_id,
                                           const std::string& period_key,
                                           int64_t now_unix_ms) override;
  StoreResult<HoldOutcome> ReserveHolds(const std::string& hold_id,
                                        std::span<const HoldRequest> holds, int64_t expires_unix_ms,
                                        int64_t now_unix_ms) override;
  StoreResult<std::vector<LeaseState>> SyncLeases(const std::string& holder,
                                                  std::span<const LeaseEntry> entries,
                                                  std::span<const LeaseBudget> budgets,
                                                  int64_t now_unix_ms, int64_t ttl_ms) override;
  StoreResult<bool> RecordAlert(const Alert& alert,
                                std::span<const DeliveryTarget> targets) override;
  StoreResult<DeliveryClaims> ClaimDeliveries(int64_t now_unix_ms, int64_t claim_ms,
                                              int max_attempts, int limit) override;
  StoreStatus FinishAttempt(const AttemptResult& result) override;
  StoreResult<std::vector<AlertLogEntry>> ListAlerts(int64_t limit,
                                                     std::optional<int64_t> before_id) override;
  StoreResult<bool> SetAnalyticsTimeZone(const std::string& zone) override;
  StoreResult<std::string> AnalyticsTimeZone() override;
  StoreResult<std::vector<AnalyticsRow>> Aggregate(const AnalyticsQuery& query) override;
  StoreResult<std::vector<Event>> ListEvents(const EventPageQuery& query) override;
  StoreResult<std::unique_ptr<EventScan>> ScanEvents(
      int64_t from_unix_ms, int64_t to_unix_ms,
      const std::vector<AnalyticsFilter>& filters) override;
  StoreResult<std::vector<UnpricedReasonCount>> CountUnpricedReasons(
      int64_t from_unix_ms, int64_t to_unix_ms,
      const std::vector<AnalyticsFilter>& filters) override;
  StoreResult<std::unique_ptr<Store>> OpenReader() override;

 private:
  explicit SqliteStore(sqlite3* db);
  // InsertEvents' rows once its transaction is open; on an error the caller rolls back.
  StoreStatus InsertInTransaction(std::span<const Event> events,
                                  std::span<const std::vector<SpendIncrement>> increments,
                                  std::vector<InsertResult>& results);
  StoreStatus Begin(const char* what);
  // Commits, or rolls back after `error` or a failed commit; the error, if any.
  StoreStatus Finish(StoreStatus error);
  // The zone the day rollups are in: the one analytics_meta records, loaded at open and again
  // when a read finds another recorded (a writer changed it).
  StoreResult<const budgets::TimeZone*> RollupZone();
  // Implementation details (prepared statements, schema) live in the .cpp files.
  struct Statements;
  sqlite3* db_;
  std::unique_ptr<Statements> statements_;
  std::optional<budgets::TimeZone> rollup_zone_;
  // Kept from one insert to the next: its memory is reused, not allocated per batch.
  std::unique_ptr<RollupBatch> rollup_batch_;
};

}  // namespace costgate::central
