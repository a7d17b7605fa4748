// The org hierarchy admins keep (workspaces, their teams) and what they do with the projects and
// users central mirrors from events: the store's side of /admin/v1/{workspaces,teams,projects,
// users} (central/api/admin_org.cpp).
//
// Assignment is bookkeeping for people, not a rewrite of history: events keep the workspace and
// team labels they were sent with, and the analytics rollups group by those labels. Assigning a
// project changes where the dashboard lists it, and (ingest, event_rows.cpp) the workspace and
// team of that project's later events that arrive without them. Assigning a user only changes
// where the dashboard lists them (App users, by workspace and team): a user may call through
// several projects, so ingest takes an event's place from its project, never from its user.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace costgate::central {

struct Workspace {
  std::string id;  // the label value apps send ("customer-experience")
  std::string name;
};

struct Team {
  std::string id;  // the label value apps send
  std::string workspace_id;
  std::string name;
};

// What an org change did. Not kDone: nothing changed and no audit row was written.
enum class OrgOutcome {
  kDone,
  kNotFound,      // no row with that id (or source_app/external_id)
  kIdTaken,       // create: the id exists
  kHasTeams,      // delete workspace: teams still belong to it
  kHasProjects,   // delete workspace or team: projects are assigned to it
  kHasUsers,      // delete workspace or team: users are assigned to it
  kNoWorkspace,   // the workspace_id given names no workspace
  kNoTeam,        // the team_id given names no team
  kTeamElsewhere  // the team belongs to another workspace than the one given
};

struct OrgResult {
  OrgOutcome outcome = OrgOutcome::kDone;
  size_t index = 0;  // bulk assign, kNotFound: the first unknown entry
};

struct ProjectKey {
  std::string source_app;
  std::string external_id;
};

// A page of projects or users ordered by (source_app, external_id), after the key `after` when
// set, filtered by every field set.
struct OrgPage {
  int64_t limit = 100;
  std::optional<ProjectKey> after;
  bool unassigned_only = false;          // workspace_id ""
  std::optional<std::string> workspace;  // this workspace only
  std::string search;  // users: a substring of external_id, email or full_name ("" = all)
};

}  // namespace costgate::central
