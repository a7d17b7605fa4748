// The apps' own users, mirrored from the calls that name them (GET /admin/v1/users): search by
// id, email or name, page on, and (admins) correct a name or email in a dialog.
import { useId, useState } from "preact/hooks";
import { api } from "../api";
import { Dialog } from "../components/Dialog";
import { LoadedView } from "../components/LoadedView";
import { InlineError } from "../components/StateViews";
import { Table } from "../components/Table";
import { useAction, useLoad } from "../hooks";
import { projectKey, projectPath, type AppUser, type UserPage } from "../orgTypes";
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

export function AppUsers() {
  const canEdit = useCanEdit();
  const [search, setSearch] = useState("");
  const [query, setQuery] = useState("");
  // The cursors of the pages seen, so Previous goes back the way Next came.
  const [cursors, setCursors] = useState<string[]>([]);
  const after = cursors[cursors.length - 1];
  const users = useLoad(() => api.get<UserPage>("/admin/v1/users", { q: query || undefined, after, limit: 100 }), `${query}\n${after ?? ""}`);
  const [editing, setEditing] = useState<AppUser>();
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
      </form>
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
        empty={query ? `No user matches "${query}".` : "No app users yet: they appear with the first call that names a user."}
      >
        {(data) => (
          <>
            <Table columns={["User", "App", "Name", "Email", ...(canEdit ? [""] : [])]}>
              {data.users.map((user) => (
                <tr key={projectKey(user)} data-user={user.external_id}>
                  <td>{user.external_id}</td>
                  <td>{user.source_app || <span class="muted">none</span>}</td>
                  <td>{user.full_name || <span class="muted">unknown</span>}</td>
                  <td>{user.email || <span class="muted">unknown</span>}</td>
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
