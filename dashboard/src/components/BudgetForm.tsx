// Create or change a budget: POST /admin/v1/budgets, PATCH /admin/v1/budgets/{id}. Amounts go as
// decimal strings, so central reads them exactly.
import { useId, useState } from "preact/hooks";
import { api } from "../api";
import { useAction } from "../hooks";
import { picoToDecimal, toBigInt, usdToPico } from "../money";
import { SCOPE_FIELDS, type Budget, type ScopeField } from "../types";
import { InlineError } from "./StateViews";

const PERIODS = ["daily", "weekly", "monthly", "quarterly"] as const;

interface Draft {
  name: string;
  amount: string;
  period: string;
  timeZone: string;
  thresholds: string;
  hardLimit: boolean;
  cap: string;
  scope: Record<ScopeField, string>;
}

function draftOf(budget?: Budget): Draft {
  const emptyScope = Object.fromEntries(SCOPE_FIELDS.map((f) => [f, ""])) as Record<ScopeField, string>;
  if (!budget) {
    return { name: "", amount: "", period: "monthly", timeZone: "UTC", thresholds: "50, 80, 100", hardLimit: false, cap: "", scope: emptyScope };
  }
  return {
    name: budget.name,
    amount: picoToDecimal(toBigInt(budget.amount_pico_usd)),
    period: budget.period,
    timeZone: budget.time_zone,
    thresholds: budget.thresholds_percent.join(", "),
    hardLimit: budget.hard_limit,
    cap: budget.per_request_cap_pico_usd === null ? "" : picoToDecimal(toBigInt(budget.per_request_cap_pico_usd)),
    scope: { ...emptyScope, ...budget.scope },
  };
}

// The draft as the API's body, or the first thing wrong with it.
function bodyOf(draft: Draft): Record<string, unknown> | string {
  if (usdToPico(draft.amount) === null) return "The limit must be an amount of USD, like 250 or 99.50.";
  if (draft.cap.trim() && usdToPico(draft.cap) === null) return "The per-call cap must be an amount of USD or empty.";
  const thresholds = draft.thresholds.split(/[\s,]+/).filter(Boolean).map(Number);
  if (thresholds.some((t) => !Number.isInteger(t))) return "Thresholds are whole percents separated by commas, like 50, 80, 100.";
  return {
    name: draft.name.trim(),
    amount_usd: draft.amount.trim(),
    period: draft.period,
    time_zone: draft.timeZone.trim(),
    thresholds_percent: thresholds,
    hard_limit: draft.hardLimit,
    per_request_cap_usd: draft.cap.trim() ? draft.cap.trim() : null,
    scope: draft.scope,
  };
}

export function BudgetForm({ budget, onDone, onCancel }: { budget?: Budget; onDone: () => void; onCancel: () => void }) {
  const id = useId();
  const [draft, setDraft] = useState<Draft>(() => draftOf(budget));
  const [problem, setProblem] = useState("");
  const action = useAction();
  const set = (change: Partial<Draft>) => setDraft({ ...draft, ...change });
  return (
    <form
      class="card form-grid"
      aria-label={budget ? `Edit budget ${budget.name}` : "New budget"}
      onSubmit={async (event) => {
        event.preventDefault();
        const body = bodyOf(draft);
        if (typeof body === "string") return setProblem(body);
        setProblem("");
        const saved = await action.run(() =>
          budget ? api.patch(`/admin/v1/budgets/${encodeURIComponent(budget.id)}`, body) : api.post("/admin/v1/budgets", body),
        );
        if (saved) onDone();
      }}
    >
      <h2 class="span-all">{budget ? `Edit ${budget.name}` : "New budget"}</h2>
      <label for={id + "n"}>Name</label>
      <input id={id + "n"} required value={draft.name} onInput={(e) => set({ name: e.currentTarget.value })} />
      <label for={id + "a"}>Limit (USD)</label>
      <input id={id + "a"} required inputMode="decimal" placeholder="250" value={draft.amount} onInput={(e) => set({ amount: e.currentTarget.value })} />
      <label for={id + "p"}>Period</label>
      <select id={id + "p"} value={draft.period} onChange={(e) => set({ period: e.currentTarget.value })}>
        {PERIODS.map((p) => (
          <option key={p} value={p}>
            {p}
          </option>
        ))}
      </select>
      <label for={id + "z"}>Time zone</label>
      <input id={id + "z"} value={draft.timeZone} placeholder="UTC or Europe/Paris" onInput={(e) => set({ timeZone: e.currentTarget.value })} />
      <label for={id + "t"}>Alert at (% of limit)</label>
      <input id={id + "t"} value={draft.thresholds} onInput={(e) => set({ thresholds: e.currentTarget.value })} />
      <label for={id + "c"}>Per-call cap (USD, optional)</label>
      <input id={id + "c"} inputMode="decimal" value={draft.cap} onInput={(e) => set({ cap: e.currentTarget.value })} />
      <span />
      <label class="checkbox">
        <input type="checkbox" checked={draft.hardLimit} onChange={(e) => set({ hardLimit: e.currentTarget.checked })} /> Hard limit: refuse calls once the limit is
        reached
      </label>
      <fieldset class="span-all scope">
        <legend>Scope (empty = any)</legend>
        {SCOPE_FIELDS.map((field) => (
          <span class="field-inline" key={field}>
            <label for={id + field}>{field}</label>
            <input id={id + field} value={draft.scope[field]} onInput={(e) => set({ scope: { ...draft.scope, [field]: e.currentTarget.value } })} />
          </span>
        ))}
      </fieldset>
      {problem && (
        <p class="inline-error span-all" role="alert">
          {problem}
        </p>
      )}
      <div class="span-all">
        <InlineError error={action.error} />
      </div>
      <div class="span-all actions">
        <button type="submit" disabled={action.busy}>
          {budget ? "Save changes" : "Create budget"}
        </button>
        <button type="button" class="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
