#include "sqlite/sql_text.h"

namespace costgate::sqlite {

std::string ColumnList(std::span<const std::string_view> columns) {
  std::string out;
  for (std::string_view column : columns) {
    if (!out.empty()) {
      out += ", ";
    }
    out += column;
  }
  return out;
}

std::string Placeholders(size_t count) {
  std::string out;
  for (size_t i = 0; i < count; ++i) {
    out += i == 0 ? "?" : ", ?";
  }
  return out;
}

std::string CreateTableSql(std::string_view table, std::span<const ColumnDefinition> columns) {
  std::string out = "CREATE TABLE IF NOT EXISTS ";
  out.append(table).append(" (");
  for (size_t i = 0; i < columns.size(); ++i) {
    out.append(i == 0 ? "\n  " : ",\n  ");
    out.append(columns[i].name).append(" ").append(columns[i].declaration);
  }
  out.append("\n);\n");
  return out;
}

}  // namespace costgate::sqlite
