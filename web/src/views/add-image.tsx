/**
 * Add an image: track a reference (a registry image, or an archive, layout or SBOM under a folder
 * the server allows with `serve --allow-path`), or upload an SBOM or a Grype/Trivy JSON result
 * with its date. Each write goes to the API with the tab's write token; without one the page asks
 * for it and sends nothing. Progress and errors are shown beside the form that caused them.
 */
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { Link } from '../router';
import { ApiError, storedToken } from '../token';
import { WriteToken } from '../write-token';
import { sendWrite, uploadKind, writeQuery, type UploadKind } from '../writes';

interface TrackAnswer {
  image: string;
  tag: string;
  recorded: number;
  unchanged: number;
  points?: { observedAt: string; total: number }[];
  findings?: number;
  observedAt?: string;
}

type Phase =
  | { state: 'idle' }
  | { state: 'needs-token' }
  | { state: 'sending'; what: string; started: number }
  | { state: 'done'; answer: TrackAnswer }
  | { state: 'error'; error: string };

const KIND_LABEL: Record<UploadKind, string> = {
  trivy: 'a Trivy JSON result',
  grype: 'a Grype JSON result',
  sbom: 'an SBOM',
};

/** The page under /add (and its forms, reused nowhere else). */
export default function AddImage(_props: { url: URL }) {
  const [, rerender] = useState(0);
  const [refused, setRefused] = useState<string | undefined>();
  const onToken = () => {
    setRefused(undefined);
    rerender((n) => n + 1);
  };
  const onRefused = (why: string) => setRefused(why);
  return (
    <>
      <p className="crumbs">
        <Link to="/">Directory</Link> / add an image
      </p>
      <h1>Add an image</h1>
      <p className="sub">
        Record an observation of a tag: the server scans what you name, or records the result you upload, and
        the tag appears in the Directory with its point. To observe a tag every day, add a{' '}
        <Link to="/watches">watch</Link>.
      </p>
      <section className="panel" aria-label="Write access">
        <WriteToken refused={refused} onChange={onToken} />
      </section>
      <TrackForm onRefused={onRefused} />
      <UploadForm onRefused={onRefused} />
    </>
  );
}

/** Runs one write, with its phase; asks for the token first instead of sending without one. */
function useWrite(onRefused: (why: string) => void) {
  const [phase, setPhase] = useState<Phase>({ state: 'idle' });
  const run = async (what: string, send: () => Promise<TrackAnswer>) => {
    if (!storedToken()) return setPhase({ state: 'needs-token' });
    setPhase({ state: 'sending', what, started: Date.now() });
    try {
      setPhase({ state: 'done', answer: await send() });
    } catch (err) {
      const e = err as Error;
      if (e instanceof ApiError && (e.status === 401 || e.status === 403)) onRefused(e.message);
      setPhase({ state: 'error', error: e.message });
    }
  };
  return { phase, run, busy: phase.state === 'sending' };
}

function Progress({ phase }: { phase: Phase }) {
  const [, tick] = useState(0);
  useEffect(() => {
    if (phase.state !== 'sending') return;
    const t = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(t);
  }, [phase.state]);
  let body: ReactNode = null;
  if (phase.state === 'needs-token')
    body = (
      <p className="status error" role="alert" data-testid="write-needs-token">
        Nothing was sent: give a write token above first.
      </p>
    );
  if (phase.state === 'sending')
    body = (
      <p className="kind" role="status" aria-live="polite" data-testid="write-progress">
        {phase.what}… {Math.round((Date.now() - phase.started) / 1000)} s (the server scans and records it)
      </p>
    );
  if (phase.state === 'error')
    body = (
      <p className="status error" role="alert" data-testid="write-error">
        Not recorded: {phase.error}
      </p>
    );
  if (phase.state === 'done') {
    const a = phase.answer;
    const page = `/image/${encodeURIComponent(a.image)}/${encodeURIComponent(a.tag)}`;
    const last = a.points?.at(-1);
    body = (
      <p className="kind done" role="status" data-testid="write-done">
        Recorded {a.recorded} {a.recorded === 1 ? 'observation' : 'observations'} of {a.image}:{a.tag}
        {a.unchanged ? ` (${a.unchanged} already recorded)` : ''}
        {last ? `: ${last.total} CVEs on ${last.observedAt.slice(0, 10)}` : ''}
        {a.findings !== undefined ? `: ${a.findings} findings on ${a.observedAt?.slice(0, 10)}` : ''}.{' '}
        <Link to={page}>Open its page</Link> · <Link to="/">Directory</Link>
      </p>
    );
  }
  return <div aria-live="polite">{body}</div>;
}

