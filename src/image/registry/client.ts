/**
 * A client for one repository of an OCI distribution registry (distribution-spec "pull"):
 * manifests by tag or digest with Accept negotiation, blobs as streams, auth challenges answered,
 * registry error codes turned into one-sentence InputErrors.
 */
import { createHash } from 'node:crypto';
import {
  ForbiddenError,
  InputError,
  NotFoundError,
  UnauthorizedError,
  UnavailableError,
} from '../../errors.js';
import { RegistryAuth } from './auth.js';
import { parseChallenge } from './challenge.js';
import type { Credentials } from './credentials.js';
import { findCredentials } from './docker-config.js';
import { DEFAULT_HTTP, type HttpRequest, type HttpSettings, httpRequest } from './http.js';
import { MANIFEST_ACCEPT } from './manifest.js';
import { type ImageReference, repositoryName } from './reference.js';

export interface ClientOptions {
  plainHttp?: boolean;
  http?: HttpSettings;
  /** where credentials come from; default: Docker's config */
  credentials?: () => Promise<Credentials | undefined>;
}

export interface FetchedManifest {
  bytes: Buffer;
  contentType?: string;
  /** the verified digest of the bytes */
  digest: string;
}

/** What a request other than a pull needs: its method, body, and whether it writes. */
export interface SendInit {
  method?: HttpRequest['method'];
  body?: HttpRequest['body'];
  /** ask for the `push` scope as well as `pull` */
  push?: boolean;
}

const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

/** The digest of bytes in the algorithm of `like` (sha256 unless it names sha512). */
export function digestOf(bytes: Buffer, like = 'sha256:'): string {
  const algo = like.startsWith('sha512:') ? 'sha512' : 'sha256';
  return `${algo}:${createHash(algo).update(bytes).digest('hex')}`;
}

/** Pulls manifests and blobs of one repository. */
export class RegistryClient {
  readonly name: string;
  private readonly auth: RegistryAuth;
  private readonly http: HttpSettings;
  private readonly base: string;
  protected readonly plainHttp: boolean;

  constructor(
    readonly ref: ImageReference,
    options: ClientOptions = {},
  ) {
    this.name = repositoryName(ref);
    this.http = options.http ?? DEFAULT_HTTP;
    this.plainHttp = options.plainHttp ?? false;
    this.base = `${options.plainHttp ? 'http' : 'https'}://${ref.apiHost}/v2/${ref.repository}`;
    this.auth = new RegistryAuth(
      ref.registry,
      options.credentials ?? (() => findCredentials(ref.registry)),
      this.http,
    );
  }

  /** Fetches a manifest by tag or digest and verifies its digest. */
  async manifest(reference: string): Promise<FetchedManifest> {
    const res = await this.send(`manifests/${reference}`, { accept: MANIFEST_ACCEPT });
    if (res.status === 404) throw await this.notFound(res, reference);
    if (!res.ok) throw await this.failure(res, `the manifest ${reference} of ${this.name}`);
    const bytes = Buffer.from(await res.arrayBuffer());
    if (bytes.length > MAX_MANIFEST_BYTES)
      throw new InputError(`the manifest ${reference} of ${this.name} is larger than 4 MiB`);
    const expected = reference.includes(':')
      ? reference
      : (res.headers.get('docker-content-digest') ?? undefined);
    const digest = digestOf(bytes, expected);
    if (expected && expected !== digest) {
      throw new InputError(
        `the manifest ${reference} of ${this.name} does not match its digest ${expected} (got ${digest})`,
      );
    }
    return { bytes, contentType: res.headers.get('content-type') ?? undefined, digest };
  }

  /** Opens a blob for streaming; the caller verifies its digest while reading. */
  async blob(digest: string): Promise<Response> {
    const res = await this.send(`blobs/${digest}`, {});
    if (res.status === 404) {
      await res.body?.cancel().catch(() => undefined);
      throw new NotFoundError(`blob ${digest} of ${this.name} is missing from the registry`);
    }
    if (!res.ok || !res.body) throw await this.failure(res, `blob ${digest} of ${this.name}`);
    return res;
  }

