// Writing CSV (RFC 4180): CRLF line ends, a field quoted when it holds a comma, a quote, CR or
// LF (or starts or ends with a space, which spreadsheets would trim), quotes doubled inside.
// A row of one empty field is written "" so that it is not read as an empty line. Values are
// written as given: one starting with "=", "+", "-" or "@" is not escaped against spreadsheet
// formulas, since that would change the data; an export of untrusted text decides that itself.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

namespace costgate::central {

class CsvWriter {
 public:
  // Appends one field to the current row.
  void Field(std::string_view value);
  // Ends the current row with CRLF.
  void EndRow();
  // A whole row at once: Field for each, then EndRow.
  void Row(std::initializer_list<std::string_view> fields);

  const std::string& text() const { return out_; }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
  size_t row_fields_ = 0;
  bool last_empty_ = false;
};

}  // namespace costgate::central