function TrackForm({ onRefused }: { onRefused(why: string): void }) {
  const [reference, setReference] = useState('');
  const [as, setAs] = useState('');
  const [at, setAt] = useState('');
  const { phase, run, busy } = useWrite(onRefused);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const name = as.trim() || reference.trim();
    void run(`Tracking ${reference.trim()}`, () =>
      sendWrite<TrackAnswer>('POST', `/api/track?${writeQuery(name, at)}`, { reference: reference.trim() }),
    );
  };
  return (
    <form className="panel" onSubmit={submit} aria-labelledby="track-title" data-testid="track-form">
      <h2 id="track-title">Track a reference</h2>
      <p className="kind">
        A registry image (<code>python:3.12-slim</code>), or an archive, OCI layout or SBOM under a folder the
        server was started with <code>--allow-path</code>.
      </p>
      <div className="controls">
        <label className="grow">
          Reference
          <input
            required
            value={reference}
            onChange={(e) => setReference(e.target.value)}
            placeholder="python:3.12-slim or /data/images/app.tar"
            data-testid="track-reference"
          />
        </label>
        <label>
          Record as (NAME:TAG)
          <input
            value={as}
            onChange={(e) => setAs(e.target.value)}
            placeholder="the reference itself"
            data-testid="track-as"
          />
        </label>
        <label>
          Date (a backfill)
          <input type="date" value={at} onChange={(e) => setAt(e.target.value)} data-testid="track-at" />
        </label>
        <button type="submit" disabled={busy} data-testid="track-submit">
          Track
        </button>
      </div>
      <Progress phase={phase} />
    </form>
  );
}

/** What a file's text is, or null when it is not JSON at all. */
function kindOf(text: string): UploadKind | null {
  try {
    return uploadKind(JSON.parse(text));
  } catch {
    return null;
  }
}

function UploadForm({ onRefused }: { onRefused(why: string): void }) {
  const [file, setFile] = useState<{ name: string; text: string; kind: UploadKind | null } | null>(null);
  const [as, setAs] = useState('');
  const [at, setAt] = useState('');
  const { phase, run, busy } = useWrite(onRefused);
  const pick = async (f: File | undefined) => {
    if (!f) return setFile(null);
    const text = await f.text();
    setFile({ name: f.name, text, kind: kindOf(text) });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!file?.kind) return;
    const route = file.kind === 'sbom' ? '/api/track' : '/api/import';
    void run(`Recording ${file.name}`, () =>
      sendWrite<TrackAnswer>('POST', `${route}?${writeQuery(as, at)}`, file.text),
    );
  };
  return (
    <form className="panel" onSubmit={submit} aria-labelledby="upload-title" data-testid="upload-form">
      <h2 id="upload-title">Upload an SBOM or a scanner result</h2>
      <p className="kind">
        CycloneDX, SPDX or Syft JSON is scanned by the server; a Grype or Trivy JSON result is recorded as
        that scanner said it. The date is the day the file stands for (default: the time the file states).
      </p>
      <div className="controls">
        <label>
          File (JSON)
          <input
            type="file"
            accept=".json,.golden,application/json"
            onChange={(e) => void pick(e.target.files?.[0])}
            data-testid="upload-file"
          />
        </label>
        <label>
          Record as (NAME:TAG)
          <input
            required
            value={as}
            onChange={(e) => setAs(e.target.value)}
            placeholder="myorg/app:1.2"
            data-testid="upload-as"
          />
        </label>
        <label>
          Date
          <input type="date" value={at} onChange={(e) => setAt(e.target.value)} data-testid="upload-at" />
        </label>
        <button type="submit" disabled={busy || !file?.kind} data-testid="upload-submit">
          Upload
        </button>
      </div>
      {file && (
        <p className={file.kind ? 'kind' : 'status error'} role={file.kind ? undefined : 'alert'}>
          {file.kind
            ? `${file.name}: ${KIND_LABEL[file.kind]}.`
            : `${file.name} is neither an SBOM (CycloneDX, SPDX, Syft JSON) nor a Grype or Trivy JSON result.`}
        </p>
      )}
      <Progress phase={phase} />
    </form>
  );
}
