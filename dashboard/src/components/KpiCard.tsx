// One headline number. `value` is the exact value the API gave (for tests and tooltips);
// `text` is how it reads.
export function KpiCard(props: { id: string; label: string; text: string; value: string; note?: string }) {
  return (
    <div class="kpi" data-kpi={props.id} data-value={props.value}>
      <div class="kpi-label">{props.label}</div>
      <div class="kpi-value" title={props.value}>
        {props.text}
      </div>
      {props.note && <div class="kpi-note">{props.note}</div>}
    </div>
  );
}
