// The price book central prices events with: rows in force (search, provider filter, pages of
// 200 with Previous/Next), a row's timeline, overrides (admins add and delete them), a LiteLLM
// import, when and how the book was last loaded, and the models with unpriced calls this month
// with the reasons stored with their calls and the one the book gives now (each a link to
// Explore filtered to it). Rates are shown from central's exact pico-USD integers (money.ts),
// never through a float.
import { useId, useState } from "preact/hooks";
import { api, request } from "../api";
import { ConfirmButton } from "../components/ConfirmButton";
import { CursorPager, useCursorPages } from "../components/CursorPager";
import { LoadedView } from "../components/LoadedView";
import { InlineError } from "../components/StateViews";
import { Table } from "../components/Table";
import { formatInt } from "../format";
import { useAction, useLoad } from "../hooks";
import { formatPico, type Exact } from "../money";
import { useCanEdit } from "../session";

type Rate = { field: string; per_unit_usd: Exact; per_unit_pico_usd: Exact };
type PriceRow = {
  key: string;
  provider: string;
  mode: string;
  source: string;
  origin: string;
  effective_from: string | null;
  effective_to: string | null;
  rates: Rate[];
};
type BookLoad = { at_unix_ms: number; source: string; from: string; result: "ok" | "unchanged" | "failed"; error: string; version: string };
type Status = {
  version: string;
  key_count: number;
  loaded?: BookLoad | null;
  last_attempt?: BookLoad | null;
  overrides_file?: string;
  refresh: string | { url: string; interval_s: number; last: Record<string, unknown> | null };
};
type UnpricedModel = {
  provider: string;
  model: string;
  unpriced_calls: number;
  calls: number;
  stored_reasons: { reason: string; calls: number }[]; // what central stored with the calls
  reason: "unknown_model" | "no_rate" | "priced_now";
  price_key: string | null;
  tried: string[];
  missing: string[];
};
type Unpriced = { models: UnpricedModel[] };
type BookPage = { version: string; rows: PriceRow[]; total: number; limit: number; next: string | null };

// Exact per-unit USD with every digit central keeps ("$0.0000003").
const rate = (r: Rate) => formatPico(r.per_unit_pico_usd).replace(/(\.\d\d\d*?)0+$/, "$1");
const since = (row: PriceRow) => row.effective_from ?? "always";

function Rates({ row }: { row: PriceRow }) {
  return (
    <ul class="plain">
      {row.rates.map((r) => (
        <li key={r.field}>
          <code>{r.field}</code> {rate(r)}
        </li>
      ))}
    </ul>
  );
}

function Timeline({ priceKey, onClose }: { priceKey: string; onClose: () => void }) {
  const loaded = useLoad(() => api.get<{ timeline: PriceRow[] }>(`/admin/v1/prices/${priceKey.split("/").map(encodeURIComponent).join("/")}`), priceKey);
  return (
    <div class="card" aria-label={`Timeline of ${priceKey}`}>
      <h2>Timeline of {priceKey}</h2>
      <LoadedView loaded={loaded} what="the timeline">
        {(data) => (
          <Table columns={["From", "To", "Origin", "Rates", "Source"]}>
            {data.timeline.map((row, i) => (
              <tr key={i}>
                <td>{since(row)}</td>
                <td>{row.effective_to ?? "in force"}</td>
                <td>{row.origin}</td>
                <td><Rates row={row} /></td>
                <td class="muted">{row.source}</td>
              </tr>
            ))}
          </Table>
        )}
      </LoadedView>
      <button type="button" class="secondary" onClick={onClose}>Close</button>
    </div>
  );
}

function OverrideForm({ onDone }: { onDone: () => void }) {
  const id = useId();
  const [key, setKey] = useState("");
  const [from, setFrom] = useState(new Date().toISOString().slice(0, 10));
  const [input, setInput] = useState("");
  const [output, setOutput] = useState("");
  const action = useAction();
  return (
    <form
      class="card form-grid"
      aria-label="New override"
      onSubmit={async (event) => {
        event.preventDefault();
        const rates: Record<string, string> = {};
        if (input.trim()) rates.input_cost_per_token = input.trim();
        if (output.trim()) rates.output_cost_per_token = output.trim();
        const done = await action.run(() => api.post("/admin/v1/prices/overrides", { key: key.trim(), effective_from: from, rates }));
        if (done) onDone();
      }}
    >
      <h2 class="span-all">New override</h2>
      <p class="span-all muted">Prices events that start from this moment on; events already stored keep their price.</p>
      <label for={id + "k"}>Price key</label>
      <input id={id + "k"} required value={key} placeholder="gemini/gemini-2.5-flash" onInput={(e) => setKey(e.currentTarget.value)} />
      <label for={id + "f"}>In force from (UTC date or RFC 3339)</label>
      <input id={id + "f"} required value={from} onInput={(e) => setFrom(e.currentTarget.value)} />
      <label for={id + "i"}>USD per input token</label>
      <input id={id + "i"} value={input} placeholder="0.0000003" inputMode="decimal" onInput={(e) => setInput(e.currentTarget.value)} />
      <label for={id + "o"}>USD per output token</label>
      <input id={id + "o"} value={output} placeholder="0.0000025" inputMode="decimal" onInput={(e) => setOutput(e.currentTarget.value)} />
      <div class="span-all"><InlineError error={action.error} /></div>
      <div class="span-all actions"><button type="submit" disabled={action.busy}>Add override</button></div>
    </form>
  );
}

