import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";

const dir = process.env.COSTGATE_DASHBOARD_MODULES;
const money = await import(path.join(dir, "money.mjs"));
const json = await import(path.join(dir, "json.mjs"));
const csv = await import(path.join(dir, "csv.mjs"));

test("pico-USD prints every digit, at least cents, grouped", () => {
  assert.equal(money.formatPico("746100000"), "$0.0007461");
  assert.equal(money.formatPico(0), "$0.00");
  assert.equal(money.formatPico("10000000000000"), "$10.00");
  assert.equal(money.formatPico("12345678901234567"), "$12,345.678901234567");
  assert.equal(money.formatPico("-1500000000000"), "-$1.50");
  assert.equal(money.formatPico("1"), "$0.000000000001");
});

test("cards round half up to the cent from $1, keep every digit below", () => {
  assert.equal(money.formatPicoCompact("1004999999999"), "$1.00");
  assert.equal(money.formatPicoCompact("1005000000000"), "$1.01");
  assert.equal(money.formatPicoCompact("999999999999"), "$0.999999999999");
  assert.equal(money.formatPicoCompact("-2345000000000"), "-$2.35");
});

test("decimal USD reads to pico-USD exactly, or not at all", () => {
  assert.equal(money.usdToPico("12.34"), 12340000000000n);
  assert.equal(money.usdToPico("1e-3"), 1000000000n);
  assert.equal(money.usdToPico("-0.5"), -500000000000n);
  assert.equal(money.usdToPico("0.0000000000001"), null); // finer than a pico-dollar
  assert.equal(money.usdToPico("12,50"), null);
  assert.equal(money.formatUsd(0.0007461), "$0.0007461");
  assert.equal(money.formatUsd("1e-7"), "$0.0000001");
  assert.equal(money.formatUsd(null), "—");
});

test("money in JSON arrives as text, past 2^53 too; other numbers stay numbers", () => {
  const parsed = json.parseExactJson(
    '{"cost_usd": 0.1, "cost_pico_usd":123456789012345678, "calls":5, "rate":0.0123,' +
      '"cells":[[12345678901234567890,3],[-1.5e3]], "name":"a\\"b: 1", "x_usd":null}',
  );
  assert.deepEqual(parsed, {
    cost_usd: "0.1",
    cost_pico_usd: "123456789012345678",
    calls: 5,
    rate: 0.0123,
    cells: [["12345678901234567890", 3], [-1500]],
    name: 'a"b: 1',
    x_usd: null,
  });
  assert.equal(money.formatPico(parsed.cost_pico_usd), "$123,456.789012345678");
});

test("a pivot's CSV has exact decimals, quoted text and a total line", () => {
  const pivot = {
    rows: ["gemini-2.5-pro", "a,b"],
    cols: ["video-app", "=cmd"],
    cells: [["1500000000000", 0], [1, "2"]],
    row_totals: ["1500000000000", 3],
    col_totals: ["1500000000001", "2"],
    total: "1500000000003",
  };
  assert.equal(
    csv.pivotCsv(pivot, "model", "source_app", "cost"),
    "model \\ source_app (cost_usd),video-app,'=cmd,total\r\n" +
      "gemini-2.5-pro,1.5,0,1.5\r\n" +
      '"a,b",0.000000000001,0.000000000002,0.000000000003\r\n' +
      "total,1.500000000001,0.000000000002,1.500000000003\r\n",
  );
});
