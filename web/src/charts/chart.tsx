/**
 * One ECharts chart. ECharts is imported on first use (its own chunk), so the Directory loads no
 * chart code it does not need. The element carries what was drawn (series, bars, points) as data
 * attributes, for the browser tests and for anyone inspecting the page; `data-drawn` counts the
 * draws of the page, so a test or a benchmark can wait for the next one. `valuesOn(day)` on the
 * element gives the value each series drew on a day, so a test compares a day's bar or point with
 * the API's.
 */
import { useEffect, useRef, useState } from 'react';
import { fitToWidth } from './options';

export interface ChartProps {
  /** an ECharts option object */
  option: Record<string, unknown>;
  /** what the chart shows, for screen readers */
  label: string;
  height?: number;
  testId?: string;
  /** offer a PNG download of the chart under this file name (without .png) */
  png?: string;
  /** a click on a bar or point: its day (the x value) and series (drill-down) */
  onPick?: (pick: { day: string; series: string }) => void;
}

interface SeriesLike {
  name?: string;
  type?: string;
  data?: unknown[];
}
interface Drawn {
  getDataURL(o: { type: 'png'; pixelRatio: number; backgroundColor: string }): string;
}

const dark = () => window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
let draws = 0;

interface Instance extends Drawn {
  setOption(option: Record<string, unknown>, notMerge: boolean): void;
  on(event: 'click', handler: (p: { seriesName?: string; value?: unknown }) => void): void;
  convertToPixel(finder: { seriesIndex: number }, value: unknown[]): number[];
  resize(): void;
  dispose(): void;
}

export function Chart({ option, label, height = 280, testId, png, onPick }: ChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const drawn = useRef<Instance | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;
  const [ready, setReady] = useState(false);
  // one ECharts instance for the element's life: a new option (a rule switched, a range moved) is
  // drawn into it, not into a fresh one
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let disposed = false;
    let dispose = () => {};
    void import('./echarts-setup').then(({ echarts }) => {
      if (disposed) return;
      const chart = echarts.init(el, dark() ? 'dark' : undefined, { renderer: 'canvas' }) as Instance;
      drawn.current = chart;
      chart.on('click', (p) => {
        const day = Array.isArray(p.value) ? p.value[0] : undefined;
        if (typeof day === 'string' && pick.current) pick.current({ day, series: p.seriesName ?? '' });
      });
      // where a value is drawn, for the browser tests that click a bar as a user does
      Object.assign(el, {
        pixelOf: (seriesIndex: number, value: unknown[]) => chart.convertToPixel({ seriesIndex }, value),
      });
      const resize = () => chart.resize();
      window.addEventListener('resize', resize);
      dispose = () => {
        window.removeEventListener('resize', resize);
        drawn.current = null;
        chart.dispose();
      };
      setReady(true);
    });
    return () => {
      disposed = true;
      dispose();
    };
  }, []);
  useEffect(() => {
    const el = ref.current;
    const chart = drawn.current;
    if (!el || !chart || !ready) return;
    const started = performance.now();
    // fitted to the width it is drawn at (legend rows, bar width); again when the width changes
    const draw = () =>
      chart.setOption(
        {
          backgroundColor: 'transparent',
          animation: false,
          aria: { enabled: true },
          ...fitToWidth(option, el.clientWidth || 600),
        },
        true,
      );
    draw();
    let width = el.clientWidth;
    const observer = new ResizeObserver(() => {
      if (el.clientWidth === width) return;
      width = el.clientWidth;
      draw();
      chart.resize();
    });
    observer.observe(el);
    const series = ((option.series as SeriesLike[] | undefined) ?? []).filter((s) => s.type !== 'scatter');
    const filled = (s: SeriesLike) =>
      (s.data ?? []).filter((d) => d != null && (Array.isArray(d) ? d[1] != null : true)).length;
    el.dataset.series = String(series.length);
    el.dataset.bars = String(series.filter((s) => s.type === 'bar').reduce((n, s) => n + filled(s), 0));
    el.dataset.points = String(series.filter((s) => s.type === 'line').reduce((n, s) => n + filled(s), 0));
    // each series' value drawn on a day (`[day, value]` data): null is a gap, undefined no entry
    const valuesOn = (day: string) =>
      Object.fromEntries(
        series.map((s) => {
          const at = (s.data ?? []).find((d) => Array.isArray(d) && d[0] === day) as unknown[] | undefined;
          return [s.name ?? '', at?.[1]];
        }),
      );
    Object.assign(el, { valuesOn });
    el.dataset.renderMs = (performance.now() - started).toFixed(1);
    el.dataset.drawn = String(++draws);
    el.dataset.rendered = 'true';
    return () => observer.disconnect();
  }, [option, ready]);
  const savePng = () => {
    if (!drawn.current || !ref.current) return;
    const a = document.createElement('a');
    a.href = drawn.current.getDataURL({
      type: 'png',
      pixelRatio: 2,
      backgroundColor: getComputedStyle(ref.current).getPropertyValue('--panel').trim() || '#fff',
    });
    a.download = `${png}.png`;
    a.click();
  };
  return (
    <div className="chart-box">
      {png && (
        <button type="button" className="small png" onClick={savePng} aria-label={`Download ${label} as PNG`}>
          PNG
        </button>
      )}
      <div
        ref={ref}
        className="chart"
        role="img"
        aria-label={label}
        data-testid={testId}
        style={{ height }}
        tabIndex={0}
      />
    </div>
  );
}
