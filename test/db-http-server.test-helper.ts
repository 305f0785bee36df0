/**
 * A feed mirror for tests on 127.0.0.1: serves files from memory with ETags, answers
 * If-None-Match with 304 and Range (with If-Range) with 206, counts what it sends, and can cut
 * a download halfway by destroying the socket mid-body.
 */
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Served {
  path: string;
  status: number;
  bytes: number;
  range?: string;
}

export interface FeedMirror {
  url(path: string): string;
  files: Map<string, Buffer>;
  /** paths whose body is cut halfway */
  cut: Set<string>;
  log: Served[];
  close(): Promise<void>;
}

const etagOf = (body: Buffer) => `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;

/** Starts the mirror on a free port of 127.0.0.1. */
export async function startFeedMirror(): Promise<FeedMirror> {
  const files = new Map<string, Buffer>();
  const cut = new Set<string>();
  const log: Served[] = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const body = files.get(path);
    const record = (status: number, bytes: number) =>
      log.push({ path, status, bytes, range: req.headers.range });
    if (!body) {
      record(404, 0);
      res.writeHead(404).end();
      return;
    }
    const etag = etagOf(body);
    if (req.headers['if-none-match'] === etag) {
      record(304, 0);
      res.writeHead(304, { etag }).end();
      return;
    }
    let start = 0;
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    const ifRange = req.headers['if-range'];
    if (range && (!ifRange || ifRange === etag)) start = Number(range[1]);
    const part = body.subarray(start);
    const headers = { etag, 'content-length': String(part.length), 'accept-ranges': 'bytes' };
    const status = start > 0 ? 206 : 200;
    res.writeHead(
      status,
      start > 0
        ? { ...headers, 'content-range': `bytes ${start}-${body.length - 1}/${body.length}` }
        : headers,
    );
    if (cut.has(path)) {
      const half = part.subarray(0, Math.floor(part.length / 2));
      record(status, half.length);
      res.write(half, () => setTimeout(() => res.socket?.destroy(), 20));
      return;
    }
    record(status, part.length);
    res.end(part);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    files,
    cut,
    log,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
