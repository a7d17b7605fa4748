// One headline number. `value` is the exact value the API gave (for tests); `text` is how it
// reads, `exact` every digit of it (the tooltip) when `text` is rounded.
export function KpiCard(props: { id: string; label: string; text: string; value: string; exact?: string; note?: string }) {
  return (
    <div class="kpi" data-kpi={props.id} data-value={props.value}>
      <div class="kpi-label">{props.label}</div>
      <div class="kpi-value" title={props.exact ?? props.value}>
        {props.text}
      </div>
      {props.note && <div class="kpi-note">{props.note}</div>}
    </div>
  );
}
