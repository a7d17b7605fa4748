// Browser steps for the Pricing page's book (paging, a LiteLLM import, a key's timeline, the
// load status, why a model is unpriced), the Explore page's FOCUS export, and the first-run
// Setup page. Each is one self-contained function of the shared state `t` (steps.mjs), so the
// list in steps.mjs only names them.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Central } from "./central.mjs";
import { apiText, csvFields, expect, expectText, go, rawMember } from "./steps.mjs";

const BUNDLED_LITELLM = fileURLToPath(new URL("../../pricing/data/litellm_model_prices.json", import.meta.url));
const IMPORTED_KEY = "gemini/browser-import-test";

// Waits until the rows-in-force list says it shows `expected` ("Rows 201–400 of 1,234"): the
// previous page stays on screen until its replacement arrives, so counting before that races.
async function bookPageSays(t, expected) {
  const label = t.page.getByTestId("book-page");
  await label.filter({ hasText: expected }).waitFor().catch(async () => {
    throw new Error(`the rows-in-force list says "${await label.innerText().catch(() => "(nothing)")}", expected "${expected}"`);
  });
}

// Decimal USD text ("0.00217760") -> pico-USD, exactly.
function picoOfUsd(text) {
  const negative = text.startsWith("-");
  const [whole, fraction = ""] = (negative ? text.slice(1) : text).split(".");
  const pico = BigInt(whole || "0") * 10n ** 12n + BigInt((fraction + "0".repeat(12)).slice(0, 12));
  return negative ? -pico : pico;
}

export async function pricingPagesImportAndTimeline(t) {
  await go(t, "Pricing", "Pricing");
  // Paging: 200 rows a page; Next shows the API's second page, Previous the first again.
  const total = Number(rawMember(await apiText(t, "/admin/v1/prices?limit=1"), "total"));
  expect(total > 200, `the book has ${total} rows in force: too few to page`);
  const count = total.toLocaleString("en-US");
  await bookPageSays(t, `Rows 1–200 of ${count}`);
  const firstPage = JSON.parse(await apiText(t, "/admin/v1/prices"));
  const secondPage = JSON.parse(await apiText(t, `/admin/v1/prices?after=${encodeURIComponent(firstPage.next)}`));
  const rows = t.page.locator("tr[data-price-key]");
  await t.page.getByRole("button", { name: "Next", exact: true }).click();
  await bookPageSays(t, `Rows 201–${Math.min(400, total)} of ${count}`);
  const shownFirst = await rows.first().getAttribute("data-price-key");
  expect(shownFirst === secondPage.rows[0].key, `page 2 starts at ${shownFirst}, the API's second page at ${secondPage.rows[0].key}`);
  expect((await rows.count()) === secondPage.rows.length, `page 2 shows ${await rows.count()} rows, the API ${secondPage.rows.length}`);
  await t.shot("pricing-page-2", { fullPage: true });
  await t.page.getByRole("button", { name: "Previous", exact: true }).click();
  await bookPageSays(t, `Rows 1–200 of ${count}`);
  expect((await rows.first().getAttribute("data-price-key")) === firstPage.rows[0].key, "Previous does not show the first page again");

  // Import: the bundled LiteLLM file with one model added; the page answers the diff.
  const bundled = readFileSync(BUNDLED_LITELLM, "utf8");
  const added = `{\n    "${IMPORTED_KEY}": {"litellm_provider": "gemini", "mode": "chat", "input_cost_per_token": 0.000004, "output_cost_per_token": 0.000008},`;
  const file = added + bundled.slice(bundled.indexOf("{") + 1);
  await t.page
    .locator('[aria-label="Import a LiteLLM file"]')
    .getByLabel("model_prices_and_context_window.json")
    .setInputFiles({ name: "model_prices_and_context_window.json", mimeType: "application/json", buffer: Buffer.from(file) });
  const saved = t.page.getByRole("status").filter({ hasText: "Saved:" });
  await saved.waitFor({ timeout: 20000 });
  const summary = (await saved.innerText()).trim();
  expect(summary.startsWith("Saved: 1 added, 0 changed, 0 removed"), `the import says "${summary}"`);
  // The status says what loaded the book in force, and who.
  await t.page.getByTestId("book-loaded").filter({ hasText: `Loaded by import (user:${t.admin.username})` }).waitFor();
  const status = JSON.parse(await apiText(t, "/admin/v1/prices/status"));
  expect(status.loaded?.source === "import" && status.last_attempt?.result === "ok", `GET /admin/v1/prices/status: ${JSON.stringify(status).slice(0, 300)}`);

  // The imported key, found by search (the full list stays until the answer replaces it).
  await t.page.getByRole("searchbox", { name: "Search" }).fill("browser-import");
  await bookPageSays(t, "Rows 1–1 of 1");
  expect((await rows.count()) === 1, `searching browser-import lists ${await rows.count()} rows`);
  await t.page.getByRole("button", { name: IMPORTED_KEY, exact: true }).click();
  const timeline = t.page.locator(`[aria-label="Timeline of ${IMPORTED_KEY}"]`);
  await timeline.getByRole("cell", { name: "litellm", exact: true }).waitFor();
  const api = JSON.parse(await apiText(t, `/admin/v1/prices/${IMPORTED_KEY}`));
  const shownSpans = await timeline.locator("tbody tr").count();
  expect(shownSpans === api.timeline.length, `the timeline shows ${shownSpans} rows, the API ${api.timeline.length}`);
  await timeline.getByText("$0.000004").waitFor();
  await timeline.getByRole("cell", { name: api.timeline[0].effective_from, exact: true }).waitFor();

  // The seeded no-such-model-x: unpriced because no row of the book names it.
  const unpriced = t.page.locator('tr[data-unpriced="no-such-model-x"]');
  await unpriced.waitFor();
  expect((await unpriced.getAttribute("data-reason")) === "unknown_model", `no-such-model-x is unpriced for "${await unpriced.getAttribute("data-reason")}"`);
  await unpriced.getByText("no row in the book").waitFor();
  await expectText(unpriced.getByTestId("stored-reasons"), "unknown_model × 1", "no-such-model-x's stored reason");
  await t.shot("pricing-import", { fullPage: true });
  // Its link opens Explore filtered to it; its event there shows the reason central stored.
  await unpriced.getByRole("link", { name: "no-such-model-x" }).click();
  await t.page.getByRole("heading", { level: 1, name: "Explore" }).waitFor();
  const pivotRow = t.page.getByRole("row").filter({ has: t.page.getByRole("rowheader", { name: "no-such-model-x" }) });
  await pivotRow.getByRole("button").last().click();
  await t.page.getByRole("region", { name: "Events" }).getByText("unpriced (unknown_model)").waitFor();
}

