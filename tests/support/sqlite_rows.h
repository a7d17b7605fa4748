// Reading and changing an SQLite database file behind the code under test, with the C API, the
// way an operator would: a connection of its own per call, so the test never holds a snapshot or
// a lock that the code's own connection would have to wait for.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace costgate::test_support {

// One result row: column name -> value as text (numbers as their decimal text); nullopt is NULL.
using SqlRow = std::map<std::string, std::optional<std::string>>;

// Every row `sql` returns from the database at `path`, opened read-only, with ?1, ?2, ... bound to
// `params` as text. Throws std::runtime_error (naming the file or the statement and SQLite's
// message) when the file cannot be opened or the statement fails.
std::vector<SqlRow> QueryRows(const std::filesystem::path& path, const std::string& sql,
                              const std::vector<std::string>& params = {});

// Runs `sql` (one or more statements) on the database at `path`, created if it does not exist.
// Throws std::runtime_error on an error.
void ExecuteSql(const std::filesystem::path& path, const std::string& sql);

}  // namespace costgate::test_support
