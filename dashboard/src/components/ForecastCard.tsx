// The period-end forecast (GET /admin/v1/analytics/forecast) with its band and method; a central
// without that route gets a card saying so, never a made-up figure.
import { api } from "../api";
import { useLoad } from "../hooks";
import { formatPico, formatPicoCompact } from "../money";
import type { Forecast } from "../types";

export function ForecastCard() {
  const forecast = useLoad(() => api.get<Forecast>("/admin/v1/analytics/forecast"), "forecast");
  const data = forecast.data;
  return (
    <div class="kpi" data-kpi="forecast" data-value={data ? String(data.forecast_pico_usd) : ""}>
      <div class="kpi-label">Month-end forecast</div>
      {forecast.loading && !data ? (
        <div class="kpi-note">Loading…</div>
      ) : forecast.error ? (
        <div class="kpi-note" role="status">
          {forecast.error.status === 404 ? "Not served by this central yet (the forecast API is missing)." : forecast.error.describe()}
        </div>
      ) : (
        <>
          <div class="kpi-value" title={formatPico(data!.forecast_pico_usd)}>
            {formatPicoCompact(data!.forecast_pico_usd)}
          </div>
          <div class="kpi-note">
            {formatPicoCompact(data!.low_pico_usd)} to {formatPicoCompact(data!.high_pico_usd)} · {data!.method}
          </div>
        </>
      )}
    </div>
  );
}
