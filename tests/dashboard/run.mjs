// The dashboard in a real browser against a real central (tests/CMakeLists.txt: dashboard_browser).
//   node tests/dashboard/run.mjs --costgate BIN --dist DIR --screenshots DIR
// Starts `costgate central` with the built dashboard, makes an admin and a viewer and an ingest
// key with the CLI, records a small dataset, then drives Debian's chromium through every page
// (steps.mjs), saving a screenshot of each. Exit 0: every step passed; 77 (CTest: skipped) when
// chromium, the built dashboard or playwright-core is missing and COSTGATE_REQUIRE_DASHBOARD_TESTS
// is unset, or when this costgate lacks an API a step needs; 1: a step failed.
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { APPS, Central, seed } from "./central.mjs";
import { STEPS } from "./steps.mjs";

const SKIP = 77;
const CHROMIUM = process.env.COSTGATE_CHROMIUM || "/usr/bin/chromium";
const here = path.dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: {
    costgate: { type: "string" },
    dist: { type: "string", default: path.join(here, "../../dashboard/dist") },
    screenshots: { type: "string", default: path.join(here, "../../build/dashboard-screenshots") },
  },
});

function skipOrFail(reason) {
  if (process.env.COSTGATE_REQUIRE_DASHBOARD_TESTS) {
    console.error(`FAIL: ${reason} (COSTGATE_REQUIRE_DASHBOARD_TESTS is set: scripts/test.sh installs chromium and builds the dashboard)`);
    process.exit(1);
  }
  console.log(`SKIPPED: ${reason}. scripts/test.sh installs chromium (scripts/install-deps.sh --test) and builds the dashboard (scripts/build-dashboard.sh).`);
  process.exit(SKIP);
}

function loadPlaywright() {
  // playwright-core is one of the dashboard's devDependencies: one `npm ci` serves both.
  try {
    return createRequire(path.join(here, "../../dashboard/package.json"))("playwright-core");
  } catch {
    return null;
  }
}

if (!args.costgate || !existsSync(args.costgate)) {
  console.error(`FAIL: no costgate binary at ${args.costgate}`);
  process.exit(1);
}
if (!existsSync(path.join(args.dist, "index.html"))) skipOrFail(`the dashboard is not built (no ${args.dist}/index.html)`);
if (!existsSync(CHROMIUM)) skipOrFail(`no chromium at ${CHROMIUM}`);
const playwright = loadPlaywright();
if (!playwright) skipOrFail("playwright-core is not installed (npm ci in dashboard/)");

const started = Date.now();
const central = new Central(args.costgate, path.resolve(args.dist));
let browser;
const results = [];
try {
  await central.start();
  const t = { central, admin: { username: "ada", password: "ada-browser-test-pw" }, viewer: { username: "vic", password: "vic-browser-test-pw" } };

  // What this costgate has: the auth API (with its CLI) and the analytics API arrive on other
  // branches; a step that needs one this binary lacks is reported as waiting for it.
  const features = { auth: true, analytics: true };
  try {
    central.cli(["admin", "create", "--user", t.admin.username, "--role", "admin", "--password-stdin"], t.admin.password + "\n");
    central.cli(["admin", "create", "--user", t.viewer.username, "--role", "viewer", "--password-stdin"], t.viewer.password + "\n");
  } catch (error) {
    features.auth = false;
    console.log(`note: no accounts (${error.message.split("\n")[0]})`);
  }
  const ingestKeys = Object.fromEntries(
    APPS.map((app) => [app, central.cli(["keys", "create", "--name", `seed-${app}`, "--source-app", app, "--scopes", "record"]).split("\n")[0]]),
  );
  const adminKey = central.cli(["keys", "create", "--name", "probe", "--scopes", "admin"]).split("\n")[0];
  await seed(central, ingestKeys);
  const probe = await fetch(central.url + "/admin/v1/analytics/summary", { headers: { "X-API-Key": adminKey } });
  if (probe.status === 404) features.analytics = false;

  browser = await playwright.chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: process.getuid?.() === 0 ? ["--no-sandbox"] : [],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  context.setDefaultTimeout(8000);
  t.page = await context.newPage();
  const pageErrors = [];
  t.page.on("pageerror", (error) => pageErrors.push(error.message));
  // This run's pictures only: a failure's screenshot from an earlier run would mislead.
  rmSync(args.screenshots, { recursive: true, force: true });
  mkdirSync(args.screenshots, { recursive: true });
  t.shotPath = (name) => path.join(args.screenshots, `${name}.png`);
  t.shot = (name, options = {}) => t.page.screenshot({ path: t.shotPath(name), ...options });

  let failedBefore = false;
  for (const step of STEPS) {
    const missing = step.needs.filter((need) => !features[need]);
    if (missing.length) {
      results.push({ step, status: "waiting", detail: `needs the ${missing.join(" and ")} API, which this costgate lacks` });
      continue;
    }
    if (failedBefore) {
      results.push({ step, status: "not run", detail: "an earlier step failed" });
      continue;
    }
    const stepStart = Date.now();
    try {
      await step.run(t);
      if (pageErrors.length) throw new Error(`the page threw: ${pageErrors.join("; ")}`);
      results.push({ step, status: "ok", detail: `${Date.now() - stepStart} ms` });
    } catch (error) {
      failedBefore = true;
      const shot = `failed-${results.length}`;
      await t.shot(shot).catch(() => {});
      results.push({ step, status: "FAIL", detail: `${error.message.split("\n").slice(0, 6).join("\n    ")}\n    (screenshot ${shot}.png)` });
    }
  }
  if (!features.auth) {
    // Before sign-in exists, the app must say so rather than show a blank page.
    await t.page.goto(central.url + "/");
    await t.page.getByRole("alert").waitFor().catch(() => {});
    await t.shot("no-auth-api");
  }
} catch (error) {
  results.push({ step: { name: "setup" }, status: "FAIL", detail: error.stack + "\n" + central.log.slice(-2000) });
} finally {
  await browser?.close();
  await central.stop();
}

for (const { step, status, detail } of results) console.log(`${status.padEnd(7)} ${step.name}${detail ? ` (${detail})` : ""}`);
console.log(`screenshots: ${args.screenshots}; ${((Date.now() - started) / 1000).toFixed(1)} s`);
if (results.some((r) => r.status === "FAIL" || r.status === "not run")) process.exit(1);
if (results.some((r) => r.status === "waiting")) {
  console.log("SKIPPED: some steps wait for APIs this costgate does not have yet (see above)");
  process.exit(SKIP);
}
