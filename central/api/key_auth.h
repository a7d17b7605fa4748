// Who may call: the key a request presents (X-API-Key, or Authorization: Bearer) checked against
// the store's keys. Admission (Api::Admit) asks here and nowhere else, so another way in (the
// dashboard's browser sessions) is added in this one place.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <variant>

#include "central/api/api.h"
#include "central/store/store.h"

namespace costgate::central {

// A key's last_used_at is written at most once per this interval: a busy key must not turn
// every request into a database write.
inline constexpr int64_t kTouchIntervalMs = 60'000;

// The API key a request presents: its X-API-Key header, else the token of an `Authorization:
// Bearer <key>` header (the scheme in any case); "" when neither holds one.
std::string_view PresentedKey(std::string_view x_api_key, std::string_view authorization);

// The key record for `api_key`, or the response refusing the request: 401 "unauthorized" for a
// missing, unknown or revoked key, 403 "missing_scope" for a key without `scope`, 503 when the
// store fails. Touches the key's last_used_at when it is unset or kTouchIntervalMs old.
std::variant<ApiKeyRecord, ApiResponse> Authenticate(Store& store, std::string_view api_key,
                                                     Scope scope, int64_t now_unix_ms);

// V1 calls name their app: a key that belongs to an app may only speak for that app
// (403 "source_app_mismatch"). A key without a source_app speaks for any.
std::optional<ApiResponse> CheckSourceApp(const ApiKeyRecord& key, std::string_view source_app);

// The same rule for a shipped event, which carries its app in labels.source_app: "" becomes the
// key's, another one is refused (false). A key without a source_app speaks for any.
bool ClaimSourceApp(const ApiKeyRecord& key, std::string& source_app);

// A key restricted to a workspace writes only into it: `workspace` "" becomes the key's, another
// one is refused (false). A key without a workspace writes anywhere.
bool ClaimWorkspace(const ApiKeyRecord& key, std::string& workspace);

}  // namespace costgate::central
