// The org: workspaces -> teams -> projects, and the Unassigned projects (mirrored from events
// until someone places them) with a bulk "Assign to". Ids are the labels apps send; names are
// for people. Assigning a project does not relabel its past calls: the analytics keep the
// labels each call was sent with; later calls of the project that carry no workspace take its
// place (README "Org").
import { useId, useState } from "preact/hooks";
import { api } from "../api";
import { AssignForm } from "../components/AssignForm";
import { ConfirmButton } from "../components/ConfirmButton";
import { LoadedView } from "../components/LoadedView";
import { RenameButton } from "../components/RenameButton";
import { InlineError } from "../components/StateViews";
import { Table } from "../components/Table";
import { useAction, useLoad } from "../hooks";
import { projectKey, type Project, type ProjectPage, type Team, type Workspace } from "../orgTypes";
import { useCanEdit } from "../session";

interface OrgData {
  workspaces: Workspace[];
  teams: Team[];
  projects: Project[];
}

// Every project, page by page (an org holds hundreds, not millions).
async function allProjects(): Promise<Project[]> {
  const projects: Project[] = [];
  let after: string | undefined;
  do {
    const page = await api.get<ProjectPage>("/admin/v1/projects", { limit: 500, after });
    projects.push(...page.projects);
    after = page.next ?? undefined;
  } while (after);
  return projects;
}

async function loadOrg(): Promise<OrgData> {
  const [workspaces, teams, projects] = await Promise.all([
    api.get<{ workspaces: Workspace[] }>("/admin/v1/workspaces"),
    api.get<{ teams: Team[] }>("/admin/v1/teams"),
    allProjects(),
  ]);
  return { workspaces: workspaces.workspaces, teams: teams.teams, projects };
}

const projectLabel = (p: Project) => (p.name ? `${p.name} (${p.external_id})` : p.external_id);

function NewWorkspaceForm({ onCreated }: { onCreated: () => void }) {
  const id = useId();
  const [wsId, setWsId] = useState("");
  const [name, setName] = useState("");
  const action = useAction();
  return (
    <form
      class="card form-grid"
      aria-label="New workspace"
      onSubmit={async (event) => {
        event.preventDefault();
        if (await action.run(() => api.post("/admin/v1/workspaces", { id: wsId.trim(), name: name.trim() || wsId.trim() }))) {
          setWsId("");
          setName("");
          onCreated();
        }
      }}
    >
      <h2 class="span-all">New workspace</h2>
      <label for={id + "i"}>Id (the label apps send)</label>
      <input id={id + "i"} required value={wsId} placeholder="customer-experience" onInput={(e) => setWsId(e.currentTarget.value)} />
      <label for={id + "n"}>Name</label>
      <input id={id + "n"} value={name} placeholder="Customer experience" onInput={(e) => setName(e.currentTarget.value)} />
      <div class="span-all">
        <InlineError error={action.error} />
      </div>
      <div class="span-all actions">
        <button type="submit" disabled={action.busy}>
          Create workspace
        </button>
      </div>
    </form>
  );
}

function NewTeamForm({ workspace, onCreated }: { workspace: Workspace; onCreated: () => void }) {
  const [teamId, setTeamId] = useState("");
  const action = useAction();
  return (
    <form
      class="inline-form"
      aria-label={`New team in ${workspace.name}`}
      onSubmit={async (event) => {
        event.preventDefault();
        const idText = teamId.trim();
        if (await action.run(() => api.post("/admin/v1/teams", { id: idText, workspace_id: workspace.id, name: idText }))) {
          setTeamId("");
          onCreated();
        }
      }}
    >
      <input aria-label={`New team id in ${workspace.name}`} required value={teamId} placeholder="team id" onInput={(e) => setTeamId(e.currentTarget.value)} />
      <button type="submit" disabled={action.busy}>
        Add team
      </button>
      <InlineError error={action.error} />
    </form>
  );
}

function ProjectList({ projects }: { projects: Project[] }) {
  if (projects.length === 0) return <p class="muted">No projects.</p>;
  return (
    <ul class="plain">
      {projects.map((p) => (
        <li key={projectKey(p)} data-project={projectKey(p)}>
          {projectLabel(p)} <span class="muted">· {p.source_app || "no app"}</span>
        </li>
      ))}
    </ul>
  );
}

