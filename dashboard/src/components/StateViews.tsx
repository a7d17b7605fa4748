// The three states every view can be in besides "showing data", each saying what to do next.
import type { ComponentChildren } from "preact";
import type { ApiError } from "../api";

export function Loading({ what }: { what: string }) {
  return (
    <p class="state loading" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function ErrorState({ error, retry }: { error: ApiError; retry?: () => void }) {
  return (
    <div class="state error" role="alert">
      <p>{error.describe()}</p>
      {retry && (
        <button type="button" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <div class="state empty">{children}</div>;
}

// The first-run hint: how calls reach costgate at all.
export function NoCallsYet() {
  return (
    <Empty>
      <p>
        <strong>No calls yet in this range.</strong>
      </p>
      <p>
        Point an app's base URL at <code>http://127.0.0.1:8787</code> (the proxy), or run{" "}
        <code>costgate central generate-events</code> for demo data.
      </p>
    </Empty>
  );
}

export function InlineError({ error }: { error: ApiError | undefined }) {
  return error ? (
    <p class="inline-error" role="alert">
      {error.describe()}
    </p>
  ) : null;
}
