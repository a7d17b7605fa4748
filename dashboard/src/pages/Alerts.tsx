// Budget alerts as central fired them, with each delivery's state (GET /admin/v1/alerts).
import { useState } from "preact/hooks";
import { api } from "../api";
import { Empty, ErrorState, Loading } from "../components/StateViews";
import { formatTime } from "../format";
import { useLoad } from "../hooks";
import { formatUsd } from "../money";
import type { Alert } from "../types";

export function Alerts() {
  const [before, setBefore] = useState<number[]>([]); // the pages' cursors, to go back
  const cursor = before[before.length - 1];
  const alerts = useLoad(() => api.get<{ alerts: Alert[]; next_before: number | null }>("/admin/v1/alerts", { limit: 50, before: cursor }), "alerts" + cursor);
  return (
    <section>
      <h1>Alerts</h1>
      {alerts.loading && !alerts.data ? (
        <Loading what="alerts" />
      ) : alerts.error ? (
        <ErrorState error={alerts.error} retry={alerts.reload} />
      ) : alerts.data!.alerts.length === 0 ? (
        <Empty>
          <p>No alerts fired yet.</p>
          <p>A budget alerts once per period at each of its thresholds; delivery goes to the e-mail and webhooks under `alerts:` in central's config.</p>
        </Empty>
      ) : (
        <>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Fired</th>
                  <th scope="col">Budget</th>
                  <th scope="col">Period</th>
                  <th scope="col">Alert</th>
                  <th scope="col" class="num">Spent</th>
                  <th scope="col" class="num">Limit</th>
                  <th scope="col">Deliveries</th>
                </tr>
              </thead>
              <tbody>
                {alerts.data!.alerts.map((alert) => (
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
                      {alert.deliveries.length === 0 ? (
                        <span class="muted">no targets configured</span>
                      ) : (
                        <ul class="plain">
                          {alert.deliveries.map((d) => (
                            <li key={d.id}>
                              <span class={d.status === "sent" ? "badge good" : d.status === "failed" ? "badge bad" : "badge"}>{d.status}</span> {d.channel} {d.target}
                              {d.last_error && <span class="muted"> ({d.last_error})</span>}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div class="actions">
            {before.length > 0 && (
              <button type="button" class="secondary" onClick={() => setBefore(before.slice(0, -1))}>
                Newer
              </button>
            )}
            {alerts.data!.next_before !== null && (
              <button type="button" class="secondary" onClick={() => setBefore([...before, alerts.data!.next_before!])}>
                Older
              </button>
            )}
          </div>
        </>
      )}
    </section>
  );
}
