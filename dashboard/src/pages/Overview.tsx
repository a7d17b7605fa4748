// Month to date at a glance: KPI cards (analytics/summary), spend per day (timeseries), the top
// five models, apps, projects and users (breakdown) and the budgets' bars. Each part loads and
// fails on its own, so a missing route leaves the rest useful.
import { api } from "../api";
import { BarList } from "../components/BarList";
import { BudgetBar } from "../components/BudgetBar";
import { ForecastCard } from "../components/ForecastCard";
import { KpiCard } from "../components/KpiCard";
import { Link } from "../components/Link";
import { SpendChart } from "../components/SpendChart";
import { LoadedView } from "../components/LoadedView";
import { NoCallsYet } from "../components/StateViews";
import { formatInt, formatPercent } from "../format";
import { useLoad } from "../hooks";
import { formatPico, formatPicoCompact, toBigInt } from "../money";
import type { Breakdown, Budget, Summary, Timeseries } from "../types";

const TOP = [
  { by: "model", title: "Top models" },
  { by: "source_app", title: "Top apps" },
  { by: "project", title: "Top projects" },
  { by: "user", title: "Top users" },
] as const;

function Kpis({ summary }: { summary: Summary }) {
  const str = (v: unknown) => String(v);
  return (
    <div class="kpis">
      <KpiCard
        id="cost"
        label="Spend"
        text={formatPicoCompact(summary.cost_pico_usd)}
        exact={formatPico(summary.cost_pico_usd)}
        value={str(summary.cost_pico_usd)}
        note="month to date"
      />
      <KpiCard id="calls" label="Calls" text={formatInt(summary.calls)} value={str(summary.calls)} note={`${formatInt(summary.errors)} ${String(summary.errors) === "1" ? "error" : "errors"}`} />
      <KpiCard
        id="tokens"
        label="Tokens"
        text={formatInt(summary.tokens)}
        value={str(summary.tokens)}
        note={`${formatInt(summary.input_tokens)} in · ${formatInt(summary.output_tokens)} out`}
      />
      <KpiCard id="error_rate" label="Error rate" text={formatPercent(summary.error_rate)} value={str(summary.error_rate)} />
      <KpiCard id="unpriced_calls" label="Unpriced calls" text={formatInt(summary.unpriced_calls)} value={str(summary.unpriced_calls)} note="cost counted as 0" />
      <KpiCard id="estimated_share" label="Estimated" text={formatPercent(summary.estimated_share)} value={str(summary.estimated_share)} note="of calls, units estimated" />
      <ForecastCard />
      <KpiCard
        id="characters"
        label="Characters"
        text={formatInt(summary.characters)}
        value={str(summary.characters)}
        note={`${formatInt(summary.credits)} credits · ${String(summary.audio_seconds)} s audio`}
      />
    </div>
  );
}

function SummarySection() {
  const summary = useLoad(() => api.get<Summary>("/admin/v1/analytics/summary"), "summary");
  return (
    <LoadedView loaded={summary} what="the month's totals">
      {(data) => (
        <>
          <p class="muted range-note">
            {data.from.slice(0, 10)} to {data.to.slice(0, 16).replace("T", " ")} ({data.tz})
          </p>
          <Kpis summary={data} />
          {toBigInt(data.calls) === 0n && <NoCallsYet />}
        </>
      )}
    </LoadedView>
  );
}

function SpendOverTime() {
  const series = useLoad(() => api.get<Timeseries>("/admin/v1/analytics/timeseries", { bucket: "day" }), "timeseries");
  return (
    <section class="card" aria-label="Spend per day">
      <h3>Spend per day</h3>
      <LoadedView loaded={series} what="spend per day">
        {(data) => <SpendChart buckets={data.buckets} label="Spend per day (USD)" />}
      </LoadedView>
    </section>
  );
}

function TopList({ by, title }: { by: string; title: string }) {
  const top = useLoad(() => api.get<Breakdown>("/admin/v1/analytics/breakdown", { by, limit: 5, order: "cost" }), "top" + by);
  return (
    <section class="card" aria-label={title}>
      <h3>{title}</h3>
      <LoadedView loaded={top} what={title.toLowerCase()}>
        {(data) => <BarList breakdown={data} />}
      </LoadedView>
    </section>
  );
}

function BudgetsSection() {
  const budgets = useLoad(() => api.get<{ budgets: Budget[] }>("/admin/v1/budgets"), "budgets");
  return (
    <section class="card" aria-label="Budgets">
      <h3>Budgets</h3>
      <LoadedView
        loaded={budgets}
        what="budgets"
        isEmpty={(data) => data.budgets.length === 0}
        empty={
          <p>
            No budgets yet. <Link to="/budgets">Create one</Link> to get alerts at 50/80/100 % of a monthly limit.
          </p>
        }
      >
        {(data) => (
          <ul class="plain">
            {data.budgets.map((budget) => (
              <li key={budget.id}>
                <div class="bar-row">
                  <strong>{budget.name}</strong>
                  <span class="muted">
                    {budget.period} {budget.spend.period_key}
                  </span>
                </div>
                <BudgetBar budget={budget} />
              </li>
            ))}
          </ul>
        )}
      </LoadedView>
    </section>
  );
}

export function Overview() {
  return (
    <section>
      <h1>Overview</h1>
      <SummarySection />
      <div class="grid-2">
        <SpendOverTime />
        <BudgetsSection />
      </div>
      <div class="grid-4">
        {TOP.map((t) => (
          <TopList key={t.by} by={t.by} title={t.title} />
        ))}
      </div>
    </section>
  );
}
