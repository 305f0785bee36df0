/**
 * HTTP for the registry client over Node's fetch: retries with backoff on 429/5xx and network
 * failures, a timeout until the headers arrive, redirects followed by hand so that the
 * Authorization header never travels to another host (blob storage often lives on a CDN).
 */
import { Readable } from 'node:stream';
import { InputError, UnavailableError } from '../../errors.js';
import { dispatcherFor } from './dispatcher.js';
import { checkEgress, EgressRefusedError } from './egress-policy.js';

export interface HttpSettings {
  /** how long to wait for response headers, per attempt */
  timeoutMs: number;
  /** attempts after the first on 429/5xx/network failure */
  retries: number;
  /** the first backoff delay; doubled each time */
  backoffMs: number;
}

export const DEFAULT_HTTP: HttpSettings = { timeoutMs: 30_000, retries: 3, backoffMs: 250 };

export interface HttpRequest {
  url: string;
  method?: 'GET' | 'HEAD' | 'POST' | 'PUT';
  headers?: Record<string, string>;
  /** a function for a streamed body: each attempt (retry, redirect) opens it afresh */
  body?: string | Uint8Array | (() => Readable);
}

const MAX_REDIRECTS = 5;
const RETRY_STATUS = new Set([408, 429, 500, 502, 503, 504]);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends a request with retries and safe redirects; network failures become one-sentence InputErrors. */
export async function httpRequest(
  req: HttpRequest,
  settings: HttpSettings = DEFAULT_HTTP,
): Promise<Response> {
  let delay = settings.backoffMs;
  for (let attempt = 0; ; attempt++) {
    let response: Response | undefined;
    try {
      response = await followRedirects(req, settings);
    } catch (err) {
      if (attempt >= settings.retries || !retryableNetworkError(err))
        throw networkError(req.url, err, settings);
    }
    if (response && (!RETRY_STATUS.has(response.status) || attempt >= settings.retries)) return response;
    const retryAfter = Number(response?.headers.get('retry-after'));
    await response?.body?.cancel().catch(() => undefined);
    await sleep(Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter * 1000, 10_000) : delay);
    delay *= 2;
  }
}

async function followRedirects(req: HttpRequest, settings: HttpSettings): Promise<Response> {
  let url = new URL(req.url);
  let headers = { ...req.headers };
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    // a server's policy for references it was given (egress-policy.ts), checked here for a clear
    // refusal before anything is sent, and again by the connection on the address it connects to
    await checkEgress(url);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new TimeoutError()), settings.timeoutMs);
    let response: Response;
    try {
      const dispatcher = dispatcherFor(url); // CA, proxy and insecure settings (dispatcher.ts)
      response = await fetch(url, {
        method: req.method ?? 'GET',
        headers,
        ...bodyInit(req.body),
        redirect: 'manual',
        signal: controller.signal,
        ...(dispatcher ? { dispatcher: dispatcher as unknown as RequestInit['dispatcher'] } : {}),
      });
    } catch (err) {
      // the connection's own egress check (the address it would connect to) refused: say so
      const cause = (err as { cause?: unknown }).cause;
      throw cause instanceof EgressRefusedError ? cause : err;
    } finally {
      clearTimeout(timer);
    }
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) return response;
    await response.body?.cancel().catch(() => undefined);
    const next = new URL(location, url);
    // Credentials are for the registry only: drop them when the redirect leaves its origin.
    if (next.origin !== url.origin) headers = withoutAuthorization(headers);
    url = next;
  }
  throw new InputError(`too many redirects fetching from ${new URL(req.url).host}`);
}

// fetch takes a Node stream only as a web stream with `duplex: 'half'`
function bodyInit(body: HttpRequest['body']): { body?: RequestInit['body']; duplex?: 'half' } {
  if (body === undefined) return {};
  if (typeof body !== 'function') return { body };
  return { body: Readable.toWeb(body()) as unknown as RequestInit['body'], duplex: 'half' };
}

function withoutAuthorization(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([k]) => k.toLowerCase() !== 'authorization'));
}

class TimeoutError extends Error {
  constructor() {
    super('timeout');
    this.name = 'TimeoutError';
  }
}

function errorCode(err: unknown): string | undefined {
  const cause = (err as { cause?: { code?: unknown; cause?: { code?: unknown } } })?.cause;
  const code = cause?.code ?? cause?.cause?.code ?? (err as { code?: unknown })?.code;
  return typeof code === 'string' ? code : undefined;
}

// OpenSSL's verification failures: *CERT* (self-signed, expired, altname) and UNABLE_TO_VERIFY_LEAF_SIGNATURE
function certificateCode(code: string): boolean {
  return code.includes('CERT') || code.startsWith('UNABLE_TO_VERIFY');
}

function retryableNetworkError(err: unknown): boolean {
  if (err instanceof InputError) return false;
  const code = errorCode(err) ?? '';
  return !certificateCode(code) && !code.startsWith('ERR_SSL') && code !== 'ENOTFOUND';
}

function networkError(url: string, err: unknown, settings: HttpSettings): Error {
  if (err instanceof InputError) return err;
  const host = new URL(url).host;
  const code = errorCode(err) ?? '';
  const timedOut = err instanceof TimeoutError || (err as { cause?: unknown })?.cause instanceof TimeoutError;
  let why: string;
  if (timedOut) why = `no answer within ${Math.round(settings.timeoutMs / 1000)} s`;
  else if (code === 'ECONNREFUSED') why = 'connection refused';
  else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') why = 'host not found';
  else if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') why = 'the connection was reset';
  else if (code.startsWith('ERR_SSL') || code === 'EPROTO')
    why = 'TLS handshake failed (for a registry without TLS, use --plain-http)';
  else if (certificateCode(code))
    why = `its TLS certificate is not trusted (${code}); give its CA with --ca-file or in /etc/containers/certs.d/${host}/`;
  else why = code ? `network error ${code}` : 'network error';
  // a host that does not resolve or a TLS problem will not fix itself; the rest may pass
  const lasting =
    code === 'ENOTFOUND' || code.startsWith('ERR_SSL') || code === 'EPROTO' || certificateCode(code);
  return new (lasting ? InputError : UnavailableError)(`cannot reach registry ${host}: ${why}`, {
    cause: err,
  });
}
