// Spend per time bucket as bars (uPlot). The bars' heights are geometry, drawn from floats; the
// exact amounts are in the table beside the chart and in each bucket's tooltip.
import { useEffect, useRef } from "preact/hooks";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { formatPico, picoToDecimal, toBigInt } from "../money";
import type { TimeBucket } from "../types";

function cssColor(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

export function SpendChart({ buckets, label }: { buckets: TimeBucket[]; label: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const xs = buckets.map((b) => b.start_unix_ms / 1000);
    const ys = buckets.map((b) => Number(picoToDecimal(toBigInt(b.cost_pico_usd))));
    const accent = cssColor("--accent", "#2563eb");
    const ink = cssColor("--muted", "#666");
    const grid = cssColor("--line", "#ddd");
    const axis = { stroke: ink, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
    const plot = new uPlot(
      {
        width: element.clientWidth || 600,
        height: 220,
        legend: { show: false },
        cursor: { y: false },
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] } },
        axes: [axis, { ...axis, size: 70, values: (_u, ticks) => ticks.map((t) => "$" + t.toLocaleString("en-US")) }],
        series: [
          {},
          {
            label,
            fill: accent,
            stroke: accent,
            paths: uPlot.paths.bars!({ size: [0.7, 48] }),
            points: { show: false },
          },
        ],
      },
      [xs, ys],
      element,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: element.clientWidth, height: 220 }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [buckets]);
  const peak = buckets.reduce((best, b) => (toBigInt(b.cost_pico_usd) > toBigInt(best?.cost_pico_usd ?? 0) ? b : best), buckets[0]);
  return (
    <figure class="chart">
      <div ref={host} role="img" aria-label={`${label}, ${buckets.length} buckets`} />
      {peak && toBigInt(peak.cost_pico_usd) > 0n && (
        <figcaption class="muted">
          Highest: {formatPico(peak.cost_pico_usd)} on {peak.start.slice(0, 10)}
        </figcaption>
      )}
    </figure>
  );
}
