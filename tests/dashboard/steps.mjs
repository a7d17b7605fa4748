// The browser steps, in order. Each takes the shared state `t` ({page, central, api, shots,
// ...}) and throws an Error whose message says what was expected and what was seen.
import { exploreFocusExport, pricingPagesImportAndTimeline, setupWithTheFirstRunLink } from "./pricing_steps.mjs";

// pico-USD integer text -> "$1,234.5678" (every digit, at least cents): written apart from the
// dashboard's money.ts on purpose, so a bug there cannot agree with itself.
export function usdText(picoText) {
  const negative = picoText.startsWith("-");
  const digits = (negative ? picoText.slice(1) : picoText).padStart(13, "0");
  const whole = digits.slice(0, -12).replace(/^0+(?=\d)/, "");
  let fraction = digits.slice(-12).replace(/0+$/, "");
  fraction = fraction.padEnd(2, "0");
  return (negative ? "-" : "") + "$" + whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + "." + fraction;
}

// As a card shows it: from $1 up rounded half up to the cent, below $1 every digit.
export function usdCardText(picoText) {
  const pico = BigInt(picoText);
  const abs = pico < 0n ? -pico : pico;
  if (abs < 10n ** 12n) return usdText(picoText);
  const cents = (abs + 5n * 10n ** 9n) / 10n ** 10n;
  return usdText(((pico < 0n ? -cents : cents) * 10n ** 10n).toString());
}

// The first `"name": value` of a JSON text, as written (no float in between).
export function rawMember(text, name) {
  const match = new RegExp(`"${name}"\\s*:\\s*("(?:[^"\\\\]|\\\\.)*"|[-0-9.eE+]+|null|true|false)`).exec(text);
  if (!match) throw new Error(`no "${name}" in ${text.slice(0, 300)}`);
  return match[1].startsWith('"') ? JSON.parse(match[1]) : match[1];
}

export function expect(condition, message) {
  if (!condition) throw new Error(message);
}

export async function expectText(locator, expected, what) {
  const text = (await locator.innerText()).trim();
  expect(text === expected, `${what}: expected "${expected}", the page shows "${text}"`);
}

export async function apiText(t, path) {
  const response = await t.page.request.get(t.central.url + path);
  const body = await response.text();
  expect(response.ok(), `GET ${path} answered ${response.status()}: ${body.slice(0, 300)}`);
  return body;
}

export async function go(t, label, heading) {
  await t.page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: label, exact: true }).click();
  await t.page.getByRole("heading", { level: 1, name: heading }).waitFor();
}

async function signIn(t, username, password) {
  await t.page.goto(t.central.url + "/");
  await t.page.getByLabel("Username").fill(username);
  await t.page.getByLabel("Password").fill(password);
  await t.page.getByRole("button", { name: "Sign in" }).click();
  await t.page.getByRole("heading", { level: 1, name: "Overview" }).waitFor();
}

async function signOut(t) {
  await t.page.getByRole("button", { name: "Sign out" }).click();
  await t.page.getByRole("heading", { name: "Sign in" }).waitFor();
  const after = await t.page.request.get(t.central.url + "/admin/v1/session");
  expect(after.status() === 401, `after signing out GET /admin/v1/session answered ${after.status()}, not 401`);
}

// The fields of one CSV line (RFC 4180 quoting).
export function csvFields(line) {
  const fields = [""];
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') {
      if (quoted && line[i + 1] === '"') {
        fields[fields.length - 1] += '"';
        i++;
      } else {
        quoted = !quoted;
      }
    } else if (c === "," && !quoted) {
      fields.push("");
    } else {
      fields[fields.length - 1] += c;
    }
  }
  return fields;
}

