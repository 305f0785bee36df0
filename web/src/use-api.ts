/** Loading, data and error of one API read; a new path cancels the previous request. */
import { useEffect, useState } from 'react';
import { getJson } from './api';

export type Loaded<T> =
  { state: 'loading' } | { state: 'error'; error: string } | { state: 'ready'; data: T };

export function useApi<T>(path: string | null): Loaded<T> {
  const [result, setResult] = useState<Loaded<T>>({ state: 'loading' });
  useEffect(() => {
    if (!path) return;
    const abort = new AbortController();
    setResult({ state: 'loading' });
    getJson<T>(path, abort.signal).then(
      (data) => setResult({ state: 'ready', data }),
      (err: unknown) => {
        if (!abort.signal.aborted)
          setResult({ state: 'error', error: String((err as Error).message ?? err) });
      },
    );
    return () => abort.abort();
  }, [path]);
  return result;
}
