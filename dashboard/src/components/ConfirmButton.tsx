// A destructive action asks once more in place: the first press arms it, the second acts.
import { useState } from "preact/hooks";

export function ConfirmButton(props: { label: string; confirmLabel: string; disabled?: boolean; onConfirm: () => void }) {
  const [armed, setArmed] = useState(false);
  if (!armed) {
    return (
      <button type="button" class="danger secondary" disabled={props.disabled} onClick={() => setArmed(true)}>
        {props.label}
      </button>
    );
  }
  return (
    <span class="confirm">
      <button type="button" class="danger" onClick={() => { setArmed(false); props.onConfirm(); }}>
        {props.confirmLabel}
      </button>
      <button type="button" class="secondary" onClick={() => setArmed(false)}>
        Cancel
      </button>
    </span>
  );
}
