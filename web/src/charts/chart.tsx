/**
 * One ECharts chart. ECharts is imported on first use (its own chunk), so the Directory loads no
 * chart code it does not need. The element carries what was drawn (series, bars, points) as data
 * attributes, for the browser tests and for anyone inspecting the page.
 */
import { useEffect, useRef } from 'react';

export interface ChartProps {
  /** an ECharts option object */
  option: Record<string, unknown>;
  /** what the chart shows, for screen readers */
  label: string;
  height?: number;
  testId?: string;
}

interface SeriesLike {
  type?: string;
  data?: unknown[];
}

const dark = () => window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;

export function Chart({ option, label, height = 280, testId }: ChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let disposed = false;
    let dispose = () => {};
    void import('./echarts-setup').then(({ echarts }) => {
      if (disposed) return;
      const chart = echarts.init(el, dark() ? 'dark' : undefined, { renderer: 'canvas' });
      const started = performance.now();
      chart.setOption(
        { backgroundColor: 'transparent', animation: false, aria: { enabled: true }, ...option },
        true,
      );
      const series = ((option.series as SeriesLike[] | undefined) ?? []).filter((s) => s.type !== 'scatter');
      const filled = (s: SeriesLike) =>
        (s.data ?? []).filter((d) => d != null && (Array.isArray(d) ? d[1] != null : true)).length;
      el.dataset.series = String(series.length);
      el.dataset.bars = String(series.filter((s) => s.type === 'bar').reduce((n, s) => n + filled(s), 0));
      el.dataset.points = String(series.filter((s) => s.type === 'line').reduce((n, s) => n + filled(s), 0));
      el.dataset.renderMs = (performance.now() - started).toFixed(1);
      el.dataset.rendered = 'true';
      const resize = () => chart.resize();
      window.addEventListener('resize', resize);
      dispose = () => {
        window.removeEventListener('resize', resize);
        chart.dispose();
      };
    });
    return () => {
      disposed = true;
      dispose();
    };
  }, [option]);
  return (
    <div
      ref={ref}
      className="chart"
      role="img"
      aria-label={label}
      data-testid={testId}
      style={{ height }}
      tabIndex={0}
    />
  );
}
