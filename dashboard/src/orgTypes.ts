// The org as central's /admin/v1/{workspaces,teams,projects,users} answer it.
export interface Workspace {
  id: string;
  name: string;
}

export interface Team {
  id: string;
  workspace_id: string;
  name: string;
}

export interface Project {
  source_app: string;
  external_id: string;
  name: string;
  workspace_id: string; // "" = Unassigned
  team_id: string;
}

export interface AppUser {
  source_app: string;
  external_id: string;
  email: string;
  full_name: string;
  workspace_id: string; // "" = Unassigned
  team_id: string;
}


export type ProjectPage = { projects: Project[]; next: string | null };
export type UserPage = { users: AppUser[]; next: string | null };

export const projectKey = (p: { source_app: string; external_id: string }) => `${p.source_app}/${p.external_id}`;
export const projectPath = (p: { source_app: string; external_id: string }) =>
  `${encodeURIComponent(p.source_app)}/${encodeURIComponent(p.external_id)}`;
