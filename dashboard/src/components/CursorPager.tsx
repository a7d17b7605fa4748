// Pages of a list read with a cursor (alerts and audit: ?before=<id>, newest first; the price
// book: ?after=<key>): the cursors of the pages seen, so the way back retraces the way forward.
import { useState } from "preact/hooks";

export function useCursorPages<C = number>() {
  const [cursors, setCursors] = useState<C[]>([]);
  return {
    before: cursors[cursors.length - 1] as C | undefined,
    older: (next: C) => setCursors([...cursors, next]),
    newer: () => setCursors(cursors.slice(0, -1)),
    hasNewer: cursors.length > 0,
    index: cursors.length, // how many pages come before this one
  };
}

// `labels`: the way back and the way forward ("Newer"/"Older" for a log).
export function CursorPager<C>({
  pages,
  next,
  labels = ["Newer", "Older"],
}: {
  pages: ReturnType<typeof useCursorPages<C>>;
  next: C | null;
  labels?: [string, string];
}) {
  return (
    <div class="actions">
      {pages.hasNewer && (
        <button type="button" class="secondary" onClick={pages.newer}>
          {labels[0]}
        </button>
      )}
      {next !== null && (
        <button type="button" class="secondary" onClick={() => pages.older(next)}>
          {labels[1]}
        </button>
      )}
    </div>
  );
}
