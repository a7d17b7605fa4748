// A pivot as CSV, made in the browser from the same JSON the table shows (RFC 4180 quoting;
// money as exact decimal USD). Central's streamed export replaces this when it lands.
import { picoToDecimal, toBigInt } from "./money";
import type { Pivot, PivotMeasure } from "./types";

function cell(text: string): string {
  // A leading =, +, - or @ would be a formula in a spreadsheet: quote it as text.
  const safe = /^[=+\-@]/.test(text) ? "'" + text : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function pivotCsv(pivot: Pivot, rowsDim: string, colsDim: string, measure: PivotMeasure): string {
  const value = (v: string | number) => (measure === "cost" ? picoToDecimal(toBigInt(v)) : toBigInt(v).toString());
  const unit = measure === "cost" ? "cost_usd" : measure;
  const lines = [[`${rowsDim} \\ ${colsDim} (${unit})`, ...pivot.cols, "total"]];
  pivot.rows.forEach((row, r) => lines.push([row, ...pivot.cells[r].map(value), value(pivot.row_totals[r])]));
  lines.push(["total", ...pivot.col_totals.map(value), value(pivot.total)]);
  return lines.map((line) => line.map(cell).join(",")).join("\r\n") + "\r\n";
}

export function download(name: string, text: string, type = "text/csv"): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