  /** Sends one request under `/v2/<repo>/` (or to an absolute URL the registry gave), answering a 401. */
  protected async send(
    path: string,
    headers: Record<string, string>,
    init: SendInit = {},
  ): Promise<Response> {
    const url = /^https?:\/\//.test(path) ? path : `${this.base}/${path}`;
    const scope = `repository:${this.ref.repository}:${init.push ? 'pull,push' : 'pull'}`;
    const request = {
      url,
      ...(init.method ? { method: init.method } : {}),
      ...(init.body ? { body: init.body } : {}),
    };
    const known = await this.auth.headerFor(scope);
    let res = await httpRequest(
      { ...request, headers: known ? { ...headers, authorization: known } : headers },
      this.http,
    );
    if (res.status !== 401) return res;
    const challenge = parseChallenge(res.headers.get('www-authenticate'));
    await res.body?.cancel().catch(() => undefined);
    const header = await this.auth.answer(challenge, scope, this.name);
    if (!header)
      throw new UnauthorizedError(
        `authentication required for ${this.name}: no credentials found (run docker login ${this.ref.registry})`,
      );
    res = await httpRequest({ ...request, headers: { ...headers, authorization: header } }, this.http);
    if (res.status === 401) {
      await res.body?.cancel().catch(() => undefined);
      throw (await this.auth.hasCredentials())
        ? new UnauthorizedError(`access denied to ${this.name}: the registry rejected the credentials`)
        : new UnauthorizedError(
            // an anonymous token that still does not open the door: Docker Hub answers so for missing repositories
            `authentication required for ${this.name}: no credentials found (run docker login ${this.ref.registry}), or the repository does not exist`,
          );
    }
    return res;
  }

  private async notFound(res: Response, reference: string): Promise<InputError> {
    const codes = await errorCodes(res);
    let unknownRepo = codes.includes('NAME_UNKNOWN');
    if (!unknownRepo && !codes.includes('NAME_INVALID')) {
      // distribution answers MANIFEST_UNKNOWN for a missing repository too; the tag list tells them apart
      const probe = await this.send('tags/list?n=1', {});
      unknownRepo = probe.status === 404 && (await errorCodes(probe)).includes('NAME_UNKNOWN');
      if (probe.status !== 404) await probe.body?.cancel().catch(() => undefined);
    }
    if (unknownRepo)
      return new NotFoundError(`unknown repository ${this.name}: the registry has no such repository`);
    const what = reference.includes(':') ? `manifest ${reference}` : `tag ${reference}`;
    return new NotFoundError(`unknown ${what} in ${this.name}: the registry has no such image`);
  }

  /** The one-sentence error for a response that is neither success nor 404. */
  protected async failure(res: Response, what: string): Promise<InputError> {
    if (res.status === 403) {
      await res.body?.cancel().catch(() => undefined);
      return new ForbiddenError(`access denied to ${this.name}: the registry refused to serve ${what}`);
    }
    const codes = await errorCodes(res);
    // a registry that is down or throttling us may answer later; anything else will not change
    const Kind = res.status >= 500 || res.status === 429 ? UnavailableError : InputError;
    return new Kind(
      `the registry ${this.ref.registry} answered HTTP ${res.status}${codes.length ? ` (${codes.join(', ')})` : ''} for ${what}`,
    );
  }
}

// Registry error bodies are `{"errors":[{"code":"MANIFEST_UNKNOWN",…}]}`; only the codes are kept,
// because messages and details are free text from the server.
async function errorCodes(res: Response): Promise<string[]> {
  try {
    const doc = (await res.json()) as { errors?: { code?: unknown }[] };
    return (doc.errors ?? [])
      .map((e) => e.code)
      .filter((c): c is string => typeof c === 'string' && /^[A-Z_]+$/.test(c));
  } catch {
    return [];
  }
}
