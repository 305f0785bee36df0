/** A 30-day sparkline as inline SVG: too small to be worth loading the chart library for. */
import type { Point } from '../api';

export function Sparkline({ points, label }: { points: Point[]; label: string }) {
  const w = 120;
  const h = 28;
  if (points.length === 0) return <span className="kind">no data</span>;
  const max = Math.max(1, ...points.map((p) => p.total));
  const t0 = Date.parse(points[0]!.day);
  const span = Math.max(1, Date.parse(points.at(-1)!.day) - t0);
  const xy = points.map((p) => [
    ((Date.parse(p.day) - t0) / span) * (w - 2) + 1,
    h - 2 - (p.total / max) * (h - 4),
  ]);
  return (
    <svg
      width={w}
      height={h}
      role="img"
      aria-label={`${label}: from ${points[0]!.total} to ${points.at(-1)!.total}`}
    >
      <polyline
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
        points={xy.map((p) => p.join(',')).join(' ')}
      />
    </svg>
  );
}
