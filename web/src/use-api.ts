/**
 * Loading, data and error of one API read; a new path cancels the previous request. Answers are
 * kept for the page's life (a few dozen at most), so going back, or switching to a counting rule
 * that was prefetched, draws at once without asking the server again.
 */
import { useEffect, useState } from 'react';
import { getJson } from './api';
import { ApiError } from './token';

export type Loaded<T> =
  { state: 'loading' } | { state: 'error'; error: string; status?: number } | { state: 'ready'; data: T };

const KEEP = 40;
const kept = new Map<string, unknown>();
const inFlight = new Map<string, Promise<unknown>>();

function keep(path: string, data: unknown) {
  kept.delete(path);
  kept.set(path, data);
  if (kept.size > KEEP) kept.delete(kept.keys().next().value!);
}

function fetchKept<T>(path: string): Promise<T> {
  let p = inFlight.get(path) as Promise<T> | undefined;
  if (!p) {
    p = getJson<T>(path).finally(() => inFlight.delete(path));
    inFlight.set(path, p);
    p.then(
      (data) => keep(path, data),
      () => {},
    );
  }
  return p;
}

/** Drops every kept answer: after a write, the next read asks the server again. */
export function forgetKept(): void {
  kept.clear();
}

/** Reads a path in the background so that a later useApi of it is immediate. */
export function prefetch(path: string): Promise<unknown> {
  if (kept.has(path)) return Promise.resolve(kept.get(path));
  return fetchKept(path).catch(() => undefined);
}

export function useApi<T>(path: string | null): Loaded<T> {
  const initial = (): Loaded<T> =>
    path && kept.has(path) ? { state: 'ready', data: kept.get(path) as T } : { state: 'loading' };
  const [result, setResult] = useState<{ path: string | null; loaded: Loaded<T> }>(() => ({
    path,
    loaded: initial(),
  }));
  useEffect(() => {
    if (!path) return;
    if (kept.has(path)) {
      setResult({ path, loaded: { state: 'ready', data: kept.get(path) as T } });
      return;
    }
    let live = true;
    setResult({ path, loaded: { state: 'loading' } });
    fetchKept<T>(path).then(
      (data) => live && setResult({ path, loaded: { state: 'ready', data } }),
      (err: unknown) =>
        live &&
        setResult({
          path,
          loaded: {
            state: 'error',
            error: String((err as Error).message ?? err),
            ...(err instanceof ApiError && { status: err.status }),
          },
        }),
    );
    return () => {
      live = false;
    };
  }, [path]);
  // a path changed since the last effect: its kept answer at once, else loading (never the old data)
  if (result.path !== path) return initial();
  return result.loaded;
}
