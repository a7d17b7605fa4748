// The page list. Pricing joins it when its API exists (no placeholders).
import { Link } from "./Link";

export const PAGES = [
  { path: "/", label: "Overview" },
  { path: "/explore", label: "Explore" },
  { path: "/budgets", label: "Budgets" },
  { path: "/org", label: "Org" },
  { path: "/app-users", label: "App users" },
  { path: "/pricing", label: "Pricing" },
  { path: "/keys", label: "API keys" },
  { path: "/accounts", label: "Users" },
  { path: "/alerts", label: "Alerts" },
  { path: "/audit", label: "Audit log" },
] as const;

export function Nav({ path, open, onNavigate }: { path: string; open: boolean; onNavigate: () => void }) {
  return (
    <nav id="main-nav" class={open ? "nav open" : "nav"} aria-label="Pages" onClick={onNavigate}>
      <ul>
        {PAGES.map((page) => (
          <li key={page.path}>
            <Link to={page.path} current={path === page.path}>
              {page.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
