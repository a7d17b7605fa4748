// The org's JSON (workspaces, teams, mirrored projects and users) and the answers that refuse an
// org change, shared by admin_org.cpp and admin_mirrored.cpp.
#pragma once

#include <string>
#include <string_view>

#include "central/api/api.h"
#include "central/api/handlers.h"
#include "central/store/store.h"

namespace costgate::central {

std::string WorkspaceJson(const Workspace& workspace);  // {"id","name"}
std::string TeamJson(const Team& team);                 // {"id","workspace_id","name"}
// {"source_app","external_id","name","workspace_id","team_id"}
std::string ProjectJson(const ProjectRecord& project);
// {"source_app","external_id","email","full_name","workspace_id","team_id"}
std::string UserJson(const UserRecord& user);

// {"<member>":<json>}, the answer to a change.
ApiResponse OrgObjectResponse(std::string_view member, const std::string& json, int status = 200);

// The answer to an org change that was not kDone; `what` names the object ("workspace",
// "team", "project", "user") for 404 "<what>_not_found" and 409 "<what>_has_projects" /
// "<what>_has_users".
ApiResponse OrgRefusal(const OrgResult& result, std::string_view what);

// The audit row of an org change by the caller, now.
AuditEntry OrgAudit(const Call& call, std::string action, std::string object_id, std::string before,
                    std::string after);

// The answer to a change: {"<member>":json} with `status` when kDone, else its refusal.
ApiResponse OrgChangeAnswer(const StoreResult<OrgResult>& done, std::string_view member,
                            const std::string& json, int status = 200);

// Paging cursors of the mirrored lists: "<length of source_app>:<source_app><external_id>", so
// that neither part needs escaping.
std::string OrgCursor(const std::string& source_app, const std::string& external_id);
std::optional<ProjectKey> ParseOrgCursor(std::string_view cursor);

// An id for a workspace or team: the label value apps send, 1..128 bytes without control
// characters.
bool ValidOrgId(std::string_view id);

}  // namespace costgate::central
