// Central's API keys: list (never secrets), create with a dialog showing the secret once, revoke.
import { useId, useState } from "preact/hooks";
import { api } from "../api";
import { ConfirmButton } from "../components/ConfirmButton";
import { Dialog } from "../components/Dialog";
import { Table } from "../components/Table";
import { LoadedView } from "../components/LoadedView";
import { InlineError } from "../components/StateViews";
import { formatTime } from "../format";
import { useAction, useLoad } from "../hooks";
import { useCanEdit } from "../session";
import type { ApiKey } from "../types";

const SCOPES = ["ship", "record", "preflight", "upsert", "admin"] as const;
const INGEST = ["ship", "record", "preflight", "upsert"];

function NewKeyForm({ onCreated }: { onCreated: (key: ApiKey, secret: string) => void }) {
  const id = useId();
  const [name, setName] = useState("");
  const [sourceApp, setSourceApp] = useState("");
  const [workspace, setWorkspace] = useState("");
  const [scopes, setScopes] = useState<string[]>(INGEST);
  const action = useAction();
  const toggle = (scope: string, on: boolean) => setScopes(on ? [...scopes, scope] : scopes.filter((s) => s !== scope));
  return (
    <form
      class="card form-grid"
      aria-label="New API key"
      onSubmit={async (event) => {
        event.preventDefault();
        const body = { name: name.trim(), source_app: sourceApp.trim(), scopes, ...(workspace.trim() ? { workspace: workspace.trim() } : {}) };
        const created = await action.run(() => api.post<{ key: ApiKey; secret: string }>("/admin/v1/keys", body));
        if (created) {
          setName("");
          onCreated(created.key, created.secret);
        }
      }}
    >
      <h2 class="span-all">New API key</h2>
      <label for={id + "n"}>Name</label>
      <input id={id + "n"} required value={name} onInput={(e) => setName(e.currentTarget.value)} />
      <label for={id + "a"}>App (source_app)</label>
      <input id={id + "a"} value={sourceApp} placeholder="the app this key belongs to" onInput={(e) => setSourceApp(e.currentTarget.value)} />
      <label for={id + "w"}>Workspace (optional)</label>
      <input id={id + "w"} value={workspace} placeholder="any" onInput={(e) => setWorkspace(e.currentTarget.value)} />
      <fieldset class="span-all scope">
        <legend>Scopes</legend>
        {SCOPES.map((scope) => (
          <label class="checkbox" key={scope}>
            <input type="checkbox" checked={scopes.includes(scope)} onChange={(e) => toggle(scope, e.currentTarget.checked)} /> {scope}
            {scope === "admin" && <span class="muted"> (the admin API: budgets, keys, users)</span>}
          </label>
        ))}
      </fieldset>
      <div class="span-all">
        <InlineError error={action.error} />
      </div>
      <div class="span-all actions">
        <button type="submit" disabled={action.busy || scopes.length === 0}>
          Create key
        </button>
      </div>
    </form>
  );
}

function SecretDialog({ keyInfo, secret, onClose }: { keyInfo: ApiKey; secret: string; onClose: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <Dialog title={`Key ${keyInfo.name} created`} onClose={onClose}>
      <p>
        Copy the secret now: <strong>it is shown only this once</strong>. Central keeps only its hash.
      </p>
      <code class="secret" data-testid="secret">
        {secret}
      </code>
      <div class="actions">
        <button
          type="button"
          onClick={() => navigator.clipboard?.writeText(secret).then(() => setCopied(true), () => setCopied(false))}
        >
          {copied ? "Copied" : "Copy"}
        </button>
        <button type="button" class="secondary" onClick={onClose}>
          I have stored it
        </button>
      </div>
    </Dialog>
  );
}

export function Keys() {
  const canEdit = useCanEdit();
  const keys = useLoad(() => api.get<{ keys: ApiKey[] }>("/admin/v1/keys"), "keys");
  const [shown, setShown] = useState<{ key: ApiKey; secret: string }>();
  const revoke = useAction();
  return (
    <section>
      <h1>API keys</h1>
      <p class="muted">Apps and proxies send these to central (X-API-Key). Admin-scoped keys manage central like a signed-in admin.</p>
      {canEdit && <NewKeyForm onCreated={(key, secret) => { setShown({ key, secret }); keys.reload(); }} />}
      {shown && <SecretDialog keyInfo={shown.key} secret={shown.secret} onClose={() => setShown(undefined)} />}
      <InlineError error={revoke.error} />
      <LoadedView
        loaded={keys}
        what="API keys"
        isEmpty={(data) => data.keys.length === 0}
        empty={`No keys yet. ${canEdit ? "Create one above, or on the server: `costgate keys create --name N --source-app A`." : ""}`}
      >
        {(data) => (
        <Table columns={["Name", "Prefix", "App", "Scopes", "Workspace", "Created", "Last used", "State"]}>
              {data.keys.map((key) => (
                <tr key={key.id} data-key={key.name}>
                  <td>{key.name}</td>
                  <td>
                    <code>{key.prefix}…</code>
                  </td>
                  <td>{key.source_app || <span class="muted">none</span>}</td>
                  <td>{key.scopes.join(", ")}</td>
                  <td>{key.workspace || <span class="muted">any</span>}</td>
                  <td>{formatTime(key.created_unix_ms)}</td>
                  <td>{key.last_used_unix_ms ? formatTime(key.last_used_unix_ms) : <span class="muted">never</span>}</td>
                  <td>
                    {key.revoked_unix_ms ? (
                      <span class="badge bad">revoked {formatTime(key.revoked_unix_ms)}</span>
                    ) : canEdit ? (
                      <ConfirmButton
                        label="Revoke"
                        confirmLabel={`Revoke ${key.name}`}
                        disabled={revoke.busy}
                        onConfirm={async () => {
                          await revoke.run(() => api.delete(`/admin/v1/keys/${encodeURIComponent(key.id)}`));
                          keys.reload();
                        }}
                      />
                    ) : (
                      <span class="badge">active</span>
                    )}
                  </td>
                </tr>
              ))}
        </Table>
        )}
      </LoadedView>
    </section>
  );
}
