// A scrollable table with its column headings; the rows are the children.
import type { ComponentChildren } from "preact";

export interface Column {
  label: string;
  num?: boolean; // right-aligned figures
}

export function Table({ columns, class: className, children }: { columns: readonly (string | Column)[]; class?: string; children: ComponentChildren }) {
  return (
    <div class="table-wrap">
      <table class={className}>
        <thead>
          <tr>
            {columns.map((column) => {
              const { label, num } = typeof column === "string" ? { label: column, num: false } : column;
              return (
                <th scope="col" key={label} class={num ? "num" : undefined}>
                  {label}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
