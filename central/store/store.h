// Central's store: events, the org hierarchy, mirrored users and projects, API keys, budgets with
// their spend counters and the audit log of their changes, the budget ledger of holds and leases,
// budget alerts and their deliveries.
//
// An interface with one implementation per database: SqliteStore (embedded default) now, a
// PostgreSQL one later; the same tests run against each. Methods are synchronous and report
// failures as values (StoreError), never exceptions. Implementations are not required to be
// thread-safe: a Store is one connection, used by one thread at a time. central writes through
// one (ARCHITECTURE.md: one connection per database file per process that writes) and may read
// through read-only ones beside it; central/store/open_store.h opens both.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "central/store/account.h"
#include "central/store/alert.h"
#include "central/store/analytics.h"
#include "central/store/budget.h"
#include "central/store/event.h"
#include "central/store/event_scan.h"
#include "central/store/ledger.h"
#include "central/store/org.h"

namespace costgate::central {

struct StoreError {
  std::string message;  // the database's own message, for logs and /v1/health
};

template <typename T>
using StoreResult = std::variant<T, StoreError>;
using StoreStatus = std::optional<StoreError>;  // nullopt = ok

enum class InsertResult { kStored, kDuplicate };

struct UserRecord {
  std::string source_app;
  std::string external_id;
  std::string email;
  std::string full_name;
  // Where the dashboard lists the user (org.h): set by an admin only, never by an upsert.
  // Initialised so that the apps' records ({source_app, external_id, email, full_name}) read
  // as Unassigned.
  std::string workspace_id{};  // "" = Unassigned
  std::string team_id{};       // "" = none
};

struct ProjectRecord {
  std::string source_app;
  std::string external_id;
  std::string name;
  std::string workspace_id;  // "" = Unassigned
  std::string team_id;       // "" = none
};

// What an API key may call, one bit each (api_keys.scopes is the bit set). kAdmin manages budgets
// (/admin/v1); the ingest scopes never imply it.
enum class Scope : uint8_t { kPreflight = 1, kRecord = 2, kUpsert = 4, kShip = 8, kAdmin = 16 };

struct ApiKeyRecord {
  std::string id;          // public id shown in listings ("key_" + 12 hex)
  std::string name;        // operator's label
  std::string source_app;  // the app the key belongs to
  std::string hash;        // SHA-256 hex of the full secret; the secret is never stored
  std::string prefix;      // first 12 characters of the secret, to recognise it
  uint8_t scopes = 0;      // bit set of Scope
  std::string workspace;   // "" = any workspace; else writes only into this one
  int64_t created_unix_ms = 0;
  std::optional<int64_t> last_used_unix_ms;
  std::optional<int64_t> revoked_unix_ms;
};

class Store {
 public:
  virtual ~Store() = default;

  // A cheap round trip to the database (SELECT 1), for /v1/health.
  virtual StoreStatus Ping() = 0;

  // Inserts every event whose event_id is new, in one transaction; results in input order.
  // An event_id already stored is kDuplicate and left untouched (ON CONFLICT DO NOTHING).
  // Users and projects an event names that are not yet known are mirrored (Unassigned).
  StoreResult<std::vector<InsertResult>> InsertEvents(std::span<const Event> events) {
    return InsertEvents(events, {});
  }
  // The same, and in the same transaction adds increments[i] to their budgets' counters when
  // events[i] is stored, never when it is kDuplicate: a shipper's retry never counts twice.
  // `increments` is empty (nothing to count) or has one entry per event (another length is an
  // error, and nothing is inserted). An increment for a budget that no longer exists is skipped
  // (deleted between the caller's look-up and now). In the same transaction, for each stored
  // event (never a duplicate): its increments are added to the ingested amount of the leases of
  // its budget_holder (when set) in those budgets and periods, and the holds whose id is its
  // event_id or its request_id (when set) are deleted: the event settles them (ledger.h).
  virtual StoreResult<std::vector<InsertResult>> InsertEvents(
      std::span<const Event> events, std::span<const std::vector<SpendIncrement>> increments) = 0;
  // The same, with the budgets read inside the insert's own transaction: `budgets` receives
  // them, and `increments` what `increments_for` makes of them (one list per event, or none), so
  // a budget another process (the `costgate budgets` CLI, another central) creates or changes
  // cannot fall between the look-up and the insert and miss these events.
  using IncrementsFor =
      std::function<std::vector<std::vector<SpendIncrement>>(const std::vector<Budget>&)>;
  virtual StoreResult<std::vector<InsertResult>> InsertEventsCounted(
      std::span<const Event> events, const IncrementsFor& increments_for,
      std::vector<Budget>& budgets, std::vector<std::vector<SpendIncrement>>& increments) = 0;
  virtual StoreResult<std::optional<Event>> FindEvent(const std::string& event_id) = 0;
  virtual StoreResult<int64_t> CountEvents() = 0;

