/**
 * `WWW-Authenticate` challenges (RFC 7235) as registries send them:
 * `Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:x:pull"`
 * (distribution's token authentication spec) or `Basic realm="…"`.
 */

export type Challenge =
  | { scheme: 'bearer'; realm: string; service?: string; scope?: string }
  | { scheme: 'basic'; realm?: string }
  | { scheme: 'other'; name: string };

const PARAM = /([A-Za-z0-9_-]+)\s*=\s*("((?:[^"\\]|\\.)*)"|[^,\s]*)/y;

/** Parses the first challenge of a WWW-Authenticate header; undefined when there is none. */
export function parseChallenge(header: string | null | undefined): Challenge | undefined {
  if (!header) return undefined;
  const m = /^\s*([A-Za-z][A-Za-z0-9_-]*)\s*/.exec(header);
  if (!m?.[1]) return undefined;
  const scheme = m[1].toLowerCase();
  const params: Record<string, string> = {};
  let pos = m[0].length;
  while (pos < header.length) {
    PARAM.lastIndex = pos;
    const p = PARAM.exec(header);
    if (!p?.[1] || p[2] === undefined) break;
    params[p[1].toLowerCase()] = p[3] !== undefined ? p[3].replace(/\\(.)/g, '$1') : p[2];
    pos = PARAM.lastIndex;
    const sep = /^\s*,\s*/.exec(header.slice(pos));
    if (!sep) break;
    pos += sep[0].length;
  }
  if (scheme === 'bearer' && params.realm) {
    return {
      scheme: 'bearer',
      realm: params.realm,
      ...(params.service ? { service: params.service } : {}),
      ...(params.scope ? { scope: params.scope } : {}),
    };
  }
  if (scheme === 'basic') return { scheme: 'basic', ...(params.realm ? { realm: params.realm } : {}) };
  return { scheme: 'other', name: m[1] };
}
