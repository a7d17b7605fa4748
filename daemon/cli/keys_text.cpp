#include "daemon/cli/keys_text.h"

#include <algorithm>
#include <array>
#include <optional>

#include "base/json_text.h"
#include "central/keys/api_key.h"
#include "daemon/log/rfc3339.h"

namespace costgate::daemon::cli {
namespace {

constexpr size_t kColumns = 9;
using Line = std::array<std::string, kColumns>;

// Seconds are enough to tell keys' times apart in a table; JSON keeps the milliseconds.
std::string TableTime(const std::optional<int64_t>& unix_ms) {
  if (!unix_ms) {
    return "-";
  }
  std::string text;
  log::AppendRfc3339Millis(text, *unix_ms);
  return text.substr(0, 19) + "Z";
}

void AppendJsonTime(std::string& out, const std::optional<int64_t>& unix_ms) {
  if (!unix_ms) {
    out += "null";
    return;
  }
  out += '"';
  log::AppendRfc3339Millis(out, *unix_ms);
  out += '"';
}

void AppendField(std::string& out, std::string_view name, std::string_view value) {
  base::AppendJsonString(out, name);
  out += ':';
  base::AppendJsonString(out, value);
  out += ',';
}

}  // namespace

std::string FormatKeysTable(const std::vector<central::ApiKeyRecord>& keys) {
  std::vector<Line> lines;
  lines.push_back({"ID", "NAME", "SOURCE_APP", "PREFIX", "SCOPES", "WORKSPACE", "CREATED",
                   "LAST_USED", "REVOKED"});
  for (const central::ApiKeyRecord& key : keys) {
    lines.push_back({key.id, key.name, key.source_app, key.prefix,
                     central::FormatScopes(key.scopes), key.workspace.empty() ? "*" : key.workspace,
                     TableTime(key.created_unix_ms), TableTime(key.last_used_unix_ms),
                     TableTime(key.revoked_unix_ms)});
  }
  std::array<size_t, kColumns> widths{};
  for (const Line& line : lines) {
    for (size_t i = 0; i < kColumns; ++i) {
      widths[i] = std::max(widths[i], line[i].size());
    }
  }
  std::string out;
  for (const Line& line : lines) {
    std::string text;
    for (size_t i = 0; i < kColumns; ++i) {
      text += line[i];
      if (i + 1 < kColumns) {
        text.append(widths[i] - line[i].size() + 2, ' ');
      }
    }
    text.erase(text.find_last_not_of(' ') + 1);
    out += text + '\n';
  }
  return out;
}

std::string FormatKeysJson(const std::vector<central::ApiKeyRecord>& keys) {
  std::string out = "{\"keys\":[";
  for (size_t k = 0; k < keys.size(); ++k) {
    const central::ApiKeyRecord& key = keys[k];
    out += k == 0 ? "{" : ",{";
    AppendField(out, "id", key.id);
    AppendField(out, "name", key.name);
    AppendField(out, "source_app", key.source_app);
    AppendField(out, "prefix", key.prefix);
    out += "\"scopes\":[";
    const std::string scopes = central::FormatScopes(key.scopes);
    for (size_t start = 0; start < scopes.size();) {
      const size_t comma = std::min(scopes.find(',', start), scopes.size());
      out += start == 0 ? "" : ",";
      base::AppendJsonString(out, std::string_view(scopes).substr(start, comma - start));
      start = comma + 1;
    }
    out += "],";
    AppendField(out, "workspace", key.workspace);
    out += "\"created_at\":";
    AppendJsonTime(out, key.created_unix_ms);
    out += ",\"last_used_at\":";
    AppendJsonTime(out, key.last_used_unix_ms);
    out += ",\"revoked_at\":";
    AppendJsonTime(out, key.revoked_unix_ms);
    out += key.revoked_unix_ms ? ",\"active\":false}" : ",\"active\":true}";
  }
  out += "]}\n";
  return out;
}

}  // namespace costgate::daemon::cli
