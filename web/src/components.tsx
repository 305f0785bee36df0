/** Small shared pieces: load states, cards, the provenance line of a chart. */
import type { MouseEvent, ReactNode } from 'react';
import type { DbInfo, Point } from './api';
import { saveToken, storedToken } from './token';
import { useApi, type Loaded } from './use-api';

export function Status<T>({
  loaded,
  empty,
  emptyText = 'Nothing here yet: track an image with `cleanroom track`.',
  children,
}: {
  loaded: Loaded<T>;
  empty?: (data: T) => boolean;
  emptyText?: string;
  children: (data: T) => ReactNode;
}) {
  if (loaded.state === 'loading')
    return (
      <p className="status" role="status" aria-live="polite">
        Loading…
      </p>
    );
  if (loaded.state === 'error' && loaded.status === 401) return <TokenForm reason={loaded.error} />;
  if (loaded.state === 'error')
    return (
      <p className="status error" role="alert">
        Could not load: {loaded.error}
      </p>
    );
  if (empty?.(loaded.data)) return <p className="status">{emptyText}</p>;
  return <>{children(loaded.data)}</>;
}

export function Card({
  label,
  value,
  sub,
  testId,
  badge,
}: {
  label: string;
  value: string;
  sub?: string;
  testId?: string;
  /** what the number is not (a lower bound, a share of unknown severity): CoverageBadge */
  badge?: ReactNode;
}) {
  return (
    <div className="card" data-testid={testId}>
      <div className="card-label">{label}</div>
      <div className="card-value" data-value>
        {value}
      </div>
      {sub && <div className="card-sub">{sub}</div>}
      {badge}
    </div>
  );
}

/**
 * Beside a count: "lower bound" when undated records may have applied that day (the point's
 * coverage, docs/counting.md), and the share of the count whose severity is unknown.
 */
export function CoverageBadge({
  point,
}: {
  point:
    | {
        total: number;
        bySeverity: Partial<Record<string, number>>;
        coverage?: { records: number; dated: number; lowerBound: boolean } | null;
      }
    | null
    | undefined;
}) {
  if (!point) return null;
  const unknown = point.bySeverity.unknown ?? 0;
  const share = point.total > 0 ? Math.round((unknown / point.total) * 100) : 0;
  const c = point.coverage;
  if (!c?.lowerBound && share === 0) return null;
  return (
    <div className="badges">
      {c?.lowerBound && (
        <span
          className="badge lower"
          data-testid="lower-bound"
          title={`A lower bound: ${c.records - c.dated} of the ${c.records} matched records carry no trusted date and may have applied that day`}
        >
          ≥ lower bound
        </span>
      )}
      {share > 0 && (
        <span
          className="badge"
          data-testid="unknown-share"
          title={`${unknown} of ${point.total} with no severity from the distribution or a CVSS score`}
        >
          {share} % unknown severity
        </span>
      )}
    </div>
  );
}

// what each feed covers, shown once per page (data-sources.tsx) so a low count is read as what it is
export const COVERAGE: Record<string, string> = {
  'wolfi-advisories': 'Wolfi: dated advisory events',
  'alpine-secdb': 'Alpine: only CVEs with a fix in secdb',
  osv: 'OSV: the records in the DB (Debian advisories in OSV name only CVEs Debian fixed: a lower bound)',
  cve5: 'CVE 5: dates and CVSS scores',
  'debian-tracker': 'Debian security tracker',
  kev: 'CISA KEV',
  epss: 'EPSS',
};

/**
 * "scanner · DB built" of the points a chart draws, pointing to the page's one data-sources panel
 * (data-sources.tsx) for what each feed covers. Numbers the server computed itself (resolved, a
 * day's findings) name the server's own scanner, as /api/meta reports it.
 */
export function Provenance({
  points,
  db,
  scanner: given,
}: {
  points?: Point[];
  db?: DbInfo | null;
  scanner?: { name: string; version: string };
}) {
  const last = points?.at(-1);
  const info = db ?? last?.db;
  const meta = useApi<{ version: string }>(given || last?.scanner ? null : '/api/meta');
  const scanner =
    given ??
    last?.scanner ??
    (meta.state === 'ready' ? { name: 'cleanroom', version: meta.data.version } : undefined);
  if (!info && !scanner) return null;
  return (
    <p className="provenance">
      {scanner && `${scanner.name} ${scanner.version} · `}
      {info && (info.builtAt ? `DB built ${info.builtAt.slice(0, 10)} · ` : 'DB build time not stated · ')}
      {info && Object.keys(info.feeds).length > 0 ? (
        <a href="#data-sources">data sources below</a>
      ) : (
        'no advisory feeds named'
      )}
    </p>
  );
}

/** A private server's answer 401: ask for a token (kept for this tab), then load again. */
export function TokenForm({ reason }: { reason: string }) {
  return (
    <form
      className="panel token-form"
      onSubmit={(e) => {
        e.preventDefault();
        const value = new FormData(e.currentTarget).get('token');
        if (typeof value === 'string' && value.trim()) {
          saveToken(value);
          window.location.reload();
        }
      }}
    >
      <h2>This server needs a token</h2>
      <p className="sub">
        {storedToken() ? `The token given was refused: ${reason}.` : 'It was started with --private.'} Create
        one with <code>cleanroom token create --scope read</code>; it is kept for this tab only.
      </p>
      <label>
        API token
        <input name="token" type="password" autoComplete="off" required placeholder="crt_…" />
      </label>
      <button type="submit">Use token</button>
    </form>
  );
}

/**
 * A file the API answers as an attachment. A plain link; on a private server (a token in this
 * tab) the file is fetched with the token and saved from memory, since a link cannot send it.
 */
export function DownloadLink({
  href,
  children,
  ...rest
}: { href: string; children: ReactNode } & Record<`data-${string}` | `aria-${string}`, unknown>) {
  const onClick = async (e: MouseEvent<HTMLAnchorElement>) => {
    const token = storedToken();
    if (!token) return;
    e.preventDefault();
    const res = await fetch(href, { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok) return window.alert(`Could not download: ${res.status} ${res.statusText}`);
    const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'download';
    const url = URL.createObjectURL(await res.blob());
    const a = Object.assign(document.createElement('a'), { href: url, download: name });
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  return (
    <a className="button" href={href} download onClick={(e) => void onClick(e)} {...rest}>
      {children}
    </a>
  );
}
