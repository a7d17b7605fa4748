// Signed in or not: asks central for the session once, then shows the sign-in, the first-run
// setup, or the pages. A 401 from any later request (the session expired) returns to sign-in.
import { useEffect, useMemo, useState } from "preact/hooks";
import { CenteredPage } from "./components/CenteredPage";
import { api, ApiError, request, setCsrfToken, setUnauthenticatedHandler } from "./api";
import { Layout } from "./components/Layout";
import { ErrorState, Loading } from "./components/StateViews";
import { Accounts } from "./pages/Accounts";
import { Alerts } from "./pages/Alerts";
import { AppUsers } from "./pages/AppUsers";
import { Audit } from "./pages/Audit";
import { Budgets } from "./pages/Budgets";
import { Explore } from "./pages/Explore";
import { Keys } from "./pages/Keys";
import { Login } from "./pages/Login";
import { NotFound } from "./pages/NotFound";
import { Org } from "./pages/Org";
import { Overview } from "./pages/Overview";
import { Pricing } from "./pages/Pricing";
import { Setup } from "./pages/Setup";
import { navigate, usePath } from "./router";
import { SessionContext, type SessionState } from "./session";
import type { SessionInfo } from "./types";

type Boot =
  | { state: "loading" }
  | { state: "signed-in"; session: SessionInfo }
  | { state: "signed-out"; setupNeeded: boolean }
  | { state: "failed"; error: ApiError };

const ROUTES: Record<string, () => preact.JSX.Element> = {
  "/": Overview,
  "/explore": Explore,
  "/budgets": Budgets,
  "/pricing": Pricing,
  "/keys": Keys,
  "/org": Org,
  "/app-users": AppUsers,
  "/accounts": Accounts,
  "/alerts": Alerts,
  "/audit": Audit,
  // Signed in already: the sign-in and setup links lead to the overview.
  "/login": Overview,
  "/setup": Overview,
};

async function signedOutState(): Promise<Boot> {
  try {
    const setup = await api.get<{ needed: boolean }>("/admin/v1/setup");
    return { state: "signed-out", setupNeeded: setup.needed };
  } catch {
    return { state: "signed-out", setupNeeded: false };
  }
}

async function boot(): Promise<Boot> {
  try {
    return { state: "signed-in", session: await request<SessionInfo>("GET", "/admin/v1/session", { quiet401: true }) };
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return signedOutState();
    if (error instanceof ApiError && error.status === 404) {
      return { state: "failed", error: new ApiError(404, "no_sign_in", "This central has no sign-in API yet (GET /admin/v1/session answered 404): upgrade costgate to a version with admin accounts.") };
    }
    return { state: "failed", error: error instanceof ApiError ? error : new ApiError(0, "client", String(error)) };
  }
}

export function App() {
  const path = usePath();
  const [status, setStatus] = useState<Boot>({ state: "loading" });
  const start = () => {
    setStatus({ state: "loading" });
    void boot().then((next) => {
      if (next.state === "signed-in") setCsrfToken(next.session.csrf_token);
      setStatus(next);
    });
  };
  useEffect(() => {
    setUnauthenticatedHandler(() => void signedOutState().then(setStatus));
    start();
  }, []);

  const signedIn = (session: SessionInfo) => {
    setCsrfToken(session.csrf_token);
    setStatus({ state: "signed-in", session });
    if (path === "/setup" || path === "/login") navigate("/", true);
  };
  const context = useMemo<SessionState | null>(
    () =>
      status.state === "signed-in"
        ? {
            session: status.session,
            signOut: async () => {
              try {
                await api.delete("/admin/v1/session");
              } finally {
                setCsrfToken("");
                setStatus(await signedOutState());
                navigate("/", true);
              }
            },
          }
        : null,
    [status],
  );

  switch (status.state) {
    case "loading":
      return <Loading what="costgate" />;
    case "failed":
      return (
        <CenteredPage>
          <ErrorState error={status.error} retry={start} />
        </CenteredPage>
      );
    case "signed-out":
      return path === "/setup" ? <Setup onSignedIn={signedIn} /> : <Login onSignedIn={signedIn} setupNeeded={status.setupNeeded} />;
    case "signed-in": {
      const Page = ROUTES[path] ?? NotFound;
      return (
        <SessionContext.Provider value={context}>
          <Layout path={path}>
            <Page />
          </Layout>
        </SessionContext.Provider>
      );
    }
  }
}
