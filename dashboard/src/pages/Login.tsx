// Sign in with a local account (`costgate admin create`, or the first-run setup link).
import { useId, useState } from "preact/hooks";
import { CenteredPage } from "../components/CenteredPage";
import { api } from "../api";
import { InlineError } from "../components/StateViews";
import { useAction } from "../hooks";
import type { SessionInfo } from "../types";

export function Login({ onSignedIn, setupNeeded }: { onSignedIn: (session: SessionInfo) => void; setupNeeded: boolean }) {
  const id = useId();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const action = useAction();
  return (
    <CenteredPage>
      <form
        class="card stack"
        onSubmit={async (event) => {
          event.preventDefault();
          const session = await action.run(() => api.post<SessionInfo>("/admin/v1/session", { username, password }));
          if (session) onSignedIn(session);
        }}
      >
        <h2>Sign in</h2>
        <label for={id + "u"}>Username</label>
        <input id={id + "u"} name="username" autoComplete="username" required value={username} onInput={(e) => setUsername(e.currentTarget.value)} />
        <label for={id + "p"}>Password</label>
        <input
          id={id + "p"}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
        <InlineError error={action.error} />
        <button type="submit" disabled={action.busy}>
          {action.busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
      <p class="muted">
        {setupNeeded
          ? "No admin account exists yet: open the setup link costgate printed at its first start (http://HOST:PORT/setup#token=…), or run `costgate admin create --user NAME`."
          : "No account? An admin creates one under Users, or on the server: `costgate admin create --user NAME`."}
      </p>
    </CenteredPage>
  );
}
