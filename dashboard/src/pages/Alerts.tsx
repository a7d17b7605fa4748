// Budget alerts as central fired them, with each delivery's state (GET /admin/v1/alerts).
import { api } from "../api";
import { CursorPager, useCursorPages } from "../components/CursorPager";
import { Table } from "../components/Table";
import { LoadedView } from "../components/LoadedView";
import { formatTime } from "../format";
import { useLoad } from "../hooks";
import { formatUsd } from "../money";
import type { Alert, AlertDelivery } from "../types";

function Deliveries({ deliveries }: { deliveries: AlertDelivery[] }) {
  if (deliveries.length === 0) return <span class="muted">no targets configured</span>;
  return (
    <ul class="plain">
      {deliveries.map((d) => (
        <li key={d.id}>
          <span class={d.status === "sent" ? "badge good" : d.status === "failed" ? "badge bad" : "badge"}>{d.status}</span> {d.channel} {d.target}
          {d.last_error && <span class="muted"> ({d.last_error})</span>}
        </li>
      ))}
    </ul>
  );
}

export function Alerts() {
  const pages = useCursorPages();
  const alerts = useLoad(() => api.get<{ alerts: Alert[]; next_before: number | null }>("/admin/v1/alerts", { limit: 50, before: pages.before }), `alerts${pages.before}`);
  return (
    <section>
      <h1>Alerts</h1>
      <LoadedView
        loaded={alerts}
        what="alerts"
        isEmpty={(data) => data.alerts.length === 0}
        empty={
          <>
            <p>No alerts fired yet.</p>
            <p>A budget alerts once per period at each of its thresholds; delivery goes to the e-mail and webhooks under `alerts:` in central's config.</p>
          </>
        }
      >
        {(data) => (
          <>
            <Table columns={["Fired", "Budget", "Period", "Alert", { label: "Spent", num: true }, { label: "Limit", num: true }, "Deliveries"]}>
                  {data.alerts.map((alert) => (
                    <tr key={alert.id}>
                      <td>{formatTime(alert.fired_unix_ms)}</td>
                      <td>{alert.budget_name}</td>
                      <td>{alert.period_key}</td>
                      <td title={alert.text}>
                        {alert.kind} {alert.threshold_percent}%
                      </td>
                      <td class="num">{formatUsd(alert.spent_usd)}</td>
                      <td class="num">{formatUsd(alert.amount_usd)}</td>
                      <td>
                        <Deliveries deliveries={alert.deliveries} />
                      </td>
                    </tr>
                  ))}
            </Table>
            <CursorPager pages={pages} next={data.next_before} />
          </>
        )}
      </LoadedView>
    </section>
  );
}
