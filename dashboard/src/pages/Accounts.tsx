// The people who sign in: list, create with a role, change a role, delete (admins).
import { useId, useState } from "preact/hooks";
import { api } from "../api";
import { ConfirmButton } from "../components/ConfirmButton";
import { Table } from "../components/Table";
import { LoadedView } from "../components/LoadedView";
import { InlineError } from "../components/StateViews";
import { formatTime } from "../format";
import { useAction, useLoad } from "../hooks";
import { useCanEdit, useSession } from "../session";
import type { Account, Role } from "../types";

function NewAccountForm({ onCreated }: { onCreated: () => void }) {
  const id = useId();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [role, setRole] = useState<Role>("viewer");
  const action = useAction();
  return (
    <form
      class="card form-grid"
      aria-label="New user"
      onSubmit={async (event) => {
        event.preventDefault();
        if (await action.run(() => api.post("/admin/v1/accounts", { username: username.trim(), password, role }))) {
          setUsername("");
          setPassword("");
          onCreated();
        }
      }}
    >
      <h2 class="span-all">New user</h2>
      <label for={id + "u"}>Username</label>
      <input id={id + "u"} required autoComplete="off" value={username} onInput={(e) => setUsername(e.currentTarget.value)} />
      <label for={id + "p"}>Password</label>
      <input id={id + "p"} type="password" required autoComplete="new-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
      <label for={id + "r"}>Role</label>
      <select id={id + "r"} value={role} onChange={(e) => setRole(e.currentTarget.value as Role)}>
        <option value="viewer">viewer (read only)</option>
        <option value="admin">admin (everything)</option>
      </select>
      <div class="span-all">
        <InlineError error={action.error} />
      </div>
      <div class="span-all actions">
        <button type="submit" disabled={action.busy}>
          Create user
        </button>
      </div>
    </form>
  );
}

export function Accounts() {
  const canEdit = useCanEdit();
  const me = useSession().session.user.username;
  const accounts = useLoad(() => api.get<{ accounts: Account[] }>("/admin/v1/accounts"), "accounts");
  const change = useAction();
  const setRole = async (username: string, role: Role) => {
    await change.run(() => api.patch(`/admin/v1/accounts/${encodeURIComponent(username)}`, { role }));
    accounts.reload();
  };
  return (
    <section>
      <h1>Users</h1>
      {canEdit && <NewAccountForm onCreated={accounts.reload} />}
      <InlineError error={change.error} />
      <LoadedView
        loaded={accounts}
        what="users"
        isEmpty={(data) => data.accounts.length === 0}
        empty="No accounts. Create one on the server: `costgate admin create --user NAME`."
      >
        {(data) => (
        <Table columns={canEdit ? ["Username", "Role", "Created", "Actions"] : ["Username", "Role", "Created"]}>
              {data.accounts.map((account) => (
                <tr key={account.username} data-account={account.username}>
                  <td>
                    {account.username} {account.username === me && <span class="muted">(you)</span>}
                  </td>
                  <td>
                    {canEdit && account.username !== me ? (
                      <select aria-label={`Role of ${account.username}`} value={account.role} disabled={change.busy} onChange={(e) => void setRole(account.username, e.currentTarget.value as Role)}>
                        <option value="viewer">viewer</option>
                        <option value="admin">admin</option>
                      </select>
                    ) : (
                      account.role
                    )}
                  </td>
                  <td>{formatTime(account.created_unix_ms)}</td>
                  {canEdit && (
                    <td>
                      {account.username !== me && (
                        <ConfirmButton
                          label="Delete"
                          confirmLabel={`Delete ${account.username}`}
                          onConfirm={async () => {
                            await change.run(() => api.delete(`/admin/v1/accounts/${encodeURIComponent(account.username)}`));
                            accounts.reload();
                          }}
                        />
                      )}
                    </td>
                  )}
                </tr>
              ))}
        </Table>
        )}
      </LoadedView>
    </section>
  );
}
