// POST /admin/v1/projects/assign and /admin/v1/users/assign: many mirrored projects or users put
// in one workspace and team (or back to Unassigned) at once, all or none. The audit row
// (project.assign / user.assign, object id the workspace) holds every row as it was and the place
// they all went. org.h says what an assignment means.
#include <string>
#include <variant>
#include <vector>

#include "central/api/json_out.h"
#include "central/api/org_json.h"
#include "central/api/v1_body.h"

namespace costgate::central {
namespace {

using simdjson::dom::element;

constexpr size_t kAssignMaxRows = 1000;

struct AssignInput {
  std::vector<ProjectKey> keys;
  std::string workspace_id;
  std::string team_id;
};

constexpr auto kAssignKeyRules = std::to_array<FieldRule<ProjectKey>>({
    {"source_app", [](element v, ProjectKey& in) { return ReadString(v, in.source_app); }, true},
    {"external_id", [](element v, ProjectKey& in) { return ReadNonEmptyString(v, in.external_id); },
     true},
});

// The list of {"source_app","external_id"} naming the rows to move; `rows` ("projects",
// "users") for the messages.
FieldStatus ReadAssignKeys(element v, std::string_view rows, std::vector<ProjectKey>& keys) {
  simdjson::dom::array array;
  if (v.get_array().get(array) != simdjson::SUCCESS) {
    return FieldError{"", "must be an array of {\"source_app\",\"external_id\"}"};
  }
  for (const element item : array) {
    const std::string index = "[" + std::to_string(keys.size()) + "]";
    if (keys.size() == kAssignMaxRows) {
      return FieldError{index, "at most 1000 " + std::string(rows) + " at a time"};
    }
    ProjectKey key;
    if (FieldStatus error = ReadObject(item, kAssignKeyRules, UnknownFields::kReject, key)) {
      return Nest(std::move(*error), index);
    }
    keys.push_back(std::move(key));
  }
  if (keys.empty()) {
    return FieldError{"", "must not be empty"};
  }
  return std::nullopt;
}

FieldStatus ReadAssignWorkspace(element v, AssignInput& in) {
  return ReadString(v, in.workspace_id);
}
FieldStatus ReadAssignTeam(element v, AssignInput& in) { return ReadString(v, in.team_id); }

constexpr auto kProjectAssignRules = std::to_array<FieldRule<AssignInput>>({
    {"projects", [](element v, AssignInput& in) { return ReadAssignKeys(v, "projects", in.keys); },
     true},
    {"workspace_id", ReadAssignWorkspace, true},
    {"team_id", ReadAssignTeam},
});

constexpr auto kUserAssignRules = std::to_array<FieldRule<AssignInput>>({
    {"users", [](element v, AssignInput& in) { return ReadAssignKeys(v, "users", in.keys); }, true},
    {"workspace_id", ReadAssignWorkspace, true},
    {"team_id", ReadAssignTeam},
});

template <const auto& kRules>
std::variant<AssignInput, FieldError> ReadAssignInput(element root) {
  AssignInput in;
  if (FieldStatus error = ReadObject(root, kRules, UnknownFields::kReject, in)) {
    return *std::move(error);
  }
  return in;
}

// What differs between assigning projects and users: the body, the names, and the store calls.
template <typename Record>
struct AssignKind {
  std::variant<AssignInput, FieldError> (*read)(element);
  std::string_view rows;  // the body's list and the field of a refusal: "projects"
  std::string_view one;   // "project": <one>_not_found, <one>.assign
  StoreResult<std::optional<Record>> (Store::*find)(const std::string&, const std::string&);
  std::string (*json)(const Record&);
  StoreResult<OrgResult> (Store::*assign)(std::span<const ProjectKey>, const std::string&,
                                          const std::string&, const AuditEntry&);
};

ApiResponse UnknownRow(std::string_view rows, std::string_view one, size_t index) {
  return ErrorResponse(400, std::string(one) + "_not_found",
                       "no " + std::string(one) + " has this source_app and id",
                       std::string(rows) + "[" + std::to_string(index) + "]");
}

template <typename Record>
ApiResponse AssignRows(const Call& call, const AssignKind<Record>& kind) {
  auto read = ReadV1Body<AssignInput>(call.request.body, kind.read);
  if (ApiResponse* refused = std::get_if<ApiResponse>(&read)) {
    return std::move(*refused);
  }
  const AssignInput& in = std::get<AssignInput>(read);
  std::string before = "[";
  for (size_t i = 0; i < in.keys.size(); ++i) {
    StoreResult<std::optional<Record>> found =
        (call.store.*kind.find)(in.keys[i].source_app, in.keys[i].external_id);
    if (std::holds_alternative<StoreError>(found)) {
      return StoreUnavailable();
    }
    const std::optional<Record>& row = std::get<std::optional<Record>>(found);
    if (!row) {
      return UnknownRow(kind.rows, kind.one, i);
    }
    before += (i == 0 ? "" : ",") + kind.json(*row);
  }
  before += "]";
  std::string after = "{";
  AppendJsonKey(after, "workspace_id");
  AppendJsonString(after, in.workspace_id);
  after += ',';
  AppendJsonKey(after, "team_id");
  AppendJsonString(after, in.team_id);
  after += R"(,"count":)" + std::to_string(in.keys.size()) + "}";
  // The store looks every row up again in its transaction: one may be gone since (never today:
  // nothing deletes them, org_rows.h), and then nothing moves.
  StoreResult<OrgResult> done = (call.store.*kind.assign)(
      in.keys, in.workspace_id, in.team_id,
      OrgAudit(call, std::string(kind.one) + ".assign", in.workspace_id, before, after));
  if (const auto* result = std::get_if<OrgResult>(&done);
      result && result->outcome == OrgOutcome::kNotFound) {
    return UnknownRow(kind.rows, kind.one, result->index);
  }
  return OrgChangeAnswer(done, "assigned", after);
}

}  // namespace

ApiResponse HandleProjectAssign(const Call& call) {
  return AssignRows<ProjectRecord>(
      call, {ReadAssignInput<kProjectAssignRules>, "projects", "project", &Store::FindProject,
             ProjectJson, &Store::AssignProjects});
}

ApiResponse HandleUserAssign(const Call& call) {
  return AssignRows<UserRecord>(call, {ReadAssignInput<kUserAssignRules>, "users", "user",
                                       &Store::FindUser, UserJson, &Store::AssignUsers});
}

}  // namespace costgate::central
