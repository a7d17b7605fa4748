#include "daemon/cli/keys_text.h"

#include <algorithm>
#include <optional>

#include "base/json_text.h"
#include "central/keys/api_key.h"
#include "daemon/cli/text_table.h"
#include "daemon/log/rfc3339.h"

namespace costgate::daemon::cli {
namespace {

void AppendJsonTime(std::string& out, const std::optional<int64_t>& unix_ms) {
  if (!unix_ms) {
    out += "null";
    return;
  }
  out += '"';
  log::AppendRfc3339Millis(out, *unix_ms);
  out += '"';
}

void AppendKeyField(std::string& out, std::string_view name, std::string_view value) {
  base::AppendJsonString(out, name);
  out += ':';
  base::AppendJsonString(out, value);
  out += ',';
}

}  // namespace

std::string FormatKeysTable(const std::vector<central::ApiKeyRecord>& keys) {
  std::vector<std::vector<std::string>> rows;
  rows.push_back({"ID", "NAME", "SOURCE_APP", "PREFIX", "SCOPES", "WORKSPACE", "CREATED",
                  "LAST_USED", "REVOKED"});
  for (const central::ApiKeyRecord& key : keys) {
    rows.push_back({key.id, key.name, key.source_app, key.prefix, central::FormatScopes(key.scopes),
                    key.workspace.empty() ? "*" : key.workspace, TableTime(key.created_unix_ms),
                    TableTime(key.last_used_unix_ms), TableTime(key.revoked_unix_ms)});
  }
  return FormatTable(rows);
}

std::string FormatKeysJson(const std::vector<central::ApiKeyRecord>& keys) {
  std::string out = "{\"keys\":[";
  for (size_t k = 0; k < keys.size(); ++k) {
    const central::ApiKeyRecord& key = keys[k];
    out += k == 0 ? "{" : ",{";
    AppendKeyField(out, "id", key.id);
    AppendKeyField(out, "name", key.name);
    AppendKeyField(out, "source_app", key.source_app);
    AppendKeyField(out, "prefix", key.prefix);
    out += "\"scopes\":[";
    const std::string scopes = central::FormatScopes(key.scopes);
    for (size_t start = 0; start < scopes.size();) {
      const size_t comma = std::min(scopes.find(',', start), scopes.size());
      out += start == 0 ? "" : ",";
      base::AppendJsonString(out, std::string_view(scopes).substr(start, comma - start));
      start = comma + 1;
    }
    out += "],";
    AppendKeyField(out, "workspace", key.workspace);
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
