// Test support for central's store: events with every field set, the stores the shared suites
// run against, and their fixture.
//
// The behaviour of a Store is tested once, with TEST_P over StoresUnderTest(): today the SQLite
// store in a temporary directory; a second implementation adds itself there and runs the same
// suites. Tests of one implementation only (opening a SQLite file, its schema, its WAL) are plain
// TESTs beside that implementation (sqlite/). Temp dirs, raw SQL on a database file and file
// modes that apply to root come from tests/support.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "central/store/event.h"
#include "central/store/store.h"
#include "config/config.h"
#include "tests/support/file_modes.h"
#include "tests/support/sqlite_rows.h"
#include "tests/support/temp_dir.h"

namespace costgate::central::store_testing {

using test_support::ExecuteSql;
using test_support::QueryRows;
using test_support::ScopedFileModesApply;
using test_support::SqlRow;
using test_support::TempDir;

// An event with every field set to a distinct, recognisable value.
Event MakeEvent(const std::string& event_id);

// Opens the SQLite store at `path` through the factory with synchronous NORMAL, failing the test
// (and returning null) on an error.
std::unique_ptr<Store> OpenSqliteStore(const std::string& path);

// A kind of store the shared suites run against.
struct StoreUnderTest {
  std::string name;  // suffix of the test names: "Sqlite"
  // The central.store text of a new, empty store kept in `dir`.
  std::string (*location)(const TempDir& dir);
  // Every row `sql` returns, from a connection of its own: what the Store interface does not
  // show (mirrored rows, creation times).
  std::vector<SqlRow> (*query)(const config::StoreLocation& location, const std::string& sql);
  // Makes every later insert of the event with this id fail inside the store (in SQL of the
  // store's own dialect), standing in for a full disk or an I/O error mid-batch.
  void (*fail_inserts_of)(const config::StoreLocation& location, const std::string& event_id);
};

std::vector<StoreUnderTest> StoresUnderTest();
// For INSTANTIATE_TEST_SUITE_P: the store's name as the test name's suffix.
std::string StoreName(const ::testing::TestParamInfo<StoreUnderTest>& info);

// A new, empty store from the factory (central/store/open_store.h) for each test: the writer, and
// read-only connections to the same store on demand.
class StoreTest : public ::testing::TestWithParam<StoreUnderTest> {
 protected:
  void SetUp() override;

  Store& store() { return *store_; }
  // Another connection to the same store that only reads, or null (the test fails).
  std::unique_ptr<Store> OpenReader();
  // Another connection to the same store that writes, as a second central process (a replica)
  // would have, or null (the test fails).
  std::unique_ptr<Store> OpenReplica();
  std::vector<SqlRow> Query(const std::string& sql) { return GetParam().query(location_, sql); }
  void FailInsertsOf(const std::string& event_id) {
    GetParam().fail_inserts_of(location_, event_id);
  }

 private:
  TempDir dir_;
  config::StoreLocation location_;
  std::unique_ptr<Store> store_;
};

}  // namespace costgate::central::store_testing
