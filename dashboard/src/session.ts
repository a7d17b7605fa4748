// Who is signed in, shared by every page: the role decides which edit controls show (central
// refuses a viewer's change anyway).
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { SessionInfo } from "./types";

export interface SessionState {
  session: SessionInfo;
  signOut: () => Promise<void>;
}

export const SessionContext = createContext<SessionState | null>(null);

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error("useSession outside the signed-in app");
  return state;
}

export function useCanEdit(): boolean {
  return useSession().session.user.role === "admin";
}
