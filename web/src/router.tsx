/** A small client router over the History API: the server answers index.html for every page path. */
import { useEffect, useState, type MouseEvent, type ReactNode } from 'react';

const listeners = new Set<() => void>();

/** Goes to `to`; `replace` rewrites the current entry (a field typed into, defaults written down). */
export function navigate(to: string, replace = false): void {
  if (replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  for (const l of listeners) l();
}

/** Goes to `path` with the query `q` changed: a value sets its key, null removes it (a page's URL state). */
export function navigateWith(
  path: string,
  q: URLSearchParams,
  changes: Record<string, string | null>,
  replace = false,
): void {
  const next = new URLSearchParams(q);
  for (const [k, v] of Object.entries(changes))
    if (v === null) next.delete(k);
    else next.set(k, v);
  navigate(`${path}?${next.toString()}`, replace);
}

/** The current location, re-rendering on navigation and on back/forward. */
export function useLocation(): URL {
  const [, tick] = useState(0);
  useEffect(() => {
    const update = () => tick((n) => n + 1);
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return new URL(window.location.href);
}

export function Link({ to, children, className }: { to: string; children: ReactNode; className?: string }) {
  const onClick = (e: MouseEvent) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    navigate(to);
  };
  const current = window.location.pathname === to.split('?')[0];
  return (
    <a href={to} onClick={onClick} className={className} aria-current={current ? 'page' : undefined}>
      {children}
    </a>
  );
}
