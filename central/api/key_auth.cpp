#include "central/api/key_auth.h"

#include <string>

#include "central/api/api_error.h"
#include "central/keys/api_key.h"

namespace costgate::central {
namespace {

bool StartsWithIgnoreCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) {
    return false;
  }
  for (size_t i = 0; i < prefix.size(); ++i) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
    if (lower(text[i]) != lower(prefix[i])) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::string_view PresentedKey(std::string_view x_api_key, std::string_view authorization) {
  if (!x_api_key.empty()) {
    return x_api_key;
  }
  // RFC 9110 11.1: the scheme is case-insensitive; RFC 6750 2.1: one space, then the token.
  constexpr std::string_view kBearer = "bearer ";
  if (!StartsWithIgnoreCase(authorization, kBearer)) {
    return {};
  }
  std::string_view token = authorization.substr(kBearer.size());
  while (!token.empty() && token.front() == ' ') {
    token.remove_prefix(1);
  }
  return token;
}

std::variant<ApiKeyRecord, ApiResponse> Authenticate(Store& store, std::string_view api_key,
                                                     Scope scope, int64_t now_unix_ms) {
  if (api_key.empty()) {
    return ErrorResponse(401, "unauthorized",
                         "missing API key (X-API-Key header or Authorization: Bearer)");
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
