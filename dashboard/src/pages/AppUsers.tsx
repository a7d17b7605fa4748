// The apps' own users, mirrored from the calls that name them (GET /admin/v1/users): search by
// id, email or name, show the Unassigned only, page on, and (admins) correct a name or email in a
// dialog or put the selected users in a workspace or team (POST /admin/v1/users/assign). A
// user's place is where this page lists them; calls are attributed by their project (README
// "Org").
import { useId, useState } from "preact/hooks";
import { api } from "../api";
import { AssignForm, placeLabel } from "../components/AssignForm";
import { Dialog } from "../components/Dialog";
import { LoadedView } from "../components/LoadedView";
import { InlineError } from "../components/StateViews";
import { Table } from "../components/Table";
import { useAction, useLoad } from "../hooks";
import { projectKey, projectPath, type AppUser, type Team, type UserPage, type Workspace } from "../orgTypes";
import { useCanEdit } from "../session";

function EditUserDialog({ user, onClose, onSaved }: { user: AppUser; onClose: () => void; onSaved: () => void }) {
  const id = useId();
  const [fullName, setFullName] = useState(user.full_name);
  const [email, setEmail] = useState(user.email);
  const action = useAction();
  return (
    <Dialog title={`Edit ${user.external_id}`} onClose={onClose}>
      <form
        class="stack"
        onSubmit={async (event) => {
          event.preventDefault();
          if (await action.run(() => api.patch(`/admin/v1/users/${projectPath(user)}`, { full_name: fullName.trim(), email: email.trim() }))) onSaved();
        }}
      >
        <label for={id + "n"}>Name</label>
        <input id={id + "n"} value={fullName} onInput={(e) => setFullName(e.currentTarget.value)} />
        <label for={id + "e"}>Email</label>
        <input id={id + "e"} type="email" value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
        <InlineError error={action.error} />
        <div class="actions">
          <button type="submit" disabled={action.busy}>
            Save
          </button>
          <button type="button" class="secondary" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}

async function loadPlaces(): Promise<{ workspaces: Workspace[]; teams: Team[] }> {
  const [workspaces, teams] = await Promise.all([
    api.get<{ workspaces: Workspace[] }>("/admin/v1/workspaces"),
    api.get<{ teams: Team[] }>("/admin/v1/teams"),
  ]);
  return { workspaces: workspaces.workspaces, teams: teams.teams };
}

type UserKey = { source_app: string; external_id: string };

export function AppUsers() {
  const canEdit = useCanEdit();
  const [search, setSearch] = useState("");
  const [query, setQuery] = useState("");
  // The cursors of the pages seen, so Previous goes back the way Next came.
  const [cursors, setCursors] = useState<string[]>([]);
  const after = cursors[cursors.length - 1];
  const [unassignedOnly, setUnassignedOnly] = useState(false);
  const users = useLoad(
    () => api.get<UserPage>("/admin/v1/users", { q: query || undefined, unassigned: unassignedOnly ? "true" : undefined, after, limit: 100 }),
    `${query}\n${unassignedOnly}\n${after ?? ""}`,
  );
  const places = useLoad(loadPlaces, "places");
  const [editing, setEditing] = useState<AppUser>();
  // The users ticked, on this page or earlier ones, by key.
  const [picked, setPicked] = useState<Map<string, UserKey>>(new Map());
  const toggle = (user: AppUser, on: boolean) => {
    const next = new Map(picked);
    if (on) next.set(projectKey(user), { source_app: user.source_app, external_id: user.external_id });
    else next.delete(projectKey(user));
    setPicked(next);
  };
  const workspaces = places.data?.workspaces ?? [];
  const teams = places.data?.teams ?? [];
  return (
    <section>
      <h1>App users</h1>
      <p class="muted">The people your apps report in their calls (the user label), mirrored by central. Names and emails are for display here.</p>
      <form
        class="toolbar"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          setCursors([]);
          setQuery(search.trim());
        }}
      >
        <label class="field-inline">
          Search
          <input type="search" value={search} placeholder="id, email or name" onInput={(e) => setSearch(e.currentTarget.value)} />
        </label>
        <button type="submit">Search</button>
        <label class="field-inline">
          <input
            type="checkbox"
            checked={unassignedOnly}
            onChange={(e) => {
              setCursors([]);
              setUnassignedOnly(e.currentTarget.checked);
            }}
          />
          Unassigned only
        </label>
      </form>
      {canEdit && places.error && <InlineError error={places.error} />}
      {canEdit && places.data && (
        <AssignForm
          label="Assign users"
          workspaces={workspaces}
          teams={teams}
          picked={picked.size}
          noPlaces="Create a workspace on the Org page first."
          assign={(workspace_id, team_id) => api.post("/admin/v1/users/assign", { users: [...picked.values()], workspace_id, team_id })}
          onAssigned={() => {
            setPicked(new Map());
            users.reload();
          }}
        />
      )}
      {editing && (
        <EditUserDialog
          user={editing}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            users.reload();
          }}
        />
      )}
      <LoadedView
        loaded={users}
        what="app users"
        isEmpty={(data) => data.users.length === 0 && cursors.length === 0}
        empty={
          query
            ? `No user matches "${query}"${unassignedOnly ? " among the Unassigned" : ""}.`
            : unassignedOnly
              ? "Every user is assigned. New users appear here with their first call."
              : "No app users yet: they appear with the first call that names a user."
        }
      >
        {(data) => (
          <>
            <Table columns={[...(canEdit ? ["Select"] : []), "User", "App", "Name", "Email", "Place", ...(canEdit ? [""] : [])]}>
              {data.users.map((user) => (
                <tr key={projectKey(user)} data-user={user.external_id} data-user-key={projectKey(user)}>
                  {canEdit && (
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`Select ${user.external_id} of ${user.source_app || "no app"}`}
                        checked={picked.has(projectKey(user))}
                        onChange={(e) => toggle(user, e.currentTarget.checked)}
                      />
                    </td>
                  )}
                  <td>{user.external_id}</td>
                  <td>{user.source_app || <span class="muted">none</span>}</td>
                  <td>{user.full_name || <span class="muted">unknown</span>}</td>
                  <td>{user.email || <span class="muted">unknown</span>}</td>
                  <td data-place>
                    {user.workspace_id ? placeLabel(workspaces, teams, user.workspace_id, user.team_id) : <span class="muted">Unassigned</span>}
                  </td>
                  {canEdit && (
                    <td>
                      <button type="button" class="secondary" onClick={() => setEditing(user)}>
                        Edit
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </Table>
            <div class="actions">
              {cursors.length > 0 && (
                <button type="button" class="secondary" onClick={() => setCursors(cursors.slice(0, -1))}>
                  Previous
                </button>
              )}
              {data.next !== null && (
                <button type="button" class="secondary" onClick={() => setCursors([...cursors, data.next as string])}>
                  Next
                </button>
              )}
            </div>
          </>
        )}
      </LoadedView>
    </section>
  );
}
