// Newest-first pages of a log read with ?before=<id> (alerts, audit): the cursors of the pages
// seen, so Newer goes back the way Older came.
import { useState } from "preact/hooks";

export function useCursorPages() {
  const [cursors, setCursors] = useState<number[]>([]);
  return {
    before: cursors[cursors.length - 1] as number | undefined,
    older: (next: number) => setCursors([...cursors, next]),
    newer: () => setCursors(cursors.slice(0, -1)),
    hasNewer: cursors.length > 0,
  };
}

export function CursorPager({ pages, next }: { pages: ReturnType<typeof useCursorPages>; next: number | null }) {
  return (
    <div class="actions">
      {pages.hasNewer && (
        <button type="button" class="secondary" onClick={pages.newer}>
          Newer
        </button>
      )}
      {next !== null && (
        <button type="button" class="secondary" onClick={() => pages.older(next)}>
          Older
        </button>
      )}
    </div>
  );
}
