#include "central/api/csv.h"

namespace costgate::central {

void CsvWriter::Field(std::string_view value) {
  if (row_fields_ > 0) {
    out_.push_back(',');
  }
  ++row_fields_;
  last_empty_ = value.empty();
  const bool quote = value.find_first_of(",\"\r\n") != std::string_view::npos ||
                     (!value.empty() && (value.front() == ' ' || value.back() == ' '));
  if (!quote) {
    out_.append(value);
    return;
  }
  out_.push_back('"');
  for (char c : value) {
    if (c == '"') {
      out_.push_back('"');
    }
    out_.push_back(c);
  }
  out_.push_back('"');
}

void CsvWriter::EndRow() {
  if (row_fields_ == 1 && last_empty_) {
    out_.append("\"\"");
  }
  out_.append("\r\n");
  row_fields_ = 0;
}

void CsvWriter::Row(std::initializer_list<std::string_view> fields) {
  for (std::string_view field : fields) {
    Field(field);
  }
  EndRow();
}

}  // namespace costgate::central
