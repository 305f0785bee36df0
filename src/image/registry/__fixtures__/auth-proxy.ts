/**
 * Test proxy in front of a real docker-registry: demands a Bearer token (distribution's token
 * flow), runs its own token endpoint that checks basic credentials and scope, counts requests,
 * and can corrupt a blob or redirect blobs to a second "CDN" origin that records what it got.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxyOptions {
  upstream: string;
  username: string;
  password: string;
  token: string;
  /** the only scope tokens are issued for */
  scope: string;
  /** an OAuth2 refresh token (docker's identitytoken) the token endpoint also accepts by POST */
  refreshToken: string;
}

export interface AuthProxy {
  host: string;
  counts: { manifests: number; blobs: number; tokens: number; cdn: number };
  /** Authorization headers the CDN origin received */
  cdnAuthorization: (string | undefined)[];
  corruptBlob?: string;
  redirectBlobs: boolean;
  /** 'basic': the registry itself asks for Basic credentials, no token server */
  mode: 'bearer' | 'basic';
  /** hand anonymous callers a token that opens nothing, as Docker Hub does */
  anonymousTokens: boolean;
  stop(): Promise<void>;
}

async function bodyOf(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += (chunk as Buffer).toString();
  return text;
}

const listen = (server: Server) =>
  new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );

async function forward(
  upstreamUrl: string,
  res: ServerResponse,
  mutate?: (b: Buffer) => Buffer,
): Promise<void> {
  const up = await fetch(upstreamUrl, {
    headers: {
      accept:
        '*/*, application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json, application/vnd.docker.distribution.manifest.v2+json, application/vnd.docker.distribution.manifest.list.v2+json',
    },
  });
  let body: Buffer = Buffer.from(await up.arrayBuffer());
  if (mutate) body = mutate(body);
  const headers: Record<string, string> = {};
  for (const name of ['content-type', 'docker-content-digest']) {
    const v = up.headers.get(name);
    if (v) headers[name] = v;
  }
  res.writeHead(up.status, headers).end(body);
}

/** Starts the proxy (and its CDN twin) on 127.0.0.1. */
export async function startAuthProxy(opts: ProxyOptions): Promise<AuthProxy> {
  const cdn = createServer((req, res) => {
    state.counts.cdn++;
    state.cdnAuthorization.push(req.headers.authorization);
    void forward(`http://${opts.upstream}${req.url}`, res);
  });
  const cdnPort = await listen(cdn);
  const server = createServer((req, res) => void handle(req, res));
  const port = await listen(server);
  const realm = `http://127.0.0.1:${port}/token`;
  const state: AuthProxy = {
    host: `127.0.0.1:${port}`,
    counts: { manifests: 0, blobs: 0, tokens: 0, cdn: 0 },
    cdnAuthorization: [],
    redirectBlobs: false,
    mode: 'bearer',
    anonymousTokens: false,
    stop: async () => {
      server.closeAllConnections();
      cdn.closeAllConnections();
      await Promise.all([new Promise((r) => server.close(r)), new Promise((r) => cdn.close(r))]);
    },
  };
  const basic = `Basic ${Buffer.from(`${opts.username}:${opts.password}`).toString('base64')}`;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://${state.host}`);
    if (url.pathname === '/token' && req.method === 'POST') {
      state.counts.tokens++;
      const form = new URLSearchParams(await bodyOf(req));
      const ok =
        form.get('grant_type') === 'refresh_token' &&
        form.get('refresh_token') === opts.refreshToken &&
        form.get('scope') === opts.scope;
      if (!ok) return void res.writeHead(401).end();
      return void res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ access_token: opts.token }));
    }
    if (url.pathname === '/token') {
      state.counts.tokens++;
      if (state.anonymousTokens && !req.headers.authorization) {
        return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"token":"anonymous"}');
      }
      const ok =
        req.headers.authorization === basic &&
        url.searchParams.get('scope') === opts.scope &&
        url.searchParams.get('service') === 'test';
      if (!ok)
        return void res
          .writeHead(401, { 'content-type': 'application/json' })
          .end('{"details":"incorrect username or password"}');
      return void res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ token: opts.token, expires_in: 300 }));
    }
    if (state.mode === 'basic' && req.headers.authorization !== basic) {
      return void res.writeHead(401, { 'www-authenticate': 'Basic realm="test"' }).end();
    }
    if (state.mode === 'bearer' && req.headers.authorization !== `Bearer ${opts.token}`) {
      const repo = /^\/v2\/(.+?)\/(manifests|blobs|tags)\//.exec(url.pathname)?.[1] ?? 'private/alpine';
      return void res
        .writeHead(401, {
          'www-authenticate': `Bearer realm="${realm}",service="test",scope="repository:${repo}:pull"`,
          'content-type': 'application/json',
        })
        .end('{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}');
    }
    const blob = /\/blobs\/(sha256:[a-f0-9]{64})$/.exec(url.pathname)?.[1];
    if (blob) state.counts.blobs++;
    else if (url.pathname.includes('/manifests/')) state.counts.manifests++;
    if (blob && state.redirectBlobs)
      return void res.writeHead(307, { location: `http://localhost:${cdnPort}${url.pathname}` }).end();
    const corrupt =
      blob && blob === state.corruptBlob
        ? (b: Buffer) => Buffer.from(b.map((x, i) => (i === 100 ? x ^ 0xff : x)))
        : undefined;
    await forward(`http://${opts.upstream}${url.pathname}${url.search}`, res, corrupt);
  }
  return state;
}
