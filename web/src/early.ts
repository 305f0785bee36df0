/**
 * Reads a page needs, started by the first script rather than after the page's own chunk has
 * loaded and rendered: on a slow machine that is most of a first render. The view asks the same
 * paths and finds them on their way (use-api.ts keeps one request per path).
 */
import { presetFrom } from './api';
import { comparePath, rulesOf } from './compare-path';
import { prefetch } from './use-api';

const CHART_PAGES = ['/compare', '/resolved', '/report'];

export function startEarly(url: URL): void {
  const q = url.searchParams;
  const images = q.get('images');
  const to = q.get('to');
  // the comparison of a URL that says everything (the view asks the same path: compare.tsx)
  if (url.pathname === '/compare' && images && to)
    void prefetch(comparePath(images, q.get('from') ?? presetFrom(to, '1y'), to, rulesOf(q)));
  // the chart code, alongside the page's own chunk
  if (CHART_PAGES.includes(url.pathname) || url.pathname.startsWith('/image/'))
    void import('./charts/echarts-setup');
}
