/**
 * Watches: the tags the workers observe every period (`cleanroom watch`, `POST /api/watches`),
 * each with its last observation and, when its last run failed for good, the failure and its
 * reason: a watch never stops silently.
 */
import { useState, type FormEvent } from 'react';
import type { Watch } from '../api';
import { Status } from '../components';
import { Link } from '../router';
import { ApiError, storedToken } from '../token';
import { useApi } from '../use-api';
import { WriteToken } from '../write-token';
import { sendWrite } from '../writes';

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

/** What a write answered, or why it was not made: shown beside the form that asked it. */
type Outcome = { ok: boolean; text: string } | null;

export default function Watches(_props: { url: URL }) {
  // a write drops the kept answers (writes.ts); a new key reads the list again
  const [version, setVersion] = useState(0);
  const [refused, setRefused] = useState<string | undefined>();
  const [outcome, setOutcome] = useState<Outcome>(null);
  const write = async (what: () => Promise<string>) => {
    if (!storedToken()) return setOutcome({ ok: false, text: 'Nothing was sent: give a write token first.' });
    try {
      setOutcome({ ok: true, text: await what() });
      setVersion((v) => v + 1);
    } catch (err) {
      const e = err as Error;
      if (e instanceof ApiError && (e.status === 401 || e.status === 403)) setRefused(e.message);
      setOutcome({ ok: false, text: `Not changed: ${e.message}` });
    }
  };
  const remove = (ref: string) =>
    write(async () => {
      await sendWrite('DELETE', `/api/watches?ref=${encodeURIComponent(ref)}`);
      return `${ref} is no longer watched.`;
    });
  return (
    <>
      <h1>Watches</h1>
      <p className="sub">
        The tags observed every period by <code>cleanroom worker</code> or{' '}
        <code>cleanroom serve --watch</code>. Add one here (a write token), with{' '}
        <code>cleanroom watch add NAME:TAG</code> or <code>POST /api/watches</code>; a run that fails after
        its retries is shown here with its reason.
      </p>
      <AddWatch
        refused={refused}
        outcome={outcome}
        onToken={() => {
          setRefused(undefined);
          setOutcome(null);
        }}
        onAdd={(body) =>
          write(async () => {
            await sendWrite('POST', '/api/watches', body);
            return `Watching ${body.refs.join(', ')}.`;
          })
        }
      />
      <WatchList key={version} onRemove={(ref) => void remove(ref)} />
    </>
  );
}

function WatchList({ onRemove }: { onRemove(ref: string): void }) {
  const loaded = useApi<{ watches: Watch[] }>('/api/watches');
  return (
    <Status
      loaded={loaded}
      empty={(d) => d.watches.length === 0}
      emptyText="No watches yet: add one above, or with cleanroom watch add NAME:TAG --every 24h."
    >
      {(d) => <WatchTable watches={d.watches} onRemove={onRemove} />}
    </Status>
  );
}

interface AddBody {
  refs: string[];
  every?: string;
  source?: string;
}

function AddWatch({
  refused,
  outcome,
  onToken,
  onAdd,
}: {
  refused: string | undefined;
  outcome: Outcome;
  onToken(): void;
  onAdd(body: AddBody): Promise<void>;
}) {
  const [ref, setRef] = useState('');
  const [every, setEvery] = useState('24h');
  const [source, setSource] = useState('');
  const [busy, setBusy] = useState(false);
  const [, rerender] = useState(0);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    await onAdd({ refs: [ref.trim()], every: every.trim(), ...(source.trim() && { source: source.trim() }) });
    setBusy(false);
  };
  return (
    <section className="panel" aria-labelledby="add-watch">
      <h2 id="add-watch">Watch a tag</h2>
      <WriteToken
        refused={refused}
        onChange={() => {
          onToken();
          rerender((n) => n + 1);
        }}
      />
      <form className="controls" onSubmit={(e) => void submit(e)} data-testid="watch-form">
        <label className="grow">
          Tag (NAME:TAG)
          <input required value={ref} onChange={(e) => setRef(e.target.value)} data-testid="watch-ref" />
        </label>
        <label>
          Every
          <input
            value={every}
            size={6}
            onChange={(e) => setEvery(e.target.value)}
            data-testid="watch-every"
          />
        </label>
        <label>
          Source (default: the tag)
          <input value={source} onChange={(e) => setSource(e.target.value)} data-testid="watch-source" />
        </label>
        <button type="submit" disabled={busy} data-testid="watch-add">
          Add watch
        </button>
      </form>
      {outcome && (
        <p
          className={outcome.ok ? 'kind' : 'status error'}
          role={outcome.ok ? 'status' : 'alert'}
          data-testid="watch-outcome"
        >
          {outcome.text}
        </p>
      )}
    </section>
  );
}

function WatchTable({ watches, onRemove }: { watches: Watch[]; onRemove(ref: string): void }) {
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
              <th scope="col">
                <span className="visually">Remove</span>
              </th>
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
                <td>
                  <button
                    type="button"
                    className="small"
                    aria-label={`Remove ${w.ref}`}
                    onClick={() => window.confirm(`Stop watching ${w.ref}?`) && onRemove(w.ref)}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
