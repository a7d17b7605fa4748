// SQL text built from a table's list of columns, for statements that keep their column order in
// one place (bind order = read order).
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace costgate::sqlite {

// The columns in their given order, comma-separated: "a, b, c".
std::string ColumnList(std::span<const std::string_view> columns);

// `count` positional parameters, comma-separated: "?, ?, ?".
std::string Placeholders(size_t count);

// A column of a table to create: its name and its declaration ("TEXT NOT NULL").
struct ColumnDefinition {
  std::string_view name;
  std::string_view declaration;
};

// "CREATE TABLE IF NOT EXISTS <table> (\n  <name> <declaration>,\n  ...\n);\n", the columns in
// their given order.
std::string CreateTableSql(std::string_view table, std::span<const ColumnDefinition> columns);

}  // namespace costgate::sqlite
