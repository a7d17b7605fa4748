// The raw events behind a pivot cell, newest first, a page at a time (keyset: "next").
import { useEffect, useState } from "preact/hooks";
import { api, ApiError, type Query } from "../api";
import { formatInt, formatTime } from "../format";
import { useAction } from "../hooks";
import { formatPico, formatUsd } from "../money";
import type { EventsPage, UsageEvent } from "../types";
import { Table } from "./Table";
import { keyLabel } from "./BarList";
import { Empty, ErrorState, InlineError, Loading } from "./StateViews";

const PAGE = 50;

function text(value: unknown): string {
  return value === null || value === undefined ? "" : String(value);
}

function costOf(event: UsageEvent): string {
  if (event.cost_pico_usd !== undefined && event.cost_pico_usd !== null) return formatPico(event.cost_pico_usd);
  if (event.cost_usd !== undefined && event.cost_usd !== null) return formatUsd(event.cost_usd);
  // The reason central stored with the event when it priced it (pricing/cost.h).
  return event.unpriced_reason ? `unpriced (${event.unpriced_reason})` : "unpriced";
}

// Units as stored: an object, or the receipt's units JSON text.
function unitsOf(event: UsageEvent): Record<string, unknown> {
  if (typeof event.units === "string") {
    try {
      return JSON.parse(event.units) as Record<string, unknown>;
    } catch {
      return {};
    }
  }
  return (event.units ?? {}) as Record<string, unknown>;
}

function tokensOf(event: UsageEvent): string {
  const units = unitsOf(event);
  const input = Number(event.input_tokens ?? units.input_tokens ?? 0);
  const output = Number(event.output_tokens ?? units.output_tokens ?? 0);
  return input || output ? `${formatInt(input)} / ${formatInt(output)}` : "";
}

export function EventsPanel({ title, query, onClose }: { title: string; query: Query; onClose: () => void }) {
  const [events, setEvents] = useState<UsageEvent[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [first, setFirst] = useState<{ loading: boolean; error?: ApiError }>({ loading: true });
  const more = useAction();
  const key = JSON.stringify(query);
  useEffect(() => {
    setFirst({ loading: true });
    api.get<EventsPage>("/admin/v1/analytics/events", { ...query, limit: PAGE }).then(
      (page) => {
        setEvents(page.events);
        setNext(page.next);
        setFirst({ loading: false });
      },
      (error: ApiError) => setFirst({ loading: false, error }),
    );
  }, [key]);
  const loadMore = async () => {
    const page = await more.run(() => api.get<EventsPage>("/admin/v1/analytics/events", { ...query, limit: PAGE, after: next ?? undefined }));
    if (page) {
      setEvents((shown) => [...shown, ...page.events]);
      setNext(page.next);
    }
  };
  return (
    <section class="card" aria-label="Events" id="events">
      <div class="bar-row">
        <h2>Events: {title}</h2>
        <button type="button" class="secondary" onClick={onClose}>
          Close
        </button>
      </div>
      {first.loading ? (
        <Loading what="events" />
      ) : first.error ? (
        <ErrorState error={first.error} />
      ) : events.length === 0 ? (
        <Empty>No events in this cell for this range.</Empty>
      ) : (
        <>
          <Table class="events-table" columns={["Time", "App", "Project", "User", "Model", "Operation", "Outcome", { label: "Tokens in / out", num: true }, { label: "Cost", num: true }]}>
                {events.map((event) => (
                  <tr key={event.event_id} title={event.event_id}>
                    <td>{formatTime(event.start_unix_ms)}</td>
                    <td>{keyLabel(text(event.source_app))}</td>
                    <td>{keyLabel(text(event.project))}</td>
                    <td>{keyLabel(text(event.user))}</td>
                    <td>{text(event.model)}</td>
                    <td>{text(event.operation)}</td>
                    <td>{text(event.outcome ?? event.status)}</td>
                    <td class="num">{tokensOf(event)}</td>
                    <td class="num">{costOf(event)}</td>
                  </tr>
                ))}
          </Table>
          <p class="muted">
            {events.length} events shown{next ? "" : ", all of them"}.
          </p>
          <InlineError error={more.error} />
          {next && (
            <button type="button" onClick={() => void loadMore()} disabled={more.busy}>
              {more.busy ? "Loading…" : `Load ${PAGE} more`}
            </button>
          )}
        </>
      )}
    </section>
  );
}
