// The time range of a view: month to date (central's default), the last 7 or 30 days, or
// chosen days. Days are dates in central's time zone; `to` is exclusive, so the last day chosen
// is sent as the day after.
import { useId } from "preact/hooks";

export interface Range {
  preset: "mtd" | "7d" | "30d" | "custom";
  from: string; // YYYY-MM-DD, custom only
  to: string; // YYYY-MM-DD inclusive, custom only
}

export const MONTH_TO_DATE: Range = { preset: "mtd", from: "", to: "" };

function isoDay(date: Date): string {
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}

function addDays(day: string, days: number): string {
  const date = new Date(day + "T12:00:00Z");
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

// The analytics query parameters of a range (none: central's month to date).
export function rangeQuery(range: Range): { from?: string; to?: string } {
  const today = isoDay(new Date());
  switch (range.preset) {
    case "mtd":
      return {};
    case "7d":
      return { from: addDays(today, -6), to: addDays(today, 1) };
    case "30d":
      return { from: addDays(today, -29), to: addDays(today, 1) };
    case "custom":
      return range.from && range.to ? { from: range.from, to: addDays(range.to, 1) } : {};
  }
}

export function RangePicker({ range, onChange }: { range: Range; onChange: (range: Range) => void }) {
  const id = useId();
  return (
    <fieldset class="range">
      <legend class="sr-only">Time range</legend>
      <label for={id + "p"}>Range</label>
      <select id={id + "p"} value={range.preset} onChange={(e) => onChange({ ...range, preset: e.currentTarget.value as Range["preset"] })}>
        <option value="mtd">Month to date</option>
        <option value="7d">Last 7 days</option>
        <option value="30d">Last 30 days</option>
        <option value="custom">Choose days…</option>
      </select>
      {range.preset === "custom" && (
        <>
          <label for={id + "f"}>From</label>
          <input id={id + "f"} type="date" value={range.from} onChange={(e) => onChange({ ...range, from: e.currentTarget.value })} />
          <label for={id + "t"}>To (inclusive)</label>
          <input id={id + "t"} type="date" value={range.to} onChange={(e) => onChange({ ...range, to: e.currentTarget.value })} />
        </>
      )}
    </fieldset>
  );
}
