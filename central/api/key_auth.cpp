#include "central/api/key_auth.h"

#include <string>

#include "central/api/api_error.h"
#include "central/keys/api_key.h"

namespace costgate::central {
namespace {

std::string_view ScopeName(Scope scope) {
  switch (scope) {
    case Scope::kPreflight:
      return "preflight";
    case Scope::kRecord:
      return "record";
    case Scope::kUpsert:
      return "upsert";
    case Scope::kShip:
      return "ship";
  }
  return "unknown";
}

}  // namespace

std::variant<ApiKeyRecord, ApiResponse> Authenticate(Store& store, std::string_view api_key,
                                                     Scope scope, int64_t now_unix_ms) {
  if (api_key.empty()) {
    return ErrorResponse(401, "unauthorized", "missing X-API-Key header");
  }
  StoreResult<std::optional<ApiKeyRecord>> found = store.FindKeyByHash(HashKey(api_key));
  if (std::holds_alternative<StoreError>(found)) {
    return StoreUnavailable();
  }
  std::optional<ApiKeyRecord>& key = std::get<std::optional<ApiKeyRecord>>(found);
  if (!key) {
    return ErrorResponse(401, "unauthorized", "unknown API key");
  }
  if (key->revoked_unix_ms) {
    return ErrorResponse(401, "unauthorized", "API key revoked");
  }
  if (!HasScope(key->scopes, scope)) {
    return ErrorResponse(403, "missing_scope",
                         "API key lacks scope " + std::string(ScopeName(scope)));
  }
  if (!key->last_used_unix_ms || now_unix_ms - *key->last_used_unix_ms >= kTouchIntervalMs) {
    // last_used_at is bookkeeping: a failed write must not refuse a valid key's request.
    if (!store.TouchKey(key->id, now_unix_ms)) {
      key->last_used_unix_ms = now_unix_ms;
    }
  }
  return std::move(*key);
}

std::optional<ApiResponse> CheckSourceApp(const ApiKeyRecord& key, std::string_view source_app) {
  if (key.source_app.empty() || key.source_app == source_app) {
    return std::nullopt;
  }
  return ErrorResponse(403, "source_app_mismatch",
                       "API key belongs to source_app " + key.source_app, "source_app");
}

bool ClaimSourceApp(const ApiKeyRecord& key, std::string& source_app) {
  if (key.source_app.empty() || source_app == key.source_app) {
    return true;
  }
  if (source_app.empty()) {
    source_app = key.source_app;
    return true;
  }
  return false;
}

bool ClaimWorkspace(const ApiKeyRecord& key, std::string& workspace) {
  if (key.workspace.empty() || workspace == key.workspace) {
    return true;
  }
  if (workspace.empty()) {
    workspace = key.workspace;
    return true;
  }
  return false;
}

}  // namespace costgate::central