function Overrides({ canEdit, onChange }: { canEdit: boolean; onChange: () => void }) {
  const loaded = useLoad(() => api.get<{ overrides_file: string; overrides: PriceRow[] }>("/admin/v1/prices/overrides"), "overrides");
  const remove = useAction();
  const changed = () => { loaded.reload(); onChange(); };
  return (
    <section aria-label="Overrides">
      <h2>Overrides</h2>
      {canEdit && <OverrideForm onDone={changed} />}
      <InlineError error={remove.error} />
      <LoadedView loaded={loaded} what="overrides" isEmpty={(d) => d.overrides.length === 0} empty="No overrides: every price comes from LiteLLM or the bundled catalogue.">
        {(data) => (
          <Table columns={["Key", "From", "Rates", "Source", ""]}>
            {data.overrides.map((row) => (
              <tr key={row.key + since(row)} data-override={row.key}>
                <td>{row.key}</td>
                <td>{since(row)}</td>
                <td><Rates row={row} /></td>
                <td class="muted">{row.source}</td>
                <td>
                  {canEdit && (
                    <ConfirmButton
                      label="Delete"
                      confirmLabel={`Delete override of ${row.key}`}
                      disabled={remove.busy}
                      onConfirm={async () => {
                        const path = row.key.split("/").map(encodeURIComponent).join("/");
                        const at = row.effective_from ? `?effective_from=${encodeURIComponent(row.effective_from)}` : "";
                        await remove.run(() => api.delete(`/admin/v1/prices/overrides/${path}${at}`));
                        changed();
                      }}
                    />
                  )}
                </td>
              </tr>
            ))}
          </Table>
        )}
      </LoadedView>
    </section>
  );
}

function Import({ onDone }: { onDone: () => void }) {
  const id = useId();
  const action = useAction();
  const [summary, setSummary] = useState<Record<string, unknown>>();
  return (
    <div class="card" aria-label="Import a LiteLLM file">
      <h2>Import a LiteLLM price file</h2>
      <label for={id}>model_prices_and_context_window.json</label>
      <input
        id={id}
        type="file"
        accept="application/json,.json"
        disabled={action.busy}
        onChange={async (e) => {
          const file = e.currentTarget.files?.[0];
          if (!file) return;
          const text = await file.text();
          const done = await action.run(() => request<{ import: Record<string, unknown> }>("POST", "/admin/v1/prices/import", { rawBody: text }));
          if (done) { setSummary(done.import); onDone(); }
        }}
      />
      <InlineError error={action.error} />
      {summary && (
        <p role="status">
          Saved: {String(summary.added)} added, {String(summary.changed)} changed, {String(summary.removed)} removed,{" "}
          {String(summary.unchanged)} unchanged (compared with {String(summary.compared_with)}).
        </p>
      )}
    </div>
  );
}

// "refresh of https://… at 2025-11-22T08:26:40Z by user:ada": one attempt, for people.
function describeLoad(load: BookLoad) {
  const by = load.from ? ` (${load.from})` : "";
  return `${load.source}${by} at ${new Date(load.at_unix_ms).toISOString()}`;
}

function StatusCard({ generation }: { generation: number }) {
  const loaded = useLoad(() => api.get<Status>("/admin/v1/prices/status"), "status" + generation);
  return (
    <LoadedView loaded={loaded} what="the price book's status">
      {(s) => (
        <div class="card" aria-label="Price book status">
          <p>
            Book <code data-testid="book-version">{s.version}</code>, {formatInt(s.key_count)} keys.
          </p>
          <p data-testid="book-loaded">
            {s.loaded ? `Loaded by ${describeLoad(s.loaded)}.` : "Loaded when central started."}
          </p>
          {/* The last attempt, when it is not the publication just said. */}
          {s.last_attempt && s.last_attempt.at_unix_ms !== s.loaded?.at_unix_ms && (
            <p data-testid="book-last-attempt" data-result={s.last_attempt.result} class={s.last_attempt.result === "failed" ? "inline-error" : undefined}>
              Last attempt: {describeLoad(s.last_attempt)}: {s.last_attempt.result}
              {s.last_attempt.error && ` (${s.last_attempt.error}); the book above stays in force`}.
            </p>
          )}
          <p>
            Refresh:{" "}
            {typeof s.refresh === "string"
              ? `${s.refresh} (set pricing.refresh.url to download LiteLLM prices on a schedule)`
              : `${s.refresh.url} every ${s.refresh.interval_s} s; since start: ${s.refresh.last ? JSON.stringify(s.refresh.last) : "no result yet"}`}
          </p>
        </div>
      )}
    </LoadedView>
  );
}

