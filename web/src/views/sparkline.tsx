/** A sparkline of a daily series as inline SVG: too small to be worth loading the chart library for. */

export function Sparkline({
  points,
  label,
}: {
  points: { day: string; total: number; kind: 'observed' | 'replayed' }[];
  label: string;
}) {
  const w = 120;
  const h = 28;
  if (points.length === 0) return <span className="kind">no data</span>;
  const max = Math.max(1, ...points.map((p) => p.total));
  const t0 = Date.parse(points[0]!.day);
  const span = Math.max(1, Date.parse(points.at(-1)!.day) - t0);
  const xy = points.map((p) => [
    points.length === 1 ? w / 2 : ((Date.parse(p.day) - t0) / span) * (w - 4) + 2,
    h - 3 - (p.total / max) * (h - 6),
  ]);
  const last = xy.at(-1)!;
  return (
    <svg
      className="spark"
      width={w}
      height={h}
      viewBox={`0 0 ${w} ${h}`}
      role="img"
      data-points={points.length}
      aria-label={`${label}: ${points.length} days, from ${points[0]!.total} to ${points.at(-1)!.total}, at most ${Math.max(...points.map((p) => p.total))}`}
    >
      <line x1="0" x2={w} y1={h - 3} y2={h - 3} className="spark-base" />
      <polyline fill="none" strokeWidth="1.5" points={xy.map((p) => p.join(',')).join(' ')} />
      <circle cx={last[0]} cy={last[1]} r="2.5" />
    </svg>
  );
}
