// Internal to central/store/sqlite: the SQLite schema of central's store and its version check.
#pragma once

#include <sqlite3.h>

#include "central/store/store.h"

namespace costgate::central {

// PRAGMA user_version of the schema this build writes. Version 2 adds events.pricing_notes;
// version 3 the budgets, budget_spend and audit_log tables; version 4 the events' preflight
// estimate and budget lease holder, the budget_holds and budget_leases tables, and the alert
// tables (budget_alerts, alert_deliveries, alert_attempts); version 5 the analytics rollups
// (rollup_hour, rollup_day, rollup_day_core, analytics_meta: rollup_rows.h), built from the
// events already stored when an older database is migrated, and the people's accounts, sessions
// and setup token (accounts, sessions, setup_token); version 6 the partial index of unpriced
// events (events_unpriced), built from the events already stored when an older one is migrated.
inline constexpr int kStoreSchemaVersion = 6;

// Creates the schema in an empty database (user_version 0) in one transaction; brings an older
// version to kStoreSchemaVersion in one transaction, its rows kept; accepts a database at
// kStoreSchemaVersion as it is; refuses a newer version (written by a newer costgate: its rows
// may mean something this build cannot read) with a message saying so.
StoreStatus CreateOrCheckSchema(sqlite3* db);

}  // namespace costgate::central
