#include "central/api/org_json.h"

#include <charconv>

#include "central/api/api_error.h"
#include "central/api/json_out.h"

namespace costgate::central {
namespace {

void AppendOrgMember(std::string& out, std::string_view key, const std::string& value,
                     bool first = false) {
  out += first ? "" : ",";
  AppendJsonString(out, key);
  out += ':';
  AppendJsonString(out, value);
}

}  // namespace

std::string WorkspaceJson(const Workspace& workspace) {
  std::string out = "{";
  AppendOrgMember(out, "id", workspace.id, true);
  AppendOrgMember(out, "name", workspace.name);
  return out + "}";
}

std::string TeamJson(const Team& team) {
  std::string out = "{";
  AppendOrgMember(out, "id", team.id, true);
  AppendOrgMember(out, "workspace_id", team.workspace_id);
  AppendOrgMember(out, "name", team.name);
  return out + "}";
}

std::string ProjectJson(const ProjectRecord& project) {
  std::string out = "{";
  AppendOrgMember(out, "source_app", project.source_app, true);
  AppendOrgMember(out, "external_id", project.external_id);
  AppendOrgMember(out, "name", project.name);
  AppendOrgMember(out, "workspace_id", project.workspace_id);
  AppendOrgMember(out, "team_id", project.team_id);
  return out + "}";
}

std::string UserJson(const UserRecord& user) {
  std::string out = "{";
  AppendOrgMember(out, "source_app", user.source_app, true);
  AppendOrgMember(out, "external_id", user.external_id);
  AppendOrgMember(out, "email", user.email);
  AppendOrgMember(out, "full_name", user.full_name);
  AppendOrgMember(out, "workspace_id", user.workspace_id);
  AppendOrgMember(out, "team_id", user.team_id);
  return out + "}";
}

ApiResponse OrgObjectResponse(std::string_view member, const std::string& json, int status) {
  ApiResponse response;
  response.status = status;
  response.body = "{";
  AppendJsonString(response.body, member);
  response.body += ':' + json + '}';
  return response;
}

ApiResponse OrgRefusal(const OrgResult& result, std::string_view what) {
  switch (result.outcome) {
    case OrgOutcome::kNotFound:
      return ErrorResponse(404, std::string(what) + "_not_found",
                           "no " + std::string(what) + " has this id");
    case OrgOutcome::kIdTaken:
      return ErrorResponse(409, "id_taken", "a " + std::string(what) + " has this id already",
                           "id");
    case OrgOutcome::kHasTeams:
      return ErrorResponse(409, "workspace_has_teams",
                           "the workspace still has teams: delete them or move them first");
    case OrgOutcome::kHasProjects:
      return ErrorResponse(409, std::string(what) + "_has_projects",
                           "projects are still assigned to this " + std::string(what) +
                               ": assign them elsewhere first");
    case OrgOutcome::kHasUsers:
      return ErrorResponse(409, std::string(what) + "_has_users",
                           "users are still assigned to this " + std::string(what) +
                               ": assign them elsewhere first");
    case OrgOutcome::kNoWorkspace:
      return ErrorResponse(400, "invalid_field", "no workspace has this id", "workspace_id");
    case OrgOutcome::kNoTeam:
      return ErrorResponse(400, "invalid_field", "no team has this id", "team_id");
    case OrgOutcome::kTeamElsewhere:
      return ErrorResponse(400, "invalid_field", "the team belongs to another workspace",
                           "team_id");
    case OrgOutcome::kDone:
      break;
  }
  return StoreUnavailable();
}

std::string OrgCursor(const std::string& source_app, const std::string& external_id) {
  return std::to_string(source_app.size()) + ":" + source_app + external_id;
}

std::optional<ProjectKey> ParseOrgCursor(std::string_view cursor) {
  const size_t colon = cursor.find(':');
  size_t length = 0;
  if (colon == std::string_view::npos ||
      std::from_chars(cursor.data(), cursor.data() + colon, length).ptr != cursor.data() + colon ||
      length > cursor.size() - colon - 1) {
    return std::nullopt;
  }
  const std::string_view rest = cursor.substr(colon + 1);
  return ProjectKey{std::string(rest.substr(0, length)), std::string(rest.substr(length))};
}

AuditEntry OrgAudit(const Call& call, std::string action, std::string object_id, std::string before,
                    std::string after) {
  return AuditEntry{0,
                    call.request.now_unix_ms,
                    std::string(call.actor),
                    std::move(action),
                    std::move(object_id),
                    std::move(before),
                    std::move(after)};
}

ApiResponse OrgChangeAnswer(const StoreResult<OrgResult>& done, std::string_view member,
                            const std::string& json, int status) {
  if (std::holds_alternative<StoreError>(done)) {
    return StoreUnavailable();
  }
  if (std::get<OrgResult>(done).outcome != OrgOutcome::kDone) {
    return OrgRefusal(std::get<OrgResult>(done), member);
  }
  return OrgObjectResponse(member, json, status);
}

bool ValidOrgId(std::string_view id) {
  if (id.empty() || id.size() > 128) {
    return false;
  }
  for (const char c : id) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      return false;
    }
  }
  return true;
}

}  // namespace costgate::central
