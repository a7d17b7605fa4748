// /admin/v1/keys: API keys managed over HTTP, as `costgate keys` manages them from the shell.
// A new key's secret is in the creation's answer and nowhere else; audit rows hold the key as
// listed (no secret, no hash).
#include <string>
#include <variant>
#include <vector>

#include "central/api/account_json.h"
#include "central/api/handlers.h"
#include "central/api/json_out.h"
#include "central/api/v1_body.h"
#include "central/keys/api_key.h"

namespace costgate::central {
namespace {

using simdjson::dom::element;

struct KeyInput {
  std::string name;
  std::string source_app;
  uint8_t scopes = 0;
  std::string workspace;
};

FieldStatus ReadKeyScopes(element v, KeyInput& in) {
  simdjson::dom::array array;
  if (v.get_array().get(array) != simdjson::SUCCESS) {
    return FieldError{"", "must be an array of scope names"};
  }
  size_t index = 0;
  for (const element item : array) {
    std::string name;
    std::string bad;
    const std::optional<uint8_t> bits =
        ReadString(item, name) ? std::nullopt : ParseScopes(name, &bad);
    if (!bits || name.find(',') != std::string::npos) {
      return FieldError{"[" + std::to_string(index) + "]",
                        "must be one of preflight, record, upsert, ship, admin, all"};
    }
    in.scopes |= *bits;
    ++index;
  }
  if (in.scopes == 0) {
    return FieldError{"", "must name at least one scope"};
  }
  return std::nullopt;
}

constexpr auto kKeyRules = std::to_array<FieldRule<KeyInput>>({
    {"name", [](element v, KeyInput& in) { return ReadNonEmptyString(v, in.name); }, true},
    {"source_app", [](element v, KeyInput& in) { return ReadString(v, in.source_app); }, true},
    {"scopes", ReadKeyScopes, true},
    {"workspace", [](element v, KeyInput& in) { return ReadStringOrNull(v, in.workspace); }},
});

std::variant<KeyInput, FieldError> ReadKeyInput(element root) {
  KeyInput in;
  if (FieldStatus error = ReadObject(root, kKeyRules, UnknownFields::kReject, in)) {
    return *std::move(error);
  }
  return in;
}

// The key with this id (or name, as `costgate keys revoke` takes either); nullopt when none.
StoreResult<std::optional<ApiKeyRecord>> FindListedKey(Store& store, std::string_view id) {
  StoreResult<std::vector<ApiKeyRecord>> listed = store.ListKeys();
  if (auto* error = std::get_if<StoreError>(&listed)) {
    return *std::move(error);
  }
  for (ApiKeyRecord& key : std::get<std::vector<ApiKeyRecord>>(listed)) {
    if (key.id == id || key.name == id) {
      return std::optional(std::move(key));
    }
  }
  return std::optional<ApiKeyRecord>();
}

ApiResponse KeyResponse(const ApiKeyRecord& key) {
  ApiResponse response;
  response.body = R"({"key":)" + KeyJson(key) + "}";
  return response;
}

}  // namespace

ApiResponse HandleKeyList(const Call& call) {
  StoreResult<std::vector<ApiKeyRecord>> listed = call.store.ListKeys();
  if (std::holds_alternative<StoreError>(listed)) {
    return StoreUnavailable();
  }
  ApiResponse response;
  response.body = R"({"keys":[)";
  bool first = true;
  for (const ApiKeyRecord& key : std::get<std::vector<ApiKeyRecord>>(listed)) {
    response.body += first ? "" : ",";
    first = false;
    AppendKeyJson(response.body, key);
  }
  response.body += "]}";
  return response;
}

ApiResponse HandleKeyCreate(const Call& call) {
  std::variant<KeyInput, ApiResponse> read = ReadV1Body<KeyInput>(call.request.body, ReadKeyInput);
  if (ApiResponse* refused = std::get_if<ApiResponse>(&read)) {
    return std::move(*refused);
  }
  KeyInput& in = std::get<KeyInput>(read);
  StoreResult<std::optional<ApiKeyRecord>> taken = FindListedKey(call.store, in.name);
  if (std::holds_alternative<StoreError>(taken)) {
    return StoreUnavailable();
  }
  if (std::get<std::optional<ApiKeyRecord>>(taken)) {
    return ErrorResponse(409, "name_taken", "a key has this name or id", "name");
  }
  NewKey key = GenerateKey(call.request.now_unix_ms);
  key.record.name = std::move(in.name);
  key.record.source_app = std::move(in.source_app);
  key.record.scopes = in.scopes;
  key.record.workspace = std::move(in.workspace);
  const AuditEntry audit{
      0,  call.request.now_unix_ms, std::string(call.actor), "key.create", key.record.id,
      "", KeyJson(key.record)};
  if (call.store.CreateKey(key.record, audit)) {
    return StoreUnavailable();
  }
  ApiResponse response;
  response.status = 201;
  response.body = R"({"key":)" + KeyJson(key.record) + R"(,"secret":)";
  AppendJsonString(response.body, key.secret);
  response.body += '}';
  // The secret is shown once: no cache may keep it.
  response.headers.push_back({"Cache-Control", "no-store"});
  return response;
}

ApiResponse HandleKeyRevoke(const Call& call) {
  const std::string* id = call.params.Find("id");
  StoreResult<std::optional<ApiKeyRecord>> found =
      FindListedKey(call.store, id != nullptr ? std::string_view(*id) : "");
  if (std::holds_alternative<StoreError>(found)) {
    return StoreUnavailable();
  }
  std::optional<ApiKeyRecord>& key = std::get<std::optional<ApiKeyRecord>>(found);
  if (!key) {
    return ErrorResponse(404, "key_not_found", "no key with this id");
  }
  ApiKeyRecord after = *key;
  after.revoked_unix_ms = key->revoked_unix_ms.value_or(call.request.now_unix_ms);
  const AuditEntry audit{0,
                         call.request.now_unix_ms,
                         std::string(call.actor),
                         "key.revoke",
                         key->id,
                         KeyJson(*key),
                         KeyJson(after)};
  if (std::holds_alternative<StoreError>(
          call.store.RevokeKey(key->id, call.request.now_unix_ms, audit))) {
    return StoreUnavailable();
  }
  return KeyResponse(after);
}

}  // namespace costgate::central
