// GET /admin/v1/audit?limit=N&before=ID: the audit log of budget changes, newest first, paged by
// id (keyset paging: a page stays right while new changes are logged).
#include <limits>
#include <string>
#include <variant>

#include "central/api/api_error.h"
#include "central/api/budget_json.h"
#include "central/api/handlers.h"
#include "central/api/query_int.h"

namespace costgate::central {
namespace {

constexpr int64_t kDefaultLimit = 50;
constexpr int64_t kMaxLimit = 500;

}  // namespace

ApiResponse HandleAdminAudit(const Call& call) {
  std::variant<int64_t, ApiResponse> limit =
      QueryInt(call.query, "limit", 1, kMaxLimit, kDefaultLimit);
  if (ApiResponse* refused = std::get_if<ApiResponse>(&limit)) {
    return std::move(*refused);
  }
  std::variant<int64_t, ApiResponse> before =
      QueryInt(call.query, "before", 1, std::numeric_limits<int64_t>::max(), 0);
  if (ApiResponse* refused = std::get_if<ApiResponse>(&before)) {
    return std::move(*refused);
  }
  const int64_t before_id = std::get<int64_t>(before);
  StoreResult<std::vector<AuditEntry>> listed = call.store.ListAudit(
      std::get<int64_t>(limit), before_id > 0 ? std::optional<int64_t>(before_id) : std::nullopt);
  if (std::holds_alternative<StoreError>(listed)) {
    return StoreUnavailable();
  }
  const std::vector<AuditEntry>& entries = std::get<std::vector<AuditEntry>>(listed);
  ApiResponse response;
  response.body = R"({"entries":[)";
  for (size_t i = 0; i < entries.size(); ++i) {
    response.body += i == 0 ? "" : ",";
    AppendAuditJson(response.body, entries[i]);
  }
  // A full page may have more behind it: the next page starts before its last id.
  response.body += R"(],"next_before":)";
  const bool full = static_cast<int64_t>(entries.size()) == std::get<int64_t>(limit);
  response.body += full ? std::to_string(entries.back().id) : "null";
  response.body += '}';
  return response;
}

}  // namespace costgate::central