  virtual StoreStatus UpsertUser(const UserRecord& user, int64_t now_unix_ms) = 0;
  virtual StoreStatus UpsertProject(const ProjectRecord& project, int64_t now_unix_ms) = 0;
  virtual StoreResult<std::optional<ProjectRecord>> FindProject(const std::string& source_app,
                                                                const std::string& external_id) = 0;
  virtual StoreResult<std::optional<UserRecord>> FindUser(const std::string& source_app,
                                                          const std::string& external_id) = 0;

  // The org (org.h), for /admin/v1. Lists are ordered by id (teams by workspace, then id). Each
  // change and its `audit` row are one transaction; nothing is written unless kDone.
  virtual StoreResult<std::vector<Workspace>> ListWorkspaces() = 0;
  virtual StoreResult<std::vector<Team>> ListTeams() = 0;
  virtual StoreResult<OrgResult> CreateWorkspace(const Workspace& workspace,
                                                 const AuditEntry& audit) = 0;
  virtual StoreResult<OrgResult> RenameWorkspace(const Workspace& workspace,
                                                 const AuditEntry& audit) = 0;
  // kHasTeams / kHasProjects / kHasUsers while anything still belongs to it.
  virtual StoreResult<OrgResult> DeleteWorkspace(const std::string& id,
                                                 const AuditEntry& audit) = 0;
  // kNoWorkspace unless team.workspace_id exists.
  virtual StoreResult<OrgResult> CreateTeam(const Team& team, const AuditEntry& audit) = 0;
  // Renames and may move the team: its projects and users move to the new workspace with it.
  virtual StoreResult<OrgResult> UpdateTeam(const Team& team, const AuditEntry& audit) = 0;
  // kHasProjects / kHasUsers while any is assigned to it.
  virtual StoreResult<OrgResult> DeleteTeam(const std::string& id, const AuditEntry& audit) = 0;
  virtual StoreResult<std::vector<ProjectRecord>> ListProjects(const OrgPage& page) = 0;
  // Sets name, workspace_id and team_id of the project (workspace "" = Unassigned, then team
  // "" too). kNoWorkspace, kNoTeam, kTeamElsewhere as for AssignProjects.
  virtual StoreResult<OrgResult> UpdateProject(const ProjectRecord& project,
                                               const AuditEntry& audit) = 0;
  // All or none: every project exists (else kNotFound with the first unknown's index), the
  // workspace exists (or is "" with team ""), the team (when not "") belongs to it.
  virtual StoreResult<OrgResult> AssignProjects(std::span<const ProjectKey> projects,
                                                const std::string& workspace_id,
                                                const std::string& team_id,
                                                const AuditEntry& audit) = 0;
  virtual StoreResult<std::vector<UserRecord>> ListUsers(const OrgPage& page) = 0;
  // AssignProjects for users: all or none, the same checks, kNotFound with the first unknown
  // user's index.
  virtual StoreResult<OrgResult> AssignUsers(std::span<const ProjectKey> users,
                                             const std::string& workspace_id,
                                             const std::string& team_id,
                                             const AuditEntry& audit) = 0;
  // Sets email and full_name of the user as given (an admin may clear them); keeps its place.
  virtual StoreResult<OrgResult> UpdateUser(const UserRecord& user, int64_t now_unix_ms,
                                            const AuditEntry& audit) = 0;

