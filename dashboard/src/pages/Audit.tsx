// Who changed what and when (GET /admin/v1/audit): each entry with its before and after.
import { useState } from "preact/hooks";
import { api } from "../api";
import { Empty, ErrorState, Loading } from "../components/StateViews";
import { formatTime } from "../format";
import { useLoad } from "../hooks";
import type { AuditEntry } from "../types";

function Json({ value }: { value: unknown }) {
  return value === null || value === undefined ? <span class="muted">none</span> : <pre class="json">{JSON.stringify(value, null, 2)}</pre>;
}

export function Audit() {
  const [before, setBefore] = useState<number[]>([]);
  const cursor = before[before.length - 1];
  const audit = useLoad(() => api.get<{ entries: AuditEntry[]; next_before: number | null }>("/admin/v1/audit", { limit: 50, before: cursor }), "audit" + cursor);
  return (
    <section>
      <h1>Audit log</h1>
      {audit.loading && !audit.data ? (
        <Loading what="the audit log" />
      ) : audit.error ? (
        <ErrorState error={audit.error} retry={audit.reload} />
      ) : audit.data!.entries.length === 0 ? (
        <Empty>No changes recorded yet. Every change to budgets, keys and users appears here with who made it.</Empty>
      ) : (
        <>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">What</th>
                  <th scope="col">Object</th>
                  <th scope="col">Change</th>
                </tr>
              </thead>
              <tbody>
                {audit.data!.entries.map((entry) => (
                  <tr key={entry.id}>
                    <td>{formatTime(entry.at_unix_ms)}</td>
                    <td>{entry.actor}</td>
                    <td>{entry.action}</td>
                    <td>
                      <code>{entry.object_id}</code>
                    </td>
                    <td>
                      <details>
                        <summary>Before and after</summary>
                        <div class="before-after">
                          <div>
                            <h4>Before</h4>
                            <Json value={entry.before} />
                          </div>
                          <div>
                            <h4>After</h4>
                            <Json value={entry.after} />
                          </div>
                        </div>
                      </details>
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
            {audit.data!.next_before !== null && (
              <button type="button" class="secondary" onClick={() => setBefore([...before, audit.data!.next_before!])}>
                Older
              </button>
            )}
          </div>
        </>
      )}
    </section>
  );
}
