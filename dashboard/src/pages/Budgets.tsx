// Every budget with its live spend against its limit and thresholds; create and edit (admins).
import { useState } from "preact/hooks";
import { api } from "../api";
import { BudgetBar } from "../components/BudgetBar";
import { BudgetForm } from "../components/BudgetForm";
import { LoadedView } from "../components/LoadedView";
import { formatInt, formatTime } from "../format";
import { useLoad } from "../hooks";
import { formatPico } from "../money";
import { useCanEdit } from "../session";
import { SCOPE_FIELDS, type Budget } from "../types";

function scopeText(budget: Budget): string {
  const parts = SCOPE_FIELDS.filter((f) => budget.scope[f]).map((f) => `${f}=${budget.scope[f]}`);
  return parts.length ? parts.join(", ") : "all spend";
}

export function Budgets() {
  const canEdit = useCanEdit();
  const budgets = useLoad(() => api.get<{ budgets: Budget[] }>("/admin/v1/budgets"), "budgets");
  const [editing, setEditing] = useState<Budget | "new">();
  const done = () => {
    setEditing(undefined);
    budgets.reload();
  };
  return (
    <section>
      <div class="bar-row">
        <h1>Budgets</h1>
        {canEdit && !editing && (
          <button type="button" onClick={() => setEditing("new")}>
            New budget
          </button>
        )}
      </div>
      {editing && <BudgetForm key={editing === "new" ? "new" : editing.id} budget={editing === "new" ? undefined : editing} onDone={done} onCancel={() => setEditing(undefined)} />}
      <LoadedView
        loaded={budgets}
        what="budgets"
        isEmpty={(data) => data.budgets.length === 0}
        empty={
          <>
            <p>No budgets yet.</p>
            <p>{canEdit ? "Create one with “New budget”: a limit per day, week, month or quarter, for all spend or one app, project or model." : "An admin can create one."}</p>
          </>
        }
      >
        {(data) => (
        <ul class="cards">
          {data.budgets.map((budget) => (
            <li key={budget.id} class="card" data-budget={budget.name}>
              <div class="bar-row">
                <h2>{budget.name}</h2>
                {canEdit && (
                  <button type="button" class="secondary" onClick={() => setEditing(budget)} aria-label={`Edit budget ${budget.name}`}>
                    Edit
                  </button>
                )}
              </div>
              <BudgetBar budget={budget} />
              <dl class="facts">
                <dt>Period</dt>
                <dd>
                  {budget.period} ({budget.spend.period_key}, {budget.time_zone})
                </dd>
                <dt>Scope</dt>
                <dd>{scopeText(budget)}</dd>
                <dt>Alerts at</dt>
                <dd>{budget.thresholds_percent.map((t) => t + "%").join(", ") || "none"}</dd>
                <dt>When reached</dt>
                <dd>{budget.hard_limit ? "calls are refused (hard limit)" : "alerts only"}</dd>
                {budget.per_request_cap_pico_usd !== null && (
                  <>
                    <dt>Per-call cap</dt>
                    <dd>{formatPico(budget.per_request_cap_pico_usd)}</dd>
                  </>
                )}
                <dt>Events counted</dt>
                <dd>{formatInt(budget.spend.events)}</dd>
                <dt>Changed</dt>
                <dd>{formatTime(budget.updated_unix_ms)}</dd>
              </dl>
            </li>
          ))}
        </ul>
        )}
      </LoadedView>
    </section>
  );
}