  virtual StoreStatus CreateKey(const ApiKeyRecord& key) = 0;
  virtual StoreResult<std::optional<ApiKeyRecord>> FindKeyByHash(const std::string& hash) = 0;
  virtual StoreResult<std::vector<ApiKeyRecord>> ListKeys() = 0;
  // Returns false when no key has this id (or name); revoking twice keeps the first time.
  virtual StoreResult<bool> RevokeKey(const std::string& id_or_name, int64_t now_unix_ms) = 0;
  virtual StoreStatus TouchKey(const std::string& id, int64_t now_unix_ms) = 0;
  // The admin API's key changes: CreateKey and RevokeKey with `audit` written in the same
  // transaction (only when the key was revoked now or before: a key found).
  virtual StoreStatus CreateKey(const ApiKeyRecord& key, const AuditEntry& audit) = 0;
  virtual StoreResult<bool> RevokeKey(const std::string& id, int64_t now_unix_ms,
                                      const AuditEntry& audit) = 0;
  // An audit row for a change kept outside the store (the price book's overrides file and saved
  // LiteLLM versions: admin_price_changes.cpp).
  virtual StoreStatus AppendAudit(const AuditEntry& audit) = 0;

  // People's accounts (account.h). Each change writes `audit` in its transaction when kDone.
  // kNameTaken when the username exists.
  virtual StoreResult<AccountChange> CreateAccount(const Account& account,
                                                   const AuditEntry& audit) = 0;
  // Replaces the role, password hash and updated time of account.username; with
  // `end_sessions` deletes its sessions too (a new password signs every browser out).
  virtual StoreResult<AccountChange> UpdateAccount(const Account& account, bool end_sessions,
                                                   const AuditEntry& audit) = 0;
  // Deletes the account and its sessions.
  virtual StoreResult<AccountChange> DeleteAccount(const std::string& username,
                                                   const AuditEntry& audit) = 0;
  virtual StoreResult<std::optional<Account>> FindAccount(const std::string& username) = 0;
  // By username.
  virtual StoreResult<std::vector<Account>> ListAccounts() = 0;
  // True when an account with role admin exists.
  virtual StoreResult<bool> HasAdminAccount() = 0;

  // Browser sessions. CreateSession first deletes the sessions that ended by `now`: absolute
  // expiry passed, or not seen since `idle_cutoff_unix_ms`.
  virtual StoreStatus CreateSession(const Session& session, int64_t idle_cutoff_unix_ms) = 0;
  virtual StoreResult<std::optional<Session>> FindSession(const std::string& token_hash) = 0;
  virtual StoreStatus TouchSession(const std::string& token_hash, int64_t now_unix_ms) = 0;
  virtual StoreStatus DeleteSession(const std::string& token_hash) = 0;

  // The one-time setup token (stored as its SHA-256 hex): replaces any earlier one.
  virtual StoreStatus SetSetupToken(const std::string& token_hash, int64_t expires_unix_ms) = 0;
  // In one transaction: kAdminExists when an admin account exists; kInvalidToken unless
  // `token_hash` is the stored token and unexpired at `now_unix_ms`; else creates `admin`,
  // deletes the token and writes `audit`.
  virtual StoreResult<SetupOutcome> CompleteSetup(const std::string& token_hash,
                                                  int64_t now_unix_ms, const Account& admin,
                                                  const AuditEntry& audit) = 0;

  // Budgets. Each change writes `audit` (its id ignored: the store assigns it) in the same
  // transaction as the change, and only when the change is kDone. With `seed`, that transaction
  // also sets the budget's counter of seed's period as SeedSpend does (with the budget's scope as
  // written).
  // kNameTaken when another budget has budget.name.
  StoreResult<BudgetChange> CreateBudget(const Budget& budget, const AuditEntry& audit) {
    return CreateBudget(budget, audit, std::nullopt);
  }
  virtual StoreResult<BudgetChange> CreateBudget(const Budget& budget, const AuditEntry& audit,
                                                 const std::optional<SpendSeed>& seed) = 0;
  // Replaces every field of the budget with budget.id but created_unix_ms. kNotFound when no
  // budget has that id; kNameTaken when another budget has budget.name. Counters are kept (a
  // raised or lowered amount counts on from the spend so far) unless `seed` sets one again (a
  // budget whose scope, period or zone changed).
  StoreResult<BudgetChange> UpdateBudget(const Budget& budget, const AuditEntry& audit) {
    return UpdateBudget(budget, audit, std::nullopt);
  }
  virtual StoreResult<BudgetChange> UpdateBudget(const Budget& budget, const AuditEntry& audit,
                                                 const std::optional<SpendSeed>& seed) = 0;
  // Deletes the budget and every counter of it. kNotFound when no budget has this id.
  virtual StoreResult<BudgetChange> DeleteBudget(const std::string& id,
                                                 const AuditEntry& audit) = 0;
  // By id, else by name.
  virtual StoreResult<std::optional<Budget>> FindBudget(const std::string& id_or_name) = 0;
  // Oldest first.
  virtual StoreResult<std::vector<Budget>> ListBudgets() = 0;
  // At most `limit` entries, newest first; with `before_id`, only entries older than it (the
  // next page after the last id seen).
  virtual StoreResult<std::vector<AuditEntry>> ListAudit(int64_t limit,
                                                         std::optional<int64_t> before_id) = 0;

