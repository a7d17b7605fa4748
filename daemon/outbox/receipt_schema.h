// Internal to daemon/outbox: the receipts table, its insert statement and how a Receipt binds
// to it. Integration tests and the shipper read these exact column names.
#pragma once

#include <string>

#include "daemon/outbox/ship_batch.h"
#include "filters/receipt.h"

struct sqlite3_stmt;

namespace costgate::daemon::outbox {

// CREATE TABLE IF NOT EXISTS of the current schema version: the receipt's fields
// (base/receipt_fields.h), then the outbox's own columns.
const std::string& CreateReceiptsSql();
// CREATE INDEX IF NOT EXISTS of the current schema version: after creating or migrating.
extern const char* const kCreateReceiptsIndexesSql;

// Brings a version 1 table (cost in micro-USD, no pricing detail) to version 2.
extern const char* const kMigrateReceiptsV1ToV2Sql;
// Brings a version 2 table to version 3 (rejected_reason), before kCreateReceiptsIndexesSql.
extern const char* const kMigrateReceiptsV2ToV3Sql;
// Brings a version 3 table to version 4 (pricing_notes).
extern const char* const kMigrateReceiptsV3ToV4Sql;
extern const char* const kMigrateReceiptsV4ToV5Sql;

// INSERT ... ON CONFLICT(event_id) DO UPDATE SET <every other column> = excluded.<column>: a
// receipt written again is unshipped and unrejected again.
const std::string& InsertReceiptSql();

// Binds `r` to a statement prepared from InsertReceiptSql(). `units_json` (r.units.ToJson())
// is bound without a copy and must live until the statement is stepped. Returns an SQLite code.
int BindReceipt(sqlite3_stmt* stmt, const filters::Receipt& r, const std::string& units_json);

// SELECT <the bound columns> of closed, unshipped rows, oldest event_id first, LIMIT ?1; found
// and ordered through the receipts_unshipped index.
const std::string& SelectUnshippedSql();

// Reads the current row of a statement prepared from SelectUnshippedSql().
StoredReceipt ReadStoredReceipt(sqlite3_stmt* stmt);

}  // namespace costgate::daemon::outbox
