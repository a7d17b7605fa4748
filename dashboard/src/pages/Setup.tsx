// The first admin account, made with the one-time token from the setup link costgate printed at
// its first start (/setup#token=…: the token stays in the fragment, never sent in a request line).
import { useId, useState } from "preact/hooks";
import { CenteredPage } from "../components/CenteredPage";
import { api } from "../api";
import { InlineError } from "../components/StateViews";
import { useAction } from "../hooks";
import type { SessionInfo } from "../types";

export function Setup({ onSignedIn }: { onSignedIn: (session: SessionInfo) => void }) {
  const id = useId();
  const token = new URLSearchParams(location.hash.slice(1)).get("token") ?? "";
  const [username, setUsername] = useState("admin");
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const action = useAction();
  const mismatch = repeat !== "" && repeat !== password;
  return (
    <CenteredPage>
      <form
        class="card stack"
        onSubmit={async (event) => {
          event.preventDefault();
          if (mismatch) return;
          const session = await action.run(() => api.post<SessionInfo>("/admin/v1/setup", { token, username, password }));
          if (session) {
            history.replaceState(null, "", "/");
            onSignedIn(session);
          }
        }}
      >
        <h2>Create the first admin</h2>
        {!token && <p class="inline-error">This page needs the setup link costgate printed at its first start (it ends in #token=…).</p>}
        <label for={id + "u"}>Username</label>
        <input id={id + "u"} autoComplete="username" required value={username} onInput={(e) => setUsername(e.currentTarget.value)} />
        <label for={id + "p"}>Password</label>
        <input id={id + "p"} type="password" autoComplete="new-password" required minLength={8} value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        <label for={id + "r"}>Password again</label>
        <input id={id + "r"} type="password" autoComplete="new-password" required value={repeat} onInput={(e) => setRepeat(e.currentTarget.value)} />
        {mismatch && <p class="inline-error">The passwords differ.</p>}
        <InlineError error={action.error} />
        <button type="submit" disabled={action.busy || !token || mismatch}>
          Create and sign in
        </button>
      </form>
    </CenteredPage>
  );
}
