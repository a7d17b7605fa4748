// /admin/v1/projects and /admin/v1/users: the apps' projects and users central mirrors from
// events (Unassigned until an admin or the app's upsert places them). Admins page, filter and
// search them, edit names, and move a project to a workspace and team; bulk assignment of either
// is org_assign.cpp. org.h says what an assignment means for analytics.
#include <string>
#include <variant>
#include <vector>

#include "central/api/json_out.h"
#include "central/api/org_json.h"
#include "central/api/query_int.h"
#include "central/api/v1_body.h"

namespace costgate::central {
namespace {

using simdjson::dom::element;

constexpr int64_t kOrgDefaultPage = 100;
constexpr int64_t kOrgMaxPage = 500;

// limit, after and the place filters (unassigned, workspace) of a list, or the 400 that refuses
// them.
std::variant<OrgPage, ApiResponse> ReadOrgPage(const Query& query) {
  std::variant<int64_t, ApiResponse> limit =
      QueryInt(query, "limit", 1, kOrgMaxPage, kOrgDefaultPage);
  if (ApiResponse* refused = std::get_if<ApiResponse>(&limit)) {
    return std::move(*refused);
  }
  OrgPage page;
  page.limit = std::get<int64_t>(limit);
  if (const std::string* after = query.Find("after"); after != nullptr && !after->empty()) {
    page.after = ParseOrgCursor(*after);
    if (!page.after) {
      return ErrorResponse(400, "invalid_query", "not a cursor this list gave", "after");
    }
  }
  if (const std::string* unassigned = query.Find("unassigned")) {
    if (*unassigned != "true" && *unassigned != "false") {
      return ErrorResponse(400, "invalid_query", "must be true or false", "unassigned");
    }
    page.unassigned_only = *unassigned == "true";
  }
  // An unknown workspace has nothing in it: an empty list, as for any filter.
  if (const std::string* workspace = query.Find("workspace")) {
    page.workspace = *workspace;
  }
  return page;
}

template <typename Row>
ApiResponse PageAnswer(const StoreResult<std::vector<Row>>& listed, const OrgPage& page,
                       std::string_view member, std::string (*json)(const Row&)) {
  if (std::holds_alternative<StoreError>(listed)) {
    return StoreUnavailable();
  }
  const std::vector<Row>& rows = std::get<std::vector<Row>>(listed);
  std::string body = "[";
  for (size_t i = 0; i < rows.size(); ++i) {
    body += i == 0 ? "" : ",";
    body += json(rows[i]);
  }
  body += R"(],"next":)";
  // A full page may have more behind it: the next page starts after its last row.
  if (static_cast<int64_t>(rows.size()) == page.limit) {
    AppendJsonString(body, OrgCursor(rows.back().source_app, rows.back().external_id));
  } else {
    body += "null";
  }
  return OrgObjectResponse(member, body);
}

ProjectKey PathKey(const Call& call) {
  const std::string* source_app = call.params.Find("source_app");
  const std::string* external_id = call.params.Find("external_id");
  return {source_app != nullptr ? *source_app : "", external_id != nullptr ? *external_id : ""};
}

std::string KeyId(const ProjectKey& key) { return key.source_app + "/" + key.external_id; }

struct ProjectPatch {
  std::optional<std::string> name;
  std::optional<std::string> workspace_id;
  std::optional<std::string> team_id;
};

FieldStatus ReadOptionalString(element v, std::optional<std::string>& out) {
  out.emplace();
  return ReadString(v, *out);
}

constexpr auto kProjectPatchRules = std::to_array<FieldRule<ProjectPatch>>({
    {"name", [](element v, ProjectPatch& in) { return ReadOptionalString(v, in.name); }},
    {"workspace_id",
     [](element v, ProjectPatch& in) { return ReadOptionalString(v, in.workspace_id); }},
    {"team_id", [](element v, ProjectPatch& in) { return ReadOptionalString(v, in.team_id); }},
});

std::variant<ProjectPatch, FieldError> ReadProjectPatch(element root) {
  ProjectPatch in;
  if (FieldStatus error = ReadObject(root, kProjectPatchRules, UnknownFields::kReject, in)) {
    return *std::move(error);
  }
  return in;
}

struct UserPatch {
  std::optional<std::string> email;
  std::optional<std::string> full_name;
};

constexpr auto kUserPatchRules = std::to_array<FieldRule<UserPatch>>({
    {"email", [](element v, UserPatch& in) { return ReadOptionalString(v, in.email); }},
    {"full_name", [](element v, UserPatch& in) { return ReadOptionalString(v, in.full_name); }},
});

std::variant<UserPatch, FieldError> ReadUserPatch(element root) {
  UserPatch in;
  if (FieldStatus error = ReadObject(root, kUserPatchRules, UnknownFields::kReject, in)) {
    return *std::move(error);
  }
  return in;
}

}  // namespace

ApiResponse HandleProjectList(const Call& call) {
  std::variant<OrgPage, ApiResponse> read = ReadOrgPage(call.query);
  if (ApiResponse* refused = std::get_if<ApiResponse>(&read)) {
    return std::move(*refused);
  }
  const OrgPage& page = std::get<OrgPage>(read);
  return PageAnswer<ProjectRecord>(call.store.ListProjects(page), page, "projects", ProjectJson);
}

ApiResponse HandleProjectPatch(const Call& call) {
  auto read = ReadV1Body<ProjectPatch>(call.request.body, ReadProjectPatch);
  if (ApiResponse* refused = std::get_if<ApiResponse>(&read)) {
    return std::move(*refused);
  }
  const ProjectPatch& in = std::get<ProjectPatch>(read);
  const ProjectKey key = PathKey(call);
  StoreResult<std::optional<ProjectRecord>> found =
      call.store.FindProject(key.source_app, key.external_id);
  if (std::holds_alternative<StoreError>(found)) {
    return StoreUnavailable();
  }
  const std::optional<ProjectRecord>& before = std::get<std::optional<ProjectRecord>>(found);
  if (!before) {
    return OrgRefusal({OrgOutcome::kNotFound}, "project");
  }
  ProjectRecord after = *before;
  after.name = in.name.value_or(after.name);
  if (in.workspace_id && *in.workspace_id != after.workspace_id) {
    // A team lives in one workspace: moving the project leaves its team unless one is given.
    after.workspace_id = *in.workspace_id;
    after.team_id.clear();
  }
  after.team_id = in.team_id.value_or(after.team_id);
  return OrgChangeAnswer(
      call.store.UpdateProject(after, OrgAudit(call, "project.update", KeyId(key),
                                               ProjectJson(*before), ProjectJson(after))),
      "project", ProjectJson(after));
}

ApiResponse HandleUserList(const Call& call) {
  std::variant<OrgPage, ApiResponse> read = ReadOrgPage(call.query);
  if (ApiResponse* refused = std::get_if<ApiResponse>(&read)) {
    return std::move(*refused);
  }
  OrgPage& page = std::get<OrgPage>(read);
  if (const std::string* q = call.query.Find("q")) {
    page.search = *q;
  }
  return PageAnswer<UserRecord>(call.store.ListUsers(page), page, "users", UserJson);
}

ApiResponse HandleUserPatch(const Call& call) {
  auto read = ReadV1Body<UserPatch>(call.request.body, ReadUserPatch);
  if (ApiResponse* refused = std::get_if<ApiResponse>(&read)) {
    return std::move(*refused);
  }
  const UserPatch& in = std::get<UserPatch>(read);
  const ProjectKey key = PathKey(call);
  StoreResult<std::optional<UserRecord>> found =
      call.store.FindUser(key.source_app, key.external_id);
  if (std::holds_alternative<StoreError>(found)) {
    return StoreUnavailable();
  }
  const std::optional<UserRecord>& before = std::get<std::optional<UserRecord>>(found);
  if (!before) {
    return OrgRefusal({OrgOutcome::kNotFound}, "user");
  }
  UserRecord after = *before;
  after.email = in.email.value_or(after.email);
  after.full_name = in.full_name.value_or(after.full_name);
  return OrgChangeAnswer(call.store.UpdateUser(after, call.request.now_unix_ms,
                                               OrgAudit(call, "user.update", KeyId(key),
                                                        UserJson(*before), UserJson(after))),
                         "user", UserJson(after));
}

}  // namespace costgate::central
