// The page shown before signing in (sign-in, setup, central unreachable): one centred column.
import type { ComponentChildren } from "preact";

export function CenteredPage({ children }: { children: ComponentChildren }) {
  return (
    <main class="login" id="content">
      <h1>costgate</h1>
      {children}
    </main>
  );
}
