// Internal to daemon/outbox: the receipts table, its insert statement and how a Receipt binds
// to it. Integration tests and the shipper read these exact column names.
#pragma once

#include <string>

#include "filters/receipt.h"

struct sqlite3_stmt;

namespace costgate::daemon::outbox {

// CREATE TABLE / INDEX IF NOT EXISTS statements of the current schema version.
extern const char* const kCreateReceiptsSql;

// Brings a version 1 table (cost in micro-USD, no pricing detail) to version 2.
extern const char* const kMigrateReceiptsV1ToV2Sql;

// INSERT ... ON CONFLICT(event_id) DO UPDATE SET <every other column> = excluded.<column>.
const std::string& InsertReceiptSql();

// Binds `r` to a statement prepared from InsertReceiptSql(). `units_json` (r.units.ToJson())
// is bound without a copy and must live until the statement is stepped. Returns an SQLite code.
int BindReceipt(sqlite3_stmt* stmt, const filters::Receipt& r, const std::string& units_json);

}  // namespace costgate::daemon::outbox