  // The budget's counter for the period; zero (bounds 0) when nothing was counted in it.
  virtual StoreResult<BudgetSpend> GetSpend(const std::string& budget_id,
                                            const std::string& period_key) = 0;
  // Sets the budget's counter for the period to the events already stored whose start_unix_ms
  // is in [start, end) and that `scope` covers: the sum of their central cost (unpriced = 0)
  // and their count. For a budget created or raised mid-period: one scan then, never on a
  // check. Returns false, setting nothing, when no budget has this id.
  virtual StoreResult<bool> SeedSpend(const std::string& budget_id, const std::string& period_key,
                                      int64_t period_start_unix_ms, int64_t period_end_unix_ms,
                                      const BudgetScope& scope) = 0;

  // The budget ledger (ledger.h). Each method is one transaction. ReserveHolds and SyncLeases
  // purge expired holds (and SyncLeases expired leases of ended periods or of budgets no longer
  // hard) along the way, a bounded number at a time.
  //
  // committed(budget, period) at `now_unix_ms`.
  virtual StoreResult<pricing::Money> GetCommitted(const std::string& budget_id,
                                                   const std::string& period_key,
                                                   int64_t now_unix_ms) = 0;
  // Holds `holds[i].amount` against each budget under `hold_id` until `expires_unix_ms`, all or
  // none: allowed when, for every entry, committed + amount <= limit (committed counting no hold
  // of this hold_id, which the new ones replace). The check and the insert are atomic against
  // every other writer of the store, also in other processes. Not allowed: nothing is held and
  // the outcome names the first budget that would go over. An amount of 0 reserves nothing and
  // stores no row.
  virtual StoreResult<HoldOutcome> ReserveHolds(const std::string& hold_id,
                                                std::span<const HoldRequest> holds,
                                                int64_t expires_unix_ms, int64_t now_unix_ms) = 0;
  // A holder's lease sync (POST /v1/budget/leases) over `budgets`, the hard budgets in their
  // current periods:
  //  - an entry for one of them with `release`: the lease's granted becomes max(used, ingested),
  //    and it gets no more in this sync. Entries for another period or budget are ignored.
  //  - for each budget: when the holder has no unexpired lease of it, or its entry has need > 0,
  //    or LeaseRunsLow: granted += LeaseGrant(remaining, need, holders), with remaining =
  //    limit - committed (the holder's own outstanding counted even if its lease had expired),
  //    holders = holders of unexpired leases of the budget's period, this one included.
  //  - but when the holder's lease is unexpired, it sent an entry, and committed is above the
  //    limit (a budget lowered mid-period, or calls that cost more than their estimates): no
  //    grant, and granted becomes max(used, ingested) as on a release, so the holder reserves
  //    nothing more and its unused rest stops counting.
  //  - every lease of the holder in `budgets` expires at now + ttl_ms (renewed, granted or not).
  // Returns the holder's lease of each budget, in the order of `budgets`. A lease of an ended
  // period is kept until it has expired (late events still credit it); one of the current period
  // is kept even when expired: a holder coming back continues it.
  virtual StoreResult<std::vector<LeaseState>> SyncLeases(const std::string& holder,
                                                          std::span<const LeaseEntry> entries,
                                                          std::span<const LeaseBudget> budgets,
                                                          int64_t now_unix_ms, int64_t ttl_ms) = 0;

