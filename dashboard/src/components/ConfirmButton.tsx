// A destructive action asks once more in place: the first press arms it, the second acts. The
// confirming button takes the focus, so a keyboard user confirms with a second Enter.
import { useEffect, useRef, useState } from "preact/hooks";

export function ConfirmButton(props: { label: string; confirmLabel: string; disabled?: boolean; onConfirm: () => void }) {
  const [armed, setArmed] = useState(false);
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (armed) confirm.current?.focus();
  }, [armed]);
  if (!armed) {
    return (
      <button type="button" class="danger secondary" disabled={props.disabled} onClick={() => setArmed(true)}>
        {props.label}
      </button>
    );
  }
  return (
    <span class="confirm">
      <button
        type="button"
        class="danger"
        ref={confirm}
        onClick={() => {
          setArmed(false);
          props.onConfirm();
        }}
      >
        {props.confirmLabel}
      </button>
      <button type="button" class="secondary" onClick={() => setArmed(false)}>
        Cancel
      </button>
    </span>
  );
}
