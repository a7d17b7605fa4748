// A budget's spend against its limit, with a tick at each alert threshold.
import { formatPico, formatPicoCompact, shareOf, toBigInt } from "../money";
import type { Budget } from "../types";

export function BudgetBar({ budget }: { budget: Budget }) {
  const spent = toBigInt(budget.spend.spent_pico_usd);
  const limit = toBigInt(budget.amount_pico_usd);
  const percent = budget.spend.percent;
  const over = spent > limit;
  const warn = !over && budget.thresholds_percent.some((t) => t < 100 && percent !== null && percent >= t);
  return (
    <div class="budget-bar">
      <div class="bar-row">
        <span>
          <strong title={formatPico(spent)}>{formatPicoCompact(spent)}</strong> of {formatPico(limit)}
        </span>
        <span class={over ? "num bad" : "num"}>{percent === null ? "—" : `${percent}%`}</span>
      </div>
      <div
        class="bar-track tall"
        role="meter"
        aria-label={`${budget.name}: spent ${percent ?? 0}% of the limit`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.min(percent ?? 0, 100)}
      >
        <div class={over ? "bar-fill bad" : warn ? "bar-fill warn" : "bar-fill"} style={{ width: `${Math.min(shareOf(spent, limit), 100)}%` }} />
        {budget.thresholds_percent
          .filter((t) => t > 0 && t < 100)
          .map((t) => (
            <span key={t} class="threshold" style={{ left: `${t}%` }} title={`alert at ${t}%`} />
          ))}
      </div>
    </div>
  );
}
