// POST /v1/users/upsert and POST /v1/projects/upsert (../shared/V1-API.md): the mirrors of an
// app's users and projects.
#include <string>
#include <variant>

#include "central/api/handlers.h"
#include "central/api/json_out.h"
#include "central/api/key_auth.h"
#include "central/api/v1_body.h"
#include "central/api/v1_requests.h"

namespace costgate::central {
namespace {

ApiResponse Upserted(std::string_view external_id) {
  ApiResponse response;
  response.body = R"({"ok":true,"external_id":)";
  AppendJsonString(response.body, external_id);
  response.body.push_back('}');
  return response;
}

}  // namespace

ApiResponse HandleUserUpsert(const Call& call) {
  std::variant<UserRecord, ApiResponse> read =
      ReadV1Body<UserRecord>(call.request.body, ReadUserUpsert);
  if (ApiResponse* refused = std::get_if<ApiResponse>(&read)) {
    return std::move(*refused);
  }
  const UserRecord& user = std::get<UserRecord>(read);
  if (std::optional<ApiResponse> refused = CheckSourceApp(call.key, user.source_app)) {
    return std::move(*refused);
  }
  if (call.store.UpsertUser(user, call.request.now_unix_ms)) {
    return StoreUnavailable();
  }
  return Upserted(user.external_id);
}

ApiResponse HandleProjectUpsert(const Call& call) {
  std::variant<ProjectRecord, ApiResponse> read =
      ReadV1Body<ProjectRecord>(call.request.body, ReadProjectUpsert);
  if (ApiResponse* refused = std::get_if<ApiResponse>(&read)) {
    return std::move(*refused);
  }
  ProjectRecord& project = std::get<ProjectRecord>(read);
  if (std::optional<ApiResponse> refused = CheckSourceApp(call.key, project.source_app)) {
    return std::move(*refused);
  }
  if (!ClaimWorkspace(call.key, project.workspace_id)) {
    return ErrorResponse(403, "workspace_forbidden",
                         "API key may only write into workspace " + call.key.workspace,
                         "workspace_id");
  }
  if (call.store.UpsertProject(project, call.request.now_unix_ms)) {
    return StoreUnavailable();
  }
  return Upserted(project.external_id);
}

}  // namespace costgate::central
