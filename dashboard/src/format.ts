// Numbers other than money, and times, as people read them.
import type { Exact } from "./money";
import { toBigInt } from "./money";

export function formatInt(value: Exact | null | undefined): string {
  return toBigInt(value ?? 0).toLocaleString("en-US");
}

export function formatPercent(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || Number.isNaN(ratio)) return "—";
  return (ratio * 100).toLocaleString("en-US", { maximumFractionDigits: 2 }) + "%";
}

export function formatTime(unixMs: number | null | undefined): string {
  if (unixMs === null || unixMs === undefined || unixMs === 0) return "—";
  return new Date(unixMs).toLocaleString("en-GB", {
    year: "numeric",
    month: "short",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  });
}

export function formatDay(iso: string): string {
  return iso.slice(0, 10);
}
