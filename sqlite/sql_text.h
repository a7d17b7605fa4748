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

}  // namespace costgate::sqlite
