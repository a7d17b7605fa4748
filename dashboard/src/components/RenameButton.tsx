// Rename in place: the button opens a small form with the current name; Save sends it.
import { useState } from "preact/hooks";

export function RenameButton(props: { label: string; current: string; disabled?: boolean; onSave: (name: string) => Promise<unknown> }) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(props.current);
  if (!editing) {
    return (
      <button type="button" class="secondary" disabled={props.disabled} onClick={() => { setName(props.current); setEditing(true); }}>
        Rename
      </button>
    );
  }
  return (
    <form
      class="inline-form"
      onSubmit={async (event) => {
        event.preventDefault();
        await props.onSave(name.trim());
        setEditing(false);
      }}
    >
      <input aria-label={props.label} value={name} required onInput={(e) => setName(e.currentTarget.value)} />
      <button type="submit">Save</button>
      <button type="button" class="secondary" onClick={() => setEditing(false)}>
        Cancel
      </button>
    </form>
  );
}
