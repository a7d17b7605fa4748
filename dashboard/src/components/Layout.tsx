// Header (brand, menu button on a phone, who is signed in, sign out), nav and the page.
import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { useSession } from "../session";
import { Nav } from "./Nav";

export function Layout({ path, children }: { path: string; children: ComponentChildren }) {
  const { session, signOut } = useSession();
  const [menuOpen, setMenuOpen] = useState(false);
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  useEffect(() => {
    // After a page change, keyboard and screen-reader users continue from the new page's top.
    if (first.current) first.current = false;
    else main.current?.focus();
  }, [path]);
  return (
    <div class="shell">
      <a class="skip" href="#content">
        Skip to content
      </a>
      <header class="topbar">
        <button
          type="button"
          class="menu-button"
          aria-expanded={menuOpen}
          aria-controls="main-nav"
          onClick={() => setMenuOpen(!menuOpen)}
        >
          Menu
        </button>
        <span class="brand">costgate</span>
        <span class="who">
          <span data-testid="who">{session.user.username}</span>{" "}
          <span class="role-badge">{session.user.role}</span>
        </span>
        <button type="button" class="secondary" onClick={() => void signOut()}>
          Sign out
        </button>
      </header>
      <Nav path={path} open={menuOpen} onNavigate={() => setMenuOpen(false)} />
      <main id="content" tabIndex={-1} ref={main}>
        {children}
      </main>
    </div>
  );
}
