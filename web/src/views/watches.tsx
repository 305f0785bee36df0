/**
 * Watches: the tags the workers observe every period (`cleanroom watch`, `POST /api/watches`),
 * each with its last observation and, when its last run failed for good, the failure and its
 * reason: a watch never stops silently.
 */
import type { Watch } from '../api';
import { Status } from '../components';
import { Link } from '../router';
import { useApi } from '../use-api';

const UNITS: [number, string][] = [
  [86_400, 'd'],
  [3_600, 'h'],
  [60, 'm'],
];

/** 86400 → "24h" as the CLI writes it; whole days past a day ("7d"). */
export function fmtPeriod(seconds: number): string {
  if (seconds >= 86_400 && seconds % 86_400 === 0 && seconds !== 86_400) return `${seconds / 86_400}d`;
  for (const [unit, name] of UNITS.slice(1)) if (seconds % unit === 0) return `${seconds / unit}${name}`;
  return `${seconds}s`;
}

const fmtTime = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : 'never');

export default function Watches(_props: { url: URL }) {
  const loaded = useApi<{ watches: Watch[] }>('/api/watches');
  return (
    <>
      <h1>Watches</h1>
      <p className="sub">
        The tags observed every period by <code>cleanroom worker</code> or{' '}
        <code>cleanroom serve --watch</code>. Add one with <code>cleanroom watch add NAME:TAG</code> or{' '}
        <code>POST /api/watches</code>; a run that fails after its retries is shown here with its reason.
      </p>
      <Status
        loaded={loaded}
        empty={(d) => d.watches.length === 0}
        emptyText="No watches yet: add one with cleanroom watch add NAME:TAG --every 24h."
      >
        {(d) => <WatchTable watches={d.watches} />}
      </Status>
    </>
  );
}

function WatchTable({ watches }: { watches: Watch[] }) {
  const failing = watches.filter((w) => w.lastError).length;
  return (
    <>
      <p className="kind" role="status" data-testid="watch-summary">
        {watches.length} {watches.length === 1 ? 'watch' : 'watches'}, {failing} failing
      </p>
      <div className="panel table-wrap flush">
        <table data-testid="watches">
          <thead>
            <tr>
              <th scope="col">Tag</th>
              <th scope="col">Every</th>
              <th scope="col">Source</th>
              <th scope="col">Last observed</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {watches.map((w) => (
              <tr key={w.ref} data-ref={w.ref} data-failing={w.lastError ? 'true' : 'false'}>
                <th scope="row">
                  {/* only a tag that was observed has a page */}
                  {w.lastObservedAt ? (
                    <Link to={`/image/${encodeURIComponent(w.image)}/${encodeURIComponent(w.tag)}`}>
                      {w.ref}
                    </Link>
                  ) : (
                    w.ref
                  )}
                </th>
                <td>{fmtPeriod(w.everySeconds)}</td>
                <td className="wrap">
                  {w.source}
                  {w.platform && <span className="kind"> ({w.platform})</span>}
                </td>
                <td>{fmtTime(w.lastObservedAt)}</td>
                <td className="wrap">
                  {w.lastError ? (
                    <span className="watch-failed">
                      <strong>failed</strong> {fmtTime(w.failedAt)}: {w.lastError}
                    </span>
                  ) : w.lastObservedAt ? (
                    'ok'
                  ) : (
                    'waiting for its first run'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
