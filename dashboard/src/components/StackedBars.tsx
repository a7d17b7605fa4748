// A pivot as horizontal stacked bars: one bar per row key, split by column key, all on one
// scale (the largest row total). Widths are geometry; values are in the table below.
import { shareOf, toBigInt } from "../money";
import type { Pivot } from "../types";
import { keyLabel } from "./BarList";

export const PALETTE = ["#2563eb", "#16a34a", "#d97706", "#9333ea", "#dc2626", "#0891b2", "#65a30d", "#db2777", "#4b5563", "#ca8a04"];

export function colorOf(index: number): string {
  return PALETTE[index % PALETTE.length];
}

export function StackedBars({ pivot, format }: { pivot: Pivot; format: (v: string | number) => string }) {
  const largest = pivot.row_totals.reduce<bigint>((max, v) => (toBigInt(v) > max ? toBigInt(v) : max), 0n);
  return (
    <div class="stacked">
      <ul class="legend" aria-label="Columns">
        {pivot.cols.map((col, i) => (
          <li key={col}>
            <span class="swatch" style={{ background: colorOf(i) }} /> {keyLabel(col)}
          </li>
        ))}
      </ul>
      {pivot.rows.map((row, r) => (
        <div class="stacked-row" key={row}>
          <span class="stacked-label" title={keyLabel(row)}>
            {keyLabel(row)}
          </span>
          <div class="stacked-track" aria-hidden="true">
            {pivot.cells[r].map((cell, c) => {
              const width = shareOf(toBigInt(cell), largest);
              return width > 0 ? (
                <span
                  key={c}
                  class="stacked-part"
                  style={{ width: `${width}%`, background: colorOf(c) }}
                  title={`${keyLabel(row)} · ${keyLabel(pivot.cols[c])}: ${format(cell)}`}
                />
              ) : null;
            })}
          </div>
          <span class="num">{format(pivot.row_totals[r])}</span>
        </div>
      ))}
    </div>
  );
}