// Why a model is unpriced, judged by central against the book in force now.
function why(m: UnpricedModel) {
  if (m.reason === "unknown_model") return `no row in the book (tried ${m.tried.slice(0, 3).join(", ")}${m.tried.length > 3 ? ", …" : ""}): add an override`;
  if (m.reason === "no_rate") return `${m.price_key} has no ${m.missing.join(", ")}: add it in an override`;
  return `${m.price_key} prices it now; these calls came before it`;
}

function UnpricedModels() {
  const loaded = useLoad(() => api.get<Unpriced>("/admin/v1/prices/unpriced"), "unpriced");
  return (
    <section aria-label="Unpriced models">
      <h2>Unpriced models this month</h2>
      <LoadedView loaded={loaded} what="unpriced models" isEmpty={(d) => d.models.length === 0} empty="Every call this month was priced.">
        {(data) => (
          <Table columns={["Provider", "Model", "Unpriced calls", "Calls", "Stored reason", "Why (the book now)"]}>
            {data.models.map((m) => (
              <tr key={m.provider + "/" + m.model} data-unpriced={m.model} data-reason={m.reason}>
                <td>{m.provider}</td>
                <td><a href={`/explore?model=${encodeURIComponent(m.model)}`}>{m.model || "(none)"}</a></td>
                <td>{formatInt(m.unpriced_calls)}</td>
                <td>{formatInt(m.calls)}</td>
                <td data-testid="stored-reasons">{m.stored_reasons.map((r) => `${r.reason} × ${formatInt(r.calls)}`).join(", ")}</td>
                <td>{why(m)}</td>
              </tr>
            ))}
          </Table>
        )}
      </LoadedView>
    </section>
  );
}

// One filter's rows in force, a page at a time (central answers 200 and the key to go on after).
function BookRows({ q, provider, generation, onShow }: { q: string; provider: string; generation: number; onShow: (key: string) => void }) {
  const pages = useCursorPages<string>();
  const query = { q: q || undefined, provider: provider || undefined, after: pages.before };
  const book = useLoad(() => api.get<BookPage>("/admin/v1/prices", query), JSON.stringify(query) + generation);
  return (
    <LoadedView loaded={book} what="the price book" isEmpty={(d) => d.rows.length === 0} empty="No price row matches: clear the search or the provider.">
      {(data) => {
        const first = pages.index * data.limit + 1;
        return (
          <>
            <p class="muted" data-testid="book-page">
              Rows {formatInt(first)}–{formatInt(first + data.rows.length - 1)} of {formatInt(data.total)}
            </p>
            <Table columns={["Key", "Provider", "Mode", "Origin", "From", "Rates"]}>
              {data.rows.map((row) => (
                <tr key={row.key} data-price-key={row.key}>
                  <td><button type="button" class="link" onClick={() => onShow(row.key)}>{row.key}</button></td>
                  <td>{row.provider}</td>
                  <td>{row.mode}</td>
                  <td>{row.origin}</td>
                  <td>{since(row)}</td>
                  <td><Rates row={row} /></td>
                </tr>
              ))}
            </Table>
            <CursorPager pages={pages} next={data.next} labels={["Previous", "Next"]} />
          </>
        );
      }}
    </LoadedView>
  );
}

export function Pricing() {
  const canEdit = useCanEdit();
  const [q, setQ] = useState("");
  const [provider, setProvider] = useState("");
  const [generation, setGeneration] = useState(0);
  const [shown, setShown] = useState<string>();
  const changed = () => setGeneration(generation + 1);
  return (
    <section>
      <h1>Pricing</h1>
      <StatusCard generation={generation} />
      <UnpricedModels />
      <Overrides canEdit={canEdit} onChange={changed} />
      {canEdit && <Import onDone={changed} />}
      <h2>Rows in force</h2>
      <div class="filters">
        <label>
          Search <input type="search" value={q} placeholder="gemini-2.5" onInput={(e) => setQ(e.currentTarget.value)} />
        </label>
        <label>
          Provider <input value={provider} placeholder="gemini" onInput={(e) => setProvider(e.currentTarget.value)} />
        </label>
      </div>
      {shown && <Timeline priceKey={shown} onClose={() => setShown(undefined)} />}
      {/* Keyed by the filter: a new search starts again at its first page. */}
      <BookRows key={q + "\n" + provider} q={q} provider={provider} generation={generation} onShow={setShown} />
    </section>
  );
}
