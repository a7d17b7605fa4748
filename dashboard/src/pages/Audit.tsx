// Who changed what and when (GET /admin/v1/audit): each entry with its before and after.
import { api } from "../api";
import { CursorPager, useCursorPages } from "../components/CursorPager";
import { Table } from "../components/Table";
import { LoadedView } from "../components/LoadedView";
import { formatTime } from "../format";
import { useLoad } from "../hooks";
import type { AuditEntry } from "../types";

function Json({ value }: { value: unknown }) {
  return value === null || value === undefined ? <span class="muted">none</span> : <pre class="json">{JSON.stringify(value, null, 2)}</pre>;
}

function BeforeAfter({ entry }: { entry: AuditEntry }) {
  return (
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
  );
}

export function Audit() {
  const pages = useCursorPages();
  const audit = useLoad(() => api.get<{ entries: AuditEntry[]; next_before: number | null }>("/admin/v1/audit", { limit: 50, before: pages.before }), `audit${pages.before}`);
  return (
    <section>
      <h1>Audit log</h1>
      <LoadedView
        loaded={audit}
        what="the audit log"
        isEmpty={(data) => data.entries.length === 0}
        empty="No changes recorded yet. Every change to budgets, keys and users appears here with who made it."
      >
        {(data) => (
          <>
            <Table columns={["When", "Who", "What", "Object", "Change"]}>
                  {data.entries.map((entry) => (
                    <tr key={entry.id}>
                      <td>{formatTime(entry.at_unix_ms)}</td>
                      <td>{entry.actor}</td>
                      <td>{entry.action}</td>
                      <td>
                        <code>{entry.object_id}</code>
                      </td>
                      <td>
                        <BeforeAfter entry={entry} />
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
