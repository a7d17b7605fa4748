#include "daemon/cli/text_table.h"

#include <algorithm>

#include "daemon/log/rfc3339.h"

namespace costgate::daemon::cli {

std::string FormatTable(const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> widths;
  for (const std::vector<std::string>& row : rows) {
    widths.resize(std::max(widths.size(), row.size()));
    for (size_t i = 0; i < row.size(); ++i) {
      widths[i] = std::max(widths[i], row[i].size());
    }
  }
  std::string out;
  for (const std::vector<std::string>& row : rows) {
    std::string text;
    for (size_t i = 0; i < row.size(); ++i) {
      text += row[i];
      if (i + 1 < row.size()) {
        text.append(widths[i] - row[i].size() + 2, ' ');
      }
    }
    text.erase(text.find_last_not_of(' ') + 1);
    out += text + '\n';
  }
  return out;
}

std::string TableTime(const std::optional<int64_t>& unix_ms) {
  if (!unix_ms) {
    return "-";
  }
  std::string text;
  log::AppendRfc3339Millis(text, *unix_ms);
  return text.substr(0, 19) + "Z";
}

}  // namespace costgate::daemon::cli