export async function exploreFocusExport(t) {
  await go(t, "Explore", "Explore");
  const summary = await apiText(t, "/admin/v1/analytics/summary");
  const [download] = await Promise.all([t.page.waitForEvent("download"), t.page.getByRole("link", { name: "Export FOCUS (CSV)" }).click()]);
  const lines = readFileSync(await download.path(), "utf8").trim().split("\r\n");
  const header = csvFields(lines[0]);
  for (const column of ["BilledCost", "EffectiveCost", "ChargePeriodStart", "ChargePeriodEnd", "ProviderName", "ServiceName", "ResourceId", "Tags"]) {
    expect(header.includes(column), `the FOCUS export's header has no ${column}: ${lines[0].slice(0, 300)}`);
  }
  const billed = header.indexOf("BilledCost");
  const start = header.indexOf("ChargePeriodStart");
  let sum = 0n;
  for (const line of lines.slice(1)) {
    const fields = csvFields(line);
    expect(/^\d{4}-\d\d-\d\dT/.test(fields[start]), `a FOCUS row's ChargePeriodStart is "${fields[start]}"`);
    sum += picoOfUsd(fields[billed]);
  }
  expect(lines.length > 1, "the FOCUS export has no rows");
  const cost = rawMember(summary, "cost_pico_usd");
  expect(sum.toString() === cost, `the FOCUS export's BilledCost sums to ${sum} pico-USD, the summary says ${cost}`);
}

// Its own central, started with no account: the setup link it prints makes the first admin.
export async function setupWithTheFirstRunLink(t) {
  const fresh = new Central(t.central.binary, t.central.staticDir);
  const context = await t.page.context().browser().newContext({ viewport: { width: 1280, height: 800 } });
  try {
    await fresh.start();
    const link = /open (http:\/\/\S+\/setup#token=\S+) to create the first admin/.exec(fresh.log)?.[1];
    expect(link, `costgate central printed no setup link:\n${fresh.log.slice(-1000)}`);
    const page = await context.newPage();
    await page.goto(link);
    await page.getByRole("heading", { name: "Create the first admin" }).waitFor();
    await page.getByLabel("Username").fill("first-admin");
    await page.getByLabel("Password", { exact: true }).fill("first-admin-pw-123");
    await page.getByLabel("Password again").fill("first-admin-pw-123");
    await page.getByRole("button", { name: "Create and sign in" }).click();
    await page.getByRole("heading", { level: 1, name: "Overview" }).waitFor();
    const session = await (await page.request.get(fresh.url + "/admin/v1/session")).json();
    expect(session.user?.username === "first-admin" && session.user?.role === "admin", `after setup the session is ${JSON.stringify(session)}`);
    await page.screenshot({ path: t.shotPath("setup-first-admin") });
    // The link works once.
    const token = new URL(link).hash.replace("#token=", "");
    const again = await fetch(fresh.url + "/admin/v1/setup", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ token, username: "second", password: "second-admin-pw-123" }),
    });
    expect(again.status === 403 || again.status === 409, `the setup link's second use answered ${again.status}`);
  } finally {
    await context.close();
    await fresh.stop();
  }
}
