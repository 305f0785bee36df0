/**
 * The CLI's client of a cleanroom server's write API (`track --server`, `import --server`): a JSON
 * POST with the Bearer token, retried while the server answers 503 or 429 (after its Retry-After,
 * else 1 s doubling), and the server's refusals turned into one sentence: 401 says to give a
 * token, 403 names the scope the token has and the one the route needs.
 */
import { ForbiddenError, InputError, UnauthorizedError, UnavailableError, errorMessage } from '../errors.js';

export interface ServerTarget {
  /** the server's base URL, `https://cleanroom.example.com` */
  url: string;
  token?: string;
  /** attempts after the first while the server answers 503/429 (default 5) */
  retries?: number;
  /** the longest wait between attempts (default 30 s) */
  maxDelayMs?: number;
  /** told before each wait, for the CI log */
  onRetry?: (status: number, waitMs: number, attempt: number) => void;
}

/** Checks `--server` and `--token` (or CLEANROOM_TOKEN) before any work is done. */
export function serverTarget(
  url: string,
  token: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): ServerTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InputError(`--server "${url}" is not a URL (expected https://host[:port])`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    throw new InputError(`--server "${url}" is not an http or https URL`);
  const chosen = token ?? env.CLEANROOM_TOKEN;
  return {
    url: parsed.href.replace(/\/+$/, ''),
    ...(chosen ? { token: chosen } : {}),
    onRetry: (status, waitMs, attempt) =>
      process.stderr.write(
        `cleanroom: the server answered ${status}; trying again in ${Math.ceil(waitMs / 1000)} s (attempt ${attempt + 1})\n`,
      ),
  };
}

/** POSTs a JSON body to `path` of the server and returns its JSON answer. */
export async function postToServer(
  target: ServerTarget,
  path: string,
  query: Record<string, string | undefined>,
  body: string,
): Promise<unknown> {
  const url = new URL(`${target.url}${path}`);
  for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, v);
  const retries = target.retries ?? 5;
  let delay = 1000;
  for (let attempt = 0; ; attempt++) {
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(target.token ? { authorization: `Bearer ${target.token}` } : {}),
        },
        body,
      });
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause?.code;
      throw new UnavailableError(
        `cannot reach the server ${url.origin}: ${cause === 'ECONNREFUSED' ? 'connection refused' : errorMessage(err)}`,
        { cause: err },
      );
    }
    if ((res.status === 503 || res.status === 429) && attempt < retries) {
      const wait = Math.min(
        retryAfterMs(res.headers.get('retry-after')) ?? delay,
        target.maxDelayMs ?? 30_000,
      );
      await res.body?.cancel().catch(() => undefined);
      target.onRetry?.(res.status, wait, attempt + 1);
      await new Promise((r) => setTimeout(r, wait));
      delay *= 2;
      continue;
    }
    const text = await res.text();
    if (res.ok) return JSON.parse(text) as unknown;
    throw refusal(res.status, serverMessage(text), url, Boolean(target.token));
  }
}

function refusal(status: number, message: string | undefined, url: URL, hadToken: boolean): Error {
  const server = `the server ${url.origin}`;
  const said = message ? `: ${message.replace(/[.\s]+$/, '')}` : '';
  if (status === 401)
    return new UnauthorizedError(
      hadToken
        ? `${server} refused the token${said}`
        : `${server} needs a token with scope write${said} (give --token or set CLEANROOM_TOKEN)`,
    );
  if (status === 403) return new ForbiddenError(`${server} refused the token${said}`);
  const Kind = status >= 500 || status === 429 ? UnavailableError : InputError;
  return new Kind(`${server} answered HTTP ${status} to ${url.pathname}${said}`);
}

// the error body of the API: {error, code, message, retryable}; anything else is not echoed
function serverMessage(text: string): string | undefined {
  try {
    const doc = JSON.parse(text) as { message?: unknown };
    return typeof doc.message === 'string' ? doc.message.slice(0, 300) : undefined;
  } catch {
    return undefined;
  }
}

// Retry-After is seconds or an HTTP date
function retryAfterMs(value: string | null): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}
