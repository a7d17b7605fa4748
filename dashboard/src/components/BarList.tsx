// A top-N list: each key with its spend as text and as a bar relative to the range's total.
import { formatInt } from "../format";
import { formatPico, formatPicoCompact, shareOf, toBigInt } from "../money";
import type { Breakdown } from "../types";

export function keyLabel(key: string): string {
  return key === "" ? "Unassigned" : key;
}

export function BarList({ breakdown }: { breakdown: Breakdown }) {
  const total = toBigInt(breakdown.total.cost_pico_usd);
  return (
    <>
      {breakdown.rows.length === 0 ? (
        <p class="muted">No calls in this range.</p>
      ) : (
        <ol class="bar-list">
          {breakdown.rows.map((row) => {
            const cost = toBigInt(row.cost_pico_usd);
            return (
              <li key={row.key}>
                <div class="bar-row">
                  <span class={row.key === "" ? "muted" : ""}>{keyLabel(row.key)}</span>
                  <span class="num" title={formatPico(row.cost_pico_usd)}>
                    {formatPicoCompact(row.cost_pico_usd)}
                  </span>
                </div>
                <div class="bar-track" aria-hidden="true">
                  <div class="bar-fill" style={{ width: `${shareOf(cost, total)}%` }} />
                </div>
                <div class="bar-sub muted">{formatInt(row.calls)} calls</div>
              </li>
            );
          })}
          {breakdown.other && toBigInt(breakdown.other.calls) > 0n && (
            <li class="muted">
              <div class="bar-row">
                <span>Everything else</span>
                <span class="num" title={formatPico(breakdown.other.cost_pico_usd)}>
                  {formatPicoCompact(breakdown.other.cost_pico_usd)}
                </span>
              </div>
            </li>
          )}
        </ol>
      )}
    </>
  );
}
