// Test support for central's store: events with every field set and opening a store; temp dirs,
// raw SQL on a database file and file modes that apply to root come from tests/support.
#pragma once

#include <memory>
#include <string>

#include "central/store/event.h"
#include "central/store/sqlite/sqlite_store.h"
#include "tests/support/file_modes.h"
#include "tests/support/sqlite_rows.h"
#include "tests/support/temp_dir.h"

namespace costgate::central::store_testing {

using test_support::ExecuteSql;
using test_support::QueryRows;
using test_support::ScopedFileModesApply;
using test_support::TempDir;

// An event with every field set to a distinct, recognisable value.
Event MakeEvent(const std::string& event_id);

// Opens `path` with synchronous NORMAL, failing the test (and returning null) on an error.
std::unique_ptr<SqliteStore> OpenStore(const std::string& path);

}  // namespace costgate::central::store_testing
