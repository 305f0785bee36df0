/**
 * Authorization for one registry: anonymous first; on a 401 follow its challenge: Bearer tokens
 * from the realm (distribution's token spec: GET with basic credentials, or the OAuth2
 * refresh-token POST for identity tokens), cached per scope; or Basic credentials.
 * Secrets stay in this object: no message built here contains them.
 */
import { z } from 'zod';
import { InputError } from '../../errors.js';
import type { Challenge } from './challenge.js';
import type { Credentials } from './credentials.js';
import { type HttpSettings, httpRequest } from './http.js';

const tokenAnswer = z.object({
  token: z.string().optional(),
  access_token: z.string().optional(),
  expires_in: z.number().optional(),
});

interface CachedToken {
  header: string;
  expiresAt: number;
}

/** The Authorization state of one registry for one run: its credentials and tokens by scope. */
export class RegistryAuth {
  private readonly tokens = new Map<string, CachedToken>();
  private basicChallenged = false;
  private credentials: Promise<Credentials | undefined> | undefined;

  constructor(
    private readonly registry: string,
    private readonly loadCredentials: () => Promise<Credentials | undefined>,
    private readonly http: HttpSettings,
  ) {}

  /** The Authorization header to send for a scope before any challenge, if one is known. */
  async headerFor(scope: string): Promise<string | undefined> {
    const cached = this.tokens.get(scope);
    if (cached && cached.expiresAt > Date.now()) return cached.header;
    if (this.basicChallenged) return this.basicHeader(await this.creds());
    return undefined;
  }

  /** Whether credentials are configured for this registry (drives the wording of errors). */
  async hasCredentials(): Promise<boolean> {
    return (await this.creds()) !== undefined;
  }

  /** Answers a 401 challenge; returns the header to retry with, or undefined when we have nothing to offer. */
  async answer(challenge: Challenge | undefined, scope: string, what: string): Promise<string | undefined> {
    if (challenge?.scheme === 'bearer') return this.fetchToken(challenge, scope, what);
    if (challenge?.scheme === 'basic' || challenge === undefined) {
      this.basicChallenged = true;
      return this.basicHeader(await this.creds());
    }
    throw new InputError(
      `${this.registry} asks for ${challenge.name} authentication, which is not supported`,
    );
  }

  private creds(): Promise<Credentials | undefined> {
    this.credentials ??= this.loadCredentials();
    return this.credentials;
  }

  private basicHeader(c: Credentials | undefined): string | undefined {
    if (!c?.username || c.password === undefined) return undefined;
    return `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;
  }

  private async fetchToken(
    ch: Extract<Challenge, { scheme: 'bearer' }>,
    fallbackScope: string,
    what: string,
  ): Promise<string> {
    const scope = ch.scope ?? fallbackScope;
    const creds = await this.creds();
    const realm = new URL(ch.realm);
    let response: Response;
    if (creds?.identityToken) {
      const form = new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: creds.identityToken,
        client_id: 'cleanroom',
      });
      if (ch.service) form.set('service', ch.service);
      form.set('scope', scope);
      response = await httpRequest(
        {
          url: realm.href,
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: form.toString(),
        },
        this.http,
      );
    } else {
      if (ch.service) realm.searchParams.set('service', ch.service);
      realm.searchParams.set('scope', scope);
      const basic = this.basicHeader(creds);
      response = await httpRequest(
        { url: realm.href, headers: basic ? { authorization: basic } : {} },
        this.http,
      );
    }
    const body = await response.text().catch(() => '');
    if (response.status === 401 || response.status === 403) {
      throw new InputError(
        creds
          ? `access denied to ${what}: the token server refused the credentials from ${creds.source}`
          : `authentication required for ${what}: no credentials found (run docker login ${this.registry})`,
      );
    }
    if (!response.ok)
      throw new InputError(
        `the token server of ${this.registry} answered HTTP ${response.status} for ${what}`,
      );
    let parsed;
    try {
      parsed = tokenAnswer.safeParse(JSON.parse(body));
    } catch {
      parsed = undefined;
    }
    const token = parsed?.success ? (parsed.data.token ?? parsed.data.access_token) : undefined;
    if (!token) throw new InputError(`the token server of ${this.registry} gave no token for ${what}`);
    // Spec: tokens live 60 s unless expires_in says otherwise; renew a little early.
    const lifetime = Math.max((parsed?.data?.expires_in ?? 60) - 10, 5) * 1000;
    const header = `Bearer ${token}`;
    this.tokens.set(scope, { header, expiresAt: Date.now() + lifetime });
    return header;
  }
}
