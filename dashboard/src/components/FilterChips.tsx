// The dimension filters of a view as removable chips, and a small form to add one.
import { useId, useState } from "preact/hooks";
import { DIMENSIONS, type Dimension } from "../types";
import { keyLabel } from "./BarList";

export type Filters = Partial<Record<Dimension, string[]>>;

export function addFilter(filters: Filters, dimension: Dimension, value: string): Filters {
  const values = filters[dimension] ?? [];
  return values.includes(value) ? filters : { ...filters, [dimension]: [...values, value] };
}

function removeFilter(filters: Filters, dimension: Dimension, value: string): Filters {
  const values = (filters[dimension] ?? []).filter((v) => v !== value);
  const next = { ...filters };
  if (values.length) next[dimension] = values;
  else delete next[dimension];
  return next;
}

export function FilterChips({ filters, onChange }: { filters: Filters; onChange: (filters: Filters) => void }) {
  const id = useId();
  const [dimension, setDimension] = useState<Dimension>("model");
  const [value, setValue] = useState("");
  const chips = Object.entries(filters).flatMap(([d, values]) => (values ?? []).map((v) => [d as Dimension, v] as const));
  return (
    <div class="filters">
      {chips.length > 0 && (
      <ul class="chips" aria-label="Filters">
        {chips.map(([d, v]) => (
          <li key={d + "=" + v} class="chip">
            {d} = {keyLabel(v)}
            <button type="button" class="chip-remove" aria-label={`Remove filter ${d} = ${keyLabel(v)}`} onClick={() => onChange(removeFilter(filters, d, v))}>
              ×
            </button>
          </li>
        ))}
      </ul>
      )}
      <form
        class="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          onChange(addFilter(filters, dimension, value.trim()));
          setValue("");
        }}
      >
        <label for={id + "d"}>Filter</label>
        <select id={id + "d"} value={dimension} onChange={(e) => setDimension(e.currentTarget.value as Dimension)}>
          {DIMENSIONS.map((d) => (
            <option key={d} value={d}>
              {d}
            </option>
          ))}
        </select>
        <label for={id + "v"} class="sr-only">
          Value (empty: Unassigned)
        </label>
        <input id={id + "v"} placeholder="value (empty = Unassigned)" value={value} onInput={(e) => setValue(e.currentTarget.value)} />
        <button type="submit" class="secondary">
          Add filter
        </button>
      </form>
    </div>
  );
}