  // Alerts (central/store/alert.h). Records `alert` unless an alert with its (budget_id,
  // period_key, kind, threshold_percent) is stored already, and then, in the same transaction,
  // one pending delivery per target, due at once. True when this call recorded it: whichever
  // process (central replica) gets true is the one whose alert goes out; every other gets false.
  virtual StoreResult<bool> RecordAlert(const Alert& alert,
                                        std::span<const DeliveryTarget> targets) = 0;
  // Claims up to `limit` pending deliveries due at `now_unix_ms`, soonest due first, for one
  // attempt each, in one transaction: each gets attempts + 1, an attempt row "sending", and
  // next_attempt_unix_ms = now + claim_ms, so nobody (no other replica, nor this process after a
  // restart) claims it again before its result is recorded or the claim expires. A pending
  // delivery due again after `max_attempts` attempts (its sender died during the last) is marked
  // failed instead. Takes no write lock when nothing is due.
  virtual StoreResult<DeliveryClaims> ClaimDeliveries(int64_t now_unix_ms, int64_t claim_ms,
                                                      int max_attempts, int limit) = 0;
  // Records how a claimed attempt ended: its attempt row, and the delivery's status. "sent"
  // always wins; "retry" and "failed" change the delivery only while this is its latest attempt
  // (an expired claim may have been taken over).
  virtual StoreStatus FinishAttempt(const AttemptResult& result) = 0;
  // The alert log: at most `limit` alerts, newest first, each with its deliveries and their
  // attempts; with `before_id`, only alerts older than it (the next page after the last id seen).
  virtual StoreResult<std::vector<AlertLogEntry>> ListAlerts(int64_t limit,
                                                             std::optional<int64_t> before_id) = 0;

  // Analytics (central/store/analytics.h). Ingest keeps rollups of the stored events current in
  // the insert's own transaction (never counting a duplicate): per UTC hour and per local day
  // in the analytics time zone (central.time_zone).
  //
  // Sets that zone (an IANA name) on the writer: when the day rollups were built in another,
  // rebuilds them from the events in one transaction and returns true (the caller logs it).
  virtual StoreResult<bool> SetAnalyticsTimeZone(const std::string& zone) = 0;
  // The zone the day rollups are in ("UTC" until one is set).
  virtual StoreResult<std::string> AnalyticsTimeZone() = 0;
  // Measure sums over [from, to), filtered and grouped, exact for any range (analytics_plan.h),
  // in one read transaction. Rows in no particular order; no row for a group without events
  // (and none at all, without group_by, when the range holds no event).
  virtual StoreResult<std::vector<AnalyticsRow>> Aggregate(const AnalyticsQuery& query) = 0;
  // The events of the range passing the filters, newest first by (start_unix_ms, event_id),
  // at most `limit`, after the cursor when one is given.
  virtual StoreResult<std::vector<Event>> ListEvents(const EventPageQuery& query) = 0;
  // The events of [from, to) passing the filters, oldest first by (start_unix_ms, event_id),
  // read in batches from one snapshot (event_scan.h). The scan uses this store's connection:
  // for a long one, call it on a store of its own (OpenReader).
  virtual StoreResult<std::unique_ptr<EventScan>> ScanEvents(
      int64_t from_unix_ms, int64_t to_unix_ms, const std::vector<AnalyticsFilter>& filters) = 0;
  // The unpriced events of [from, to) passing the filters, counted by provider, model and the
  // reason central stored with each (Event::unpriced_reason). Reads only unpriced events
  // (a partial index), however many priced ones the range holds. In no particular order.
  virtual StoreResult<std::vector<UnpricedReasonCount>> CountUnpricedReasons(
      int64_t from_unix_ms, int64_t to_unix_ms, const std::vector<AnalyticsFilter>& filters) = 0;

  // Another connection to the same store that only reads, for a long read (an export) that
  // must neither hold up this connection's other work nor see its snapshot move. An error when
  // the store has no second connection (a private in-memory SQLite database).
  virtual StoreResult<std::unique_ptr<Store>> OpenReader() = 0;
};

}  // namespace costgate::central
