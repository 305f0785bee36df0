/**
 * One data-sources panel per page: the server's advisory DB (build time, each feed with what it
 * covers and how many records it holds), instead of the same footnote under every chart.
 */
import { COVERAGE } from './components';
import { useApi } from './use-api';

interface Meta {
  version: string;
  sources?: { builtAt: string; feeds: { name: string; version: string; records: number }[] } | null;
}

export function DataSources() {
  const meta = useApi<Meta>('/api/meta');
  if (meta.state !== 'ready' || !meta.data.sources) return null;
  const s = meta.data.sources;
  return (
    <section className="panel sources" id="data-sources" aria-labelledby="data-sources-title">
      <h2 id="data-sources-title">Data sources</h2>
      <p className="kind">
        The numbers on this page are computed by cleanroom {meta.data.version} against its advisory DB, built{' '}
        {s.builtAt.slice(0, 10)}. An imported result names its own scanner under its chart. A count marked
        lower bound (≥) may miss records without a trusted date.
      </p>
      <ul className="sources-list">
        {s.feeds.map((f) => (
          <li key={`${f.name}-${f.version}`}>
            <strong>{f.name}</strong> ({f.records.toLocaleString('en')}{' '}
            {f.records === 1 ? 'record' : 'records'}, version {f.version.slice(0, 24)}):{' '}
            {COVERAGE[f.name] ?? 'advisory records'}
          </li>
        ))}
      </ul>
    </section>
  );
}
