// The dashboard's pure modules under node:test: money kept exact from JSON to text.
// `npm test` in dashboard/: bundles the TypeScript with esbuild (no browser), then runs the
// tests in test/*.test.mjs against the bundle. Exit 77 (CTest: skipped) without node_modules,
// unless COSTGATE_REQUIRE_DASHBOARD_TESTS is set.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { run } from "node:test";
import { spec } from "node:test/reporters";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
let build;
try {
  ({ build } = await import("esbuild"));
} catch {
  const reason = "esbuild is not installed: run `npm ci` in dashboard/ (scripts/build-dashboard.sh does)";
  console.log(process.env.COSTGATE_REQUIRE_DASHBOARD_TESTS ? `FAIL: ${reason}` : `SKIPPED: ${reason}`);
  process.exit(process.env.COSTGATE_REQUIRE_DASHBOARD_TESTS ? 1 : 77);
}
const out = mkdtempSync(path.join(tmpdir(), "costgate-dashboard-test-"));
process.env.COSTGATE_DASHBOARD_MODULES = out;
await build({
  entryPoints: ["money.ts", "json.ts", "csv.ts"].map((name) => path.join(here, "../src", name)),
  outdir: out,
  format: "esm",
  bundle: true,
  outExtension: { ".js": ".mjs" },
  logLevel: "error",
});
const files = readdirSync(here).filter((name) => name.endsWith(".test.mjs")).map((name) => path.join(here, name));
let failed = false;
const stream = run({ files }).on("test:fail", () => (failed = true));
stream.compose(spec).pipe(process.stdout);
await new Promise((resolve) => stream.on("end", resolve));
rmSync(out, { recursive: true, force: true });
process.exitCode = failed ? 1 : 0;
