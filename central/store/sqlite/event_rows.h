// Internal to central/store/sqlite: how an Event maps to a row of the events table.
#pragma once

#include <sqlite3.h>

#include <optional>
#include <string>
#include <string_view>

#include "central/store/event.h"

namespace costgate::central {

// CREATE TABLE IF NOT EXISTS events: the receipt fields central keeps (base/receipt_fields.h),
// then central's own columns.
const std::string& CreateEventsTableSql();
// INSERT INTO events (<every column>) VALUES (?, ...) ON CONFLICT(event_id) DO NOTHING.
const std::string& InsertEventSql();
// SELECT <every column> FROM events WHERE event_id = ?.
const std::string& SelectEventSql();
// SELECT <every column> FROM events: the caller appends its WHERE (rows read with ReadEvent).
const std::string& SelectEventsSql();

// {"input_tokens":10,"output_tokens":2}: the units in their given order, appended to `out`.
void AppendUnitsJson(std::string& out, const EventUnits& units);
// The inverse of AppendUnitsJson; nullopt when `json` is not an object of integers.
std::optional<EventUnits> ParseUnitsJson(std::string_view json);

// Binds `e` to a statement prepared from InsertEventSql(); `units_json` (AppendUnitsJson of
// e.units) is bound without a copy and must live until the statement is stepped. Returns an
// SQLite code.
int BindEvent(sqlite3_stmt* stmt, const Event& e, const std::string& units_json);

// The event in the current row of a statement prepared from SelectEventSql(); nullopt when the
// row's units_json does not parse.
std::optional<Event> ReadEvent(sqlite3_stmt* stmt);

}  // namespace costgate::central
