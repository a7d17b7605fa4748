// Any two dimensions against one measure (analytics/pivot): stacked bars and a table whose
// cells open the events behind them; filters, a time range and a CSV of the table.
import { useId, useState } from "preact/hooks";
import { api, queryString, type Query } from "../api";
import { keyLabel } from "../components/BarList";
import { EventsPanel } from "../components/EventsPanel";
import { addFilter, FilterChips, type Filters } from "../components/FilterChips";
import { MONTH_TO_DATE, RangePicker, rangeQuery, type Range } from "../components/RangePicker";
import { colorOf, StackedBars } from "../components/StackedBars";
import { ErrorState, Loading, NoCallsYet } from "../components/StateViews";
import { download, pivotCsv } from "../csv";
import { formatInt } from "../format";
import { useLoad } from "../hooks";
import { formatPico } from "../money";
import { DIMENSIONS, PIVOT_MEASURES, type Dimension, type Pivot, type PivotMeasure } from "../types";

interface Drill {
  title: string;
  query: Query;
}

function DimensionSelect(props: { label: string; value: Dimension; onChange: (d: Dimension) => void }) {
  const id = useId();
  return (
    <span class="field-inline">
      <label for={id}>{props.label}</label>
      <select id={id} value={props.value} onChange={(e) => props.onChange(e.currentTarget.value as Dimension)}>
        {DIMENSIONS.map((d) => (
          <option key={d} value={d}>
            {d}
          </option>
        ))}
      </select>
    </span>
  );
}

function PivotTable(props: { pivot: Pivot; rowsDim: Dimension; colsDim: Dimension; format: (v: string | number) => string; onCell: (row?: string, col?: string) => void }) {
  const { pivot, format, onCell } = props;
  return (
    <div class="table-wrap">
      <table class="pivot">
        <thead>
          <tr>
            <th scope="col">
              {props.rowsDim} \ {props.colsDim}
            </th>
            {pivot.cols.map((col, c) => (
              <th scope="col" key={col} class="num">
                <span class="swatch" style={{ background: colorOf(c) }} /> {keyLabel(col)}
              </th>
            ))}
            <th scope="col" class="num">
              Total
            </th>
          </tr>
        </thead>
        <tbody>
          {pivot.rows.map((row, r) => (
            <tr key={row}>
              <th scope="row">{keyLabel(row)}</th>
              {pivot.cells[r].map((value, c) => (
                <td key={c} class="num">
                  <button type="button" class="cell" aria-label={`Events of ${keyLabel(row)}, ${keyLabel(pivot.cols[c])}: ${format(value)}`} onClick={() => onCell(row, pivot.cols[c])}>
                    {format(value)}
                  </button>
                </td>
              ))}
              <td class="num">
                <button type="button" class="cell total" onClick={() => onCell(row)}>
                  {format(pivot.row_totals[r])}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            {pivot.col_totals.map((value, c) => (
              <td key={c} class="num">
                {format(value)}
              </td>
            ))}
            <td class="num" data-testid="pivot-total">
              {format(pivot.total)}
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

export function Explore() {
  const measureId = useId();
  const [rowsDim, setRowsDim] = useState<Dimension>("model");
  const [colsDim, setColsDim] = useState<Dimension>("source_app");
  const [measure, setMeasure] = useState<PivotMeasure>("cost");
  const [range, setRange] = useState<Range>(MONTH_TO_DATE);
  // A link may name filters in its query string (/explore?model=x: the Pricing page's unpriced
  // models).
  const [filters, setFilters] = useState<Filters>(() => {
    let initial: Filters = {};
    for (const [name, value] of new URLSearchParams(location.search)) {
      if ((DIMENSIONS as readonly string[]).includes(name)) initial = addFilter(initial, name as Dimension, value);
    }
    return initial;
  });
  const [drill, setDrill] = useState<Drill>();
  const common: Query = { ...rangeQuery(range), ...filters };
  const query: Query = { ...common, rows: rowsDim, cols: colsDim, measure, limit: 10 };
  const pivot = useLoad(() => api.get<Pivot>("/admin/v1/analytics/pivot", query), JSON.stringify(query));
  const format = (v: string | number) => (measure === "cost" ? formatPico(v) : formatInt(v));

  const openCell = (row?: string, col?: string) => {
    let cellFilters = filters;
    if (row !== undefined) cellFilters = addFilter(cellFilters, rowsDim, row);
    if (col !== undefined) cellFilters = addFilter(cellFilters, colsDim, col);
    const parts = [row !== undefined && `${rowsDim} ${keyLabel(row)}`, col !== undefined && `${colsDim} ${keyLabel(col)}`].filter(Boolean);
    setDrill({ title: parts.join(", "), query: { ...rangeQuery(range), ...cellFilters } });
    requestAnimationFrame(() => document.getElementById("events")?.scrollIntoView({ block: "start" }));
  };

  return (
    <section>
      <h1>Explore</h1>
      <div class="toolbar">
        <DimensionSelect label="Rows" value={rowsDim} onChange={setRowsDim} />
        <DimensionSelect label="Columns" value={colsDim} onChange={setColsDim} />
        <span class="field-inline">
          <label for={measureId}>Measure</label>
          <select id={measureId} value={measure} onChange={(e) => setMeasure(e.currentTarget.value as PivotMeasure)}>
            {PIVOT_MEASURES.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </span>
        <RangePicker range={range} onChange={setRange} />
      </div>
      <FilterChips filters={filters} onChange={setFilters} />
      {pivot.loading && !pivot.data ? (
        <Loading what="the pivot" />
      ) : pivot.error ? (
        <ErrorState error={pivot.error} retry={pivot.reload} />
      ) : pivot.data!.rows.length === 0 ? (
        <NoCallsYet />
      ) : (
        <>
          <section class="card" aria-label="Stacked bars">
            <StackedBars pivot={pivot.data!} format={format} />
          </section>
          <div class="bar-row">
            <p class="muted">Top 10 of each dimension. Select a number to see its events.</p>
            <span class="actions">
            <button type="button" class="secondary" onClick={() => download(`costgate-${rowsDim}-by-${colsDim}-${measure}.csv`, pivotCsv(pivot.data!, rowsDim, colsDim, measure))}>
              Download CSV
            </button>
            {/* The whole range, streamed by central: every event, or FOCUS rows for finance. */}
            <a class="button secondary" href={"/admin/v1/analytics/export" + queryString({ ...common, view: "events", format: "csv" })} download>
              Export events (CSV)
            </a>
            <a class="button secondary" href={"/admin/v1/analytics/export" + queryString({ ...common, view: "focus", format: "csv" })} download>
              Export FOCUS (CSV)
            </a>
            </span>
          </div>
          <PivotTable pivot={pivot.data!} rowsDim={rowsDim} colsDim={colsDim} format={format} onCell={openCell} />
        </>
      )}
      {drill && <EventsPanel title={drill.title} query={drill.query} onClose={() => setDrill(undefined)} />}
    </section>
  );
}
