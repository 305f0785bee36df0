/**
 * The web console (web/, built into dist/console by `npm run build:web`) served at `/`. It is the
 * server's not-found handler rather than a route, so the OpenAPI document keeps listing the API
 * only: a GET outside /api/ answers the file it names, else index.html (the console's own paths).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from './error-handler.js';
import type { TypedApp } from './routes/typed-app.js';

// src/server and dist/server are both two levels below the package root
export const CONSOLE_DIR = fileURLToPath(new URL('../../dist/console/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

/** Answers unknown GETs outside /api/ from the console folder; everything else is the API's 404. */
export function consoleHandler(app: TypedApp, dir = CONSOLE_DIR): void {
  app.setNotFoundHandler(async (request: FastifyRequest, reply: FastifyReply) => {
    let path: string;
    try {
      path = decodeURIComponent(request.url.split('?')[0]!);
    } catch {
      return reply
        .code(400)
        .send(errorBody('bad-input', 'the URL is not valid percent-encoded UTF-8', { code: 'bad-url' }));
    }
    if (
      (request.method !== 'GET' && request.method !== 'HEAD') ||
      path.startsWith('/api/') ||
      !existsSync(dir)
    )
      return reply.code(404).send(errorBody('not-found', `no route ${request.method} ${path.slice(0, 200)}`));
    const file = normalize(join(dir, path));
    // never outside the folder; a path with no file is a console page: index.html
    const inside = file.startsWith(dir.endsWith(sep) ? dir : dir + sep);
    const asset = inside && extname(file) !== '' && existsSync(file) ? file : join(dir, 'index.html');
    const hashed = asset.includes(`${sep}assets${sep}`);
    return reply
      .type(TYPES[extname(asset)] ?? 'application/octet-stream')
      .header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache')
      .send(await readFile(asset));
  });
}
