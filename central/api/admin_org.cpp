// /admin/v1/workspaces and /admin/v1/teams: the org admins keep. Ids are the label values apps
// send with their events ("customer-experience"), names are for people. Each change and its audit
// row (workspace.* / team.*, before and after as listed) are one store transaction.
#include <string>
#include <variant>
#include <vector>

#include "central/api/handlers.h"
#include "central/api/org_json.h"
#include "central/api/v1_body.h"

namespace costgate::central {
namespace {

using simdjson::dom::element;

FieldStatus ReadOrgId(element v, std::string& out) {
  if (FieldStatus error = ReadNonEmptyString(v, out)) {
    return error;
  }
  if (!ValidOrgId(out)) {
    return FieldError{"", "must be 1..128 bytes without control characters"};
  }
  return std::nullopt;
}

struct WorkspaceInput {
  Workspace workspace;
  bool has_id = false;
};

constexpr auto kWorkspaceRules = std::to_array<FieldRule<WorkspaceInput>>({
    {"id",
     [](element v, WorkspaceInput& in) {
       in.has_id = true;
       return ReadOrgId(v, in.workspace.id);
     }},
    {"name", [](element v, WorkspaceInput& in) { return ReadString(v, in.workspace.name); }, true},
});

std::variant<WorkspaceInput, FieldError> ReadWorkspaceInput(element root) {
  WorkspaceInput in;
  if (FieldStatus error = ReadObject(root, kWorkspaceRules, UnknownFields::kReject, in)) {
    return *std::move(error);
  }
  return in;
}

struct TeamInput {
  Team team;
  bool has_id = false;
  bool has_workspace = false;
  bool has_name = false;
};

constexpr auto kTeamRules = std::to_array<FieldRule<TeamInput>>({
    {"id",
     [](element v, TeamInput& in) {
       in.has_id = true;
       return ReadOrgId(v, in.team.id);
     }},
    {"workspace_id",
     [](element v, TeamInput& in) {
       in.has_workspace = true;
       return ReadNonEmptyString(v, in.team.workspace_id);
     }},
    {"name",
     [](element v, TeamInput& in) {
       in.has_name = true;
       return ReadString(v, in.team.name);
     }},
});

std::variant<TeamInput, FieldError> ReadTeamInput(element root) {
  TeamInput in;
  if (FieldStatus error = ReadObject(root, kTeamRules, UnknownFields::kReject, in)) {
    return *std::move(error);
  }
  return in;
}

std::string PathId(const Call& call) {
  const std::string* id = call.params.Find("id");
  return id != nullptr ? *id : "";
}

template <typename Row>
std::optional<Row> FindOrgById(const std::vector<Row>& rows, const std::string& id) {
  for (const Row& row : rows) {
    if (row.id == id) {
      return row;
    }
  }
  return std::nullopt;
}

template <typename Row>
ApiResponse OrgListAnswer(const StoreResult<std::vector<Row>>& listed, std::string_view member,
                          std::string (*json)(const Row&)) {
  if (std::holds_alternative<StoreError>(listed)) {
    return StoreUnavailable();
  }
  std::string body;
  for (const Row& row : std::get<std::vector<Row>>(listed)) {
    body += body.empty() ? "[" : ",";
    body += json(row);
  }
  return OrgObjectResponse(member, body.empty() ? "[]" : body + "]");
}

}  // namespace

ApiResponse HandleWorkspaceList(const Call& call) {
  return OrgListAnswer<Workspace>(call.store.ListWorkspaces(), "workspaces", WorkspaceJson);
}

ApiResponse HandleWorkspaceCreate(const Call& call) {
  auto read = ReadV1Body<WorkspaceInput>(call.request.body, ReadWorkspaceInput);
  if (ApiResponse* refused = std::get_if<ApiResponse>(&read)) {
    return std::move(*refused);
  }
  const Workspace& workspace = std::get<WorkspaceInput>(read).workspace;
  if (!std::get<WorkspaceInput>(read).has_id) {
    return InvalidField("id", "required");
  }
  const std::string after = WorkspaceJson(workspace);
  return OrgChangeAnswer(call.store.CreateWorkspace(workspace, OrgAudit(call, "workspace.create",
                                                                        workspace.id, "", after)),
                         "workspace", after, 201);
}

ApiResponse HandleWorkspacePatch(const Call& call) {
  auto read = ReadV1Body<WorkspaceInput>(call.request.body, ReadWorkspaceInput);
  if (ApiResponse* refused = std::get_if<ApiResponse>(&read)) {
    return std::move(*refused);
  }
  if (std::get<WorkspaceInput>(read).has_id) {
    return InvalidField("id", "an id cannot change: events carry it");
  }
  StoreResult<std::vector<Workspace>> listed = call.store.ListWorkspaces();
  if (std::holds_alternative<StoreError>(listed)) {
    return StoreUnavailable();
  }
  const std::optional<Workspace> before =
      FindOrgById(std::get<std::vector<Workspace>>(listed), PathId(call));
  if (!before) {
    return OrgRefusal({OrgOutcome::kNotFound}, "workspace");
  }
  Workspace after = *before;
  after.name = std::get<WorkspaceInput>(read).workspace.name;
  return OrgChangeAnswer(
      call.store.RenameWorkspace(after, OrgAudit(call, "workspace.update", after.id,
                                                 WorkspaceJson(*before), WorkspaceJson(after))),
      "workspace", WorkspaceJson(after));
}

ApiResponse HandleWorkspaceDelete(const Call& call) {
  StoreResult<std::vector<Workspace>> listed = call.store.ListWorkspaces();
  if (std::holds_alternative<StoreError>(listed)) {
    return StoreUnavailable();
  }
  const std::optional<Workspace> before =
      FindOrgById(std::get<std::vector<Workspace>>(listed), PathId(call));
  if (!before) {
    return OrgRefusal({OrgOutcome::kNotFound}, "workspace");
  }
  const std::string json = WorkspaceJson(*before);
  return OrgChangeAnswer(call.store.DeleteWorkspace(
                             before->id, OrgAudit(call, "workspace.delete", before->id, json, "")),
                         "workspace", json);
}

ApiResponse HandleTeamList(const Call& call) {
  StoreResult<std::vector<Team>> listed = call.store.ListTeams();
  // ?workspace=<id>: that workspace's teams; an unknown one has none, as the projects list says.
  // An org has tens of teams, not thousands: filtered here rather than in SQL.
  if (const std::string* workspace = call.query.Find("workspace");
      workspace != nullptr && std::holds_alternative<std::vector<Team>>(listed)) {
    std::erase_if(std::get<std::vector<Team>>(listed),
                  [&](const Team& team) { return team.workspace_id != *workspace; });
  }
  return OrgListAnswer<Team>(listed, "teams", TeamJson);
}

ApiResponse HandleTeamCreate(const Call& call) {
  auto read = ReadV1Body<TeamInput>(call.request.body, ReadTeamInput);
  if (ApiResponse* refused = std::get_if<ApiResponse>(&read)) {
    return std::move(*refused);
  }
  const TeamInput& in = std::get<TeamInput>(read);
  for (const auto& [given, field] :
       {std::pair{in.has_id, "id"}, std::pair{in.has_workspace, "workspace_id"},
        std::pair{in.has_name, "name"}}) {
    if (!given) {
      return InvalidField(field, "required");
    }
  }
  const std::string after = TeamJson(in.team);
  return OrgChangeAnswer(
      call.store.CreateTeam(in.team, OrgAudit(call, "team.create", in.team.id, "", after)), "team",
      after, 201);
}

ApiResponse HandleTeamPatch(const Call& call) {
  auto read = ReadV1Body<TeamInput>(call.request.body, ReadTeamInput);
  if (ApiResponse* refused = std::get_if<ApiResponse>(&read)) {
    return std::move(*refused);
  }
  const TeamInput& in = std::get<TeamInput>(read);
  if (in.has_id) {
    return InvalidField("id", "an id cannot change: events carry it");
  }
  StoreResult<std::vector<Team>> listed = call.store.ListTeams();
  if (std::holds_alternative<StoreError>(listed)) {
    return StoreUnavailable();
  }
  const std::optional<Team> before = FindOrgById(std::get<std::vector<Team>>(listed), PathId(call));
  if (!before) {
    return OrgRefusal({OrgOutcome::kNotFound}, "team");
  }
  Team after = *before;
  after.workspace_id = in.has_workspace ? in.team.workspace_id : after.workspace_id;
  after.name = in.has_name ? in.team.name : after.name;
  return OrgChangeAnswer(call.store.UpdateTeam(after, OrgAudit(call, "team.update", after.id,
                                                               TeamJson(*before), TeamJson(after))),
                         "team", TeamJson(after));
}

ApiResponse HandleTeamDelete(const Call& call) {
  StoreResult<std::vector<Team>> listed = call.store.ListTeams();
  if (std::holds_alternative<StoreError>(listed)) {
    return StoreUnavailable();
  }
  const std::optional<Team> before = FindOrgById(std::get<std::vector<Team>>(listed), PathId(call));
  if (!before) {
    return OrgRefusal({OrgOutcome::kNotFound}, "team");
  }
  const std::string json = TeamJson(*before);
  return OrgChangeAnswer(
      call.store.DeleteTeam(before->id, OrgAudit(call, "team.delete", before->id, json, "")),
      "team", json);
}

}  // namespace costgate::central