function WorkspaceCard({ workspace, data, canEdit, reload }: { workspace: Workspace; data: OrgData; canEdit: boolean; reload: () => void }) {
  const action = useAction();
  const teams = data.teams.filter((t) => t.workspace_id === workspace.id);
  const projects = data.projects.filter((p) => p.workspace_id === workspace.id);
  const change = async (run: () => Promise<unknown>) => {
    await action.run(run);
    reload();
  };
  return (
    <li class="card" data-workspace={workspace.id}>
      <div class="bar-row">
        <h2>
          {workspace.name} <span class="muted">({workspace.id})</span>
        </h2>
        {canEdit && (
          <span class="actions">
            <RenameButton label={`Name of ${workspace.id}`} current={workspace.name} disabled={action.busy}
              onSave={(name) => change(() => api.patch(`/admin/v1/workspaces/${encodeURIComponent(workspace.id)}`, { name }))} />
            <ConfirmButton label="Delete" confirmLabel={`Delete ${workspace.name}`} disabled={action.busy}
              onConfirm={() => change(() => api.delete(`/admin/v1/workspaces/${encodeURIComponent(workspace.id)}`))} />
          </span>
        )}
      </div>
      <InlineError error={action.error} />
      {teams.map((team) => (
        <section key={team.id} class="stack org-team" data-team={team.id}>
          <div class="bar-row">
            <h3>
              {team.name} <span class="muted">({team.id})</span>
            </h3>
            {canEdit && (
              <span class="actions">
                <RenameButton label={`Name of team ${team.id}`} current={team.name} disabled={action.busy}
                  onSave={(name) => change(() => api.patch(`/admin/v1/teams/${encodeURIComponent(team.id)}`, { name }))} />
                <ConfirmButton label="Delete" confirmLabel={`Delete team ${team.name}`} disabled={action.busy}
                  onConfirm={() => change(() => api.delete(`/admin/v1/teams/${encodeURIComponent(team.id)}`))} />
              </span>
            )}
          </div>
          <ProjectList projects={projects.filter((p) => p.team_id === team.id)} />
        </section>
      ))}
      {projects.some((p) => !p.team_id) && (
        <section class="stack org-team">
          <h3 class="muted">No team</h3>
          <ProjectList projects={projects.filter((p) => !p.team_id)} />
        </section>
      )}
      {canEdit && (
        <div class="org-team">
          <NewTeamForm workspace={workspace} onCreated={reload} />
        </div>
      )}
    </li>
  );
}

function Unassigned({ data, canEdit, reload }: { data: OrgData; canEdit: boolean; reload: () => void }) {
  const unassigned = data.projects.filter((p) => !p.workspace_id);
  const [picked, setPicked] = useState<string[]>([]);
  const toggle = (key: string, on: boolean) => setPicked(on ? [...picked, key] : picked.filter((k) => k !== key));
  if (unassigned.length === 0) {
    return <p class="muted">Every project is assigned. New projects appear here when their first call arrives.</p>;
  }
  return (
    <>
      {canEdit && (
        <AssignForm
          label="Assign projects"
          workspaces={data.workspaces}
          teams={data.teams}
          picked={picked.length}
          noPlaces="Create a workspace first."
          assign={(workspace_id, team_id) => {
            const projects = unassigned.filter((p) => picked.includes(projectKey(p))).map((p) => ({ source_app: p.source_app, external_id: p.external_id }));
            return api.post("/admin/v1/projects/assign", { projects, workspace_id, team_id });
          }}
          onAssigned={() => {
            setPicked([]);
            reload();
          }}
        />
      )}
      <Table columns={[...(canEdit ? ["Select"] : []), "Project", "App"]}>
        {unassigned.map((p) => (
          <tr key={projectKey(p)} data-unassigned={projectKey(p)}>
            {canEdit && (
              <td>
                <input type="checkbox" aria-label={`Select ${projectLabel(p)} of ${p.source_app || "no app"}`} checked={picked.includes(projectKey(p))}
                  onChange={(e) => toggle(projectKey(p), e.currentTarget.checked)} />
              </td>
            )}
            <td>{projectLabel(p)}</td>
            <td>{p.source_app || <span class="muted">none</span>}</td>
          </tr>
        ))}
      </Table>
    </>
  );
}

export function Org() {
  const canEdit = useCanEdit();
  const org = useLoad(loadOrg, "org");
  return (
    <section>
      <h1>Org</h1>
      <p class="muted">
        Workspaces and teams are the labels apps send with their calls; projects appear here with their first call. Assigning a project
        does not relabel calls already stored: later calls of it that carry no workspace are attributed to its place.
      </p>
      {canEdit && <NewWorkspaceForm onCreated={org.reload} />}
      <LoadedView loaded={org} what="the org">
        {(data) => (
          <>
            <h2>Workspaces</h2>
            {data.workspaces.length === 0 ? (
              <p class="muted">No workspaces yet.{canEdit ? " Create one above." : ""}</p>
            ) : (
              <ul class="cards">
                {data.workspaces.map((w) => (
                  <WorkspaceCard key={w.id} workspace={w} data={data} canEdit={canEdit} reload={org.reload} />
                ))}
              </ul>
            )}
            <h2>Unassigned projects</h2>
            <Unassigned data={data} canEdit={canEdit} reload={org.reload} />
          </>
        )}
      </LoadedView>
    </section>
  );
}
