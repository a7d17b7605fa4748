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

}  // namespace costgate::sqlite