export const STEPS = [
  {
    name: "central serves the built dashboard with its caching headers",
    needs: [],
    run: async (t) => {
      const index = await fetch(t.central.url + "/explore");
      const html = await index.text();
      expect(index.status === 200 && html.includes('<div id="app">'), `GET /explore answered ${index.status} without the app's index.html`);
      expect(index.headers.get("cache-control") === "no-cache", `index.html Cache-Control is "${index.headers.get("cache-control")}", not no-cache`);
      const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
      expect(assets.length >= 2, `index.html names ${assets.length} assets, expected the script and the stylesheet`);
      for (const asset of assets) {
        const response = await fetch(t.central.url + asset);
        const cache = response.headers.get("cache-control");
        expect(response.status === 200, `GET ${asset} answered ${response.status}`);
        // central takes a name's last part for a content hash when it mixes letters and digits;
        // Vite writes 12 hex digits, all digits about once in 250 builds (then 5 minutes).
        const hash = /-([0-9a-f]{12})\.\w+$/.exec(asset)?.[1] ?? "";
        expect(hash !== "", `${asset} does not end in Vite's 12-hex-digit hash (dashboard/vite.config.ts)`);
        const expected = /[a-f]/.test(hash) ? "public, max-age=31536000, immutable" : "public, max-age=300";
        expect(cache === expected, `${asset} Cache-Control is "${cache}", expected "${expected}"`);
      }
    },
  },
  {
    name: "sign-in page (the auth API answers)",
    needs: ["auth"],
    run: async (t) => {
      await t.page.goto(t.central.url + "/");
      await t.page.getByRole("heading", { name: "Sign in" }).waitFor({ timeout: 5000 }).catch(async () => {
        throw new Error(`no sign-in form; the page says: ${(await t.page.locator("body").innerText()).slice(0, 300)}`);
      });
      await t.shot("login");
      // The first-run page without its token says where the link comes from.
      await t.page.goto(t.central.url + "/setup");
      await t.page.getByText("needs the setup link").waitFor();
      await t.shot("setup");
      await t.page.goto(t.central.url + "/");
      await t.page.getByRole("heading", { name: "Sign in" }).waitFor();
      await t.page.getByLabel("Username").fill(t.admin.username);
      await t.page.getByLabel("Password").fill("wrong password");
      await t.page.getByRole("button", { name: "Sign in" }).click();
      await t.page.getByRole("alert").filter({ hasText: "invalid_credentials" }).waitFor();
    },
  },
  {
    name: "admin signs in and sees the Overview KPIs equal to /admin/v1/analytics/summary",
    needs: ["auth", "analytics"],
    run: async (t) => {
      await signIn(t, t.admin.username, t.admin.password);
      await t.page.locator('[data-kpi="cost"]').waitFor();
      const summary = await apiText(t, "/admin/v1/analytics/summary");
      const cost = rawMember(summary, "cost_pico_usd");
      expect(cost !== "0", "the seeded dataset costs nothing: the KPI check would prove little");
      for (const [kpi, member] of [["cost", "cost_pico_usd"], ["calls", "calls"], ["tokens", "tokens"], ["unpriced_calls", "unpriced_calls"]]) {
        const shown = await t.page.locator(`[data-kpi="${kpi}"]`).getAttribute("data-value");
        const api = rawMember(summary, member);
        expect(shown === api, `KPI ${kpi}: the page holds ${shown}, the API says ${api}`);
      }
      await expectText(t.page.locator('[data-kpi="cost"] .kpi-value'), usdCardText(cost), "the Spend KPI");
      const exact = await t.page.locator('[data-kpi="cost"] .kpi-value').getAttribute("title");
      expect(exact === usdText(cost), `the Spend KPI's exact amount is ${exact}, the API says ${usdText(cost)}`);
      await expectText(t.page.locator('[data-kpi="calls"] .kpi-value'), Number(rawMember(summary, "calls")).toLocaleString("en-US"), "the Calls KPI");
      await t.page.getByRole("region", { name: "Top models" }).getByText("gemini-2.5-pro").waitFor();
      await t.page.locator(".uplot").waitFor();
      await t.shot("overview");
    },
  },
  {
    name: "Explore: pivot total equals the API's, drill-down to events with paging, CSV download",
    needs: ["auth", "analytics"],
    run: async (t) => {
      await go(t, "Explore", "Explore");
      const pivot = await apiText(t, "/admin/v1/analytics/pivot?rows=model&cols=source_app&measure=cost&limit=10");
      await expectText(t.page.getByTestId("pivot-total"), usdText(rawMember(pivot, "total")), "the pivot's total");
      await t.shot("explore");
      // gemini-2.5-flash was called 4 times (DATASET): its row total opens those events.
      const row = t.page.getByRole("row").filter({ has: t.page.getByRole("rowheader", { name: "gemini-2.5-flash" }) });
      await row.getByRole("button").last().click();
      const events = t.page.getByRole("region", { name: "Events" });
      await events.locator("tbody tr").first().waitFor();
      const count = await events.locator("tbody tr").count();
      expect(count === 4, `the drill-down of gemini-2.5-flash lists ${count} events, expected 4`);
      await t.shot("explore-events");
      // 55 calls of gemini-2.0-flash-lite: a first page of 50, then the rest through "next".
      await events.getByRole("button", { name: "Close" }).click();
      const lite = t.page.getByRole("row").filter({ has: t.page.getByRole("rowheader", { name: "gemini-2.0-flash-lite" }) });
      await lite.getByRole("button").last().click();
      await events.locator("tbody tr").nth(49).waitFor();
      const firstPage = await events.locator("tbody tr").count();
      expect(firstPage === 50, `the first page of gemini-2.0-flash-lite's events has ${firstPage} rows, expected 50`);
      await events.getByRole("button", { name: /^Load 50 more/ }).click();
      await events.locator("tbody tr").nth(54).waitFor();
      const all = await events.locator("tbody tr").count();
      expect(all === 55, `after "Load more" the drill-down lists ${all} events, expected 55`);
      expect((await events.getByRole("button", { name: /^Load/ }).count()) === 0, "Load more still shows after the last page");
      const [download] = await Promise.all([t.page.waitForEvent("download"), t.page.getByRole("button", { name: "Download CSV" }).click()]);
      const file = await download.path();
      const csv = (await import("node:fs")).readFileSync(file, "utf8");
      const totalLine = csv.trim().split("\r\n").at(-1);
      const decimal = usdText(rawMember(pivot, "total")).replace(/[$,]/g, "").replace(/\.?0+$/, "").replace(/\.$/, "");
      expect(totalLine.startsWith("total,") && totalLine.endsWith("," + decimal), `the CSV's last line is "${totalLine}", expected the total ${decimal}`);
      expect(download.suggestedFilename().endsWith(".csv"), `the download is named ${download.suggestedFilename()}`);
    },
  },
  {
    name: "Budgets: create one, see it with its limit",
    needs: ["auth"],
    run: async (t) => {
      await go(t, "Budgets", "Budgets");
      await t.page.getByRole("button", { name: "New budget" }).click();
      const form = t.page.getByRole("form", { name: "New budget" });
      await form.getByLabel("Name").fill("browser-test");
      await form.getByLabel("Limit (USD)").fill("12.34");
      await form.getByRole("button", { name: "Create budget" }).click();
      const card = t.page.locator('[data-budget="browser-test"]');
      await card.waitFor();
      await card.getByText("$12.34").waitFor();
      const budgets = await apiText(t, "/admin/v1/budgets");
      expect(budgets.includes('"amount_pico_usd":12340000000000'), `GET /admin/v1/budgets has no 12.34 USD budget: ${budgets.slice(0, 300)}`);
      await t.shot("budgets");
    },
  },
  {
    name: "one number: the Overview's spend, the summary, the streamed events export and the budget's spend agree to the pico-dollar",
    needs: ["auth", "analytics"],
    run: async (t) => {
      const summary = await apiText(t, "/admin/v1/analytics/summary");
      const cost = rawMember(summary, "cost_pico_usd");
      await go(t, "Overview", "Overview");
      await t.page.locator('[data-kpi="cost"]').waitFor();
      const shown = await t.page.locator('[data-kpi="cost"]').getAttribute("data-value");
      await go(t, "Explore", "Explore");
      const [download] = await Promise.all([
        t.page.waitForEvent("download"),
        t.page.getByRole("link", { name: "Export events (CSV)" }).click(),
      ]);
      const lines = (await import("node:fs")).readFileSync(await download.path(), "utf8").trim().split("\r\n");
      const column = csvFields(lines[0]).indexOf("cost_pico_usd");
      expect(column >= 0, `the export's header has no cost_pico_usd: ${lines[0].slice(0, 200)}`);
      let exported = 0n;
      for (const line of lines.slice(1)) {
        const field = csvFields(line)[column];
        if (field) exported += BigInt(field);
      }
      expect(lines.length - 1 === Number(rawMember(summary, "calls")), `the export has ${lines.length - 1} events, the summary ${rawMember(summary, "calls")} calls`);
      const budgets = await apiText(t, "/admin/v1/budgets");
      const mine = budgets.slice(budgets.indexOf('"name":"browser-test"'));
      const spent = rawMember(mine, "spent_pico_usd");
      expect(
        shown === cost && exported.toString() === cost && spent === cost,
        `one number broken: Overview ${shown}, summary ${cost}, CSV export ${exported}, budget ${spent} (pico-USD)`,
      );
    },
  },
  {
    name: "Explore: the FOCUS export link's CSV has the FOCUS columns and its BilledCost sums to the summary's cost",
    needs: ["auth", "analytics"],
    run: exploreFocusExport,
  },
  {
    name: "API keys: create (secret shown once), revoke",
    needs: ["auth"],
    run: async (t) => {
      await go(t, "API keys", "API keys");
      const form = t.page.getByRole("form", { name: "New API key" });
      await form.getByLabel("Name").fill("browser-key");
      await form.getByLabel("App (source_app)").fill("browser-app");
      await form.getByRole("button", { name: "Create key" }).click();
      const secret = (await t.page.getByTestId("secret").innerText()).trim();
      expect(secret.length >= 20, `the dialog shows "${secret}" as the secret`);
      await t.shot("keys-secret");
      await t.page.getByRole("button", { name: "I have stored it" }).click();
      const html = await t.page.content();
      expect(!html.includes(secret), "the secret is still in the page after its dialog closed");
      const keys = await apiText(t, "/admin/v1/keys");
      expect(!keys.includes(secret), "GET /admin/v1/keys returns the secret");
      const row = t.page.locator('tr[data-key="browser-key"]');
      await row.getByRole("button", { name: "Revoke" }).click();
      await row.getByRole("button", { name: "Revoke browser-key" }).click();
      await row.getByText("revoked").waitFor();
      const used = await fetch(t.central.url + "/v1/usage/record", { method: "POST", headers: { "X-API-Key": secret, "Content-Type": "application/json" }, body: "{}" });
      expect(used.status === 401, `the revoked key is still admitted (POST /v1/usage/record answered ${used.status})`);
      await t.shot("keys");
    },
  },
  {
    name: "Pricing: the book, an override added (listed, in force) and deleted, unpriced models",
    needs: ["auth"],
    run: async (t) => {
      await go(t, "Pricing", "Pricing");
      await t.page.getByTestId("book-version").waitFor();
      await t.page.getByRole("button", { name: "gemini/gemini-2.5-flash", exact: true }).waitFor();
      const form = t.page.getByRole("form", { name: "New override" });
      await form.getByLabel("Price key").fill("gemini/gemini-2.5-flash");
      await form.getByLabel("In force from (UTC date or RFC 3339)").fill("2020-01-01");
      await form.getByLabel("USD per input token").fill("0.000001");
      await form.getByLabel("USD per output token").fill("0.000002");
      await form.getByRole("button", { name: "Add override" }).click();
      const row = t.page.locator('tr[data-override="gemini/gemini-2.5-flash"]');
      await row.waitFor();
      await row.getByText("$0.000001", { exact: false }).first().waitFor();
      const book = await apiText(t, "/admin/v1/prices/gemini/gemini-2.5-flash");
      expect(book.includes('"origin":"override"'), `the override is not in force: ${book.slice(0, 300)}`);
      await t.shot("pricing");
      await row.getByRole("button", { name: "Delete" }).click();
      await row.getByRole("button", { name: "Delete override of gemini/gemini-2.5-flash" }).click();
      await row.waitFor({ state: "detached" });
      const audit = await apiText(t, "/admin/v1/audit");
      expect(audit.includes("price.override.create") && audit.includes("price.override.delete"), "the override's changes are not in the audit log");
    },
  },
  {
    name: "Pricing: rows in force paged (Next, Previous), a LiteLLM file imported through the page, its key's timeline, the load status, why a model is unpriced",
    needs: ["auth", "analytics"],
    run: pricingPagesImportAndTimeline,
  },
  {
    name: "Users, Alerts and Audit log pages load (the budget's creation is in the audit log)",
    needs: ["auth"],
    run: async (t) => {
      await go(t, "Users", "Users");
      await t.page.locator(`tr[data-account="${t.viewer.username}"]`).waitFor();
      await t.shot("accounts");
      await go(t, "Alerts", "Alerts");
      await t.page.locator(".state, table").first().waitFor();
      await t.shot("alerts");
      await go(t, "Audit log", "Audit log");
      await t.page.getByRole("cell", { name: "budget.create" }).first().waitFor();
      await t.shot("audit");
    },
  },
  {
    name: "Org: create a workspace and a team, bulk-assign an unassigned project; App users: search and edit a name",
    needs: ["auth"],
    run: async (t) => {
      await go(t, "Org", "Org");
      const form = t.page.getByRole("form", { name: "New workspace" });
      await form.getByLabel("Id (the label apps send)").fill("customer-experience");
      await form.getByLabel("Name").fill("Customer experience");
      await form.getByRole("button", { name: "Create workspace" }).click();
      const card = t.page.locator('[data-workspace="customer-experience"]');
      await card.waitFor();
      await card.getByLabel("New team id in Customer experience").fill("support");
      await card.getByRole("button", { name: "Add team" }).click();
      await card.locator('[data-team="support"]').waitFor();
      // The seeded calls name ford-q3 and acme-launch (in both apps): mirrored, Unassigned until placed.
      const row = t.page.locator('tr[data-unassigned="chatbot/acme-launch"]');
      await row.getByRole("checkbox").check();
      await t.page.getByRole("form", { name: "Assign projects" }).getByLabel("Assign to").selectOption("customer-experience/support");
      await t.page.getByRole("button", { name: /^Assign 1 selected/ }).click();
      await card.locator('[data-team="support"] [data-project="chatbot/acme-launch"]').waitFor();
      expect((await t.page.locator('tr[data-unassigned="chatbot/acme-launch"]').count()) === 0, "chatbot's acme-launch is still listed as Unassigned");
      expect((await t.page.locator('tr[data-unassigned="video-app/acme-launch"]').count()) === 1, "video-app's acme-launch left Unassigned too");
      const projects = await apiText(t, "/admin/v1/projects?workspace=customer-experience");
      expect(projects.includes('"external_id":"acme-launch"') && projects.includes('"team_id":"support"'), `GET /admin/v1/projects?workspace=customer-experience: ${projects.slice(0, 300)}`);
      await t.shot("org", { fullPage: true });
      await go(t, "App users", "App users");
      await t.page.getByRole("search").getByLabel("Search").fill("caro");
      await t.page.getByRole("search").getByRole("button", { name: "Search" }).click();
      const carol = t.page.locator('tr[data-user="carol"]');
      await carol.waitFor();
      // The full list stays until the search's answer replaces it: wait for the others to go.
      await t.page
        .locator('tr[data-user]:not([data-user="carol"])')
        .first()
        .waitFor({ state: "detached", timeout: 5000 })
        .catch(() => {});
      expect((await t.page.locator("tr[data-user]").count()) === 1, "searching for caro lists more than carol");
      await carol.getByRole("button", { name: "Edit" }).click();
      const dialog = t.page.getByRole("dialog", { name: "Edit carol" });
      await dialog.getByLabel("Name").fill("Carol Diaz");
      await dialog.getByRole("button", { name: "Save" }).click();
      await carol.getByText("Carol Diaz").waitFor();
      await t.shot("app-users");
    },
  },
  {
    name: "App users: bulk-assign two users to a team, and central agrees",
    needs: ["auth"],
    run: async (t) => {
      // Through Org, so that App users opens afresh (no search left from the step before).
      await go(t, "Org", "Org");
      await go(t, "App users", "App users");
      const alice = t.page.locator('tr[data-user-key="video-app/alice"]');
      const bob = t.page.locator('tr[data-user-key="chatbot/bob"]');
      await alice.getByRole("checkbox").check();
      await bob.getByRole("checkbox").check();
      const form = t.page.getByRole("form", { name: "Assign users" });
      await form.getByLabel("Assign to").selectOption("customer-experience/support");
      await form.getByRole("button", { name: "Assign 2 selected" }).click();
      // The list reloads after central's answer: wait for it, then read every place.
      await alice.locator("[data-place]", { hasText: "Customer experience › support" }).waitFor();
      await expectText(alice.locator("[data-place]"), "Customer experience › support", "alice's place");
      await expectText(bob.locator("[data-place]"), "Customer experience › support", "chatbot's bob's place");
      await expectText(t.page.locator('tr[data-user-key="video-app/bob"] [data-place]'), "Unassigned", "video-app's bob's place");
      const users = JSON.parse(await apiText(t, "/admin/v1/users?workspace=customer-experience"));
      const placed = users.users.map((u) => `${u.source_app}/${u.external_id}/${u.workspace_id}/${u.team_id}`).sort();
      expect(
        JSON.stringify(placed) === JSON.stringify(["chatbot/bob/customer-experience/support", "video-app/alice/customer-experience/support"]),
        `GET /admin/v1/users?workspace=customer-experience lists ${JSON.stringify(placed)}`,
      );
      // Unassigned only: the three left (video-app's bob, carol, dan).
      await t.page.getByRole("search").getByLabel("Unassigned only").check();
      await alice.waitFor({ state: "detached" });
      await t.page.locator('tr[data-user-key="chatbot/dan"]').waitFor();
      const left = await t.page.locator("tr[data-user-key]").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-user-key")).sort());
      expect(JSON.stringify(left) === JSON.stringify(["chatbot/carol", "chatbot/dan", "video-app/bob"]), `Unassigned only lists ${JSON.stringify(left)}`);
      await t.shot("app-users-assigned");
    },
  },
  {
    name: "phone size: the nav collapses behind Menu",
    needs: ["auth"],
    run: async (t) => {
      await t.page.setViewportSize({ width: 390, height: 844 });
      const nav = t.page.getByRole("navigation", { name: "Pages" });
      expect(!(await nav.isVisible()), "the nav shows on a phone before Menu is pressed");
      await t.page.getByRole("button", { name: "Menu" }).click();
      await nav.getByRole("link", { name: "Overview" }).click();
      await t.page.getByRole("heading", { level: 1, name: "Overview" }).waitFor();
      await t.page.waitForTimeout(200);
      await t.shot("phone-overview", { fullPage: true });
      await t.page.setViewportSize({ width: 1280, height: 800 });
    },
  },
  {
    name: "admin signs out",
    needs: ["auth"],
    run: signOut,
  },
  {
    name: "viewer: no edit controls, and central refuses a change",
    needs: ["auth"],
    run: async (t) => {
      await signIn(t, t.viewer.username, t.viewer.password);
      await go(t, "Budgets", "Budgets");
      await t.page.locator('[data-budget="browser-test"]').waitFor();
      expect((await t.page.getByRole("button", { name: "New budget" }).count()) === 0, "a viewer sees New budget");
      expect((await t.page.getByRole("button", { name: /^Edit budget/ }).count()) === 0, "a viewer sees Edit");
      await t.shot("viewer-budgets");
      await go(t, "Org", "Org");
      await t.page.locator('[data-workspace="customer-experience"]').waitFor();
      expect((await t.page.getByRole("button", { name: /^(Create workspace|Rename|Delete|Add team|Assign)/ }).count()) === 0, "a viewer sees Org edit controls");
      await t.shot("viewer-org", { fullPage: true });
      await go(t, "App users", "App users");
      await t.page.locator('tr[data-user="carol"]').waitFor();
      expect((await t.page.getByRole("button", { name: /^(Edit|Assign)/ }).count()) === 0, "a viewer sees Edit or Assign on App users");
      await t.shot("viewer-app-users");
      // The server's answer, not only the hidden button: a change with the session's own token.
      const refused = await t.page.evaluate(async () => {
        const session = await (await fetch("/admin/v1/session", { credentials: "same-origin" })).json();
        const response = await fetch("/admin/v1/budgets", {
          method: "POST",
          credentials: "same-origin",
          headers: { "Content-Type": "application/json", "X-CSRF-Token": session.csrf_token },
          body: JSON.stringify({ name: "viewer-made", amount_usd: "1", period: "monthly" }),
        });
        return { status: response.status, body: await response.text() };
      });
      expect(refused.status === 403 && refused.body.includes("forbidden_role"), `a viewer's POST /admin/v1/budgets answered ${refused.status} ${refused.body}`);
      await signOut(t);
    },
  },
  {
    name: "Setup: a fresh central's first-run link creates the first admin and signs them in, once",
    needs: ["auth"],
    run: setupWithTheFirstRunLink,
  },
];
